#include "sessions/DemoSession.h"

#include "live/LiveWiring.h"
#include "simulator/McuSimulator.h"
#include "transport/LoopbackLink.h"

#include <QMetaEnum>

namespace tuyascope {

DemoSession::DemoSession(const DeviceProfile& profile, const DemoOptions& options, QObject* parent)
    : LiveSession(QStringLiteral("Demo: host ↔ simulated %1").arg(profile.name), mcu::Family::Unknown, parent),
      m_profile(profile),
      m_link(std::make_unique<LoopbackLink>())
{
    HostOptions hostOptions;
    hostOptions.family = profile.protocol;
    hostOptions.heartbeatIntervalMs = options.heartbeatIntervalMs;
    m_host = std::make_unique<ModuleHost>(m_link->moduleEnd(), hostOptions);
    SimulatorOptions simulatorOptions;
    simulatorOptions.timeScale = options.simulatorTimeScale;
    m_simulator = std::make_unique<McuSimulator>(m_link->mcuEnd(), profile, simulatorOptions);
    recordHost(capture(), *m_host, *m_link->moduleEnd());
    frames().decoder().setFamily(profile.protocol, QStringLiteral("the simulated device's profile"));
    connect(m_host.get(), &ModuleHost::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("host"), e); });
    connect(m_simulator.get(), &McuSimulator::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("mcu"), e); });
    connect(m_host.get(), &ModuleHost::stageChanged, this, [this](ModuleHost::Stage stage) {
        if (state() == State::Running || state() == State::Starting)
            setState(stage == ModuleHost::Stage::Running || stage == ModuleHost::Stage::LpReady ? State::Running : State::Starting,
                     QStringLiteral("host: %1").arg(QString::fromLatin1(QMetaEnum::fromType<ModuleHost::Stage>().valueToKey(int(stage)))));
    });
}

DemoSession::~DemoSession()
{
    stop();
}

void DemoSession::start()
{
    m_link->moduleEnd()->open();
    m_link->mcuEnd()->open();
    setState(State::Starting, QStringLiteral("starting"));
    m_simulator->start();
    m_host->start();
}

void DemoSession::stop()
{
    if (state() == State::Stopped || state() == State::Idle)
        return;
    m_host->stop();
    m_simulator->stop();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

bool DemoSession::sendMcu(const mcu::SendRequest& request, QString* error)
{
    return m_host->send(request, error);
}

} // namespace tuyascope
