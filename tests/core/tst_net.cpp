// The LAN network layer: link/IP/transport decoding of single packets, TCP reassembly per flow
// (split, coalesced, out-of-order, retransmitted, missing bytes), UDP discovery datagrams, and a
// real loopback capture taken with tcpdump.

#include "common/Xorshift32.h"
#include "net/LinkTypes.h"
#include "net/NetExtraction.h"
#include "net/PacketDecoder.h"
#include "net/TcpStreamReassembler.h"
#include "pcapng/PcapngReader.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::net;

namespace {

// ---- test-side packet writer (independent of the code under test) --------------------------

QByteArray be16(quint16 v)
{
    QByteArray b;
    b.append(char(v >> 8)).append(char(v & 0xFF));
    return b;
}

QByteArray be32(quint32 v)
{
    return be16(quint16(v >> 16)) + be16(quint16(v & 0xFFFF));
}

QByteArray le32(quint32 v)
{
    QByteArray b;
    for (int i = 0; i < 4; ++i)
        b.append(char((v >> (8 * i)) & 0xFF));
    return b;
}

QByteArray tcpHeader(quint16 sport, quint16 dport, quint32 seq, quint32 ack, quint8 flags, const QByteArray& payload,
                     int optionWords = 0)
{
    QByteArray t = be16(sport) + be16(dport) + be32(seq) + be32(ack);
    t.append(char((5 + optionWords) << 4)).append(char(flags));
    t += be16(65535) + be16(0) + be16(0); // window, checksum (not checked), urgent pointer
    for (int i = 0; i < optionWords; ++i)
        t += QByteArray::fromHex("01010101"); // NOPs
    return t + payload;
}

QByteArray udpHeader(quint16 sport, quint16 dport, const QByteArray& payload)
{
    return be16(sport) + be16(dport) + be16(quint16(8 + payload.size())) + be16(0) + payload;
}

struct Ipv4Options {
    quint16 id = 1;
    int fragmentOffset = 0; // bytes, multiple of 8
    bool moreFragments = false;
    QByteArray options;     // multiple of 4 bytes
};

QByteArray ipv4(quint32 src, quint32 dst, quint8 protocol, const QByteArray& body, const Ipv4Options& o = {})
{
    const int headerLength = 20 + int(o.options.size());
    QByteArray h;
    h.append(char(0x40 | (headerLength / 4))).append(char(0));
    h += be16(quint16(headerLength + body.size())) + be16(o.id);
    h += be16(quint16((o.moreFragments ? 0x2000 : 0) | (o.fragmentOffset / 8)));
    h.append(char(64)).append(char(protocol));
    h += be16(0) + be32(src) + be32(dst) + o.options;
    return h + body;
}

QByteArray v6(quint8 last)
{
    QByteArray a = QByteArray::fromHex("fd000000000000000000000000000000");
    a[15] = char(last);
    return a;
}

// extensions: (header type, whole header bytes with a placeholder next-header byte first)
QByteArray ipv6(const QByteArray& src, const QByteArray& dst, quint8 protocol, const QByteArray& body,
                const QVector<QPair<quint8, QByteArray>>& extensions = {})
{
    QByteArray chain;
    for (int i = 0; i < extensions.size(); ++i) {
        QByteArray ext = extensions.at(i).second;
        ext[0] = char(i + 1 < extensions.size() ? extensions.at(i + 1).first : protocol);
        chain += ext;
    }
    const quint8 first = extensions.isEmpty() ? protocol : extensions.first().first;
    QByteArray h = QByteArray::fromHex("60000000");
    h += be16(quint16(chain.size() + body.size()));
    h.append(char(first)).append(char(64));
    return h + src + dst + chain + body;
}

QByteArray ethernet(const QByteArray& ip, quint16 etherType, const QVector<quint16>& vlans = {})
{
    QByteArray f = QByteArray::fromHex("020000000001020000000002");
    for (quint16 vlan : vlans)
        f += be16(0x8100) + be16(vlan);
    return f + be16(etherType) + ip;
}

QByteArray sll(const QByteArray& ip, quint16 etherType)
{
    return be16(0) + be16(1) + be16(6) + QByteArray::fromHex("0200000000020000") + be16(etherType) + ip;
}

QByteArray sll2(const QByteArray& ip, quint16 etherType)
{
    return be16(etherType) + be16(0) + be32(3) + be16(1) + QByteArray(1, '\0') + QByteArray(1, char(6))
           + QByteArray::fromHex("0200000000020000") + ip;
}

QByteArray loopback(const QByteArray& ip, quint32 af, bool bigEndian)
{
    return (bigEndian ? be32(af) : le32(af)) + ip;
}

constexpr quint32 kClientIp = 0xC0A80102; // 192.168.1.2
constexpr quint32 kServerIp = 0xC0A80137; // 192.168.1.55
constexpr quint16 kTuyaPort = 6668;
const quint8 kAckPsh = tcpflag::Ack | tcpflag::Psh;

// One IPv4 TCP connection over Ethernet, packets written from either end.
struct Conn {
    quint32 clientIp = kClientIp;
    quint32 serverIp = kServerIp;
    quint16 clientPort = 50000;
    quint16 serverPort = kTuyaPort;

    QByteArray fromClient(quint32 seq, quint32 ack, quint8 flags, const QByteArray& payload = {}) const
    {
        return ethernet(ipv4(clientIp, serverIp, 6, tcpHeader(clientPort, serverPort, seq, ack, flags, payload)),
                        ethertype::Ipv4);
    }
    QByteArray fromServer(quint32 seq, quint32 ack, quint8 flags, const QByteArray& payload = {}) const
    {
        return ethernet(ipv4(serverIp, clientIp, 6, tcpHeader(serverPort, clientPort, seq, ack, flags, payload)),
                        ethertype::Ipv4);
    }
};

constexpr qint64 kT0 = 1700000000000000LL;

// Time of packet i in the captures below: 1 ms apart.
qint64 timeOf(int i)
{
    return kT0 + qint64(i) * 1000;
}

Capture captureOf(const QVector<QByteArray>& frames, quint32 linkType = linktype::Ethernet)
{
    Capture c;
    ChannelInfo info;
    info.name = QStringLiteral("test");
    info.linkType = linkType;
    const int channel = c.addChannel(info);
    for (int i = 0; i < frames.size(); ++i)
        c.append(timeOf(i), Direction::Unknown, channel, frames.at(i));
    return c;
}

NetExtraction extract(const QVector<QByteArray>& frames, const NetOptions& options = NetOptions())
{
    return extractNetFlows(captureOf(frames), options);
}

QByteArray pattern(int size, quint32 seed)
{
    Xorshift32 rng(seed);
    QByteArray b(size, '\0');
    for (char& c : b)
        c = char(rng.next() & 0xFF);
    return b;
}

QVector<TcpChunk> chunksOf(const TcpFlow& flow, FlowDirection direction)
{
    QVector<TcpChunk> out;
    for (const TcpChunk& c : flow.chunks) {
        if (c.direction == direction)
            out.push_back(c);
    }
    return out;
}

bool hasNote(const TcpFlow& flow, const QString& code)
{
    for (const TcpFlowNote& n : flow.notes) {
        if (n.code == code)
            return true;
    }
    return false;
}

QString tcpdumpPath()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("tcpdump"));
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(QStringLiteral("tcpdump"),
                                              {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                               QStringLiteral("/usr/local/sbin")});
    }
    return path;
}

} // namespace

class TestNet : public QObject {
    Q_OBJECT

private slots:
    // ---- one packet ------------------------------------------------------------------------

    void linkTypesDecodeToTheSamePayload_data()
    {
        QTest::addColumn<quint32>("linkType");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("ipVersion");
        QTest::addColumn<int>("firstLayer");
        QTest::addColumn<int>("networkOffset");

        const QByteArray tcp = tcpHeader(50000, kTuyaPort, 1000, 2000, kAckPsh, QByteArrayLiteral("TUYA-PAYLOAD"));
        const QByteArray ip4 = ipv4(kClientIp, kServerIp, 6, tcp);
        const QByteArray ip6 = ipv6(v6(2), v6(0x55), 6, tcp);
        const int eth = int(NetLayerKind::Ethernet);
        const int lo = int(NetLayerKind::Loopback);
        const int v4 = int(NetLayerKind::Ipv4);
        const int v6l = int(NetLayerKind::Ipv6);

        QTest::newRow("ethernet") << linktype::Ethernet << ethernet(ip4, ethertype::Ipv4) << 4 << eth << 14;
        QTest::newRow("ethernet ipv6") << linktype::Ethernet << ethernet(ip6, ethertype::Ipv6) << 6 << eth << 14;
        QTest::newRow("ethernet vlan") << linktype::Ethernet << ethernet(ip4, ethertype::Ipv4, {42}) << 4 << eth << 18;
        QTest::newRow("ethernet qinq") << linktype::Ethernet << ethernet(ip6, ethertype::Ipv6, {100, 42}) << 6 << eth
                                       << 22;
        QTest::newRow("sll") << linktype::LinuxSll << sll(ip4, ethertype::Ipv4) << 4 << int(NetLayerKind::LinuxSll)
                             << 16;
        QTest::newRow("sll ipv6") << linktype::LinuxSll << sll(ip6, ethertype::Ipv6) << 6
                                  << int(NetLayerKind::LinuxSll) << 16;
        QTest::newRow("sll2") << linktype::LinuxSll2 << sll2(ip4, ethertype::Ipv4) << 4
                              << int(NetLayerKind::LinuxSll2) << 20;
        QTest::newRow("sll2 ipv6") << linktype::LinuxSll2 << sll2(ip6, ethertype::Ipv6) << 6
                                   << int(NetLayerKind::LinuxSll2) << 20;
        QTest::newRow("null little-endian inet") << linktype::Null << loopback(ip4, 2, false) << 4 << lo << 4;
        QTest::newRow("null big-endian inet") << linktype::Null << loopback(ip4, 2, true) << 4 << lo << 4;
        QTest::newRow("null inet6 24") << linktype::Null << loopback(ip6, 24, false) << 6 << lo << 4;
        QTest::newRow("null inet6 28") << linktype::Null << loopback(ip6, 28, true) << 6 << lo << 4;
        QTest::newRow("null inet6 30") << linktype::Null << loopback(ip6, 30, false) << 6 << lo << 4;
        QTest::newRow("loop inet") << linktype::Loop << loopback(ip4, 2, true) << 4 << lo << 4;
        QTest::newRow("raw 101 ipv4") << linktype::Raw << ip4 << 4 << v4 << 0;
        QTest::newRow("raw 101 ipv6") << linktype::Raw << ip6 << 6 << v6l << 0;
        QTest::newRow("raw dlt 12") << linktype::RawDlt12 << ip4 << 4 << v4 << 0;
        QTest::newRow("raw dlt 14") << linktype::RawDlt14 << ip6 << 6 << v6l << 0;
        QTest::newRow("ipv4 228") << linktype::Ipv4 << ip4 << 4 << v4 << 0;
        QTest::newRow("ipv6 229") << linktype::Ipv6 << ip6 << 6 << v6l << 0;
    }

    void linkTypesDecodeToTheSamePayload()
    {
        QFETCH(quint32, linkType);
        QFETCH(QByteArray, frame);
        QFETCH(int, ipVersion);
        QFETCH(int, firstLayer);
        QFETCH(int, networkOffset);

        const DecodedPacket p = decodePacket(frame, linkType);
        QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.isEmpty() ? QString() : p.problems.first().message));
        QCOMPARE(p.ipVersion, ipVersion);
        QCOMPARE(p.networkOffset, networkOffset);
        QVERIFY(!p.layers.isEmpty());
        QCOMPARE(int(p.layers.first().kind), firstLayer);
        QVERIFY(p.isTcp());
        QCOMPARE(p.sourcePort, quint16(50000));
        QCOMPARE(p.destinationPort, kTuyaPort);
        QCOMPARE(p.seq, 1000u);
        QCOMPARE(p.ack, 2000u);
        QCOMPARE(p.tcpFlags, kAckPsh);
        QCOMPARE(p.payload(frame).toByteArray(), QByteArrayLiteral("TUYA-PAYLOAD"));
        QCOMPARE(p.payloadOffset, int(frame.size()) - 12);
        const NetLayer* tcp = p.findLayer(NetLayerKind::Tcp);
        QVERIFY(tcp);
        QCOMPARE(tcp->offset + tcp->length, p.payloadOffset);
        if (ipVersion == 4) {
            QCOMPARE(p.source, QHostAddress(QStringLiteral("192.168.1.2")));
            QCOMPARE(p.destination, QHostAddress(QStringLiteral("192.168.1.55")));
        } else {
            QCOMPARE(p.source, QHostAddress(QStringLiteral("fd00::2")));
            QCOMPARE(p.destination, QHostAddress(QStringLiteral("fd00::55")));
        }

        // The same packet through the whole extraction, from a channel of that link type.
        const NetExtraction x = extractNetFlows(captureOf({frame}, linkType));
        QCOMPARE(x.tcpFlows.size(), 1);
        QCOMPARE(x.tcpFlows.first().stream(FlowDirection::ClientToServer), QByteArrayLiteral("TUYA-PAYLOAD"));
        QCOMPARE(x.tcpFlows.first().server.port, kTuyaPort);
    }

    void vlanTagIdsAreLayers()
    {
        const QByteArray frame = ethernet(ipv4(kClientIp, kServerIp, 17, udpHeader(1, 6667, "x")), ethertype::Ipv4,
                                          {0x2000 | 42, 7});
        const DecodedPacket p = decodePacket(frame, linktype::Ethernet);
        QVector<quint16> vlans;
        for (const NetLayer& l : p.layers) {
            if (l.kind == NetLayerKind::VlanTag)
                vlans << l.detail;
        }
        QCOMPARE(vlans, (QVector<quint16>{42, 7})); // priority bits stripped
        QVERIFY(p.isUdp());
    }

    void ethernetPaddingIsNotPayload()
    {
        // A bare ACK is 54 bytes; Ethernet pads it to 60. The padding must not become payload.
        QByteArray frame = Conn().fromClient(1, 1, tcpflag::Ack);
        QCOMPARE(frame.size(), 54);
        frame += QByteArray(6, '\xAA');
        const DecodedPacket p = decodePacket(frame, linktype::Ethernet);
        QVERIFY(p.problems.isEmpty());
        QCOMPARE(p.payloadLength, 0);
        const NetLayer* trailer = p.findLayer(NetLayerKind::Trailer);
        QVERIFY(trailer);
        QCOMPARE(trailer->offset, 54);
        QCOMPARE(trailer->length, 6);

        QByteArray small = ethernet(ipv4(kClientIp, kServerIp, 17, udpHeader(6667, 6667, "ab")), ethertype::Ipv4);
        small += QByteArray(60 - small.size(), '\0');
        QCOMPARE(decodePacket(small, linktype::Ethernet).payload(small).toByteArray(), QByteArrayLiteral("ab"));
    }

    void ipv4AndTcpOptionsAreSkipped()
    {
        Ipv4Options o;
        o.options = QByteArray::fromHex("01010100"); // NOP NOP NOP EOL
        const QByteArray tcp = tcpHeader(50000, kTuyaPort, 5, 6, kAckPsh, "data", 3);
        const QByteArray frame = ethernet(ipv4(kClientIp, kServerIp, 6, tcp, o), ethertype::Ipv4);
        const DecodedPacket p = decodePacket(frame, linktype::Ethernet);
        QVERIFY(p.problems.isEmpty());
        const NetLayer* ip = p.findLayer(NetLayerKind::Ipv4);
        QVERIFY(ip);
        QCOMPARE(ip->offset, 14);
        QCOMPARE(ip->length, 24);
        const NetLayer* t = p.findLayer(NetLayerKind::Tcp);
        QVERIFY(t);
        QCOMPARE(t->offset, 38);
        QCOMPARE(t->length, 32);
        QCOMPARE(p.payloadOffset, 70);
        QCOMPARE(p.payload(frame).toByteArray(), QByteArrayLiteral("data"));
    }

    void ipv6ExtensionHeadersAreSkipped()
    {
        QByteArray hopByHop = QByteArray::fromHex("0000010400000000");           // 8 bytes (PadN)
        QByteArray destination = QByteArray::fromHex("000101020000000001040000000000"); // 16 bytes
        destination.append('\0');
        QCOMPARE(destination.size(), 16);
        const QByteArray tcp = tcpHeader(50000, kTuyaPort, 7, 8, kAckPsh, "six");
        const QByteArray ip = ipv6(v6(2), v6(0x55), 6, tcp, {{0, hopByHop}, {60, destination}});
        const QByteArray frame = ethernet(ip, ethertype::Ipv6);
        const DecodedPacket p = decodePacket(frame, linktype::Ethernet);
        QVERIFY(p.problems.isEmpty());
        QCOMPARE(p.ipProtocol, quint8(6));
        QVector<QPair<int, int>> extensions;
        for (const NetLayer& l : p.layers) {
            if (l.kind == NetLayerKind::Ipv6Extension)
                extensions.push_back({l.detail, l.length});
        }
        QCOMPARE(extensions, (QVector<QPair<int, int>>{{0, 8}, {60, 16}}));
        QCOMPARE(p.findLayer(NetLayerKind::Tcp)->offset, 14 + 40 + 24);
        QCOMPARE(p.payload(frame).toByteArray(), QByteArrayLiteral("six"));

        const NetExtraction x = extract({frame});
        QCOMPARE(x.tcpFlows.size(), 1);
        QCOMPARE(x.tcpFlows.first().client.toString(), QStringLiteral("[fd00::2]:50000"));
        QCOMPARE(x.tcpFlows.first().stream(FlowDirection::ClientToServer), QByteArrayLiteral("six"));
    }

    void ipFragmentsAreFlaggedAndReassembled()
    {
        const QByteArray payload = pattern(100, 7);
        const QByteArray udp = udpHeader(50001, 6667, payload); // 108 bytes: 56 + 52
        Ipv4Options first;
        first.id = 0x1234;
        first.moreFragments = true;
        Ipv4Options second;
        second.id = 0x1234;
        second.fragmentOffset = 56;
        const QByteArray f1 = ethernet(ipv4(kServerIp, 0xFFFFFFFF, 17, udp.left(56), first), ethertype::Ipv4);
        const QByteArray f2 = ethernet(ipv4(kServerIp, 0xFFFFFFFF, 17, udp.mid(56), second), ethertype::Ipv4);

        const DecodedPacket p1 = decodePacket(f1, linktype::Ethernet);
        QVERIFY(p1.fragment.isFragment);
        QVERIFY(p1.fragment.moreFragments);
        QCOMPARE(p1.fragment.id, 0x1234u);
        QCOMPARE(p1.transport, TransportProtocol::None); // not decoded from a piece
        const DecodedPacket p2 = decodePacket(f2, linktype::Ethernet);
        QVERIFY(p2.fragment.isFragment);
        QCOMPARE(p2.fragment.offset, 56);

        const NetExtraction x = extract({f2, f1}); // last fragment first
        QCOMPARE(x.stats.fragments, 2);
        QCOMPARE(x.stats.reassembledDatagrams, 1);
        QCOMPARE(x.udpDatagrams.size(), 1);
        QCOMPARE(x.udpDatagrams.first().payload, payload);
        QVERIFY(x.udpDatagrams.first().reassembled);
        QCOMPARE(x.udpDatagrams.first().record, 1);

        // IPv6: a fragment header (type 44) in the chain.
        auto fragmentHeader = [](int offset, bool more) {
            return QByteArray(2, '\0') + be16(quint16(offset | (more ? 1 : 0))) + be32(0xABCDEF);
        };
        const QByteArray g1 = ethernet(ipv6(v6(0x55), v6(2), 17, udp.left(56), {{44, fragmentHeader(0, true)}}),
                                       ethertype::Ipv6);
        const QByteArray g2 = ethernet(ipv6(v6(0x55), v6(2), 17, udp.mid(56), {{44, fragmentHeader(56, false)}}),
                                       ethertype::Ipv6);
        QVERIFY(decodePacket(g1, linktype::Ethernet).fragment.isFragment);
        const NetExtraction y = extract({g1, g2});
        QCOMPARE(y.udpDatagrams.size(), 1);
        QCOMPARE(y.udpDatagrams.first().payload, payload);

        // A lone fragment is reported as an incomplete datagram.
        const NetExtraction z = extract({f1});
        QCOMPARE(z.udpDatagrams.size(), 0);
        QCOMPARE(z.stats.droppedDatagrams, 1);
    }

    void truncatedPacketsAreFlagged()
    {
        const QByteArray full = Conn().fromClient(100, 200, kAckPsh, QByteArrayLiteral("0123456789"));
        QCOMPARE(full.size(), 64);
        for (int cut = 0; cut < full.size(); ++cut) {
            const QByteArray frame = full.left(cut);
            const DecodedPacket p = decodePacket(frame, linktype::Ethernet);
            QVERIFY2(!p.problems.isEmpty(), qPrintable(QStringLiteral("cut at %1").arg(cut)));
            if (cut < 14) {
                QVERIFY(p.hasProblem(NetProblemKind::TruncatedLinkHeader));
            } else if (cut < 34) {
                QVERIFY(p.hasProblem(NetProblemKind::TruncatedIpHeader));
            } else {
                QVERIFY(p.hasProblem(NetProblemKind::IpPayloadTruncated));
                QVERIFY(p.truncated);
                if (cut < 54) {
                    QVERIFY(p.hasProblem(NetProblemKind::TruncatedTcpHeader));
                    QVERIFY(!p.isTcp());
                } else {
                    QVERIFY(p.isTcp()); // header complete: the captured part of the payload is kept
                    QCOMPARE(p.payload(frame).toByteArray(), QByteArrayLiteral("0123456789").left(cut - 54));
                }
            }
            for (const NetLayer& l : p.layers)
                QVERIFY(l.offset >= 0 && l.offset + l.length <= frame.size());
        }

        // Through the extraction: notes, no crash, the good packet still delivered.
        QVector<QByteArray> frames;
        for (int cut = 0; cut < full.size(); cut += 7)
            frames << full.left(cut);
        frames << full;
        const NetExtraction x = extract(frames);
        QVERIFY(x.stats.packetsWithProblems >= 9);
        bool noted = false;
        for (const NetNote& n : x.notes)
            noted = noted || (n.code == QLatin1String("NET_TRUNCATED_IP_HEADER") && n.record >= 0);
        QVERIFY(noted);
    }

    void malformedHeadersAreFlagged_data()
    {
        QTest::addColumn<quint32>("linkType");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("problem");

        const QByteArray good = ipv4(kClientIp, kServerIp, 6, tcpHeader(1, 2, 3, 4, 0, "x"));
        QByteArray badVersion = good;
        badVersion[0] = char(0x55);
        QByteArray shortIhl = good;
        shortIhl[0] = char(0x44);
        QByteArray shortTotal = good;
        shortTotal[2] = 0;
        shortTotal[3] = 10;
        QByteArray badTcpOffset = good;
        badTcpOffset[20 + 12] = char(0x30);
        QByteArray hugeTcpOffset = good;
        hugeTcpOffset[20 + 12] = char(0xF0);
        QByteArray badUdp = ipv4(kClientIp, kServerIp, 17, udpHeader(6667, 6667, "abc"));
        badUdp[20 + 4] = 0;
        badUdp[20 + 5] = 4;
        QByteArray longUdp = ipv4(kClientIp, kServerIp, 17, udpHeader(6667, 6667, "abc"));
        longUdp[20 + 5] = char(200);
        const QByteArray cutExtension = ipv6(v6(1), v6(2), 6, QByteArray(), {{0, QByteArray(8, '\0')}}).left(44);

        QTest::newRow("ip version 5") << linktype::Ethernet << ethernet(badVersion, ethertype::Ipv4)
                                      << int(NetProblemKind::BadIpVersion);
        QTest::newRow("ipv6 on 228") << linktype::Ipv4 << ipv6(v6(1), v6(2), 6, QByteArray())
                                     << int(NetProblemKind::BadIpVersion);
        QTest::newRow("raw version 0") << linktype::Raw << QByteArray(40, '\0') << int(NetProblemKind::BadIpVersion);
        QTest::newRow("ihl 4") << linktype::Raw << shortIhl << int(NetProblemKind::BadIpHeaderLength);
        QTest::newRow("total < header") << linktype::Raw << shortTotal << int(NetProblemKind::BadIpHeaderLength);
        QTest::newRow("tcp offset 3") << linktype::Raw << badTcpOffset << int(NetProblemKind::BadTcpHeaderLength);
        QTest::newRow("tcp offset 60") << linktype::Raw << hugeTcpOffset << int(NetProblemKind::BadTcpHeaderLength);
        QTest::newRow("udp length 4") << linktype::Raw << badUdp << int(NetProblemKind::BadUdpLength);
        QTest::newRow("udp length 200") << linktype::Raw << longUdp << int(NetProblemKind::BadUdpLength);
        QTest::newRow("ipv6 extension cut") << linktype::Raw << cutExtension
                                            << int(NetProblemKind::TruncatedExtensionHeader);
        QTest::newRow("null af 99") << linktype::Null << loopback(good, 99, false)
                                    << int(NetProblemKind::UnknownAddressFamily);
        QTest::newRow("nine vlan tags") << linktype::Ethernet
                                        << ethernet(good, ethertype::Ipv4, {1, 2, 3, 4, 5, 6, 7, 8, 9})
                                        << int(NetProblemKind::TooManyVlanTags);
        QTest::newRow("radiotap") << linktype::Ieee80211Radiotap << good << int(NetProblemKind::EncryptedWireless);
        QTest::newRow("link type 9999") << 9999u << good << int(NetProblemKind::UnsupportedLinkType);
    }

    void malformedHeadersAreFlagged()
    {
        QFETCH(quint32, linkType);
        QFETCH(QByteArray, frame);
        QFETCH(int, problem);
        const DecodedPacket p = decodePacket(frame, linkType);
        QVERIFY2(p.hasProblem(NetProblemKind(problem)),
                 qPrintable(QStringLiteral("problems: %1").arg(p.problems.size())));
        QVERIFY(netProblemCode(NetProblemKind(problem)).startsWith(QLatin1String("NET_")));
    }

    void nonNetworkChannelsAndUnreadableLinkTypes()
    {
        const QByteArray frame = Conn().fromClient(1, 1, kAckPsh, "hello");
        Capture c;
        ChannelInfo serial;
        serial.name = QStringLiteral("tuyamcu");
        c.addChannel(serial); // kNoLinkType: never read as packets
        ChannelInfo wifi;
        wifi.name = QStringLiteral("wlan0mon");
        wifi.linkType = linktype::Ieee80211Radiotap;
        c.addChannel(wifi);
        ChannelInfo eth;
        eth.name = QStringLiteral("eth0");
        eth.linkType = linktype::Ethernet;
        c.addChannel(eth);
        c.append(kT0, Direction::Unknown, 0, frame);
        c.append(kT0, Direction::Unknown, 1, frame);
        c.append(kT0, Direction::Unknown, 1, frame);
        c.append(kT0, Direction::Unknown, 2, frame);
        const NetExtraction x = extractNetFlows(c);
        QCOMPARE(x.stats.networkChannels, 2);
        QCOMPARE(x.stats.packets, 3);
        QCOMPARE(x.tcpFlows.size(), 1);
        QCOMPARE(x.tcpFlows.first().channel, 2);
        bool wireless = false;
        for (const NetNote& n : x.notes) {
            if (n.code == QLatin1String("NET_ENCRYPTED_WIRELESS") && n.channel == 1)
                wireless = n.message.contains(QLatin1String("2 packet(s)")) && n.message.contains(QLatin1String("WPA"));
        }
        QVERIFY(wireless);
    }

    // ---- TCP reassembly -----------------------------------------------------------------------

    void handshakeSplitSegmentsAndFin()
    {
        const Conn k;
        const QByteArray frame = QByteArray::fromHex("000055aa00000001000000090000000c0000000000000000") + "0123456789";
        const QByteArray a = frame.left(5), b = frame.mid(5, 11), rest = frame.mid(16);
        const quint32 c = 1000, s = 90000; // initial sequence numbers
        const NetExtraction x = extract({
            k.fromClient(c, 0, tcpflag::Syn),
            k.fromClient(c, 0, tcpflag::Syn), // SYN retransmission: same connection
            k.fromServer(s, c + 1, tcpflag::Syn | tcpflag::Ack),
            k.fromClient(c + 1, s + 1, tcpflag::Ack),
            k.fromClient(c + 1, s + 1, kAckPsh, a),
            k.fromClient(c + 1 + 5, s + 1, kAckPsh, b),
            k.fromClient(c + 1 + 16, s + 1, kAckPsh, rest),
            k.fromServer(s + 1, c + 1 + quint32(frame.size()), kAckPsh, "reply"),
            k.fromClient(c + 1 + quint32(frame.size()), s + 6, tcpflag::Fin | tcpflag::Ack),
            k.fromServer(s + 6, c + 2 + quint32(frame.size()), tcpflag::Fin | tcpflag::Ack),
            k.fromClient(c + 2 + quint32(frame.size()), s + 7, tcpflag::Ack),
        });
        QCOMPARE(x.tcpFlows.size(), 1);
        const TcpFlow& f = x.tcpFlows.first();
        QVERIFY(f.handshakeSeen());
        QCOMPARE(f.roleBasis, RoleBasis::Syn);
        QCOMPARE(f.client.toString(), QStringLiteral("192.168.1.2:50000"));
        QCOMPARE(f.server.toString(), QStringLiteral("192.168.1.55:6668"));
        QCOMPARE(f.end, TcpFlowEnd::Fin);
        QCOMPARE(f.packets, 11);
        QCOMPARE(f.firstTimeUs, timeOf(0));
        QCOMPARE(f.lastTimeUs, timeOf(10));
        QCOMPARE(f.retransmissions, 1);
        QCOMPARE(f.gaps, 0);
        QCOMPARE(f.stream(FlowDirection::ClientToServer), frame);
        QCOMPARE(f.stream(FlowDirection::ServerToClient), QByteArrayLiteral("reply"));
        const QVector<TcpChunk> up = chunksOf(f, FlowDirection::ClientToServer);
        QCOMPARE(up.size(), 3);
        QCOMPARE(up.at(0).streamOffset, 0);
        QCOMPARE(up.at(1).streamOffset, 5);
        QCOMPARE(up.at(2).streamOffset, 16);
        QCOMPARE(up.at(0).timeUs, timeOf(4));
        QCOMPARE(up.at(2).timeUs, timeOf(6));
        QCOMPARE(up.at(2).record, 6);
        QCOMPARE(f.chunks.last().direction, FlowDirection::ServerToClient);
    }

    void coalescedFramesStayOneChunk()
    {
        const Conn k;
        const QByteArray two = QByteArrayLiteral("FRAME-ONE|FRAME-TWO|");
        const NetExtraction x = extract({k.fromServer(7, 9, kAckPsh, two)});
        QCOMPARE(x.tcpFlows.size(), 1);
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.chunks.size(), 1);
        QCOMPARE(f.chunks.first().bytes, two);
        QCOMPARE(f.chunks.first().direction, FlowDirection::ServerToClient);
    }

    void outOfOrderSegmentsInReverse()
    {
        const Conn k;
        const quint32 c = 500, s = 7000;
        const NetExtraction x = extract({
            k.fromClient(c, 0, tcpflag::Syn),
            k.fromServer(s, c + 1, tcpflag::Syn | tcpflag::Ack),
            k.fromClient(c + 1 + 8, s + 1, kAckPsh, "CCCC"),
            k.fromClient(c + 1 + 4, s + 1, kAckPsh, "BBBB"),
            k.fromClient(c + 1, s + 1, kAckPsh, "AAAA"),
        });
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.stream(FlowDirection::ClientToServer), QByteArrayLiteral("AAAABBBBCCCC"));
        QCOMPARE(f.outOfOrder, 2);
        QCOMPARE(f.gaps, 0);
        QCOMPARE(f.retransmissions, 0);
        const QVector<TcpChunk> up = chunksOf(f, FlowDirection::ClientToServer);
        QCOMPARE(up.size(), 3);
        QCOMPARE(up.at(0).streamOffset, 0);
        QCOMPARE(up.at(1).streamOffset, 4);
        QCOMPARE(up.at(2).streamOffset, 8);
        // Each chunk keeps the time of the segment that carried it.
        QCOMPARE(up.at(0).timeUs, timeOf(4));
        QCOMPARE(up.at(1).timeUs, timeOf(3));
        QCOMPARE(up.at(2).timeUs, timeOf(2));
    }

    void exactRetransmissionIsNotDuplicated()
    {
        const Conn k;
        const NetExtraction x = extract({
            k.fromClient(1, 1, kAckPsh, "hello "),
            k.fromClient(1, 1, kAckPsh, "hello "),
            k.fromClient(7, 1, kAckPsh, "world"),
            k.fromClient(4, 1, kAckPsh, "lo wo"), // overlapping, same bytes
        });
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.stream(FlowDirection::ClientToServer), QByteArrayLiteral("hello world"));
        QCOMPARE(f.retransmissions, 2);
        QCOMPARE(f.overlapConflicts, 0);
        QVERIFY(!hasNote(f, QStringLiteral("TCP_OVERLAP_CONFLICT")));
    }

    void overlappingRetransmissionWithOtherBytesIsFlagged()
    {
        const Conn k;
        const NetExtraction x = extract({
            k.fromClient(1, 1, kAckPsh, "ABCDEFGH"),
            k.fromClient(5, 1, kAckPsh, "xxxxIJKL"), // 4 delivered bytes differ, 4 new
            k.fromClient(21, 1, kAckPsh, "UVWX"),   // held behind a hole
            k.fromClient(19, 1, kAckPsh, "st??"),   // overlaps the held copy with other bytes
            k.fromClient(13, 1, kAckPsh, "MNOPQR"),
        });
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.stream(FlowDirection::ClientToServer), QByteArrayLiteral("ABCDEFGHIJKLMNOPQRstUVWX"));
        QCOMPARE(f.overlapConflicts, 2);
        QCOMPARE(f.retransmissions, 2);
        QCOMPARE(f.gaps, 0);
        QVector<qint64> offsets;
        for (const TcpFlowNote& n : f.notes) {
            if (n.code == QLatin1String("TCP_OVERLAP_CONFLICT"))
                offsets << n.streamOffset;
        }
        QCOMPARE(offsets, (QVector<qint64>{4, 20}));
    }

    void gapIsMarkedAndTheRestDelivered()
    {
        const Conn k;
        // Bytes 10..19 never captured; the flow simply ends.
        const NetExtraction x = extract({
            k.fromClient(1, 1, kAckPsh, "0123456789"),
            k.fromClient(21, 1, kAckPsh, "KLMNOPQRST"),
            k.fromClient(31, 1, kAckPsh, "UVW"),
        });
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.gaps, 1);
        QCOMPARE(f.gapBytes, 10);
        const QVector<TcpChunk> up = chunksOf(f, FlowDirection::ClientToServer);
        QCOMPARE(up.size(), 4);
        QVERIFY(!up.at(0).isGap());
        QVERIFY(up.at(1).isGap());
        QCOMPARE(up.at(1).streamOffset, 10);
        QCOMPARE(up.at(1).gapLength, 10);
        QCOMPARE(up.at(1).gapReason, TcpGapReason::FlowEnd);
        QCOMPARE(up.at(2).streamOffset, 20);
        QCOMPARE(up.at(2).bytes, QByteArrayLiteral("KLMNOPQRST"));
        QCOMPARE(up.at(3).bytes, QByteArrayLiteral("UVW"));
        QVERIFY(hasNote(f, QStringLiteral("TCP_GAP")));

        // The server acknowledged the missing bytes: the hole is closed at once, in capture order.
        const NetExtraction y = extract({
            k.fromClient(1, 1, kAckPsh, "0123456789"),
            k.fromClient(21, 1, kAckPsh, "KLMNOPQRST"),
            k.fromServer(1, 31, kAckPsh, "ok"),
        });
        const TcpFlow& g = y.tcpFlows.first();
        QCOMPARE(g.chunks.size(), 4);
        QCOMPARE(g.chunks.at(1).kind, TcpChunkKind::Gap);
        QCOMPARE(g.chunks.at(1).gapReason, TcpGapReason::NotCaptured);
        QCOMPARE(g.chunks.at(2).bytes, QByteArrayLiteral("KLMNOPQRST"));
        QCOMPARE(g.chunks.at(3).direction, FlowDirection::ServerToClient); // after the client's data
    }

    void outOfOrderBufferIsBounded()
    {
        const Conn k;
        NetOptions o;
        o.maxOutOfOrderBytes = 64 * 1024; // the minimum
        QVector<QByteArray> frames;
        frames << k.fromClient(1, 1, kAckPsh, "head");
        // A hole of 100 bytes, then 100 KB that cannot be delivered until the hole is given up.
        const QByteArray body = pattern(100 * 1000, 3);
        for (int at = 0; at < body.size(); at += 1000)
            frames << k.fromClient(quint32(1 + 4 + 100 + at), 1, kAckPsh, body.mid(at, 1000));
        const NetExtraction x = extract(frames, o);
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.gaps, 1);
        QCOMPARE(f.gapBytes, 100);
        QCOMPARE(f.stream(FlowDirection::ClientToServer), QByteArrayLiteral("head") + body);
        const TcpChunk& gap = f.chunks.at(1);
        QVERIFY(gap.isGap());
        QCOMPARE(gap.gapReason, TcpGapReason::BufferFull);
        QCOMPARE(gap.record, 1); // a gap carries the record and time of the data after it
        QCOMPARE(gap.timeUs, timeOf(1));
    }

    void reassemblerHoldsNoMoreThanItsCap()
    {
        TcpStreamReassembler::Options o;
        o.maxBufferedBytes = 64 * 1024;
        TcpStreamReassembler r(o);
        QVector<TcpStreamReassembler::Event> events;
        r.startAtSyn(0);
        r.segment(1, "head", 0, 0, events);
        QCOMPARE(r.nextOffset(), 4);
        int gapAt = -1;
        for (int i = 0; i < 100; ++i) {
            events.clear();
            r.segment(quint32(1 + 4 + 100 + i * 1000), pattern(1000, quint32(i + 1)), i, i, events);
            QVERIFY(r.bufferedBytes() <= o.maxBufferedBytes);
            for (const auto& e : events) {
                if (e.kind == TcpStreamReassembler::EventKind::Gap) {
                    QCOMPARE(gapAt, -1);
                    gapAt = i;
                    QCOMPARE(e.offset, 4);
                    QCOMPARE(e.length, 100);
                    QCOMPARE(e.gapReason, TcpStreamReassembler::GapReason::BufferFull);
                }
            }
        }
        QCOMPARE(gapAt, 65); // the 66th held kilobyte passes 64 KiB
        QCOMPARE(r.bufferedBytes(), 0);
        QCOMPARE(r.nextOffset(), 4 + 100 + 100 * 1000);
    }

    void sequenceNumbersWrapAround()
    {
        const Conn k;
        const quint32 isn = 0xFFFFFFF0u;
        const QByteArray data = pattern(40, 9);
        const NetExtraction x = extract({
            k.fromClient(isn, 0, tcpflag::Syn),
            k.fromClient(isn + 1 + 20, 0, kAckPsh, data.mid(20)), // crosses 2^32, arrives first
            k.fromClient(isn + 1, 0, kAckPsh, data.left(20)),
        });
        QCOMPARE(x.tcpFlows.first().stream(FlowDirection::ClientToServer), data);
        QCOMPARE(x.tcpFlows.first().gaps, 0);
    }

    void synlessFlowDirectionFromPort()
    {
        Conn k;
        // First packet comes from the device: still the server, because it uses port 6668.
        const NetExtraction x = extract({
            k.fromServer(100, 200, kAckPsh, "status"),
            k.fromClient(200, 106, kAckPsh, "query"),
        });
        QCOMPARE(x.tcpFlows.size(), 1);
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.roleBasis, RoleBasis::KnownPort);
        QVERIFY(!f.synSeen);
        QCOMPARE(f.server.port, kTuyaPort);
        QCOMPARE(f.client.port, quint16(50000));
        QCOMPARE(f.stream(FlowDirection::ServerToClient), QByteArrayLiteral("status"));
        QCOMPARE(f.stream(FlowDirection::ClientToServer), QByteArrayLiteral("query"));

        // No followed port decides: the lower port is the server.
        k.serverPort = 8080;
        k.clientPort = 40000;
        NetOptions all;
        all.allTcpPorts = true;
        const NetExtraction y = extract({k.fromClient(1, 1, kAckPsh, "low")}, all);
        QCOMPARE(y.tcpFlows.size(), 1);
        QCOMPARE(y.tcpFlows.first().roleBasis, RoleBasis::LowerPort);
        QCOMPARE(y.tcpFlows.first().server.port, quint16(8080));
        // ... and a port outside the followed set is ignored by default.
        QCOMPARE(extract({k.fromClient(1, 1, kAckPsh, "low")}).tcpFlows.size(), 0);
    }

    void twoFlowsInterleaved()
    {
        Conn a;
        Conn b;
        b.clientIp = 0xC0A80103;
        b.clientPort = 50001;
        const NetExtraction x = extract({
            a.fromClient(10, 0, tcpflag::Syn),
            b.fromClient(20, 0, tcpflag::Syn),
            b.fromServer(80, 21, tcpflag::Syn | tcpflag::Ack),
            a.fromServer(90, 11, tcpflag::Syn | tcpflag::Ack),
            a.fromClient(11, 91, kAckPsh, "a1"),
            b.fromClient(21, 81, kAckPsh, "b1"),
            b.fromServer(81, 23, kAckPsh, "B1"),
            a.fromClient(13, 91, kAckPsh, "a2"),
            a.fromServer(91, 15, kAckPsh, "A1"),
        });
        QCOMPARE(x.tcpFlows.size(), 2);
        const TcpFlow& fa = x.tcpFlows.at(0);
        const TcpFlow& fb = x.tcpFlows.at(1);
        QCOMPARE(fa.client.port, quint16(50000));
        QCOMPARE(fb.client.port, quint16(50001));
        QCOMPARE(fa.stream(FlowDirection::ClientToServer), QByteArrayLiteral("a1a2"));
        QCOMPARE(fa.stream(FlowDirection::ServerToClient), QByteArrayLiteral("A1"));
        QCOMPARE(fb.stream(FlowDirection::ClientToServer), QByteArrayLiteral("b1"));
        QCOMPARE(fb.stream(FlowDirection::ServerToClient), QByteArrayLiteral("B1"));
        QCOMPARE(fa.records, (QVector<int>{0, 3, 4, 7, 8}));
        QCOMPARE(fb.records, (QVector<int>{1, 2, 5, 6}));
    }

    void resetThenNewSynIsANewFlow()
    {
        const Conn k;
        const NetExtraction x = extract({
            k.fromClient(100, 0, tcpflag::Syn),
            k.fromServer(900, 101, tcpflag::Syn | tcpflag::Ack),
            k.fromClient(101, 901, kAckPsh, "first session"),
            k.fromServer(901, 114, tcpflag::Rst | tcpflag::Ack),
            k.fromClient(5000, 0, tcpflag::Syn),
            k.fromServer(7000, 5001, tcpflag::Syn | tcpflag::Ack),
            k.fromClient(5001, 7001, kAckPsh, "second"),
            k.fromServer(7001, 5007, kAckPsh, "answer"),
        });
        QCOMPARE(x.tcpFlows.size(), 2);
        const TcpFlow& first = x.tcpFlows.at(0);
        const TcpFlow& second = x.tcpFlows.at(1);
        QCOMPARE(first.end, TcpFlowEnd::Reset);
        QVERIFY(first.resetSeen);
        QCOMPARE(first.stream(FlowDirection::ClientToServer), QByteArrayLiteral("first session"));
        QCOMPARE(first.stream(FlowDirection::ServerToClient), QByteArray());
        QCOMPARE(second.end, TcpFlowEnd::Open);
        QVERIFY(second.handshakeSeen());
        QCOMPARE(second.stream(FlowDirection::ClientToServer), QByteArrayLiteral("second"));
        QCOMPARE(second.stream(FlowDirection::ServerToClient), QByteArrayLiteral("answer"));
        QCOMPARE(second.chunks.first().streamOffset, 0);
        QCOMPARE(second.firstTimeUs, timeOf(4));

        // A new SYN on a connection that carried data also starts a new flow (no RST seen).
        const NetExtraction y = extract({
            k.fromClient(100, 0, tcpflag::Syn),
            k.fromClient(101, 0, kAckPsh, "one"),
            k.fromClient(3000, 0, tcpflag::Syn),
            k.fromClient(3001, 0, kAckPsh, "two"),
        });
        QCOMPARE(y.tcpFlows.size(), 2);
        QCOMPARE(y.tcpFlows.at(0).end, TcpFlowEnd::NewSyn);
        QCOMPARE(y.tcpFlows.at(1).stream(FlowDirection::ClientToServer), QByteArrayLiteral("two"));
    }

    void midstreamStartLeavesEarlierBytesOut()
    {
        const Conn k;
        const NetExtraction x = extract({
            k.fromClient(105, 1, kAckPsh, "later"),
            k.fromClient(100, 1, kAckPsh, "early"), // belongs before the first captured byte
            k.fromClient(110, 1, kAckPsh, "+more"),
        });
        const TcpFlow& f = x.tcpFlows.first();
        QCOMPARE(f.stream(FlowDirection::ClientToServer), QByteArrayLiteral("later+more"));
        QVERIFY(hasNote(f, QStringLiteral("TCP_DATA_BEFORE_START")));
    }

    // ---- UDP ----------------------------------------------------------------------------------

    void udpDiscoveryDatagrams()
    {
        const QByteArray broadcast = QByteArray::fromHex("000055aa0000000000000013") + pattern(40, 5);
        const NetExtraction x = extract({
            ethernet(ipv4(kServerIp, 0xC0A801FF, 17, udpHeader(63145, 6667, broadcast)), ethertype::Ipv4),
            ethernet(ipv4(kServerIp, 0xC0A801FF, 17, udpHeader(5353, 5353, "mdns")), ethertype::Ipv4),
            ethernet(ipv6(v6(2), v6(0x55), 17, udpHeader(40000, 7000, "v6 ask")), ethertype::Ipv6),
            ethernet(ipv4(kServerIp, kClientIp, 17, udpHeader(12345, 40001, "custom")), ethertype::Ipv4),
        });
        QCOMPARE(x.stats.udpDatagrams, 4);
        QCOMPARE(x.udpDatagrams.size(), 2);
        const UdpDatagram& d = x.udpDatagrams.first();
        QCOMPARE(d.payload, broadcast);
        QCOMPARE(d.source.toString(), QStringLiteral("192.168.1.55:63145"));
        QCOMPARE(d.destination.toString(), QStringLiteral("192.168.1.255:6667"));
        QCOMPARE(d.timeUs, timeOf(0));
        QCOMPARE(d.record, 0);
        QCOMPARE(x.udpDatagrams.at(1).destination.port, quint16(7000));
        QCOMPARE(x.udpDatagrams.at(1).record, 2);

        NetOptions o;
        o.udpPorts = {40001};
        const NetExtraction y = extract({ethernet(ipv4(kServerIp, kClientIp, 17, udpHeader(12345, 40001, "custom")),
                                                  ethertype::Ipv4)},
                                        o);
        QCOMPARE(y.udpDatagrams.size(), 1);
        QCOMPARE(y.udpDatagrams.first().payload, QByteArrayLiteral("custom"));
    }

    // ---- through the pcap reader --------------------------------------------------------------

    void pcapAndPcapngCarryTheLinkType()
    {
        const QByteArray packet = sll2(ipv4(kClientIp, kServerIp, 6, tcpHeader(50000, 6668, 1, 1, kAckPsh, "sll2")),
                                       ethertype::Ipv4);
        // Classic pcap, little-endian, LINKTYPE_LINUX_SLL2.
        QByteArray pcap = le32(0xA1B2C3D4) + QByteArray::fromHex("02000400") + le32(0) + le32(0) + le32(65535)
                          + le32(linktype::LinuxSll2);
        pcap += le32(1700000000) + le32(5) + le32(quint32(packet.size())) + le32(quint32(packet.size())) + packet;
        Capture c;
        PcapngReader reader;
        QVERIFY(reader.read(pcap, c, QStringLiteral("any.pcap")));
        QCOMPARE(c.channels().size(), 1);
        QCOMPARE(c.channels().first().linkType, linktype::LinuxSll2);
        const NetExtraction x = extractNetFlows(c);
        QCOMPARE(x.tcpFlows.size(), 1);
        QCOMPARE(x.tcpFlows.first().stream(FlowDirection::ClientToServer), QByteArrayLiteral("sll2"));
        QCOMPARE(x.tcpFlows.first().firstTimeUs, 1700000000000005LL);

        // pcapng: SHB, an IDB with LINKTYPE_NULL (0, which must not read as "no link type"), an EPB.
        const QByteArray loPacket = loopback(ipv4(0x7F000001, 0x7F000001, 6,
                                                  tcpHeader(50000, 6668, 1, 1, kAckPsh, "null")),
                                             2, false);
        QByteArray ng = le32(0x0A0D0D0A) + le32(28) + le32(0x1A2B3C4D) + QByteArray::fromHex("01000000")
                        + QByteArray(8, '\xFF') + le32(28);
        ng += le32(1) + le32(20) + QByteArray::fromHex("00000000") + le32(0) + le32(20);
        QByteArray data = loPacket;
        while (data.size() % 4)
            data.append('\0');
        const quint32 epbLength = quint32(32 + data.size());
        ng += le32(6) + le32(epbLength) + le32(0) + le32(0) + le32(1000) + le32(quint32(loPacket.size()))
              + le32(quint32(loPacket.size())) + data + le32(epbLength);
        Capture d;
        QVERIFY(reader.read(ng, d, QStringLiteral("lo0.pcapng")));
        QCOMPARE(d.channels().size(), 1);
        QCOMPARE(d.channels().first().linkType, linktype::Null);
        const NetExtraction y = extractNetFlows(d);
        QCOMPARE(y.tcpFlows.size(), 1);
        QCOMPARE(y.tcpFlows.first().stream(FlowDirection::ClientToServer), QByteArrayLiteral("null"));
    }

    // ---- a real capture -----------------------------------------------------------------------

    void tcpdumpLoopbackCapture()
    {
        const QString tcpdump = tcpdumpPath();
        if (tcpdump.isEmpty())
            QSKIP("tcpdump is not installed");

        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const quint16 port = server.serverPort();

        // pcap on stdout: no file permissions to worry about when tcpdump drops privileges.
        QProcess dump;
        dump.start(tcpdump, {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-n"), QStringLiteral("-U"),
                             QStringLiteral("--immediate-mode"),
                             QStringLiteral("-s"), QStringLiteral("0"), QStringLiteral("-w"), QStringLiteral("-"),
                             QStringLiteral("tcp port %1").arg(port)});
        if (!dump.waitForStarted(5000))
            QSKIP("tcpdump cannot be started");
        QByteArray dumpErrors;
        QElapsedTimer ready;
        ready.start();
        while (!dumpErrors.contains("listening on") && dump.state() == QProcess::Running && ready.elapsed() < 10000) {
            dump.waitForReadyRead(100);
            dumpErrors += dump.readAllStandardError();
        }
        if (!dumpErrors.contains("listening on")) {
            dump.kill();
            dump.waitForFinished(2000);
            QSKIP(qPrintable(QStringLiteral("tcpdump cannot capture on lo: %1")
                                 .arg(QString::fromLocal8Bit(dumpErrors + dump.readAllStandardError()).trimmed())));
        }

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
        QTcpSocket* peer = server.nextPendingConnection();
        QVERIFY(peer);
        QByteArray atServer;
        QByteArray atClient;
        connect(peer, &QTcpSocket::readyRead, this, [&] { atServer += peer->readAll(); });
        connect(&client, &QTcpSocket::readyRead, this, [&] { atClient += client.readAll(); });

        // Both ways, in pieces of varied sizes, interleaved.
        const QByteArray up = pattern(150 * 1000, 11);
        const QByteArray down = pattern(40 * 1000, 12);
        const int upPieces[] = {1, 7, 1000, 31, 65536, 12000};
        qsizetype u = 0;
        qsizetype d = 0;
        for (int i = 0; u < up.size() || d < down.size(); ++i) {
            const qsizetype n = std::min<qsizetype>(upPieces[i % 6], up.size() - u);
            if (n > 0) {
                client.write(up.mid(u, n));
                u += n;
            }
            const qsizetype m = std::min<qsizetype>(999 + 1000 * (i % 4), down.size() - d);
            if (m > 0) {
                peer->write(down.mid(d, m));
                d += m;
            }
            QTest::qWait(2);
        }
        QTRY_COMPARE_WITH_TIMEOUT(atServer.size(), up.size(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(atClient.size(), down.size(), 15000);
        QCOMPARE(atServer, up);
        QCOMPARE(atClient, down);
        const quint16 clientPort = client.localPort();
        client.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(peer->state(), QAbstractSocket::UnconnectedState, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 5000);
        // Let the last packets reach tcpdump: wait until its output stops growing.
        qint64 seen = -1;
        for (int quiet = 0, i = 0; quiet < 3 && i < 40; ++i) {
            QTest::qWait(100);
            const qint64 now = dump.bytesAvailable();
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }

        dump.terminate();
        QVERIFY(dump.waitForFinished(10000));
        const QByteArray pcap = dump.readAllStandardOutput();
        QVERIFY2(!pcap.isEmpty(), dump.readAllStandardError().constData());

        Capture capture;
        PcapngReader reader;
        QVERIFY2(reader.read(pcap, capture, QStringLiteral("lo.pcap")), qPrintable(reader.errorString()));
        QCOMPARE(capture.channels().size(), 1);
        QVERIFY(isDecodableLinkType(capture.channels().first().linkType));
        QVERIFY(capture.recordCount() >= 6);

        NetOptions options;
        options.tcpPorts = {port};
        const NetExtraction x = extractNetFlows(capture, options);
        QCOMPARE(x.tcpFlows.size(), 1);
        const TcpFlow& f = x.tcpFlows.first();
        QVERIFY(f.handshakeSeen());
        QCOMPARE(f.server.port, port);
        QCOMPARE(f.client.port, clientPort);
        QCOMPARE(f.gaps, 0);
        QCOMPARE(f.stream(FlowDirection::ClientToServer), up);
        QCOMPARE(f.stream(FlowDirection::ServerToClient), down);
        QCOMPARE(f.end, TcpFlowEnd::Fin);
        for (int i = 1; i < f.chunks.size(); ++i)
            QVERIFY(f.chunks.at(i).timeUs >= f.chunks.at(i - 1).timeUs);
    }
};

QTEST_GUILESS_MAIN(TestNet)
#include "tst_net.moc"
