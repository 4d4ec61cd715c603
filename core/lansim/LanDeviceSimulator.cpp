#include "lansim/LanDeviceSimulator.h"

#include "common/Clock.h"
#include "live/LiveCapture.h"

#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace tuyascope::lansim {

namespace {

quint32 seedOf(quint32 seed) { return seed ? seed : quint32(nowUs() & 0xFFFFFFFF) | 1u; }

QString peerName(const QTcpSocket* socket)
{
    QHostAddress address = socket->peerAddress();
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    if (ok)
        address = QHostAddress(v4);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("client %1:%2").arg(host).arg(socket->peerPort());
}

} // namespace

LanDeviceSimulator::LanDeviceSimulator(const DeviceProfile& profile, const LanSimulatorOptions& options, QObject* parent)
    : QObject(parent),
      m_options(options),
      m_model(profile, seedOf(options.seed)),
      m_server(new QTcpServer(this)),
      m_timeoutTimer(new QTimer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &LanDeviceSimulator::onNewConnection);
    connect(m_timeoutTimer, &QTimer::timeout, this, &LanDeviceSimulator::checkTimeouts);
}

LanDeviceSimulator::~LanDeviceSimulator() { stop(); }

bool LanDeviceSimulator::start(QString* error)
{
    if (m_options.device.localKey.size() != 16) {
        if (error)
            *error = QStringLiteral("the local key must be 16 characters");
        return false;
    }
    if (!m_server->listen(m_options.address, m_options.port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_options.address.toString())
                         .arg(m_options.port)
                         .arg(m_server->errorString());
        return false;
    }
    if (m_options.heartbeatTimeoutMs > 0) {
        m_timeoutTimer->start(qBound(10, m_options.heartbeatTimeoutMs / 4, 1000));
    }
    if (m_options.reporting) {
        const QVector<DpProfile>& dps = m_model.profile().dps;
        for (int i = 0; i < dps.size(); ++i) {
            if (dps[i].reporting == DpProfile::Reporting::None || dps[i].intervalMs <= 0)
                continue;
            auto* timer = new QTimer(this);
            connect(timer, &QTimer::timeout, this, [this, i] { report(i); });
            timer->start(qMax(10, int(double(dps[i].intervalMs) * m_options.timeScale)));
            m_reportTimers.push_back(timer);
        }
    }
    say(Severity::Note, event::Listening,
        QStringLiteral("%1 device %2 listening on %3:%4")
            .arg(versionName(m_options.device.version), m_options.device.deviceId, m_server->serverAddress().toString())
            .arg(m_server->serverPort()));
    return true;
}

void LanDeviceSimulator::stop()
{
    for (QTimer* t : std::as_const(m_reportTimers))
        t->deleteLater();
    m_reportTimers.clear();
    m_timeoutTimer->stop();
    m_server->close();
    while (!m_clients.empty()) {
        QTcpSocket* socket = m_clients.begin()->first;
        const QString name = m_clients.begin()->second.name;
        socket->disconnect(this);
        m_clients.erase(m_clients.begin());
        socket->abort();
        socket->deleteLater();
        emit clientDisconnected(name);
    }
}

quint16 LanDeviceSimulator::port() const { return m_server->serverPort(); }

QHostAddress LanDeviceSimulator::address() const { return m_server->serverAddress(); }

QStringList LanDeviceSimulator::clientNames() const
{
    QStringList names;
    for (const auto& [socket, client] : m_clients)
        names << client.name;
    return names;
}

void LanDeviceSimulator::say(Severity severity, const QString& code, const QString& message)
{
    emit event(AgentEvent::now(severity, code, message));
}

void LanDeviceSimulator::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        const QString name = peerName(socket);
        if (int(m_clients.size()) >= qMax(1, m_options.maxClients)) {
            if (!m_options.dropOldest || m_clients.empty()) {
                say(Severity::Warning, event::ClientRefused,
                    QStringLiteral("%1 refused: %2 client(s) already connected").arg(name).arg(m_clients.size()));
                socket->abort();
                socket->deleteLater();
                continue;
            }
            auto oldest = m_clients.begin();
            for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
                if (it->second.connectedUs < oldest->second.connectedUs)
                    oldest = it;
            }
            drop(oldest->first, event::ClientDropped, QStringLiteral("dropped for the new connection of %1").arg(name));
        }
        Client client;
        client.socket = socket;
        client.name = name;
        client.connectedUs = nowUs();
        client.session = std::make_unique<LanDeviceSession>(m_options.device, m_model, name);
        m_clients.emplace(socket, std::move(client));
        emit clientConnected(name);
        say(Severity::Note, event::ClientConnected, QStringLiteral("%1 connected").arg(name));
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void LanDeviceSimulator::send(Client& client, const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return;
    emit bytesSent(client.name, nowUs(), bytes);
    client.socket->write(bytes);
}

void LanDeviceSimulator::flushSession(Client& client)
{
    for (const AgentEvent& e : client.session->takeEvents())
        emit event(e);
}

void LanDeviceSimulator::onReadyRead(QTcpSocket* socket)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    Client& client = it->second;
    const QByteArray bytes = socket->readAll();
    if (bytes.isEmpty())
        return;
    const qint64 now = nowUs();
    emit bytesReceived(client.name, now, bytes);
    const QByteArray reply = client.session->feed(bytes, now);
    send(client, reply);
    flushSession(client);
    const QJsonObject changed = client.session->takeChanged();
    if (!changed.isEmpty()) {
        for (auto& [otherSocket, other] : m_clients) {
            if (otherSocket != socket) {
                send(other, other.session->statusPush(changed, now));
                flushSession(other);
            }
        }
    }
    if (client.session->shouldClose())
        drop(socket, event::ClientClosed, QStringLiteral("closed by the device: %1").arg(client.session->closeReason()));
}

void LanDeviceSimulator::drop(QTcpSocket* socket, const QString& code, const QString& why)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    const QString name = it->second.name;
    socket->disconnect(this);
    socket->flush();
    m_clients.erase(it);
    socket->disconnectFromHost();
    socket->deleteLater();
    say(Severity::Warning, code, QStringLiteral("%1 %2").arg(name, why));
    emit clientDisconnected(name);
}

void LanDeviceSimulator::onDisconnected(QTcpSocket* socket)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    const QString name = it->second.name;
    m_clients.erase(it);
    socket->deleteLater();
    say(Severity::Note, event::ClientClosed, QStringLiteral("%1 disconnected").arg(name));
    emit clientDisconnected(name);
}

void LanDeviceSimulator::checkTimeouts()
{
    const qint64 now = nowUs();
    QVector<QTcpSocket*> silent;
    for (const auto& [socket, client] : m_clients) {
        const qint64 last = qMax(client.connectedUs, client.session->lastValidFrameUs());
        if (now - last > qint64(m_options.heartbeatTimeoutMs) * 1000)
            silent.push_back(socket);
    }
    for (QTcpSocket* socket : std::as_const(silent))
        drop(socket, event::ClientTimeout,
             QStringLiteral("closed: no valid frame for %1 ms (heartbeat timeout)").arg(m_options.heartbeatTimeoutMs));
}

void LanDeviceSimulator::report(int dpIndex)
{
    const QVector<DpProfile>& dps = m_model.profile().dps;
    if (dpIndex < 0 || dpIndex >= dps.size())
        return;
    const DpProfile& dp = dps[dpIndex];
    const bool changed = m_model.state().advance(dp);
    if (!changed && dp.reporting != DpProfile::Reporting::Periodic)
        return;
    QJsonObject push;
    push.insert(QString::number(dp.id), m_model.value(dp.id));
    if (!m_clients.empty())
        say(Severity::Chat, event::DpReported, QStringLiteral("%1 reported").arg(dp.label()));
    pushStatus(push);
}

void LanDeviceSimulator::pushStatus(const QJsonObject& dps)
{
    const qint64 now = nowUs();
    for (auto& [socket, client] : m_clients) {
        send(client, client.session->statusPush(dps, now));
        flushSession(client);
    }
}

void recordLanSimulator(LiveCapture& live, LanDeviceSimulator& simulator)
{
    struct Channels {
        int received = -1;
        int sent = -1;
    };
    auto channels = std::make_shared<QHash<QString, Channels>>();
    const QString source = QStringLiteral("tcp %1:%2").arg(simulator.options().address.toString()).arg(simulator.options().port);
    QObject::connect(&simulator, &LanDeviceSimulator::clientConnected, &live, [&live, channels, source](const QString& client) {
        ChannelInfo in;
        in.name = client;
        in.direction = Direction::AppToDevice;
        in.source = source;
        in.description = QStringLiteral("received by TuyaScope as the LAN device");
        ChannelInfo out = in;
        out.direction = Direction::DeviceToApp;
        out.description = QStringLiteral("sent by TuyaScope as the LAN device");
        Channels c;
        c.received = live.addChannel(in);
        c.sent = live.addChannel(out);
        channels->insert(client, c);
    });
    QObject::connect(&simulator, &LanDeviceSimulator::bytesReceived, &live,
                     [&live, channels](const QString& client, qint64 timeUs, const QByteArray& bytes) {
                         live.appendChunk(channels->value(client).received, timeUs, bytes);
                     });
    QObject::connect(&simulator, &LanDeviceSimulator::bytesSent, &live,
                     [&live, channels](const QString& client, qint64 timeUs, const QByteArray& bytes) {
                         live.appendChunk(channels->value(client).sent, timeUs, bytes);
                     });
}

} // namespace tuyascope::lansim
