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

SerialHostSession::SerialHostSession(const SerialHostConfig& config, QObject* parent)
    : SerialAgentSession(QStringLiteral("Host on %1").arg(config.serial.port), config.family, config.serial, parent),
      m_config(config)
{
    HostOptions options;
    options.family = config.family;
    options.networkStatus = config.networkStatus;
    options.heartbeatIntervalMs = config.heartbeatIntervalMs;
    m_host = std::make_unique<ModuleHost>(&port(), options);
    recordHost(capture(), *m_host, port());
    connect(m_host.get(), &ModuleHost::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("host"), e); });
    connect(m_host.get(), &ModuleHost::initCompleted, this, [this](mcu::Family family) {
        if (m_config.family == mcu::Family::Unknown)
            frames().decoder().setFamily(family, QStringLiteral("the host's start-up settled it"));
        updateState();
    });
    connect(m_host.get(), &ModuleHost::stageChanged, this, [this] { updateState(); });
}

SerialHostSession::~SerialHostSession()
{
    stop();
}

void SerialHostSession::startAgent()
{
    m_host->start();
}

void SerialHostSession::stopAgent()
{
    m_host->stop();
}

bool SerialHostSession::sendMcu(const mcu::SendRequest& request, QString* error)
{
    return m_host->send(request, error);
}

// Running once the MCU has been brought up at least once (the base class reports a lost port).
void SerialHostSession::updateRunningState()
{
    const QString text = QStringLiteral("host on %1 at %2 baud: %3")
                             .arg(port().name())
                             .arg(m_config.serial.baudRate)
                             .arg(stageName(m_host->stage()));
    setState(m_host->initComplete() ? State::Running : State::Starting, text);
}

} // namespace tuyascope
