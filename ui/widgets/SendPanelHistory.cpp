#include "widgets/SendPanelHistory.h"

#include <QSettings>

namespace tuyascope::ui::SendPanelHistory {

namespace {
const QString kKey = QStringLiteral("state/sendHistory");
}

QStringList load()
{
    QStringList entries = QSettings().value(kKey).toStringList();
    entries.removeAll(QString());
    if (entries.size() > kMaxEntries)
        entries = entries.mid(0, kMaxEntries);
    return entries;
}

void save(const QStringList& entries)
{
    QSettings().setValue(kKey, entries.mid(0, kMaxEntries));
}

QStringList withEntry(QStringList entries, const QString& entry)
{
    if (entry.trimmed().isEmpty())
        return entries;
    entries.removeAll(entry);
    entries.prepend(entry);
    while (entries.size() > kMaxEntries)
        entries.removeLast();
    return entries;
}

} // namespace tuyascope::ui::SendPanelHistory
