#pragma once
// The simulated Tuya LAN device: a TCP server (default 127.0.0.1:6668; any address only when
// told) whose connections each run a LanDeviceSession over one shared LanDpModel. It limits
// the clients (default one: a second connection is refused, or the oldest dropped), closes
// silent clients after the heartbeat timeout, reports DPs as the profile says (random walk,
// periodic, toggle) with STATUS pushes, and pushes one client's writes to the others.
// Every byte received and sent is announced per client ("client 127.0.0.1:54321") so a
// LiveCapture can record it (recordLanSimulator).

#include "lansim/LanDeviceSession.h"
#include "lansim/LanDpModel.h"

#include <QHostAddress>
#include <QObject>

#include <map>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace tuyascope {
class LiveCapture;
}

namespace tuyascope::lansim {

struct LanSimulatorOptions {
    LanDeviceConfig device;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 6668;             // 0 = any free port (see LanDeviceSimulator::port())
    int maxClients = 1;              // TuyaOpen: 3; many real devices: 1
    bool dropOldest = false;         // when full: drop the oldest client instead of refusing the new one
    int heartbeatTimeoutMs = 30000;  // close a client silent for this long; 0 = never
    bool reporting = true;           // the profile's report modes
    double timeScale = 1.0;          // multiplies report periods
    quint32 seed = 0;                // DP random walk; 0 = from the clock
};

class LanDeviceSimulator : public QObject {
    Q_OBJECT
public:
    LanDeviceSimulator(const DeviceProfile& profile, const LanSimulatorOptions& options, QObject* parent = nullptr);
    ~LanDeviceSimulator() override;

    bool start(QString* error);
    void stop();
    quint16 port() const;
    QHostAddress address() const;
    int clientCount() const { return int(m_clients.size()); }
    QStringList clientNames() const;
    LanDpModel& model() { return m_model; }
    const LanSimulatorOptions& options() const { return m_options; }

    // Sends a STATUS push of `dps` to every keyed client (e.g. after changing the model).
    void pushStatus(const QJsonObject& dps);

signals:
    void event(const tuyascope::AgentEvent& event);
    void clientConnected(const QString& client);
    void clientDisconnected(const QString& client);
    void bytesReceived(const QString& client, qint64 timeUs, const QByteArray& bytes);
    void bytesSent(const QString& client, qint64 timeUs, const QByteArray& bytes);

private:
    struct Client {
        QTcpSocket* socket = nullptr;
        std::unique_ptr<LanDeviceSession> session;
        QString name;
        qint64 connectedUs = 0;
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void onDisconnected(QTcpSocket* socket);
    void checkTimeouts();
    void report(int dpIndex);
    void send(Client& client, const QByteArray& bytes);
    void flushSession(Client& client);
    void drop(QTcpSocket* socket, const QString& code, const QString& why);
    void say(Severity severity, const QString& code, const QString& message);

    LanSimulatorOptions m_options;
    LanDpModel m_model;
    QTcpServer* m_server;
    QTimer* m_timeoutTimer;
    std::map<QTcpSocket*, Client> m_clients;
    QVector<QTimer*> m_reportTimers;
};

// Records every client's bytes in `live`: two channels per connection, both named
// "client <ip>:<port>", one AppToDevice (received) and one DeviceToApp (sent).
void recordLanSimulator(LiveCapture& live, LanDeviceSimulator& simulator);

} // namespace tuyascope::lansim
