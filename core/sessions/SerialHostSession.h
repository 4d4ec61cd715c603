#pragma once
// Host mode on a serial port: TuyaScope plays the Wi-Fi module for the MCU on the other end
// of the adapter. The port is retried when it goes away, and the state says so.
#include "host/ModuleHost.h"
#include "sessions/SerialAgentSession.h"

#include <memory>

namespace tuyascope {

struct SerialHostConfig {
    SerialSettings serial;                     // port and baud; reconnect settings
    mcu::Family family = mcu::Family::Unknown; // Unknown = detect from the MCU's answers
    quint8 networkStatus = 0x04;               // reported to the MCU, 0..6
    int heartbeatIntervalMs = 15000;
};

class SerialHostSession : public SerialAgentSession {
    Q_OBJECT
public:
    explicit SerialHostSession(const SerialHostConfig& config, QObject* parent = nullptr);
    ~SerialHostSession() override;

    const SerialHostConfig& config() const { return m_config; }

    bool canSendMcu() const override { return true; }
    bool sendMcu(const mcu::SendRequest& request, QString* error) override;

private:
    void startAgent() override;
    void stopAgent() override;
    void updateRunningState() override;

    SerialHostConfig m_config;
    std::unique_ptr<ModuleHost> m_host;
};

} // namespace tuyascope
