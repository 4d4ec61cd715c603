#pragma once
// TuyaScope plays the MCU on a serial port from a device profile, for a real Wi-Fi module (or
// TuyaScope's own host mode) on the other end.
#include "sessions/SerialAgentSession.h"
#include "simulator/DeviceProfile.h"

#include <memory>

namespace tuyascope {

class McuSimulator;

struct McuSimulatorConfig {
    SerialSettings serial;
    QString profileSource;        // the built-in name or the file the profile came from
    DeviceProfile profile;
    double timeScale = 1.0;       // < 1: reports come faster than the profile says
};

class McuSimulatorSession : public SerialAgentSession {
    Q_OBJECT
public:
    explicit McuSimulatorSession(const McuSimulatorConfig& config, QObject* parent = nullptr);
    ~McuSimulatorSession() override;

    const McuSimulatorConfig& config() const { return m_config; }
    McuSimulator& simulator() { return *m_simulator; }

private:
    void startAgent() override;
    void stopAgent() override;
    void updateRunningState() override;

    McuSimulatorConfig m_config;
    std::unique_ptr<McuSimulator> m_simulator;
};

} // namespace tuyascope
