#pragma once
// Turns one TuyaMCU frame (or candidate frame) into a field tree with diagnostics.
// The family and direction come from the session (see McuSession); the dissector never guesses
// a family on its own beyond what the command word alone proves.

#include "capture/Direction.h"
#include "dissect/Dissection.h"
#include "tuyamcu/Family.h"

#include <QByteArrayView>

namespace tuyascope::mcu {

struct FrameContext {
    Direction direction = Direction::Unknown;
    bool directionInferred = false;   // direction was deduced from content, not the capture
    QString directionEvidence;
    Family family = Family::Unknown;
    QString familyEvidence;           // why the session chose this family
};

Dissection dissectFrame(QByteArrayView frame, const FrameContext& context);

// The command's display name in a family ("Status report"), or a "std: x / lp: y" pair.
QString commandName(Family family, quint8 command);

} // namespace tuyascope::mcu
