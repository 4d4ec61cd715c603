#include "net/IpDecoder.h"

namespace tuyascope::net {

namespace {

constexpr int kMaxExtensionHeaders = 16;

bool checkVersion(const NetBytes& bytes, int at, int expected, DecodedPacket& out)
{
    if (!bytes.has(at, 1)) {
        out.addProblem(NetProblemKind::TruncatedIpHeader, at, 0, QStringLiteral("the packet ends before the IP header"));
        return false;
    }
    const int version = bytes.u8(at) >> 4;
    if (version == expected)
        return true;
    out.addProblem(NetProblemKind::BadIpVersion, at, 1,
                   QStringLiteral("IP version %1 where the link layer announced IPv%2").arg(version).arg(expected));
    return false;
}

// Where the IP packet ends in the buffer: the declared end, or the end of the capture (flagged).
int ipEnd(const NetBytes& bytes, int at, qint64 declaredLength, DecodedPacket& out)
{
    const qint64 available = bytes.size() - at;
    if (declaredLength > available) {
        out.truncated = true;
        out.addProblem(NetProblemKind::IpPayloadTruncated, at, int(available),
                       QStringLiteral("IP packet of %1 bytes, only %2 captured").arg(declaredLength).arg(available));
        return bytes.size();
    }
    const int end = at + int(declaredLength);
    if (end < bytes.size()) // Ethernet padding to 60 bytes, an FCS: not part of the packet
        out.layers.push_back(NetLayer{NetLayerKind::Trailer, end, bytes.size() - end, 0});
    return end;
}

void flagFragmentData(DecodedPacket& out)
{
    if (out.ipPayloadLength > 0)
        out.layers.push_back(NetLayer{NetLayerKind::Payload, out.ipPayloadOffset, out.ipPayloadLength, 0});
}

} // namespace

bool decodeIpv4(const NetBytes& bytes, DecodedPacket& out)
{
    const int at = out.networkOffset;
    if (!checkVersion(bytes, at, 4, out))
        return false;
    if (!bytes.has(at, 20)) {
        out.addProblem(NetProblemKind::TruncatedIpHeader, at, bytes.size() - at,
                       QStringLiteral("IPv4 header needs 20 bytes, %1 captured").arg(bytes.size() - at));
        return false;
    }
    const int headerLength = (bytes.u8(at) & 0x0F) * 4;
    if (headerLength < 20) {
        out.addProblem(NetProblemKind::BadIpHeaderLength, at, 1,
                       QStringLiteral("IPv4 header length %1 is below the minimum of 20").arg(headerLength));
        return false;
    }
    if (!bytes.has(at, headerLength)) {
        out.addProblem(NetProblemKind::TruncatedIpHeader, at, bytes.size() - at,
                       QStringLiteral("IPv4 header with options needs %1 bytes, %2 captured")
                           .arg(headerLength)
                           .arg(bytes.size() - at));
        return false;
    }
    int totalLength = bytes.be16(at + 2);
    if (totalLength == 0) // segmentation offload: the NIC fills it in after capture
        totalLength = bytes.size() - at;
    if (totalLength < headerLength) {
        out.addProblem(NetProblemKind::BadIpHeaderLength, at + 2, 2,
                       QStringLiteral("IPv4 total length %1 is shorter than its header (%2)").arg(totalLength).arg(headerLength));
        return false;
    }
    out.layers.push_back(NetLayer{NetLayerKind::Ipv4, at, headerLength, 0});
    out.ipVersion = 4;
    out.hopLimit = bytes.u8(at + 8);
    out.ipProtocol = bytes.u8(at + 9);
    out.source = QHostAddress(bytes.be32(at + 12));
    out.destination = QHostAddress(bytes.be32(at + 16));
    const quint16 flagsOffset = bytes.be16(at + 6);
    out.fragment.id = bytes.be16(at + 4);
    out.fragment.moreFragments = (flagsOffset & 0x2000) != 0;
    out.fragment.offset = (flagsOffset & 0x1FFF) * 8;
    out.fragment.isFragment = out.fragment.moreFragments || out.fragment.offset != 0;

    const int end = ipEnd(bytes, at, totalLength, out);
    out.ipPayloadOffset = at + headerLength;
    out.ipPayloadLength = end - out.ipPayloadOffset;
    if (out.fragment.isFragment) {
        flagFragmentData(out);
        return false;
    }
    return true;
}

bool decodeIpv6(const NetBytes& bytes, DecodedPacket& out)
{
    const int at = out.networkOffset;
    if (!checkVersion(bytes, at, 6, out))
        return false;
    if (!bytes.has(at, 40)) {
        out.addProblem(NetProblemKind::TruncatedIpHeader, at, bytes.size() - at,
                       QStringLiteral("IPv6 header needs 40 bytes, %1 captured").arg(bytes.size() - at));
        return false;
    }
    out.layers.push_back(NetLayer{NetLayerKind::Ipv6, at, 40, 0});
    out.ipVersion = 6;
    out.hopLimit = bytes.u8(at + 7);
    out.source = QHostAddress(reinterpret_cast<const quint8*>(bytes.slice(at + 8, 16).data()));
    out.destination = QHostAddress(reinterpret_cast<const quint8*>(bytes.slice(at + 24, 16).data()));
    const int payloadLength = bytes.be16(at + 4);
    // 0 is a jumbogram or segmentation offload: the packet runs to the end of the capture.
    const int end = payloadLength == 0 ? bytes.size() : ipEnd(bytes, at, 40 + qint64(payloadLength), out);

    quint8 next = bytes.u8(at + 6);
    int pos = at + 40;
    for (int count = 0;; ++count) {
        int length = 0;
        switch (next) {
        case 0:   // hop-by-hop options
        case 43:  // routing
        case 60:  // destination options
        case 135: // mobility
        case 139: // HIP
        case 140: // shim6
            length = pos + 2 <= end ? (bytes.u8(pos + 1) + 1) * 8 : 8;
            break;
        case 44: length = 8; break;                                                  // fragment
        case 51: length = pos + 2 <= end ? (bytes.u8(pos + 1) + 2) * 4 : 8; break; // authentication
        default: length = 0; break; // the transport header, or something we do not walk (ESP, none)
        }
        if (length == 0)
            break;
        if (count >= kMaxExtensionHeaders) {
            out.addProblem(NetProblemKind::TooManyExtensionHeaders, pos, 0,
                           QStringLiteral("more than %1 IPv6 extension headers").arg(kMaxExtensionHeaders));
            return false;
        }
        if (pos + length > end) {
            out.addProblem(NetProblemKind::TruncatedExtensionHeader, pos, end - pos,
                           QStringLiteral("IPv6 extension header %1 needs %2 bytes, %3 left")
                               .arg(next)
                               .arg(length)
                               .arg(end - pos));
            return false;
        }
        out.layers.push_back(NetLayer{NetLayerKind::Ipv6Extension, pos, length, next});
        if (next == 44) {
            const quint16 offsetFlags = bytes.be16(pos + 2);
            out.fragment.offset = (offsetFlags >> 3) * 8;
            out.fragment.moreFragments = (offsetFlags & 1) != 0;
            out.fragment.id = bytes.be32(pos + 4);
            // An "atomic" fragment (offset 0, no more) is a whole datagram.
            out.fragment.isFragment = out.fragment.moreFragments || out.fragment.offset != 0;
        }
        next = bytes.u8(pos);
        pos += length;
    }
    out.ipProtocol = next;
    out.ipPayloadOffset = pos;
    out.ipPayloadLength = end - pos;
    if (out.fragment.isFragment) {
        flagFragmentData(out);
        return false;
    }
    return true;
}

} // namespace tuyascope::net
