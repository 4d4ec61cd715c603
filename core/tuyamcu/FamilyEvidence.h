#pragma once
// Per-frame evidence for the protocol family and for the sending side (TuyaMCU reference 4.3).
// The session (McuSession) combines the evidence of all frames; nothing here decides alone.

#include "capture/Direction.h"
#include "tuyamcu/Family.h"

#include <QByteArrayView>
#include <QString>

namespace tuyascope::mcu {

struct FamilyVote {
    Family family = Family::Unknown; // which family this frame speaks for (Unknown: no opinion)
    bool strong = false;             // strong enough to lock the session
    QString reason;
};

// `frame` must be a complete frame with a good checksum.
FamilyVote familyEvidence(QByteArrayView frame, Direction direction);

// The family a frame can be read in when the session has not decided: only what the command word
// alone proves (it exists in one family only, or means the same in both). Unknown otherwise.
Family familyFromCommandAlone(quint8 command, QString& why);

// For a frame that gave no family vote: the family whose layout for this command the payload
// fits cleanly (decoded without a warning) when the other family's does not; Unknown when both
// or neither fit. Costs two dissections, so the session asks only while it has no decision.
Family familyFromLayout(QByteArrayView frame, Direction direction, QString& why);

struct DirectionGuess {
    Direction direction = Direction::Unknown;
    QString reason;
};

// For frames whose capture did not record a direction. With the family undecided, only the
// command word's own evidence (familyFromCommandAlone) is used.
DirectionGuess guessDirection(QByteArrayView frame, Family family);

// Heartbeat reply 0x00 from the MCU: it (re)started. Splits a capture into power-cycle segments.
bool isMcuRestartMarker(QByteArrayView frame, Direction direction);

} // namespace tuyascope::mcu
