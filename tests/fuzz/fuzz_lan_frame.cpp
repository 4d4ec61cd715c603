// libFuzzer target: arbitrary bytes through the LAN stream decoder (splitter + dissector) for
// every protocol version with a fixed local and session key, in input-chosen chunks. Two
// properties are checked, not only "no crash": the splitter's events do not depend on the
// chunking, and a frame built from the input (as a DP string) decodes back to the same body.

#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanStreamDecoder.h"
#include "tuyalan/LanStreamSplitter.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;
using namespace tuyascope::lan;

namespace {

const QByteArray kLocalKey("0123456789abcdef");
const QByteArray kSessionKey = QByteArray::fromHex("0782f1c1110cb51eef5e4c5cd3d71c3b");

struct Event {
    LanStreamSplitter::EventKind kind;
    qint64 offset;
    QByteArray bytes;
    bool operator==(const Event& o) const { return kind == o.kind && offset == o.offset && bytes == o.bytes; }
};

class Recorder : public LanStreamSplitter::Sink {
public:
    void onEvent(const LanStreamSplitter::Event& e) override { events.push_back({e.kind, e.offset, e.bytes.toByteArray()}); }
    QVector<Event> events;
};

QVector<Event> split(QByteArrayView input, qsizetype chunk)
{
    LanStreamSplitter splitter;
    Recorder r;
    for (qsizetype pos = 0; pos < input.size(); pos += chunk)
        splitter.feed(input.sliced(pos, qMin(chunk, input.size() - pos)), pos, r);
    splitter.finish(r);
    return r.events;
}

void roundTrip(LanVersion version, LanSender sender, quint32 cmd, QByteArrayView input)
{
    LanEncodeRequest q;
    q.version = version;
    q.sender = sender;
    q.cmd = cmd;
    q.seq = quint32(input.size());
    q.body = QByteArrayLiteral("{\"dps\":{\"1\":\"") + input.toByteArray().toHex() + QByteArrayLiteral("\"}}");
    q.key = (version == LanVersion::V34 || version == LanVersion::V35) ? kSessionKey : kLocalKey;
    if (sender == LanSender::Device)
        q.retcode = 0;
    const LanEncodeResult built = encodeLanFrame(q);
    if (!built.ok())
        std::abort();
    LanContext ctx;
    ctx.version = version;
    ctx.sender = sender;
    ctx.localKey = kLocalKey;
    ctx.sessionKey = kSessionKey;
    const LanDissection out = dissectLanFrame(built.frame, ctx);
    if (out.info.body != q.body || out.info.seq != q.seq || out.info.cmd != cmd || out.info.retcode != q.retcode)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the chunk size and the sender, so boundaries and directions get explored.
    const qsizetype chunk = 1 + data[0] % 31;
    const LanSender sender = LanSender(data[0] / 31 % 3);
    const QByteArrayView input(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    if (split(input, chunk) != split(input, input.size() + 1))
        std::abort();

    for (LanVersion version : {LanVersion::Unknown, LanVersion::V31, LanVersion::V32, LanVersion::V33, LanVersion::V34,
                               LanVersion::V35}) {
        LanContext ctx;
        ctx.version = version;
        ctx.sender = sender;
        ctx.localKey = kLocalKey;
        ctx.sessionKey = kSessionKey;
        LanStreamDecoder decoder(ctx);
        for (qsizetype pos = 0; pos < input.size(); pos += chunk)
            (void)decoder.feed(input.sliced(pos, qMin(chunk, input.size() - pos)), pos);
        (void)decoder.finish();
        // The whole input as one frame candidate too (the dissector must cope with any bytes).
        (void)dissectLanFrame(input, ctx);

        if (version != LanVersion::Unknown && sender != LanSender::Unknown && input.size() <= 512)
            roundTrip(version, sender, size > 1 ? data[1] : 0, input);
    }
    return 0;
}
