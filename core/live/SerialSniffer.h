#pragma once
// Sniff mode: one serial adapter per UART line, each adapter's RX clipped onto one line. The
// chunks of both ports land in one LiveCapture in arrival order (one event loop, timestamps
// taken on arrival), each on a channel that carries the line's direction. With one port only
// one direction is seen. Ports that go away are retried (SerialTransport) without losing what
// was captured.

#include "capture/Direction.h"
#include "transport/SerialTransport.h"

#include <QObject>

#include <optional>

namespace tuyascope {

class LiveCapture;

class SerialSniffer : public QObject {
    Q_OBJECT
public:
    explicit SerialSniffer(LiveCapture* live, QObject* parent = nullptr);

    // `mcuTxLine`: the adapter whose RX is on the MCU's TX line (the module's RX); `moduleTxLine`:
    // the one on the module's TX line. At least one is required. Opens both or neither.
    bool open(const std::optional<SerialSettings>& mcuTxLine, const std::optional<SerialSettings>& moduleTxLine,
              QString* error);
    void close();

    SerialTransport* mcuTxPort() const { return m_mcuTx; }
    SerialTransport* moduleTxPort() const { return m_moduleTx; }

private:
    SerialTransport* openLine(const SerialSettings& settings, Direction direction, QString* error);

    LiveCapture* m_live;
    SerialTransport* m_mcuTx = nullptr;
    SerialTransport* m_moduleTx = nullptr;
};

} // namespace tuyascope
