#include "net/LinkLayerDecoder.h"

#include "net/LinkTypes.h"

namespace tuyascope::net {

namespace {

constexpr int kMaxVlanTags = 8; // QinQ uses two; more is damage or an attack on the decoder

bool isIp(quint16 etherType)
{
    return etherType == ethertype::Ipv4 || etherType == ethertype::Ipv6;
}

bool truncatedLink(DecodedPacket& out, const NetBytes& bytes, int needed, const QString& what)
{
    out.addProblem(NetProblemKind::TruncatedLinkHeader, 0, bytes.size(),
                   QStringLiteral("%1 header needs %2 bytes, the packet has %3").arg(what).arg(needed).arg(bytes.size()));
    return false;
}

// The EtherType at `typeOffset`, then any 802.1Q/802.1ad tags starting at `next` (each tag is a
// 2-byte TCI followed by the next EtherType). Shared by Ethernet, SLL and SLL2.
bool resolveEtherType(const NetBytes& bytes, int typeOffset, int next, DecodedPacket& out)
{
    quint16 type = bytes.be16(typeOffset);
    int pos = next;
    int tags = 0;
    while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
        if (++tags > kMaxVlanTags) {
            out.addProblem(NetProblemKind::TooManyVlanTags, pos, 0,
                           QStringLiteral("more than %1 VLAN tags").arg(kMaxVlanTags));
            return false;
        }
        if (!bytes.has(pos, 4))
            return truncatedLink(out, bytes, pos + 4, QStringLiteral("VLAN tag"));
        out.layers.push_back(NetLayer{NetLayerKind::VlanTag, pos, 4, quint16(bytes.be16(pos) & 0x0FFF)});
        type = bytes.be16(pos + 2);
        pos += 4;
    }
    out.etherType = type;
    out.networkOffset = pos;
    return isIp(type);
}

bool decodeEthernet(const NetBytes& bytes, DecodedPacket& out)
{
    if (!bytes.has(0, 14))
        return truncatedLink(out, bytes, 14, QStringLiteral("Ethernet"));
    out.layers.push_back(NetLayer{NetLayerKind::Ethernet, 0, 14, 0});
    return resolveEtherType(bytes, 12, 14, out);
}

bool decodeSll(const NetBytes& bytes, DecodedPacket& out)
{
    // packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
    if (!bytes.has(0, 16))
        return truncatedLink(out, bytes, 16, QStringLiteral("Linux cooked (SLL)"));
    out.layers.push_back(NetLayer{NetLayerKind::LinuxSll, 0, 16, bytes.be16(2)});
    return resolveEtherType(bytes, 14, 16, out);
}

bool decodeSll2(const NetBytes& bytes, DecodedPacket& out)
{
    // protocol(2) reserved(2) interface index(4) ARPHRD(2) packet type(1) address length(1) address(8)
    if (!bytes.has(0, 20))
        return truncatedLink(out, bytes, 20, QStringLiteral("Linux cooked v2 (SLL2)"));
    out.layers.push_back(NetLayer{NetLayerKind::LinuxSll2, 0, 20, bytes.be16(8)});
    return resolveEtherType(bytes, 0, 20, out);
}

// BSD AF_ values: INET is 2 everywhere; INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS).
quint16 etherTypeOfAddressFamily(quint32 af)
{
    switch (af) {
    case 2: return ethertype::Ipv4;
    case 24:
    case 28:
    case 30: return ethertype::Ipv6;
    default: return 0;
    }
}

bool decodeLoopback(const NetBytes& bytes, DecodedPacket& out)
{
    if (!bytes.has(0, 4))
        return truncatedLink(out, bytes, 4, QStringLiteral("BSD loopback"));
    // NULL stores the family in the writer's byte order and LOOP in network order, and files
    // travel between machines: accept whichever order gives a known family.
    const quint32 little = bytes.le32(0);
    const quint32 big = bytes.be32(0);
    quint16 type = etherTypeOfAddressFamily(little);
    quint32 af = little;
    if (type == 0) {
        type = etherTypeOfAddressFamily(big);
        af = big;
    }
    out.layers.push_back(NetLayer{NetLayerKind::Loopback, 0, 4, quint16(af & 0xFFFF)});
    if (type == 0) {
        out.addProblem(NetProblemKind::UnknownAddressFamily, 0, 4,
                       QStringLiteral("loopback address family %1 is neither IPv4 (2) nor IPv6 (24, 28, 30)")
                           .arg(little < big ? little : big));
        return false;
    }
    out.etherType = type;
    out.networkOffset = 4;
    return true;
}

bool decodeRaw(const NetBytes& bytes, quint32 linkType, DecodedPacket& out)
{
    out.networkOffset = 0;
    if (linkType == linktype::Ipv4) {
        out.etherType = ethertype::Ipv4;
        return true;
    }
    if (linkType == linktype::Ipv6) {
        out.etherType = ethertype::Ipv6;
        return true;
    }
    if (!bytes.has(0, 1)) {
        out.addProblem(NetProblemKind::TruncatedIpHeader, 0, 0, QStringLiteral("empty raw IP packet"));
        return false;
    }
    const int version = bytes.u8(0) >> 4;
    if (version == 4 || version == 6) {
        out.etherType = version == 4 ? ethertype::Ipv4 : ethertype::Ipv6;
        return true;
    }
    out.addProblem(NetProblemKind::BadIpVersion, 0, 1,
                   QStringLiteral("raw IP packet with version %1 (expected 4 or 6)").arg(version));
    return false;
}

} // namespace

bool decodeLinkLayer(const NetBytes& bytes, quint32 linkType, DecodedPacket& out)
{
    out.linkType = linkType;
    switch (linkType) {
    case linktype::Ethernet: return decodeEthernet(bytes, out);
    case linktype::LinuxSll: return decodeSll(bytes, out);
    case linktype::LinuxSll2: return decodeSll2(bytes, out);
    case linktype::Null:
    case linktype::Loop: return decodeLoopback(bytes, out);
    case linktype::Raw:
    case linktype::RawDlt12:
    case linktype::RawDlt14:
    case linktype::Ipv4:
    case linktype::Ipv6: return decodeRaw(bytes, linkType, out);
    default: break;
    }
    if (isWirelessLinkType(linkType)) {
        out.addProblem(NetProblemKind::EncryptedWireless, -1, 0,
                       QStringLiteral("802.11 monitor-mode capture (link type %1): frames are normally WPA-encrypted, "
                                      "so no TCP payload is visible; capture on the wired side or on the access "
                                      "point's bridge instead")
                           .arg(linkType));
    } else {
        out.addProblem(NetProblemKind::UnsupportedLinkType, -1, 0,
                       QStringLiteral("link type %1 is not decoded").arg(linkType));
    }
    return false;
}

} // namespace tuyascope::net
