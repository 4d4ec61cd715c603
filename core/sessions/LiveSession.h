#pragma once
// One live connection as a front end sees it: a live capture (the same model and autosave as
// every other session), its decoded frames, a state with words for it, and what can be sent.
// Concrete sessions (the demo, serial host/sniff, simulators, LAN client/simulator) wire their
// transports and agents; the window and the CLI only talk to this interface.
#include "frames/LiveFrames.h"
#include "dissect/AgentEvent.h"
#include "live/LiveCapture.h"
#include "tuyamcu/SendCommand.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace tuyascope {

class Autosave;

class LiveSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Reconnecting, Stopped, Failed };
    Q_ENUM(State)

    explicit LiveSession(const QString& title, mcu::Family family = mcu::Family::Unknown, QObject* parent = nullptr);
    ~LiveSession() override;

    QString title() const { return m_title; }
    State state() const { return m_state; }
    QString stateText() const { return m_stateText; }
    LiveCapture& capture() { return m_capture; }
    LiveFrames& frames() { return *m_frames; }

    virtual void start() = 0;
    virtual void stop() = 0;

    // TuyaMCU commands (TuyaSend-style requests) this session can put on the wire.
    virtual bool canSendMcu() const { return false; }
    virtual bool sendMcu(const mcu::SendRequest& request, QString* error);
    // Tuya LAN: status query and dp writes.
    virtual bool canSendLan() const { return false; }
    virtual bool queryLanStatus(QString* error);
    virtual bool setLanDps(const QJsonObject& dps, QString* error);

    // Follows the capture into "<directory>/<prefix>-<time>.pcapng" (see Autosave).
    bool startAutosave(const QString& directory, const QString& prefix, QString* error);
    QString autosavePath() const;

signals:
    void stateChanged(tuyascope::LiveSession::State state, const QString& text);
    // What the agents of the session report (who: "host", "mcu", "lan", "link", ...).
    void agentEvent(const QString& who, const tuyascope::AgentEvent& event);

protected:
    void setState(State state, const QString& text);

private:
    QString m_title;
    State m_state = State::Idle;
    QString m_stateText;
    LiveCapture m_capture;
    LiveFrames* m_frames;
    Autosave* m_autosave = nullptr;
};

} // namespace tuyascope
