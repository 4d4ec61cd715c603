#pragma once
// TuyaScope as the LAN client of one device, monitor-like: it stays connected (heartbeats),
// reconnects with a growing delay after a loss (state Reconnecting), reads the status after
// every (re)connection, and sends status queries and DP writes on request. LAN frames are
// dissected with the client's own keys and nonces. The local key is never logged.
#include "lanclient/LanClient.h"
#include "lanclient/LanClientSupervisor.h"
#include "sessions/LiveSession.h"

#include <memory>

namespace tuyascope {

struct LanClientSessionConfig {
    lanclient::LanClientConfig client;       // host, port, id, key, version, timeouts
    lanclient::ReconnectPolicy reconnect;
    int pollIntervalMs = 0;                  // 0 = query the status only after connecting
    QString deviceName;                      // for the title; optional
};

class LanClientSession : public LiveSession {
    Q_OBJECT
public:
    explicit LanClientSession(const LanClientSessionConfig& config, QObject* parent = nullptr);
    ~LanClientSession() override;

    const LanClientSessionConfig& config() const { return m_config; }
    lanclient::LanClient& client() { return *m_client; }

    void start() override;
    void stop() override;
    bool canSendLan() const override { return true; }
    bool queryLanStatus(QString* error) override;
    bool setLanDps(const QJsonObject& dps, QString* error) override;

private:
    bool ready(QString* error) const;
    QString endpoint() const;

    LanClientSessionConfig m_config;
    std::unique_ptr<lanclient::LanClient> m_client;
    std::unique_ptr<lanclient::LanClientSupervisor> m_supervisor;
};

} // namespace tuyascope
