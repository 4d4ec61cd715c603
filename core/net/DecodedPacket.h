#pragma once
// One packet decoded from the link layer down to TCP/UDP: every header as a layer with its byte
// range (so a dissection can highlight it), the fields the flow code needs, and the problems met
// on the way. Decoding stops at the first layer it cannot read; what was read before stays.

#include "net/NetProblem.h"

#include <QByteArrayView>
#include <QHostAddress>
#include <QVector>

namespace tuyascope::net {

enum class NetLayerKind : quint8 {
    Ethernet,
    VlanTag,       // one 802.1Q / 802.1ad tag (detail = VLAN id)
    LinuxSll,
    LinuxSll2,
    Loopback,      // BSD NULL / LOOP address-family header
    Ipv4,          // header including options
    Ipv6,          // the fixed 40-byte header
    Ipv6Extension, // one extension header (detail = its protocol number)
    Tcp,           // header including options
    Udp,
    Payload,       // TCP/UDP payload, or the data of an IP fragment
    Trailer,       // bytes after the IP packet (Ethernet padding, FCS)
};
QString netLayerName(NetLayerKind kind);

struct NetLayer {
    NetLayerKind kind = NetLayerKind::Payload;
    int offset = 0; // in the decoded buffer
    int length = 0;
    quint16 detail = 0;
};

enum class TransportProtocol : quint8 { None, Tcp, Udp, Other };

namespace tcpflag {
constexpr quint8 Fin = 0x01;
constexpr quint8 Syn = 0x02;
constexpr quint8 Rst = 0x04;
constexpr quint8 Psh = 0x08;
constexpr quint8 Ack = 0x10;
constexpr quint8 Urg = 0x20;
constexpr quint8 Ece = 0x40;
constexpr quint8 Cwr = 0x80;
} // namespace tcpflag

namespace ethertype {
constexpr quint16 Ipv4 = 0x0800;
constexpr quint16 Ipv6 = 0x86DD;
} // namespace ethertype

namespace ipproto {
constexpr quint8 Tcp = 6;
constexpr quint8 Udp = 17;
} // namespace ipproto

struct IpFragmentInfo {
    bool isFragment = false; // part of a fragmented datagram (not the whole of it)
    quint32 id = 0;          // IPv4 identification or IPv6 fragment header identification
    int offset = 0;          // in bytes
    bool moreFragments = false;
};

struct DecodedPacket {
    quint32 linkType = 0;
    QVector<NetLayer> layers;
    QVector<NetProblem> problems;

    quint16 etherType = 0;   // network protocol announced by the link layer (0: none)
    int networkOffset = -1;  // where the IP header starts

    int ipVersion = 0;       // 4 or 6 once an IP header was read
    QHostAddress source;
    QHostAddress destination;
    quint8 ipProtocol = 0;   // transport protocol number (after IPv6 extension headers)
    quint8 hopLimit = 0;     // TTL / hop limit
    IpFragmentInfo fragment;
    int ipPayloadOffset = -1; // bytes after the IP header(s), within the IP length
    int ipPayloadLength = 0;
    bool truncated = false;   // the capture ended before the IP length did

    TransportProtocol transport = TransportProtocol::None;
    quint16 sourcePort = 0;
    quint16 destinationPort = 0;
    quint32 seq = 0;         // TCP only
    quint32 ack = 0;
    quint8 tcpFlags = 0;
    quint16 window = 0;
    int payloadOffset = -1;  // TCP/UDP payload
    int payloadLength = 0;

    bool hasFlag(quint8 flag) const { return (tcpFlags & flag) != 0; }
    bool isTcp() const { return transport == TransportProtocol::Tcp; }
    bool isUdp() const { return transport == TransportProtocol::Udp; }
    QByteArrayView payload(QByteArrayView buffer) const;
    const NetLayer* findLayer(NetLayerKind kind) const;
    bool hasProblem(NetProblemKind kind) const;
    void addProblem(NetProblemKind kind, int offset, int length, const QString& message);
};

} // namespace tuyascope::net
