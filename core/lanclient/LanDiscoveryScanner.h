#pragma once
// Listens for Tuya LAN discovery broadcasts (reference 9) on UDP 6666 (3.1 plain JSON), 6667
// (3.2-3.4 AES-ECB with the UDP key, 3.5 GCM) and 7000 (3.5 answers), reports every device once,
// and sends the 3.5 app solicitation (0x25, {"from":"app","ip":...}) periodically so 3.5 devices
// answer. Ports and the solicitation target are configurable (tests use free local ports).

#include "tuyalan/LanVersion.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QVector>

class QTimer;
class QUdpSocket;

namespace tuyascope::lanclient {

struct DiscoveredDevice {
    QString gwId;
    QString ip;            // from the announcement, else the datagram's sender
    QString version;       // "3.3"; from the announcement, else the framing
    QString productKey;
    quint16 port = 0;      // UDP port the announcement arrived on
    QJsonObject json;      // the whole announcement
};

struct LanScannerConfig {
    QVector<quint16> ports = {6666, 6667, 7000};
    bool solicit = true;                                // send the 3.5 app solicitation
    QHostAddress solicitTarget = QHostAddress::Broadcast;
    quint16 solicitPort = 7000;
    int solicitIntervalMs = 6000;
    QString appIp;                                      // "ip" of the solicitation; empty = first IPv4 of this host
};

class LanDiscoveryScanner : public QObject {
    Q_OBJECT
public:
    explicit LanDiscoveryScanner(const LanScannerConfig& config = {}, QObject* parent = nullptr);
    ~LanDiscoveryScanner() override;

    // Binds every port; ports that cannot be bound are reported as warnings (not fatal unless
    // none could be bound). Returns false when nothing could be bound.
    bool start(QString* error = nullptr);
    void stop();
    void sendSolicitation();

    QVector<DiscoveredDevice> devices() const { return m_devices; }
    QVector<quint16> boundPorts() const;

    // Decodes one datagram (any supported version); false when it is no device announcement.
    static bool decodeAnnouncement(const QByteArray& datagram, DiscoveredDevice* device);
    // The 0x25 solicitation datagram.
    static QByteArray solicitationDatagram(const QString& appIp);

signals:
    void deviceFound(const tuyascope::lanclient::DiscoveredDevice& device);
    void warning(const QString& message);

private:
    void readPending(QUdpSocket* socket, quint16 port);

    LanScannerConfig m_config;
    QVector<QUdpSocket*> m_sockets;
    QUdpSocket* m_sender = nullptr;
    QTimer* m_timer = nullptr;
    QSet<QString> m_seen;
    QVector<DiscoveredDevice> m_devices;
};

} // namespace tuyascope::lanclient

Q_DECLARE_METATYPE(tuyascope::lanclient::DiscoveredDevice)
