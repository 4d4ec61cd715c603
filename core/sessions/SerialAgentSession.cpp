#include "sessions/SerialAgentSession.h"

namespace tuyascope {

QString serialReconnectText(const SerialTransport& port)
{
    return QStringLiteral("reconnecting to %1 every %2 ms").arg(port.name()).arg(port.settings().reconnectIntervalMs);
}

SerialAgentSession::SerialAgentSession(const QString& title, mcu::Family family, const SerialSettings& serial, QObject* parent)
    : LiveSession(title, family, parent), m_port(std::make_unique<SerialTransport>(serial))
{
    connect(m_port.get(), &Transport::stateChanged, this, [this] { updateState(); });
    connect(m_port.get(), &Transport::errorOccurred, this, [this](const QString& message) {
        emit agentEvent(QStringLiteral("link"), AgentEvent::now(Severity::Warning, QStringLiteral("LINK_ERROR"), message));
    });
}

SerialAgentSession::~SerialAgentSession() = default;

bool SerialAgentSession::isActive() const
{
    return state() == State::Starting || state() == State::Running || state() == State::Reconnecting;
}

void SerialAgentSession::start()
{
    if (isActive())
        return;
    setState(State::Starting, QStringLiteral("opening %1").arg(m_port->settings().port));
    if (!m_port->open()) {
        setState(State::Failed, m_port->errorString());
        return;
    }
    startAgent();
    updateState();
}

void SerialAgentSession::stop()
{
    if (!isActive())
        return;
    stopAgent();
    m_port->close();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

void SerialAgentSession::updateState()
{
    if (!isActive())
        return;
    if (m_port->state() == Transport::State::Reconnecting)
        setState(State::Reconnecting, serialReconnectText(*m_port));
    else if (m_port->state() == Transport::State::Open)
        updateRunningState();
}

} // namespace tuyascope
