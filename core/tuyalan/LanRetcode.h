#pragma once
// Is there a 4-byte return code? (reference 4.1) Presence is not signalled on the wire: device
// frames carry one, client frames do not. Some peers (@tuyapi/stub) send device frames without
// it, so a device frame whose first four bytes cannot be a retcode is read without one; with an
// unknown sender tuyapi's guess decides: a retcode is present when u32 & 0xFFFFFF00 == 0.

#include "tuyalan/LanVersion.h"

#include <QByteArrayView>

namespace tuyascope::lan {

struct RetcodePresence {
    bool present = false;
    bool guessed = false;           // the sender was unknown
    bool missingFromDevice = false; // a device frame without one (retcode-less peer)
};

// bytes: where the retcode would start (55AA: after the length field; 6699: the GCM plaintext).
RetcodePresence retcodePresence(LanSender sender, QByteArrayView bytes);

} // namespace tuyascope::lan
