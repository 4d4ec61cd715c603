#pragma once
// Which side sent a byte stream that carries no direction (raw UART dumps), decided from the
// frames in it (TuyaMCU reference, sections 4.1 and 4.3). File names are not trusted: "rx"/"tx"
// is named from either side's point of view.
//
// Evidence per good frame:
//   MCU:    version 0x01/0x03 (strong); a heartbeat with a 1-byte payload; 0x01 carrying data
//           (the product JSON); 0x05 or 0x07 carrying DP units; 0x08 with a time header and DP
//           units (low-power record report).
//   module: version 0x00 and an empty heartbeat, empty 0x01 or empty 0x08 query; 0x02 or 0x03
//           with one byte (network status); 0x06 with data (set DP / local time reply);
//           a 1-byte 0x05/0x08 acknowledgement.
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
