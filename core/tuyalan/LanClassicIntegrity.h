#pragma once
// The trailer of a 55AA frame: CRC32 (3.1-3.3, and every UDP frame) or HMAC-SHA256 (3.4 TCP).
// Which one it is follows from the bytes: a CRC that verifies settles it; otherwise an HMAC that
// verifies with one of the keys makes it a 3.4 frame (reference 11, step 3).

#include "dissect/Dissection.h"
#include "tuyalan/LanDissector.h"

#include <QByteArrayView>
#include <QVector>

namespace tuyascope::lan {

struct ClassicTrailerCheck {
    IntegrityKind kind = IntegrityKind::Crc32;
    ChecksumStatus status = ChecksumStatus::Bad;
    qsizetype offset = 0;          // trailer position in the frame
    int size = 4;
    QByteArray found;
    QByteArray expected;           // CRC computed, or HMAC with the first key, when Bad
    KeyRole keyRole = KeyRole::None;
    QByteArray key;                // the key that verified the HMAC
    bool mayBeHmac = false;        // CRC bad, version unknown, no key could test the 3.4 reading
};

// frame: exactly one complete frame. hmacKeys: candidates for a 3.4 reading, best first.
ClassicTrailerCheck checkClassicTrailer(QByteArrayView frame, LanVersion version, const QVector<KeyCandidate>& hmacKeys);

} // namespace tuyascope::lan
