#pragma once
// TuyaScope plays a Tuya LAN device (3.1-3.5) from a device profile on a TCP port (default
// 127.0.0.1), optionally announcing itself by UDP discovery. Every client connection's bytes
// are recorded. The local key is never logged.
#include "lansim/LanDeviceSimulator.h"
#include "lansim/LanDiscoveryBroadcaster.h"
#include "sessions/LiveSession.h"
#include "simulator/DeviceProfile.h"

#include <map>
#include <memory>

namespace tuyascope::lan {
class LanSessionTracker;
}

namespace tuyascope {

struct LanSimulatorConfig {
    lansim::LanSimulatorOptions simulator;   // address, port, id, key, version, ...
    QString profileSource;                   // the built-in name or the file the profile came from
    DeviceProfile profile;
    bool broadcast = false;                  // UDP discovery announcements (3.5 also answers solicitations)
    quint16 broadcastPort = 0;               // 0 = the version's port
    int broadcastIntervalMs = 5000;
    QString productKey;                      // announced; empty = the profile's productId
};

class LanSimulatorSession : public LiveSession {
    Q_OBJECT
public:
    explicit LanSimulatorSession(const LanSimulatorConfig& config, QObject* parent = nullptr);
    ~LanSimulatorSession() override;

    const LanSimulatorConfig& config() const { return m_config; }
    lansim::LanDeviceSimulator& simulator() { return *m_simulator; }
    lansim::LanDiscoveryBroadcaster* broadcaster() { return m_broadcaster.get(); }

    void start() override;
    void stop() override;

private:
    void updateClients();
    void trackClients();
    lan::LanContext decodeContext(const LiveFrameEvent& event);

    LanSimulatorConfig m_config;
    std::unique_ptr<lansim::LanDeviceSimulator> m_simulator;
    std::unique_ptr<lansim::LanDiscoveryBroadcaster> m_broadcaster;
    // Per client connection: the handshake as seen on the wire, for the 3.4/3.5 session key.
    std::map<QString, std::unique_ptr<lan::LanSessionTracker>> m_trackers;
};

} // namespace tuyascope
