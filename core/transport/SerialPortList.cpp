#include "transport/SerialPortList.h"

#include "platform/SerialNames.h"

#include <QSerialPortInfo>
#include <QSet>
#include <QTimer>

namespace tuyascope {

QString SerialPortEntry::vidPid() const
{
    if (!hasVendorId || !hasProductId)
        return QString();
    return QStringLiteral("%1:%2")
        .arg(vendorId, 4, 16, QLatin1Char('0'))
        .arg(productId, 4, 16, QLatin1Char('0'))
        .toLower();
}

QVector<SerialPortEntry> listSerialPorts()
{
    QVector<SerialPortEntry> entries;
    const QList<QSerialPortInfo> infos = QSerialPortInfo::availablePorts();
    entries.reserve(infos.size());
    for (const QSerialPortInfo& info : infos) {
        if (!platform::serialPortWorthListing(info.systemLocation()))
            continue;
        SerialPortEntry entry;
        entry.name = info.portName();
        entry.systemLocation = info.systemLocation();
        entry.description = info.description();
        entry.manufacturer = info.manufacturer();
        entry.serialNumber = info.serialNumber();
        entry.hasVendorId = info.hasVendorIdentifier();
        entry.hasProductId = info.hasProductIdentifier();
        entry.vendorId = entry.hasVendorId ? info.vendorIdentifier() : quint16(0);
        entry.productId = entry.hasProductId ? info.productIdentifier() : quint16(0);
        entries.append(entry);
    }
    return entries;
}

SerialPortWatcher::SerialPortWatcher(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &SerialPortWatcher::refresh);
}

void SerialPortWatcher::start(int intervalMs)
{
    m_timer->start(qMax(50, intervalMs));
    refresh(); // the ports present now are reported as added at once
}

void SerialPortWatcher::stop()
{
    m_timer->stop();
}

void SerialPortWatcher::refresh()
{
    QVector<SerialPortEntry> now = listSerialPorts();
    QSet<QString> before;
    for (const SerialPortEntry& entry : m_ports)
        before.insert(entry.systemLocation);
    QSet<QString> after;
    for (const SerialPortEntry& entry : now)
        after.insert(entry.systemLocation);

    QStringList added;
    for (const SerialPortEntry& entry : now)
        if (!before.contains(entry.systemLocation) && !added.contains(entry.systemLocation))
            added.append(entry.systemLocation);
    QStringList removed;
    for (const SerialPortEntry& entry : m_ports)
        if (!after.contains(entry.systemLocation) && !removed.contains(entry.systemLocation))
            removed.append(entry.systemLocation);

    m_ports = std::move(now); // descriptions may change without the set changing: keep fresh
    if (!added.isEmpty() || !removed.isEmpty())
        emit portsChanged(added, removed);
}

} // namespace tuyascope
