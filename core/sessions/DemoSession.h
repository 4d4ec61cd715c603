#pragma once
// The demo a newcomer starts with: TuyaScope's host mode drives a simulated device (by default
// the HY609 thermostat) over the in-process loopback link, decoded live like a real adapter.
#include "host/ModuleHost.h"
#include "sessions/LiveSession.h"
#include "simulator/DeviceProfile.h"

#include <memory>

namespace tuyascope {

class LoopbackLink;
class McuSimulator;

struct DemoOptions {
    double simulatorTimeScale = 0.2;  // reports five times faster than the profile says
    int heartbeatIntervalMs = 2000;   // a few periodic heartbeats in a short demo
};

class DemoSession : public LiveSession {
    Q_OBJECT
public:
    DemoSession(const DeviceProfile& profile, const DemoOptions& options = {}, QObject* parent = nullptr);
    ~DemoSession() override;

    void start() override;
    void stop() override;
    bool canSendMcu() const override { return true; }
    bool sendMcu(const mcu::SendRequest& request, QString* error) override;

    const DeviceProfile& profile() const { return m_profile; }
    ModuleHost& host() { return *m_host; }

private:
    DeviceProfile m_profile;
    std::unique_ptr<LoopbackLink> m_link;
    std::unique_ptr<ModuleHost> m_host;
    std::unique_ptr<McuSimulator> m_simulator;
};

} // namespace tuyascope
