// libFuzzer target: the stream splitter fed in input-chosen chunks, every event dissected in
// both families and all directions, and a whole-capture session analysis.

#include "capture/Capture.h"
#include "tuyamcu/McuDissector.h"
#include "tuyamcu/McuSession.h"
#include "tuyamcu/StreamSplitter.h"

#include <cstddef>
#include <cstdint>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

class DissectingSink : public StreamSplitter::Sink {
public:
    void onEvent(const StreamSplitter::Event& e) override
    {
        for (Family family : {Family::Unknown, Family::Standard, Family::LowPower}) {
            for (Direction direction : {Direction::Unknown, Direction::ModuleToMcu, Direction::McuToModule}) {
                FrameContext context;
                context.family = family;
                context.direction = direction;
                (void)dissectFrame(e.bytes, context);
            }
        }
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the chunk size, so chunk boundaries get explored too.
    const qsizetype chunk = 1 + data[0] % 23;
    const QByteArrayView input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    StreamSplitter splitter;
    DissectingSink sink;
    Capture capture;
    capture.addChannel(ChannelInfo{});
    for (qsizetype pos = 0; pos < input.size(); pos += chunk) {
        const QByteArrayView part = input.sliced(pos, qMin(chunk, input.size() - pos));
        splitter.feed(part, pos, sink);
        capture.append(pos, (pos / chunk) % 3 == 0 ? Direction::Unknown : Direction::McuToModule, 0, part);
    }
    splitter.finish(sink);
    const McuSession session = McuSession::analyze(capture);
    for (int i = 0; i < session.itemCount(); ++i)
        (void)session.dissect(i);
    return 0;
}
