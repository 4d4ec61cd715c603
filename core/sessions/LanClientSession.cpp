#include "sessions/LanClientSession.h"

#include <QJsonDocument>

namespace tuyascope {

namespace {

const QString kWho = QStringLiteral("lan");

QString lanTitle(const LanClientSessionConfig& config)
{
    const QString device = config.deviceName.isEmpty() ? config.client.deviceId : config.deviceName;
    return QStringLiteral("LAN %1 at %2").arg(device, config.client.host);
}

} // namespace

LanClientSession::LanClientSession(const LanClientSessionConfig& config, QObject* parent)
    : LiveSession(lanTitle(config), mcu::Family::Unknown, parent), m_config(config)
{
    if (m_config.client.heartbeatIntervalMs <= 0)
        m_config.client.heartbeatIntervalMs = 10000; // a monitor keeps the connection alive
    m_client = std::make_unique<lanclient::LanClient>(m_config.client, &capture());
    m_supervisor = std::make_unique<lanclient::LanClientSupervisor>(*m_client, m_config.reconnect);
    m_supervisor->setPollInterval(m_config.pollIntervalMs);
    lanclient::LanClient* client = m_client.get();
    frames().setLanContextProvider([client](const LiveFrameEvent& event) { return client->decodeContext(event.direction); });

    connect(client, &lanclient::LanClient::event, this, [this](const AgentEvent& e) { emit agentEvent(kWho, e); });
    connect(m_supervisor.get(), &lanclient::LanClientSupervisor::event, this, [this](const AgentEvent& e) { emit agentEvent(kWho, e); });
    connect(client, &lanclient::LanClient::errorOccurred, this, [this](const lanclient::LanClientError& error) {
        if (!error.fatal) // fatal ones: the supervisor reconnects or gives up, and says so
            emit agentEvent(kWho, AgentEvent::now(Severity::Warning, error.codeName(), error.message));
    });
    connect(client, &lanclient::LanClient::ready, this, [this] {
        if (state() == State::Starting || state() == State::Reconnecting || state() == State::Running)
            setState(State::Running, QStringLiteral("connected to %1, protocol %2%3")
                                         .arg(endpoint(), lan::versionName(m_config.client.version),
                                              m_client->isDevice22() ? QStringLiteral(" (device22)") : QString()));
    });
    connect(m_supervisor.get(), &lanclient::LanClientSupervisor::connectionLost, this,
            [this](const lanclient::LanClientError& error, int delayMs, int attempt) {
                setState(State::Reconnecting, QStringLiteral("%1 (%2): reconnecting to %3 in %4 s (attempt %5)")
                                                  .arg(error.message, error.codeName(), endpoint())
                                                  .arg(delayMs / 1000.0)
                                                  .arg(attempt));
            });
    connect(m_supervisor.get(), &lanclient::LanClientSupervisor::failed, this, [this](const lanclient::LanClientError& error) {
        emit agentEvent(kWho, AgentEvent::now(Severity::Error, error.codeName(), error.message));
        setState(State::Failed, QStringLiteral("%1 (%2)").arg(error.message, error.codeName()));
    });
}

LanClientSession::~LanClientSession()
{
    stop();
}

QString LanClientSession::endpoint() const
{
    return QStringLiteral("%1:%2").arg(m_config.client.host).arg(m_config.client.port);
}

void LanClientSession::start()
{
    if (state() == State::Starting || state() == State::Running || state() == State::Reconnecting)
        return;
    setState(State::Starting, QStringLiteral("connecting to %1").arg(endpoint()));
    m_supervisor->start();
}

void LanClientSession::stop()
{
    if (state() == State::Idle || state() == State::Stopped)
        return;
    m_supervisor->stop();
    m_client->disconnectFromDevice();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

bool LanClientSession::ready(QString* error) const
{
    if (m_client->state() == lanclient::LanClient::State::Ready)
        return true;
    if (error)
        *error = QStringLiteral("not connected to %1 (%2)").arg(endpoint(), stateText());
    return false;
}

bool LanClientSession::queryLanStatus(QString* error)
{
    if (!ready(error))
        return false;
    m_client->queryStatus();
    return true;
}

bool LanClientSession::setLanDps(const QJsonObject& dps, QString* error)
{
    if (dps.isEmpty()) {
        if (error)
            *error = QStringLiteral("no DPs to set");
        return false;
    }
    if (!ready(error))
        return false;
    lanclient::DpList list;
    for (auto it = dps.begin(); it != dps.end(); ++it)
        list.push_back({it.key(), it.value()});
    m_client->setDps(list);
    return true;
}

} // namespace tuyascope
