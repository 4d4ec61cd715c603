#include "sessions/McuSimulatorSession.h"

#include "live/LiveWiring.h"
#include "sessions/SerialHostSession.h"
#include "simulator/McuSimulator.h"

namespace tuyascope {

McuSimulatorSession::McuSimulatorSession(const McuSimulatorConfig& config, QObject* parent)
    : SerialAgentSession(QStringLiteral("Simulated %1 on %2").arg(config.profile.name, config.serial.port),
                         config.profile.protocol, config.serial, parent),
      m_config(config)
{
    SimulatorOptions options;
    options.timeScale = config.timeScale;
    m_simulator = std::make_unique<McuSimulator>(&port(), config.profile, options);
    recordSimulator(capture(), *m_simulator, port());
    connect(m_simulator.get(), &McuSimulator::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("mcu"), e); });
}

McuSimulatorSession::~McuSimulatorSession()
{
    stop();
}

void McuSimulatorSession::startAgent()
{
    m_simulator->start();
}

void McuSimulatorSession::stopAgent()
{
    m_simulator->stop();
}

void McuSimulatorSession::updateRunningState()
{
    setState(State::Running, QStringLiteral("simulating %1 (%2) on %3 at %4 baud")
                                 .arg(m_config.profile.name, mcu::familyLabel(m_config.profile.protocol), port().name())
                                 .arg(m_config.serial.baudRate));
}

} // namespace tuyascope
