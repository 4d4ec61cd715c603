#include "sessions/SerialHostSession.h"

#include "live/LiveWiring.h"

#include <QMetaEnum>

namespace tuyascope {

namespace {

QString stageName(ModuleHost::Stage stage)
{
    return QString::fromLatin1(QMetaEnum::fromType<ModuleHost::Stage>().valueToKey(int(stage)));
}

} // namespace

QString serialReconnectText(const SerialTransport& port)
{
    return QStringLiteral("reconnecting to %1 every %2 ms").arg(port.name()).arg(port.settings().reconnectIntervalMs);
}

SerialHostSession::SerialHostSession(const SerialHostConfig& config, QObject* parent)
    : LiveSession(QStringLiteral("Host on %1").arg(config.serial.port), config.family, parent),
      m_config(config),
      m_port(std::make_unique<SerialTransport>(config.serial))
{
    HostOptions options;
    options.family = config.family;
    options.networkStatus = config.networkStatus;
    options.heartbeatIntervalMs = config.heartbeatIntervalMs;
    m_host = std::make_unique<ModuleHost>(m_port.get(), options);
    recordHost(capture(), *m_host, *m_port);
    connect(m_host.get(), &ModuleHost::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("host"), e); });
    connect(m_host.get(), &ModuleHost::initCompleted, this, [this](mcu::Family family) {
        if (m_config.family == mcu::Family::Unknown)
            frames().decoder().setFamily(family, QStringLiteral("the host's start-up settled it"));
        updateState();
    });
    connect(m_host.get(), &ModuleHost::stageChanged, this, [this] { updateState(); });
    connect(m_port.get(), &Transport::stateChanged, this, [this] { updateState(); });
    connect(m_port.get(), &Transport::errorOccurred, this, [this](const QString& message) {
        emit agentEvent(QStringLiteral("link"), AgentEvent::now(Severity::Warning, QStringLiteral("LINK_ERROR"), message));
    });
}

SerialHostSession::~SerialHostSession()
{
    stop();
}

void SerialHostSession::start()
{
    if (state() == State::Starting || state() == State::Running || state() == State::Reconnecting)
        return;
    setState(State::Starting, QStringLiteral("opening %1").arg(m_config.serial.port));
    if (!m_port->open()) {
        setState(State::Failed, m_port->errorString());
        return;
    }
    m_host->start();
    updateState();
}

void SerialHostSession::stop()
{
    if (state() == State::Idle || state() == State::Stopped || state() == State::Failed)
        return;
    m_host->stop();
    m_port->close();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

bool SerialHostSession::sendMcu(const mcu::SendRequest& request, QString* error)
{
    return m_host->send(request, error);
}

// Running once the link is open and the MCU has been brought up at least once; a lost port is
// Reconnecting whatever the host thinks.
void SerialHostSession::updateState()
{
    if (state() != State::Starting && state() != State::Running && state() != State::Reconnecting)
        return;
    if (m_port->state() == Transport::State::Reconnecting) {
        setState(State::Reconnecting, serialReconnectText(*m_port));
        return;
    }
    if (m_port->state() != Transport::State::Open)
        return;
    const QString text = QStringLiteral("host on %1 at %2 baud: %3")
                             .arg(m_port->name())
                             .arg(m_config.serial.baudRate)
                             .arg(stageName(m_host->stage()));
    setState(m_host->initComplete() ? State::Running : State::Starting, text);
}

} // namespace tuyascope
