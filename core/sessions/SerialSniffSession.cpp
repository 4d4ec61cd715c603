#include "sessions/SerialSniffSession.h"

#include "sessions/SerialAgentSession.h"

namespace tuyascope {

namespace {

QString sniffTitle(const SerialSniffConfig& config)
{
    QStringList ports;
    for (const QString& port : {config.mcuTxPort, config.moduleTxPort})
        if (!port.isEmpty())
            ports << port;
    return QStringLiteral("Sniff %1").arg(ports.join(QStringLiteral(" + ")));
}

} // namespace

SerialSniffSession::SerialSniffSession(const SerialSniffConfig& config, QObject* parent)
    : LiveSession(sniffTitle(config), config.family, parent),
      m_config(config),
      m_sniffer(std::make_unique<SerialSniffer>(&capture()))
{
}

SerialSniffSession::~SerialSniffSession()
{
    stop();
}

SerialSettings SerialSniffSession::lineSettings(const QString& port) const
{
    SerialSettings settings;
    settings.port = port;
    settings.baudRate = m_config.baudRate;
    settings.reconnectIntervalMs = m_config.reconnectIntervalMs;
    return settings;
}

void SerialSniffSession::start()
{
    if (state() == State::Starting || state() == State::Running || state() == State::Reconnecting)
        return;
    std::optional<SerialSettings> mcuTx;
    std::optional<SerialSettings> moduleTx;
    if (!m_config.mcuTxPort.isEmpty())
        mcuTx = lineSettings(m_config.mcuTxPort);
    if (!m_config.moduleTxPort.isEmpty())
        moduleTx = lineSettings(m_config.moduleTxPort);
    setState(State::Starting, QStringLiteral("opening the ports"));
    QString error;
    if (!m_sniffer->open(mcuTx, moduleTx, &error)) {
        setState(State::Failed, error);
        return;
    }
    for (SerialTransport* port : {m_sniffer->mcuTxPort(), m_sniffer->moduleTxPort()}) {
        if (!port)
            continue;
        connect(port, &Transport::stateChanged, this, [this] { updateState(); });
        connect(port, &Transport::errorOccurred, this, [this](const QString& message) {
            emit agentEvent(QStringLiteral("link"), AgentEvent::now(Severity::Warning, QStringLiteral("LINK_ERROR"), message));
        });
    }
    updateState();
}

void SerialSniffSession::stop()
{
    if (state() == State::Idle || state() == State::Stopped || state() == State::Failed)
        return;
    m_sniffer->close();
    capture().finish();
    setState(State::Stopped, QStringLiteral("stopped"));
}

void SerialSniffSession::updateState()
{
    if (state() != State::Starting && state() != State::Running && state() != State::Reconnecting)
        return;
    QStringList lines;
    for (SerialTransport* port : {m_sniffer->mcuTxPort(), m_sniffer->moduleTxPort()}) {
        if (port && port->state() == Transport::State::Reconnecting) {
            setState(State::Reconnecting, serialReconnectText(*port));
            return;
        }
    }
    if (m_sniffer->mcuTxPort())
        lines << QStringLiteral("MCU TX on %1").arg(m_sniffer->mcuTxPort()->name());
    if (m_sniffer->moduleTxPort())
        lines << QStringLiteral("module TX on %1").arg(m_sniffer->moduleTxPort()->name());
    setState(State::Running, QStringLiteral("sniffing %1 at %2 baud").arg(lines.join(QStringLiteral(", "))).arg(m_config.baudRate));
}

} // namespace tuyascope
