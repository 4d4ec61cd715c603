#include "import/importers/DirectionGuess.h"

#include "tuyamcu/DpUnit.h"
#include "tuyamcu/StreamSplitter.h"

namespace tuyascope::importers {

namespace {

struct Scorer : mcu::StreamSplitter::Sink {
    int module = 0;
    int mcuSide = 0;
    int frames = 0;
    int versioned = 0;

    void onEvent(const mcu::StreamSplitter::Event& e) override
    {
        if (e.kind != mcu::StreamSplitter::EventKind::Frame || !e.checksumOk)
            return;
        ++frames;
        const QByteArrayView f = e.bytes;
        const quint8 version = quint8(f[mcu::kVersionOffset]);
        const quint8 cmd = quint8(f[mcu::kCommandOffset]);
        const int len = int(f.size()) - mcu::kMinFrameSize;
        const int dataStart = mcu::kDataOffset;
        const int dataEnd = mcu::kDataOffset + len;
        if (version == 0x01 || version == 0x03) {
            // Low-power 0x09 acks may carry version 0x03 even from the MCU; still the MCU.
            mcuSide += 3;
            ++versioned;
            return;
        }
        if (version != 0x00)
            return;
        switch (cmd) {
        case 0x00:
            if (len == 0)
                ++module;
            else if (len == 1)
                ++mcuSide;
            break;
        case 0x01:
            if (len == 0)
                ++module;
            else
                ++mcuSide;
            break;
        case 0x02:
        case 0x03:
            if (len == 1)
                ++module;
            break;
        case 0x05:
            if (len == 1)
                ++module;
            else if (len >= 5 && mcu::parsesCompletelyAsDpUnits(f, dataStart, dataEnd))
                ++mcuSide;
            break;
        case 0x06:
            if (len > 0)
                ++module;
            break;
        case 0x07:
            if (len >= 5 && mcu::parsesCompletelyAsDpUnits(f, dataStart, dataEnd))
                ++mcuSide;
            break;
        case 0x08:
            if (len == 0 || len == 1)
                ++module;
            else if (len >= 11 && mcu::parsesCompletelyAsDpUnits(f, dataStart + 7, dataEnd))
                ++mcuSide;
            break;
        default:
            break;
        }
    }
};

} // namespace

DirectionGuess guessDirectionFromContent(QByteArrayView bytes)
{
    Scorer scorer;
    mcu::StreamSplitter splitter;
    splitter.feed(bytes, 0, scorer);
    splitter.finish(scorer);

    DirectionGuess g;
    g.moduleScore = scorer.module;
    g.mcuScore = scorer.mcuSide;
    g.goodFrames = scorer.frames;
    const QString counts = QStringLiteral("%1 good frames, MCU evidence %2, module evidence %3")
                               .arg(scorer.frames)
                               .arg(scorer.mcuSide)
                               .arg(scorer.module);
    if (g.mcuScore > 0 && g.mcuScore > 2 * g.moduleScore) {
        g.direction = Direction::McuToModule;
        g.explanation = scorer.versioned > 0
                            ? QStringLiteral("sent by the MCU: %1 frames carry version 0x01/0x03, which only an MCU "
                                             "sends (%2)")
                                  .arg(scorer.versioned)
                                  .arg(counts)
                            : QStringLiteral("sent by the MCU: its version-0x00 frames are replies and reports only an "
                                             "MCU sends (product JSON, DP reports) (%1)")
                                  .arg(counts);
    } else if (g.moduleScore > 0 && g.moduleScore > 2 * g.mcuScore) {
        g.direction = Direction::ModuleToMcu;
        g.explanation = QStringLiteral("sent by the Wi-Fi module: version-0x00 queries (empty heartbeat, product and "
                                       "DP queries, network status) (%1)")
                            .arg(counts);
    } else {
        g.explanation = QStringLiteral("direction undecided from the content (%1)").arg(counts);
    }
    return g;
}

} // namespace tuyascope::importers
