#include "sessions/LanSimulatorSession.h"

#include "tuyalan/session/LanSessionTracker.h"

namespace tuyascope {

LanSimulatorSession::LanSimulatorSession(const LanSimulatorConfig& config, QObject* parent)
    : LiveSession(QStringLiteral("Simulated LAN %1 (%2)").arg(config.profile.name, config.simulator.device.deviceId),
                  mcu::Family::Unknown, parent),
      m_config(config),
      m_simulator(std::make_unique<lansim::LanDeviceSimulator>(config.profile, config.simulator))
{
    trackClients(); // before the capture sees the bytes, so a frame's session key is known
    lansim::recordLanSimulator(capture(), *m_simulator);
    frames().setLanContextProvider([this](const LiveFrameEvent& event) { return decodeContext(event); });
    connect(m_simulator.get(), &lansim::LanDeviceSimulator::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("lan"), e); });
    connect(m_simulator.get(), &lansim::LanDeviceSimulator::clientConnected, this, [this] { updateClients(); });
    connect(m_simulator.get(), &lansim::LanDeviceSimulator::clientDisconnected, this, [this] { updateClients(); });
}

LanSimulatorSession::~LanSimulatorSession()
{
    stop();
}

// The frames are dissected with the device's key and, for 3.4/3.5, the session key the
// connection negotiated, followed by a tracker per client fed with the same bytes.
void LanSimulatorSession::trackClients()
{
    connect(m_simulator.get(), &lansim::LanDeviceSimulator::clientConnected, this, [this](const QString& client) {
        lan::LanSessionOptions options;
        options.localKey = m_config.simulator.device.localKey;
        options.version = m_config.simulator.device.version;
        options.versionBasis = lan::VersionBasis::User;
        m_trackers[client] = std::make_unique<lan::LanSessionTracker>(options);
    });
    connect(m_simulator.get(), &lansim::LanDeviceSimulator::bytesReceived, this,
            [this](const QString& client, qint64 timeUs, const QByteArray& bytes) {
                if (const auto it = m_trackers.find(client); it != m_trackers.end())
                    it->second->feed(lan::LanSender::Client, bytes, timeUs);
            });
    connect(m_simulator.get(), &lansim::LanDeviceSimulator::bytesSent, this,
            [this](const QString& client, qint64 timeUs, const QByteArray& bytes) {
                if (const auto it = m_trackers.find(client); it != m_trackers.end())
                    it->second->feed(lan::LanSender::Device, bytes, timeUs);
            });
}

lan::LanContext LanSimulatorSession::decodeContext(const LiveFrameEvent& event)
{
    lan::LanContext context;
    context.version = m_config.simulator.device.version;
    context.localKey = m_config.simulator.device.localKey;
    context.sender = event.direction == Direction::DeviceToApp ? lan::LanSender::Device : lan::LanSender::Client;
    context.captureTimeUs = event.timeUs;
    const QVector<ChannelInfo>& channels = capture().capture().channels();
    if (event.channel >= 0 && event.channel < channels.size()) {
        const auto it = m_trackers.find(channels.at(event.channel).name);
        if (it != m_trackers.end() && it->second->hasSessionKey())
            context.sessionKey = it->second->sessionKey();
    }
    return context;
}

void LanSimulatorSession::start()
{
    if (state() == State::Starting || state() == State::Running)
        return;
    setState(State::Starting, QStringLiteral("listening"));
    QString error;
    if (!m_simulator->start(&error)) {
        setState(State::Failed, error);
        return;
    }
    if (m_config.broadcast) {
        lansim::LanDiscoveryOptions discovery;
        discovery.version = m_config.simulator.device.version;
        discovery.deviceId = m_config.simulator.device.deviceId;
        discovery.productKey = m_config.productKey.isEmpty() ? m_config.profile.productId : m_config.productKey;
        discovery.ip = m_simulator->address().toString();
        discovery.port = m_config.broadcastPort;
        discovery.intervalMs = m_config.broadcastIntervalMs;
        discovery.listenForSolicitations = m_config.simulator.device.version == lan::LanVersion::V35;
        discovery.listenAddress = m_config.simulator.address;
        m_broadcaster = std::make_unique<lansim::LanDiscoveryBroadcaster>(discovery);
        connect(m_broadcaster.get(), &lansim::LanDiscoveryBroadcaster::event, this,
                [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("discovery"), e); });
        if (!m_broadcaster->start(&error)) {
            m_simulator->stop();
            m_broadcaster.reset();
            setState(State::Failed, QStringLiteral("discovery: %1").arg(error));
            return;
        }
    }
    setState(State::Running, QString()); // the words come from updateClients()
    updateClients();
}

void LanSimulatorSession::stop()
{
    if (state() != State::Starting && state() != State::Running)
        return;
    if (m_broadcaster)
        m_broadcaster->stop();
    m_broadcaster.reset();
    m_simulator->stop();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

void LanSimulatorSession::updateClients()
{
    if (state() != State::Running)
        return;
    const int clients = m_simulator->clientCount();
    setState(State::Running, QStringLiteral("LAN %1 device %2 on %3:%4%5, %6 client(s)")
                                 .arg(lan::versionName(m_config.simulator.device.version), m_config.simulator.device.deviceId,
                                      m_simulator->address().toString())
                                 .arg(m_simulator->port())
                                 .arg(m_broadcaster ? QStringLiteral(", announcing") : QString())
                                 .arg(clients));
}

} // namespace tuyascope
