// libFuzzer target: what users type or load for live work. The bytes are read both as a typed
// send command (TuyaSend*, tuyaMcu_*, a hex frame) and as a device-profile JSON; whatever parses
// must be self-consistent (a parsed command encodes to a frame; a parsed profile has unique
// dpIds whose initial values fit their types).

#include "simulator/DeviceProfile.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/SendCommand.h"

#include <QSet>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const mcu::SendParseResult parsed = mcu::parseSendCommand(QString::fromUtf8(input));
    if (parsed.ok) {
        const QByteArray frame = mcu::encodeFrame(0, parsed.request.command, parsed.request.data);
        if (frame.size() != parsed.request.data.size() + 7)
            std::abort();
    } else if (parsed.error.isEmpty()) {
        std::abort(); // a refusal must say why
    }

    DeviceProfile profile;
    QString error;
    if (parseDeviceProfile(input, profile, &error)) {
        QSet<int> ids;
        for (const DpProfile& dp : profile.dps) {
            if (ids.contains(dp.id) || dp.id == 0)
                std::abort();
            ids.insert(dp.id);
            if (!mcu::dpLengthFitsType(quint8(dp.type), int(dp.initialValue.size())) && dp.type != mcu::DpType::Raw
                && dp.type != mcu::DpType::String)
                std::abort();
        }
        (void)profile.productJson();
    } else if (error.isEmpty()) {
        std::abort();
    }
    return 0;
}
