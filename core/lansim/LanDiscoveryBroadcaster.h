#pragma once
// The UDP announcement a Tuya device sends every few seconds (reference section 9):
//   3.1      55AA cmd 0x00, plaintext JSON                         default port 6666
//   3.2/3.3  55AA cmd 0x13, AES-ECB(UDP key), CRC32                default port 6667
//   3.4      55AA cmd 0x23, AES-ECB(UDP key), CRC32                default port 6667
//   3.5      6699 cmd 0x13, AES-GCM(UDP key), retcode + JSON       default port 7000
// JSON: {"ip","gwId","active":2,"ablilty":0,"encrypt","productKey","version"}. Sent to
// 127.0.0.1 unless told otherwise. It can also listen for the 3.5 app solicitation (cmd 0x25,
// {"from":"app","ip":...}) and answers it with the announcement, to the soliciting socket.

#include "dissect/AgentEvent.h"
#include "tuyalan/LanVersion.h"

#include <QHostAddress>
#include <QObject>

class QTimer;
class QUdpSocket;

namespace tuyascope::lansim {

struct LanDiscoveryOptions {
    lan::LanVersion version = lan::LanVersion::V33;
    QString deviceId;
    QString productKey;
    QString ip = QStringLiteral("127.0.0.1");          // the "ip" the device announces
    QHostAddress target = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;                                   // 0 = the version's port (6666/6667/7000)
    int intervalMs = 5000;                              // 0 = no unsolicited announcements
    bool listenForSolicitations = false;
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 7000;                          // 0 = any free port (see listenPort())
};

class LanDiscoveryBroadcaster : public QObject {
    Q_OBJECT
public:
    explicit LanDiscoveryBroadcaster(const LanDiscoveryOptions& options, QObject* parent = nullptr);
    ~LanDiscoveryBroadcaster() override;

    static quint16 defaultPort(lan::LanVersion version);
    // The announcement datagram for `options` (empty with an error when it cannot be built).
    static QByteArray announcement(const LanDiscoveryOptions& options, QString* error = nullptr);

    bool start(QString* error);
    void stop();
    void announceNow();
    quint16 listenPort() const;
    quint16 targetPort() const;

signals:
    void event(const tuyascope::AgentEvent& event);
    void datagramSent(qint64 timeUs, const QByteArray& datagram);

private:
    void onSolicitation();

    LanDiscoveryOptions m_options;
    QUdpSocket* m_sender;
    QUdpSocket* m_listener = nullptr;
    QTimer* m_timer;
};

} // namespace tuyascope::lansim
