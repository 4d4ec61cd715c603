#pragma once
// The send panel's history: command lines, most recent first, kept in QSettings "state/sendHistory".
#include <QString>
#include <QStringList>

namespace tuyascope::ui::SendPanelHistory {

constexpr int kMaxEntries = 50;

QStringList load();
void save(const QStringList& entries);
// `entries` with `entry` moved (or added) to the front, at most kMaxEntries long.
QStringList withEntry(QStringList entries, const QString& entry);

} // namespace tuyascope::ui::SendPanelHistory
