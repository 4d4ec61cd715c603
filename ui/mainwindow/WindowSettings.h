#pragma once
// What the window remembers, in two QSettings groups kept apart: "settings" for the user's
// choices (time format, ...) and "state" for layout, last directory and recent files.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::ui::WindowSettings {

int timeFormat();
void setTimeFormat(int format);

QByteArray geometry();
void setGeometry(const QByteArray& geometry);
QByteArray windowState();
void setWindowState(const QByteArray& state);
QString lastDirectory();
void setLastDirectory(const QString& directory);
// Recently opened captures; each entry is the file list opened together (an RX + TX pair).
QVector<QStringList> recent();
void addRecent(const QStringList& paths);
constexpr int kMaxRecent = 10;

} // namespace tuyascope::ui::WindowSettings
