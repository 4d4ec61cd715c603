#include "sessions/LiveSession.h"

#include "live/Autosave.h"

namespace tuyascope {

LiveSession::LiveSession(const QString& title, mcu::Family family, QObject* parent)
    : QObject(parent), m_title(title), m_frames(new LiveFrames(m_capture, family, this))
{
}

LiveSession::~LiveSession() = default;

bool LiveSession::sendMcu(const mcu::SendRequest& request, QString* error)
{
    Q_UNUSED(request);
    if (error)
        *error = QStringLiteral("this session does not send TuyaMCU commands");
    return false;
}

bool LiveSession::queryLanStatus(QString* error)
{
    if (error)
        *error = QStringLiteral("this session is not a Tuya LAN client");
    return false;
}

bool LiveSession::setLanDps(const QJsonObject& dps, QString* error)
{
    Q_UNUSED(dps);
    return queryLanStatus(error);
}

bool LiveSession::startAutosave(const QString& directory, const QString& prefix, QString* error)
{
    if (m_autosave)
        m_autosave->stop();
    m_autosave = new Autosave(&m_capture, this);
    connect(m_autosave, &Autosave::failed, this, [this](const QString& message) {
        emit agentEvent(QStringLiteral("autosave"), AgentEvent::now(Severity::Warning, QStringLiteral("AUTOSAVE_FAILED"), message));
    });
    return m_autosave->start(Autosave::newFilePath(directory, prefix), error);
}

QString LiveSession::autosavePath() const
{
    return m_autosave && m_autosave->isActive() ? m_autosave->path() : QString();
}

void LiveSession::setState(State state, const QString& text)
{
    if (state == m_state && text == m_stateText)
        return;
    m_state = state;
    m_stateText = text;
    emit stateChanged(state, text);
}

} // namespace tuyascope
