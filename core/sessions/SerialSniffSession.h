#pragma once
// Sniff mode: one or two serial adapters clipped onto the UART lines of a running device.
// Nothing is sent; lost ports are retried and the state says so.
#include "live/SerialSniffer.h"
#include "sessions/LiveSession.h"

#include <memory>

namespace tuyascope {

struct SerialSniffConfig {
    QString mcuTxPort;       // the adapter whose RX is on the MCU's TX line ("rx"); may be empty
    QString moduleTxPort;    // the adapter on the module's TX line ("tx"); may be empty
    qint32 baudRate = 9600;
    mcu::Family family = mcu::Family::Unknown;
    int reconnectIntervalMs = 500;
};

class SerialSniffSession : public LiveSession {
    Q_OBJECT
public:
    explicit SerialSniffSession(const SerialSniffConfig& config, QObject* parent = nullptr);
    ~SerialSniffSession() override;

    const SerialSniffConfig& config() const { return m_config; }

    void start() override;
    void stop() override;

private:
    void updateState();
    SerialSettings lineSettings(const QString& port) const;

    SerialSniffConfig m_config;
    std::unique_ptr<SerialSniffer> m_sniffer;
};

} // namespace tuyascope
