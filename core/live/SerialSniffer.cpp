#include "live/SerialSniffer.h"

#include "live/LiveCapture.h"
#include "live/LiveWiring.h"

namespace tuyascope {

SerialSniffer::SerialSniffer(LiveCapture* live, QObject* parent) : QObject(parent), m_live(live) {}

SerialTransport* SerialSniffer::openLine(const SerialSettings& settings, Direction direction, QString* error)
{
    auto* port = new SerialTransport(settings, this);
    if (!port->open()) {
        if (error)
            *error = port->errorString();
        delete port;
        return nullptr;
    }
    const int channel = addLineChannel(*m_live, direction, port->name(), port->baudRate(),
                                       QStringLiteral("sniffed line"));
    m_live->attach(port, channel);
    return port;
}

bool SerialSniffer::open(const std::optional<SerialSettings>& mcuTxLine,
                         const std::optional<SerialSettings>& moduleTxLine, QString* error)
{
    close();
    if (!mcuTxLine && !moduleTxLine) {
        if (error)
            *error = QStringLiteral("sniffing needs at least one port");
        return false;
    }
    if (mcuTxLine && !(m_mcuTx = openLine(*mcuTxLine, Direction::McuToModule, error)))
        return false;
    if (moduleTxLine && !(m_moduleTx = openLine(*moduleTxLine, Direction::ModuleToMcu, error))) {
        close();
        return false;
    }
    return true;
}

void SerialSniffer::close()
{
    for (SerialTransport* port : {m_mcuTx, m_moduleTx}) {
        if (port) {
            port->close();
            port->deleteLater();
        }
    }
    m_mcuTx = m_moduleTx = nullptr;
}

} // namespace tuyascope
