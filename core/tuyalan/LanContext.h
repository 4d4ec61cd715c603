#pragma once
// What the dissector knows about a frame beyond its bytes: the flow's version and direction,
// and the keys. Keys are only ever used, never shown: fields and diagnostics name the key's
// role ("local key", "session key"), not its bytes.

#include "tuyalan/LanVersion.h"

#include <QByteArray>

namespace tuyascope::lan {

struct LanContext {
    LanVersion version = LanVersion::Unknown;   // Unknown: inferred from the frame
    LanSender sender = LanSender::Unknown;      // Unknown: retcode presence is guessed
    QByteArray localKey;        // the device's 16-character local key (or the UDP key for discovery)
    QByteArray sessionKey;      // 3.4/3.5 after the handshake of this flow, when derived
    QByteArray clientNonce;     // handshake values seen earlier in the flow, to check RESP/FINISH
    QByteArray deviceNonce;
    qint64 captureTimeUs = -1;  // capture time of the frame, for the timestamp check (-1: unknown)
};

} // namespace tuyascope::lan
