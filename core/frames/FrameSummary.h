#pragma once
// The list columns that need a field tree (command name, dps, info, status), derived in one
// place so the window, exports and the CLI say the same thing about a frame.
#include "frames/FrameTable.h"

namespace tuyascope {

struct FrameSummary {
    QString commandName;
    QString dps;              // "1=true 2=150"
    QString info;             // the dissection's one-line summary
    QString status;           // "good", "BAD checksum (expected 0x1c)", "DP_OVERRUN", ...
    Severity worst = Severity::Chat;
    bool bad = false;         // integrity Bad, or an Error diagnostic
    bool hasDiagnostics = false; // any diagnostic above Chat
};

FrameSummary summarizeFrame(const FrameFacts& facts, const Dissection& dissection);

// The dp units of a field tree ("dp" fields with their "dp.id", "dp.type", "dp.value"), both protocols.
struct DpUnitView {
    QString id;
    QString type;             // TuyaMCU type name ("bool", "value", ...); LAN: empty
    QString value;            // display text (LAN: the JSON text as sent)
    int field = -1;           // the "dp" field
};
QVector<DpUnitView> dpUnitsOf(const Dissection& dissection);

} // namespace tuyascope
