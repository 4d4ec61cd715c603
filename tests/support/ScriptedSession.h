#pragma once
// A live session whose bytes the test writes: one MCU -> module line, no transport. For window
// tests that need a document growing under their control.
#include "live/LiveWiring.h"
#include "sessions/LiveSession.h"

namespace tuyascope::test {

class ScriptedSession : public LiveSession {
public:
    ScriptedSession() : LiveSession(QStringLiteral("scripted"), mcu::Family::Standard)
    {
        m_channel = addLineChannel(capture(), Direction::McuToModule, QStringLiteral("script"), 9600, QString());
    }
    void start() override { setState(State::Running, QString()); }
    void stop() override { setState(State::Stopped, QString()); }
    void feed(qint64 timeUs, const QByteArray& bytes) { capture().appendChunk(m_channel, timeUs, bytes); }

private:
    int m_channel = 0;
};

} // namespace tuyascope::test
