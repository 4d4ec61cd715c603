#include "mainwindow/WindowSettings.h"

#include <QDir>
#include <QSettings>
#include <QVariantList>

namespace tuyascope::ui::WindowSettings {

namespace {

QVariant read(const QString& key, const QVariant& fallback = {})
{
    return QSettings().value(key, fallback);
}

void write(const QString& key, const QVariant& value)
{
    QSettings().setValue(key, value);
}

} // namespace

int timeFormat() { return read(QStringLiteral("settings/timeFormat"), 0).toInt(); }
void setTimeFormat(int format) { write(QStringLiteral("settings/timeFormat"), format); }

QByteArray geometry() { return read(QStringLiteral("state/geometry")).toByteArray(); }
void setGeometry(const QByteArray& geometry) { write(QStringLiteral("state/geometry"), geometry); }
QByteArray windowState() { return read(QStringLiteral("state/windowState")).toByteArray(); }
void setWindowState(const QByteArray& state) { write(QStringLiteral("state/windowState"), state); }
QString lastDirectory() { return read(QStringLiteral("state/lastDirectory"), QDir::homePath()).toString(); }
void setLastDirectory(const QString& directory) { write(QStringLiteral("state/lastDirectory"), directory); }

QVector<QStringList> recent()
{
    QVector<QStringList> entries;
    for (const QVariant& v : read(QStringLiteral("state/recentFiles")).toList())
        if (!v.toStringList().isEmpty())
            entries.push_back(v.toStringList());
    return entries;
}

void addRecent(const QStringList& paths)
{
    QVector<QStringList> entries = recent();
    entries.removeAll(paths);
    entries.prepend(paths);
    QVariantList list;
    for (int i = 0; i < entries.size() && i < kMaxRecent; ++i)
        list << QVariant(entries.at(i));
    write(QStringLiteral("state/recentFiles"), list);
}

} // namespace tuyascope::ui::WindowSettings
