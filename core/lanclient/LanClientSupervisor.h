#pragma once
// Keeps a LanClient connected for as long as someone listens to the device (lan monitor, a
// live view): after the connection is lost (the device closed or reset it, a network error, a
// request left unanswered) it says so, waits (1 s doubling to 30 s by default), connects
// again - which renegotiates the 3.4/3.5 session key - and queries the status once more.
// Optionally it also queries the status every pollIntervalMs while connected.
//
// Problems before the first session (wrong address, key or version, refused) are not
// retried unless retryBeforeFirstSession: they are configuration errors, reported by failed().
// A request the caller's code cannot build (BAD_REQUEST) is never retried.

#include "lanclient/LanClient.h"
#include "dissect/AgentEvent.h"

#include <QObject>

class QTimer;

namespace tuyascope::lanclient {

struct ReconnectPolicy {
    int initialDelayMs = 1000;
    int maxDelayMs = 30000;
    double factor = 2.0;
    bool retryBeforeFirstSession = false;
    // The wait before reconnect attempt `attempt` (1, 2, ...): initial * factor^(attempt-1), capped.
    int delayForAttempt(int attempt) const;
};

// Stable event codes (AgentEvent::code) of the supervisor.
namespace supervisorEvent {
inline const QString ConnectionLost = QStringLiteral("CONNECTION_LOST");
inline const QString Reconnecting = QStringLiteral("RECONNECTING");
inline const QString Reconnected = QStringLiteral("RECONNECTED");
} // namespace supervisorEvent

class LanClientSupervisor : public QObject {
    Q_OBJECT
public:
    LanClientSupervisor(LanClient& client, const ReconnectPolicy& policy = {}, QObject* parent = nullptr);

    void setPollInterval(int ms) { m_pollIntervalMs = ms; } // 0 = no periodic status query
    void start();       // connects and queries the status once ready (and after every reconnect)
    void stop();        // disconnects and cancels any pending reconnect

    // A session: a connection on which the device gave a verified answer (status, push, heartbeat).
    bool hadSession() const { return m_sessions > 0; }
    int sessions() const { return m_sessions; }
    int attempt() const { return m_attempt; }         // reconnect attempts since the last session

signals:
    // The connection was lost; a reconnect follows in delayMs (attempt counts from 1).
    void connectionLost(const tuyascope::lanclient::LanClientError& error, int delayMs, int attempt);
    void reconnected(int attempts);                   // ready again after `attempts` attempts
    // Not retried: the client stays closed.
    void failed(const tuyascope::lanclient::LanClientError& error);
    void event(const tuyascope::AgentEvent& event);

private:
    void onReady();
    void onAnswer();
    void onError(const LanClientError& error);
    void reconnect();
    void poll();

    LanClient& m_client;
    ReconnectPolicy m_policy;
    QTimer* m_retryTimer;
    QTimer* m_pollTimer;
    int m_pollIntervalMs = 0;
    int m_sessions = 0;
    int m_attempt = 0;
    bool m_running = false;
    bool m_proven = false;   // the current connection has had a verified answer
};

} // namespace tuyascope::lanclient
