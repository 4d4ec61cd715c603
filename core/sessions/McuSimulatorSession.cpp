#include "sessions/McuSimulatorSession.h"

#include "live/LiveWiring.h"
#include "sessions/SerialHostSession.h"
#include "simulator/McuSimulator.h"

namespace tuyascope {

McuSimulatorSession::McuSimulatorSession(const McuSimulatorConfig& config, QObject* parent)
    : LiveSession(QStringLiteral("Simulated %1 on %2").arg(config.profile.name, config.serial.port), config.profile.protocol, parent),
      m_config(config),
      m_port(std::make_unique<SerialTransport>(config.serial))
{
    SimulatorOptions options;
    options.timeScale = config.timeScale;
    m_simulator = std::make_unique<McuSimulator>(m_port.get(), config.profile, options);
    recordSimulator(capture(), *m_simulator, *m_port);
    connect(m_simulator.get(), &McuSimulator::event, this, [this](const AgentEvent& e) { emit agentEvent(QStringLiteral("mcu"), e); });
    connect(m_port.get(), &Transport::stateChanged, this, [this] { updateState(); });
    connect(m_port.get(), &Transport::errorOccurred, this, [this](const QString& message) {
        emit agentEvent(QStringLiteral("link"), AgentEvent::now(Severity::Warning, QStringLiteral("LINK_ERROR"), message));
    });
}

McuSimulatorSession::~McuSimulatorSession()
{
    stop();
}

void McuSimulatorSession::start()
{
    if (state() == State::Starting || state() == State::Running || state() == State::Reconnecting)
        return;
    setState(State::Starting, QStringLiteral("opening %1").arg(m_config.serial.port));
    if (!m_port->open()) {
        setState(State::Failed, m_port->errorString());
        return;
    }
    m_simulator->start();
    updateState();
}

void McuSimulatorSession::stop()
{
    if (state() == State::Idle || state() == State::Stopped || state() == State::Failed)
        return;
    m_simulator->stop();
    m_port->close();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

void McuSimulatorSession::updateState()
{
    if (state() != State::Starting && state() != State::Running && state() != State::Reconnecting)
        return;
    if (m_port->state() == Transport::State::Reconnecting)
        setState(State::Reconnecting, serialReconnectText(*m_port));
    else if (m_port->state() == Transport::State::Open)
        setState(State::Running, QStringLiteral("simulating %1 (%2) on %3 at %4 baud")
                                     .arg(m_config.profile.name, mcu::familyLabel(m_config.profile.protocol), m_port->name())
                                     .arg(m_config.serial.baudRate));
}

} // namespace tuyascope
