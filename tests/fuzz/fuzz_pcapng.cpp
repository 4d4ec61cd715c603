// libFuzzer target: the pcapng / pcap reader on arbitrary bytes, then the writer on whatever was
// recovered, whose output must read back to the same records (bytes, time, direction, flags,
// annotation). A mismatch aborts, so libFuzzer reports it like a crash.

#include "capture/Capture.h"
#include "pcapng/PcapngReader.h"
#include "pcapng/PcapngWriter.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)PcapngReader::detect(input);

    PcapngReader reader;
    Capture first;
    (void)reader.read(input, first, QStringLiteral("fuzz.pcapng"));
    for (int i = 0; i < first.recordCount(); ++i)
        (void)first.record(i);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    PcapngWriter writer;
    if (!writer.open(&buffer) || !writer.writeCapture(first))
        std::abort();

    PcapngReader again;
    Capture second;
    if (!again.read(buffer.data(), second) || second.recordCount() != first.recordCount())
        std::abort();
    for (int i = 0; i < first.recordCount(); ++i) {
        const Record a = first.record(i);
        const Record b = second.record(i);
        if (a.bytes.toByteArray() != b.bytes.toByteArray() || a.timeUs != b.timeUs || a.direction != b.direction
            || a.flags != b.flags || a.annotation != b.annotation)
            std::abort();
    }
    return 0;
}
