// libFuzzer target: the LAN session layer on arbitrary bytes, three ways.
//  1. The input as a pcap/pcapng file: PcapngReader, then analyzeLanCapture (TCP 6668 and every
//     discovery port, with a key so the decrypt/handshake paths run).
//  2. The input as a LAN log (LanLogImporter), then the analysis of the records.
//  3. The input as the two directions of one flow (first byte: split point and version), fed to a
//     LanSessionTracker in small chunks with a gap in the middle.
// Invariants (a violation aborts): item indices are 0..n-1; every item's bytes are a piece of
// what was fed; the tracker's frames of a direction never overlap in stream offsets (a
// BadSuffix/ImplausibleLength event and the garbage after it may share bytes by design).

#include "capture/Capture.h"
#include "import/importers/LanLogImporter.h"
#include "keys/KeyStore.h"
#include "pcapng/PcapngReader.h"
#include "tuyalan/session/LanCaptureAnalysis.h"
#include "tuyalan/session/LanSessionTracker.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;
using namespace tuyascope::lan;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

const keys::KeyStore& store()
{
    static const keys::KeyStore s = [] {
        keys::KeyStore k;
        k.assign(QStringLiteral("eb0123456789abcdefghij"), QStringLiteral("0123456789abcdef"));
        return k;
    }();
    return s;
}

void checkAnalysis(const LanCaptureAnalysis& a)
{
    for (int i = 0; i < a.items.size(); ++i) {
        check(a.items.at(i).index == i);
        check(a.items.at(i).flow < a.flows.size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));

    // 1. As a capture file.
    {
        Capture capture;
        PcapngReader reader;
        (void)reader.read(input, capture, QStringLiteral("fuzz.pcap"));
        LanAnalysisOptions options;
        options.tcpPorts = {6668, 6669};
        checkAnalysis(analyzeLanCapture(capture, store(), options));
    }

    // 2. As a LAN log.
    {
        Capture capture;
        QString error;
        importers::LanLogImporter importer;
        (void)importer.probe(input, QStringLiteral("fuzz.log"));
        if (importer.import(input, {QStringLiteral("fuzz.log"), Direction::Unknown}, capture, &error))
            checkAnalysis(analyzeLanCapture(capture, store()));
    }

    // 3. As one flow.
    if (size >= 2) {
        const quint8 control = data[0];
        const QByteArrayView rest = input.sliced(1);
        const qsizetype split = rest.size() * (control & 0x0F) / 16;
        static const LanVersion versions[] = {LanVersion::Unknown, LanVersion::V33, LanVersion::V34, LanVersion::V35};
        LanSessionTracker tracker({QByteArrayLiteral("0123456789abcdef"), versions[(control >> 4) & 3], VersionBasis::User});
        const QByteArrayView streams[2] = {rest.first(split), rest.sliced(split)};
        qint64 end[2] = {0, 0};
        const auto take = [&](const QVector<LanSessionItem>& items) {
            for (const LanSessionItem& it : items) {
                const int d = it.sender == LanSender::Device ? 1 : 0;
                if (it.kind == LanStreamSplitter::EventKind::Frame) {
                    check(it.offset >= end[d]);
                    end[d] = it.offset + it.bytes.size();
                }
                check(streams[d].toByteArray().contains(it.bytes));
            }
        };
        const qsizetype step = 1 + (control >> 6) * 7;
        for (qsizetype off = 0; off < rest.size(); off += step) {
            for (int d = 0; d < 2; ++d) {
                if (off >= streams[d].size())
                    continue;
                const LanSender sender = d == 0 ? LanSender::Client : LanSender::Device;
                if (off == step * 4 && (control & 0x40))
                    take(tracker.gap(sender, 0, 0));
                take(tracker.feed(sender, streams[d].sliced(off, qMin(step, streams[d].size() - off)), qint64(off)));
            }
        }
        take(tracker.finish());
    }
    return 0;
}
