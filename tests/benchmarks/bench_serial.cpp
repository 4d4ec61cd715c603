// Live serial path through a real pseudo-terminal: byte written on the wire -> SerialTransport
// chunk -> LiveCapture framing -> decoded-frame event. Prints latency (median, p99) and the
// sustained frame rate at 115200 baud (the writer paces itself to 11,520 bytes/s, 8N1), then
// the unpaced maximum. Prints figures; it never fails on speed.
//   ./build-release/tests/benchmarks/bench_serial [frames]

#include "live/LiveCapture.h"
#include "live/LiveWiring.h"
#include "support/Pty.h"
#include "transport/SerialTransport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

using namespace tuyascope;

namespace {

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct RunResult {
    int received = 0;
    double seconds = 0;
    std::vector<double> latenciesUs;
};

// Frames carry their sequence number in a value DP, so each event finds its send time.
RunResult run(int frames, double bytesPerSecond)
{
    test::PtyPair pty;
    SerialSettings settings;
    settings.port = pty.slavePath();
    settings.baudRate = 115200;
    SerialTransport port(settings);
    if (!pty.ok() || !port.open()) {
        std::fprintf(stderr, "cannot open a pty: %s\n", qPrintable(port.errorString()));
        return {};
    }
    LiveCapture live;
    const int channel = addLineChannel(live, Direction::McuToModule, port.name(), 115200, QString());
    live.attach(&port, channel);

    auto sent = std::make_unique<std::atomic<qint64>[]>(size_t(frames));
    RunResult result;
    result.latenciesUs.reserve(size_t(frames));
    QObject::connect(&live, &LiveCapture::frameDecoded, &live, [&](const LiveFrameEvent& e) {
        const qint64 now = steadyNs();
        if (e.kind != LiveFrameEvent::Kind::Frame || e.bytes.size() < 14)
            return;
        const auto* v = reinterpret_cast<const uchar*>(e.bytes.constData() + 10);
        const int seq = int(quint32(v[0]) << 24 | quint32(v[1]) << 16 | quint32(v[2]) << 8 | v[3]);
        if (seq >= 0 && seq < frames)
            result.latenciesUs.push_back(double(now - sent[size_t(seq)].load()) / 1000.0);
        if (++result.received == frames)
            QCoreApplication::quit();
    });

    QElapsedTimer clock;
    clock.start();
    std::thread writer([&] {
        const qint64 start = steadyNs();
        qint64 bytes = 0;
        for (int i = 0; i < frames; ++i) {
            const QByteArray frame = mcu::encodeFrame(3, 0x07, mcu::encodeValueDp(3, i));
            if (bytesPerSecond > 0) { // pace like a UART: the frame leaves when the line is free
                const qint64 due = start + qint64(double(bytes) / bytesPerSecond * 1e9);
                while (steadyNs() < due)
                    std::this_thread::sleep_for(std::chrono::microseconds(50));
            }
            sent[size_t(i)].store(steadyNs());
            pty.writeMaster(frame);
            bytes += frame.size();
        }
    });
    QTimer::singleShot(120000, QCoreApplication::instance(), &QCoreApplication::quit); // never hang
    QCoreApplication::exec();
    writer.join();
    result.seconds = double(clock.nsecsElapsed()) / 1e9;
    return result;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int frames = argc > 1 ? std::max(100, std::atoi(argv[1])) : 3000;
    const double baudBytes = 115200.0 / 10.0; // 8N1: 10 bit times per byte
    const int frameBytes = int(mcu::encodeFrame(3, 0x07, mcu::encodeValueDp(3, 0)).size());

    const RunResult paced = run(frames, baudBytes);
    std::printf("pty at 115200 baud (%d-byte frames, line limit %.0f frames/s):\n", frameBytes, baudBytes / frameBytes);
    std::printf("  %d of %d frames decoded in %.2f s = %.0f frames/s sustained\n", paced.received, frames, paced.seconds,
                paced.seconds > 0 ? paced.received / paced.seconds : 0.0);
    std::printf("  latency byte written -> decoded-frame event: median %.0f us, p99 %.0f us, max %.0f us\n",
                percentile(paced.latenciesUs, 0.5), percentile(paced.latenciesUs, 0.99), percentile(paced.latenciesUs, 1.0));

    const RunResult burst = run(frames * 10, 0);
    std::printf("pty unpaced (headroom): %d of %d frames in %.2f s = %.0f frames/s, latency median %.0f us, p99 %.0f us\n",
                burst.received, frames * 10, burst.seconds, burst.seconds > 0 ? burst.received / burst.seconds : 0.0,
                percentile(burst.latenciesUs, 0.5), percentile(burst.latenciesUs, 0.99));
    return paced.received == frames && burst.received == frames * 10 ? 0 : 1;
}
