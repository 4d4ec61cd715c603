// Decoding throughput on a generated ~100 MB mixed TuyaMCU stream (one core).
// Prints figures; it never fails on speed. Build Release for meaningful numbers:
//   cmake --preset release && cmake --build --preset release --target bench_decode
//   ./build-release/tests/benchmarks/bench_decode [megabytes]

#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuDissector.h"
#include "tuyamcu/McuFrame.h"
#include "tuyamcu/McuSession.h"
#include "tuyamcu/StreamSplitter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>

#include <cstdio>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

// Heartbeats, DP reports of every type, set commands, long raw DPs, garbage and bad checksums.
QByteArray generateStream(qint64 targetBytes, int* framesOut)
{
    QRandomGenerator rng(42);
    QByteArray out;
    out.reserve(targetBytes + 1024);
    int frames = 0;
    while (out.size() < targetBytes) {
        const quint32 pick = rng.bounded(100u);
        QByteArray frame;
        if (pick < 15) {
            frame = encodeFrame(0x00, 0x00, {});
        } else if (pick < 30) {
            frame = encodeFrame(0x03, 0x00, QByteArray(1, '\x01'));
        } else if (pick < 60) {
            QByteArray dps = encodeValueDp(quint8(1 + rng.bounded(120u)), qint32(rng.bounded(5000u)) - 1000);
            dps += encodeBoolDp(quint8(1 + rng.bounded(20u)), rng.bounded(2u) == 1);
            frame = encodeFrame(0x03, 0x07, dps);
        } else if (pick < 75) {
            frame = encodeFrame(0x00, 0x06, encodeEnumDp(quint8(1 + rng.bounded(30u)), quint8(rng.bounded(4u))));
        } else if (pick < 85) {
            frame = encodeFrame(0x03, 0x07, encodeStringDp(24, "000003e803e8"));
        } else if (pick < 92) {
            QByteArray raw(int(16 + rng.bounded(280u)), '\0');
            for (char& c : raw)
                c = char(rng.bounded(256u));
            frame = encodeFrame(0x03, 0x07, encodeRawDp(119, raw));
        } else if (pick < 96) {
            frame = encodeFrame(0x03, 0x07, encodeValueDp(2, 150));
            frame[frame.size() - 1] = char(frame.at(frame.size() - 1) + 1); // bad checksum
        } else {
            for (int i = int(1 + rng.bounded(8u)); i > 0; --i)
                out.append(char(rng.bounded(256u)));
            continue;
        }
        out += frame;
        ++frames;
    }
    *framesOut = frames;
    return out;
}

class CountingSink : public StreamSplitter::Sink {
public:
    explicit CountingSink(bool walkDps) : m_walkDps(walkDps) {}
    void onEvent(const StreamSplitter::Event& e) override
    {
        if (e.kind != StreamSplitter::EventKind::Frame || !e.checksumOk)
            return;
        ++frames;
        if (!m_walkDps)
            return;
        // The light decode a capture loader does per frame: header fields and the DP walk.
        const quint8 cmd = quint8(e.bytes[kCommandOffset]);
        if (cmd == 0x06 || cmd == 0x07) {
            const DpParseResult r = parseDpUnits(e.bytes, kDataOffset, int(e.bytes.size()) - 1);
            dpUnits += r.units.size();
        }
    }
    qint64 frames = 0;
    qint64 dpUnits = 0;

private:
    bool m_walkDps;
};

double seconds(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const qint64 megabytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 100;
    int generatedFrames = 0;
    const QByteArray stream = generateStream(megabytes * 1024 * 1024, &generatedFrames);
    const double mb = double(stream.size()) / (1024.0 * 1024.0);
    out << QStringLiteral("stream: %1 MiB, %2 frames generated\n").arg(mb, 0, 'f', 1).arg(generatedFrames);

    constexpr qsizetype kChunk = 64 * 1024;
    const auto run = [&](bool walkDps, const char* label) {
        QElapsedTimer timer;
        timer.start();
        StreamSplitter splitter;
        CountingSink sink(walkDps);
        for (qsizetype pos = 0; pos < stream.size(); pos += kChunk)
            splitter.feed(QByteArrayView(stream).sliced(pos, qMin(kChunk, stream.size() - pos)), 0, sink);
        splitter.finish(sink);
        const double s = seconds(timer);
        out << QStringLiteral("%1: %2 MB/s, %3 frames/s (%4 good frames, %5 DP units, %6 s)\n")
                   .arg(QLatin1String(label))
                   .arg(mb / s, 0, 'f', 1)
                   .arg(double(sink.frames) / s, 0, 'f', 0)
                   .arg(sink.frames)
                   .arg(sink.dpUnits)
                   .arg(s, 0, 'f', 3);
    };
    run(false, "split only           ");
    run(true, "split + light decode ");

    // Full field trees (what the tree view and exports build on demand), on a slice.
    {
        const QByteArray slice = stream.left(8 * 1024 * 1024);
        QVector<QByteArray> frames;
        class Collect : public StreamSplitter::Sink {
        public:
            explicit Collect(QVector<QByteArray>& f) : m_f(f) {}
            void onEvent(const StreamSplitter::Event& e) override
            {
                if (e.kind == StreamSplitter::EventKind::Frame)
                    m_f.push_back(e.bytes.toByteArray());
            }
            QVector<QByteArray>& m_f;
        } collect(frames);
        StreamSplitter splitter;
        splitter.feed(slice, 0, collect);
        splitter.finish(collect);
        QElapsedTimer timer;
        timer.start();
        qint64 fields = 0;
        FrameContext context;
        context.family = Family::Standard;
        for (const QByteArray& f : frames) {
            context.direction = quint8(f.at(2)) == 0 ? Direction::ModuleToMcu : Direction::McuToModule;
            fields += dissectFrame(f, context).fields().size();
        }
        const double s = seconds(timer);
        out << QStringLiteral("full dissection      : %1 MB/s, %2 frames/s (%3 frames, %4 fields, 8 MiB slice)\n")
                   .arg(8.0 / s, 0, 'f', 1).arg(double(frames.size()) / s, 0, 'f', 0).arg(frames.size()).arg(fields);
    }

    // Session analysis (framing, family, direction, links) of a capture of 10 MiB records.
    {
        Capture capture;
        capture.addChannel(ChannelInfo{QStringLiteral("bench"), Direction::McuToModule, QString(), QString(), 0});
        const QByteArray slice = stream.left(10 * 1024 * 1024);
        for (qsizetype pos = 0; pos < slice.size(); pos += kChunk)
            capture.append(kUnknownTime, Direction::McuToModule, 0, QByteArrayView(slice).sliced(pos, qMin(kChunk, slice.size() - pos)));
        QElapsedTimer timer;
        timer.start();
        const McuSession session = McuSession::analyze(capture);
        const double s = seconds(timer);
        out << QStringLiteral("session analysis     : %1 MB/s, %2 items/s (%3 items, 10 MiB)\n")
                   .arg(10.0 / s, 0, 'f', 1).arg(double(session.itemCount()) / s, 0, 'f', 0).arg(session.itemCount());
    }
    return 0;
}
