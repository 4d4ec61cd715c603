#pragma once
// What a protocol agent (module host, MCU simulator) did or noticed, as data: the CLI prints
// it, the GUI lists it, tests assert on it. Codes are stable UPPER_SNAKE identifiers.

#include "common/Clock.h"
#include "dissect/Diagnostic.h"

#include <QString>

namespace tuyascope {

struct AgentEvent {
    qint64 timeUs = 0;
    Severity severity = Severity::Note;
    QString code;     // e.g. "INIT_COMPLETE", "MCU_RESTARTED", "WIFI_RESET_REQUEST", "DP_APPLIED"
    QString message;  // one line for people

    static AgentEvent now(Severity severity, const QString& code, const QString& message)
    {
        return AgentEvent{nowUs(), severity, code, message};
    }
};

} // namespace tuyascope
