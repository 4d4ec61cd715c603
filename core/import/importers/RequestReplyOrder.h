#pragma once
// Rebuilds the order between capture files that carry no times (typically an RX dump and a TX
// dump of the same UART): each side is framed, and a module frame and the MCU frame answering
// it (same command byte) are placed next to each other. The alignment is a longest common
// subsequence over the two frame sequences, so the order inside each file is never changed.
// Bytes between frames (garbage, partial frames) travel with the frame that follows them.
//
// The result is an order, not a measurement: records are marked RecordTimeSynthetic and get
// time keys 1 ms apart from the epoch (or keep "unknown" when asked not to assign times).

#include "capture/Capture.h"

#include <QString>
#include <QVector>

namespace tuyascope::importers {

struct UntimedFile {
    const Capture* capture = nullptr;
    QString fileName;
};

struct OrderResult {
    bool ok = false;
    QString reason;          // why the order could not be rebuilt (ok == false)
    int pairs = 0;           // request/reply pairs placed together
    int moduleFrames = 0;
    int mcuFrames = 0;
    QStringList guessedDirections; // files whose direction was decided from their content here
};

// Appends the records of all files to `out` in the rebuilt order. Needs at least one file per
// direction; a file whose records have no single direction is decided from its content. On
// failure nothing is appended.
OrderResult reconstructOrder(const QVector<UntimedFile>& files, Capture& out, bool assignSyntheticTimes);

// Whether the frame with this command is normally sent first by the module (request) when the
// other side answers with the same command. `standard` selects the standard protocol table
// (an MCU frame with version 0x01/0x03 was seen), otherwise the low-power one.
bool moduleSendsFirst(quint8 command, bool standard);

} // namespace tuyascope::importers
