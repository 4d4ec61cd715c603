#include "import/importers/DirectionGuess.h"

#include "tuyamcu/FamilyEvidence.h"
#include "tuyamcu/StreamSplitter.h"

#include <QVector>

namespace tuyascope::importers {

namespace {

// A file's side is settled long before its end; bounding the sample keeps huge dumps cheap.
constexpr int kSampleFrames = 2000;

struct FrameSampler : mcu::StreamSplitter::Sink {
    QVector<QByteArray> frames;
    void onEvent(const mcu::StreamSplitter::Event& e) override
    {
        if (e.kind == mcu::StreamSplitter::EventKind::Frame && e.checksumOk && frames.size() < kSampleFrames)
            frames.push_back(e.bytes.toByteArray());
    }
};

} // namespace

DirectionGuess guessDirectionFromContent(QByteArrayView bytes)
{
    FrameSampler sampler;
    mcu::StreamSplitter splitter;
    splitter.feed(bytes, 0, sampler);
    splitter.finish(sampler);

    // The family first (direction rules differ between the protocols), from the same per-frame
    // evidence the session uses: a strong vote decides, otherwise the majority.
    mcu::Family family = mcu::Family::Unknown;
    int standard = 0;
    int lowPower = 0;
    for (const QByteArray& f : sampler.frames) {
        const mcu::FamilyVote vote = mcu::familyEvidence(f, Direction::Unknown);
        if (vote.strong && family == mcu::Family::Unknown
            && (vote.family == mcu::Family::Standard || vote.family == mcu::Family::LowPower))
            family = vote.family;
        standard += vote.family == mcu::Family::Standard ? 1 : 0;
        lowPower += vote.family == mcu::Family::LowPower ? 1 : 0;
    }
    if (family == mcu::Family::Unknown && standard != lowPower)
        family = standard > lowPower ? mcu::Family::Standard : mcu::Family::LowPower;

    // Then each frame's side by the core's direction rules; versioned frames count triple
    // because only an MCU ever sends them.
    DirectionGuess g;
    g.goodFrames = int(sampler.frames.size());
    int versioned = 0;
    for (const QByteArray& f : sampler.frames) {
        const mcu::DirectionGuess side = mcu::guessDirection(f, family);
        const bool hasVersion = quint8(f.at(mcu::kVersionOffset)) != 0x00;
        versioned += hasVersion ? 1 : 0;
        if (side.direction == Direction::McuToModule)
            g.mcuScore += hasVersion ? 3 : 1;
        else if (side.direction == Direction::ModuleToMcu)
            g.moduleScore += 1;
    }

    const QString counts = QStringLiteral("%1 good frames, MCU evidence %2, module evidence %3")
                               .arg(g.goodFrames).arg(g.mcuScore).arg(g.moduleScore);
    if (g.mcuScore > 0 && g.mcuScore > 2 * g.moduleScore) {
        g.direction = Direction::McuToModule;
        g.explanation = versioned > 0
                            ? QStringLiteral("sent by the MCU: %1 frames carry a version byte only an MCU sends (%2)")
                                  .arg(versioned).arg(counts)
                            : QStringLiteral("sent by the MCU: its frames fit the MCU's side of the protocol (%1)").arg(counts);
    } else if (g.moduleScore > 0 && g.moduleScore > 2 * g.mcuScore) {
        g.direction = Direction::ModuleToMcu;
        g.explanation = QStringLiteral("sent by the Wi-Fi module: its frames fit the module's side of the protocol (%1)")
                            .arg(counts);
    } else {
        g.explanation = QStringLiteral("direction undecided from the content (%1)").arg(counts);
    }
    return g;
}

} // namespace tuyascope::importers
