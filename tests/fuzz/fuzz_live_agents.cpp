// libFuzzer target: the module host and the MCU simulator receive arbitrary bytes from their
// link (in arbitrary chunks, both protocols). They must never crash or read out of bounds,
// whatever garbage, truncated or malicious frames arrive; what they write must be well framed.

#include "host/ModuleHost.h"
#include "simulator/McuSimulator.h"
#include "transport/Transport.h"
#include "tuyamcu/McuFrame.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;

namespace {

// A link that accepts every write and lets the fuzzer play the far end.
class FuzzLink : public Transport {
public:
    FuzzLink() { setState(State::Open); }
    QString name() const override { return QStringLiteral("fuzz"); }
    bool open() override { return true; }
    void close() override {}
    qint64 write(QByteArrayView bytes) override
    {
        // Agents write whole frames: header and checksum must be right.
        if (bytes.size() < mcu::kMinFrameSize || quint8(bytes[0]) != 0x55 || quint8(bytes[1]) != 0xAA
            || quint8(bytes.back()) != mcu::checksumOf(bytes.first(bytes.size() - 1)))
            std::abort();
        return bytes.size();
    }
    void feed(QByteArrayView bytes) { emit chunkReceived(1, bytes.toByteArray()); }
};

QCoreApplication* app()
{
    static int argc = 1;
    static char name[] = "fuzz_live_agents";
    static char* argv[] = {name, nullptr};
    static QCoreApplication instance(argc, argv);
    return &instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    app();
    if (size < 2)
        return 0;
    const bool lowPower = data[0] & 1;
    const int chunk = 1 + data[1] % 16;
    const QByteArrayView input(reinterpret_cast<const char*>(data) + 2, qsizetype(size - 2));

    FuzzLink hostLink;
    HostOptions hostOptions;
    hostOptions.family = lowPower ? mcu::Family::LowPower : mcu::Family::Unknown;
    ModuleHost host(&hostLink, hostOptions);
    host.start();

    FuzzLink mcuLink;
    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(lowPower ? QStringLiteral("door-sensor") : QStringLiteral("hy609-thermostat"), profile, &error))
        std::abort();
    McuSimulator simulator(&mcuLink, profile);
    simulator.start();

    for (qsizetype at = 0; at < input.size(); at += chunk) {
        const QByteArrayView piece = input.sliced(at, qMin<qsizetype>(chunk, input.size() - at));
        hostLink.feed(piece);
        mcuLink.feed(piece);
    }
    host.stop();
    simulator.stop();
    return 0;
}
