#include "tuyalan/LanRetcode.h"

#include "tuyalan/LanFrameLayout.h"

namespace tuyascope::lan {

RetcodePresence retcodePresence(LanSender sender, QByteArrayView bytes)
{
    RetcodePresence r;
    if (sender == LanSender::Client)
        return r;
    const bool plausible = bytes.size() >= kRetcodeSize && (readU32(bytes, 0) & 0xFFFFFF00u) == 0;
    r.present = plausible;
    r.guessed = sender == LanSender::Unknown;
    r.missingFromDevice = sender == LanSender::Device && !plausible;
    return r;
}

} // namespace tuyascope::lan
