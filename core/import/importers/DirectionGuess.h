#pragma once
// Which side sent a byte stream that carries no direction (raw UART dumps), decided from the
// frames in it (TuyaMCU reference, sections 4.1 and 4.3). File names are not trusted: "rx"/"tx"
// is named from either side's point of view.
//
// Each good frame's side comes from the core's own rules (mcu::guessDirection, after the
// family is settled with mcu::familyEvidence), so importers and sessions never disagree.
// A side wins when its score is more than twice the other's.

#include "capture/Direction.h"

#include <QByteArrayView>
#include <QString>

namespace tuyascope::importers {

struct DirectionGuess {
    Direction direction = Direction::Unknown;
    int moduleScore = 0;
    int mcuScore = 0;
    int goodFrames = 0;
    QString explanation; // one sentence for a capture note
};

DirectionGuess guessDirectionFromContent(QByteArrayView bytes);

} // namespace tuyascope::importers
