#include "lanclient/LanClientSupervisor.h"

#include <QTimer>

#include <cmath>

namespace tuyascope::lanclient {

int ReconnectPolicy::delayForAttempt(int attempt) const
{
    const double initial = qMax(1, initialDelayMs);
    const double cap = qMax(initialDelayMs, maxDelayMs);
    const double delay = initial * std::pow(qMax(1.0, factor), qMax(0, attempt - 1));
    return int(qMin(delay, cap));
}

LanClientSupervisor::LanClientSupervisor(LanClient& client, const ReconnectPolicy& policy, QObject* parent)
    : QObject(parent), m_client(client), m_policy(policy), m_retryTimer(new QTimer(this)), m_pollTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &LanClientSupervisor::reconnect);
    connect(m_pollTimer, &QTimer::timeout, this, &LanClientSupervisor::poll);
    connect(&m_client, &LanClient::ready, this, &LanClientSupervisor::onReady);
    connect(&m_client, &LanClient::errorOccurred, this, &LanClientSupervisor::onError);
    connect(&m_client, &LanClient::statusReceived, this, &LanClientSupervisor::onAnswer);
    connect(&m_client, &LanClient::dpsReported, this, &LanClientSupervisor::onAnswer);
    connect(&m_client, &LanClient::heartbeatAnswered, this, &LanClientSupervisor::onAnswer);
}

void LanClientSupervisor::start()
{
    m_running = true;
    m_attempt = 0;
    m_client.connectToDevice();
}

void LanClientSupervisor::stop()
{
    m_running = false;
    m_retryTimer->stop();
    m_pollTimer->stop();
    m_client.disconnectFromDevice();
}

void LanClientSupervisor::onReady()
{
    if (!m_running)
        return;
    m_proven = false;
    if (m_sessions > 0) {
        emit event(AgentEvent::now(Severity::Note, supervisorEvent::Reconnected,
                                   QStringLiteral("connected again after %1 attempt(s); querying the status").arg(m_attempt)));
        emit reconnected(m_attempt);
    }
    m_client.queryStatus();
    if (m_pollIntervalMs > 0)
        m_pollTimer->start(m_pollIntervalMs);
}

void LanClientSupervisor::onAnswer()
{
    // A verified answer proves address, key and version: from now on a loss is worth retrying,
    // and the back-off starts again from its first delay.
    if (!m_running || m_proven)
        return;
    m_proven = true;
    ++m_sessions;
    m_attempt = 0;
}

void LanClientSupervisor::onError(const LanClientError& error)
{
    if (!m_running)
        return;
    // An unanswered request on an open connection: the device (or the network) is gone even if
    // no FIN arrived, so treat it as a lost connection instead of waiting for TCP to notice.
    const bool silentDevice = !error.fatal && error.code == LanErrorCode::Timeout;
    if (!error.fatal && !silentDevice)
        return;
    m_pollTimer->stop();
    const bool retry = error.code != LanErrorCode::BadRequest && (m_sessions > 0 || m_policy.retryBeforeFirstSession);
    if (!retry) {
        m_running = false;
        emit failed(error);
        return;
    }
    if (silentDevice)
        m_client.disconnectFromDevice();
    ++m_attempt;
    const int delay = m_policy.delayForAttempt(m_attempt);
    emit event(AgentEvent::now(Severity::Warning, supervisorEvent::ConnectionLost,
                               QStringLiteral("%1: %2; reconnecting in %3 s (attempt %4)")
                                   .arg(error.codeName(), error.message)
                                   .arg(delay / 1000.0)
                                   .arg(m_attempt)));
    emit connectionLost(error, delay, m_attempt);
    m_retryTimer->start(delay);
}

void LanClientSupervisor::reconnect()
{
    if (!m_running)
        return;
    emit event(AgentEvent::now(Severity::Note, supervisorEvent::Reconnecting,
                               QStringLiteral("reconnecting (attempt %1)").arg(m_attempt)));
    m_client.connectToDevice();
}

void LanClientSupervisor::poll()
{
    if (m_running && m_client.state() == LanClient::State::Ready)
        m_client.queryStatus();
}

} // namespace tuyascope::lanclient
