#pragma once
// Enumerates serial ports (description, manufacturer, VID:PID) and watches for hot-plug.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

class QTimer;

namespace tuyascope {

struct SerialPortEntry {
    QString name;           // "ttyUSB0", "COM3"
    QString systemLocation; // "/dev/ttyUSB0"
    QString description;    // "CP2102 USB to UART Bridge Controller"
    QString manufacturer;
    QString serialNumber;
    bool hasVendorId = false;
    bool hasProductId = false;
    quint16 vendorId = 0;
    quint16 productId = 0;
    QString vidPid() const; // "10c4:ea60", or "" when unknown
};

QVector<SerialPortEntry> listSerialPorts();

// Polls the port list (Qt has no portable hot-plug signal) and reports changes.
class SerialPortWatcher : public QObject {
    Q_OBJECT
public:
    explicit SerialPortWatcher(QObject* parent = nullptr);
    void start(int intervalMs = 1000);
    void stop();
    const QVector<SerialPortEntry>& ports() const { return m_ports; }
    void refresh(); // re-reads the list now, emits portsChanged when it differs

signals:
    void portsChanged(const QStringList& added, const QStringList& removed); // system locations

private:
    QTimer* m_timer = nullptr;
    QVector<SerialPortEntry> m_ports;
};

} // namespace tuyascope
