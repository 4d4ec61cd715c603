#pragma once
// A live session with one agent (host or simulator) on one serial port: opening and closing the
// port around the agent, the link's errors as events, and "reconnecting" while the port is away.
#include "sessions/LiveSession.h"
#include "transport/SerialTransport.h"

#include <memory>

namespace tuyascope {

class SerialAgentSession : public LiveSession {
    Q_OBJECT
public:
    void start() final;
    void stop() final;

protected:
    SerialAgentSession(const QString& title, mcu::Family family, const SerialSettings& serial, QObject* parent);
    ~SerialAgentSession() override;

    SerialTransport& port() { return *m_port; }
    bool isActive() const;
    // Reconnecting while the port is away; otherwise the subclass says what its agent is doing.
    void updateState();

private:
    virtual void startAgent() = 0;
    virtual void stopAgent() = 0;
    virtual void updateRunningState() = 0; // the port is open

    std::unique_ptr<SerialTransport> m_port;
};

// "reconnecting to /dev/ttyUSB0 every 500 ms".
QString serialReconnectText(const SerialTransport& port);

} // namespace tuyascope
