// libFuzzer target: the LAN network layer on arbitrary bytes, two ways.
//  1. The input as a pcap/pcapng file: PcapngReader, then extractNetFlows (default options, and
//     every port followed with the smallest buffers so overflow paths run too).
//  2. The input as packets of one link type (first byte picks it, then records of a 2-byte length
//     and the bytes), so the fuzzer reaches TCP reassembly without having to build a pcap header.
// Invariants checked (a violation aborts, so libFuzzer reports it like a crash): every layer lies
// inside its packet; in each flow direction, data and gap chunks tile the stream from offset 0
// with no overlap or hole; the per-flow counters match the chunks.

#include "capture/Capture.h"
#include "net/LinkTypes.h"
#include "net/NetExtraction.h"
#include "net/PacketDecoder.h"
#include "pcapng/PcapngReader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;
using namespace tuyascope::net;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void checkFlows(const NetExtraction& x)
{
    for (const TcpFlow& f : x.tcpFlows) {
        qint64 next[2] = {0, 0};
        qint64 bytes[2] = {0, 0};
        int gaps = 0;
        qint64 gapBytes = 0;
        for (const TcpChunk& c : f.chunks) {
            const int d = c.direction == FlowDirection::ClientToServer ? 0 : 1;
            check(c.streamOffset == next[d]);
            if (c.isGap()) {
                check(c.gapLength > 0 && c.bytes.isEmpty());
                next[d] += c.gapLength;
                ++gaps;
                gapBytes += c.gapLength;
            } else {
                check(!c.bytes.isEmpty());
                next[d] += c.bytes.size();
                bytes[d] += c.bytes.size();
            }
        }
        check(bytes[0] == f.clientBytes && bytes[1] == f.serverBytes);
        check(gaps == f.gaps && gapBytes == f.gapBytes);
        check(f.overlapConflicts <= f.retransmissions);
        check(f.packets == f.records.size());
    }
}

void checkPacket(QByteArrayView frame, quint32 linkType)
{
    const DecodedPacket p = decodePacket(frame, linkType);
    for (const NetLayer& l : p.layers)
        check(l.offset >= 0 && l.length >= 0 && l.offset + l.length <= frame.size());
    const QByteArrayView payload = p.payload(frame);
    check(payload.size() == (p.payloadLength > 0 ? p.payloadLength : 0));
}

void extractBothWays(const Capture& capture)
{
    checkFlows(extractNetFlows(capture));
    NetOptions all;
    all.allTcpPorts = true;
    all.allUdpPorts = true;
    all.maxOutOfOrderBytes = 0;  // raised to the minimum
    all.maxFragmentBytes = 1024;
    all.maxPacketNotes = 4;
    checkFlows(extractNetFlows(capture, all));
}

constexpr quint32 kLinkTypes[] = {linktype::Ethernet, linktype::LinuxSll, linktype::LinuxSll2, linktype::Null,
                                  linktype::Loop,     linktype::Raw,      linktype::Ipv4,      linktype::Ipv6,
                                  linktype::RawDlt12, linktype::Ieee80211Radiotap};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));

    // 1. As a capture file.
    {
        Capture capture;
        PcapngReader reader;
        (void)reader.read(input, capture, QStringLiteral("fuzz.pcap"));
        for (int i = 0; i < capture.recordCount(); ++i) {
            const quint32 linkType = capture.channels().at(capture.recordChannel(i)).linkType;
            if (isNetworkLinkType(linkType))
                checkPacket(capture.recordBytes(i), linkType);
        }
        extractBothWays(capture);
    }

    // 2. As packets of one link type.
    if (size < 1)
        return 0;
    const quint32 linkType = kLinkTypes[data[0] % (sizeof(kLinkTypes) / sizeof(kLinkTypes[0]))];
    Capture capture;
    ChannelInfo info;
    info.linkType = linkType;
    const int channel = capture.addChannel(info);
    qsizetype pos = 1;
    qint64 time = 1700000000000000LL;
    while (pos + 2 <= input.size()) {
        const qsizetype length = std::min<qsizetype>((quint8(input[pos]) << 8) | quint8(input[pos + 1]),
                                                     input.size() - pos - 2);
        const QByteArrayView packet = input.sliced(pos + 2, length);
        checkPacket(packet, linkType);
        capture.append(time, Direction::Unknown, channel, packet);
        time += 1000;
        pos += 2 + length;
    }
    extractBothWays(capture);
    return 0;
}
