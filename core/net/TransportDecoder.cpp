#include "net/TransportDecoder.h"

namespace tuyascope::net {

namespace {

void addPayload(int offset, int length, DecodedPacket& out)
{
    out.payloadOffset = offset;
    out.payloadLength = length;
    if (length > 0)
        out.layers.push_back(NetLayer{NetLayerKind::Payload, offset, length, 0});
}

void decodeTcp(const NetBytes& bytes, int at, int length, bool ipTruncated, DecodedPacket& out)
{
    if (length < 20) {
        out.addProblem(NetProblemKind::TruncatedTcpHeader, at, length,
                       QStringLiteral("TCP header needs 20 bytes, %1 present").arg(length));
        return;
    }
    const int headerLength = (bytes.u8(at + 12) >> 4) * 4;
    if (headerLength < 20) {
        out.addProblem(NetProblemKind::BadTcpHeaderLength, at + 12, 1,
                       QStringLiteral("TCP data offset %1 is below the minimum of 20").arg(headerLength));
        return;
    }
    if (headerLength > length) {
        out.addProblem(ipTruncated ? NetProblemKind::TruncatedTcpHeader : NetProblemKind::BadTcpHeaderLength, at,
                       length,
                       QStringLiteral("TCP header with options needs %1 bytes, %2 present").arg(headerLength).arg(length));
        return;
    }
    out.sourcePort = bytes.be16(at);
    out.destinationPort = bytes.be16(at + 2);
    out.seq = bytes.be32(at + 4);
    out.ack = bytes.be32(at + 8);
    out.tcpFlags = bytes.u8(at + 13);
    out.window = bytes.be16(at + 14);
    out.transport = TransportProtocol::Tcp;
    out.layers.push_back(NetLayer{NetLayerKind::Tcp, at, headerLength, 0});
    addPayload(at + headerLength, length - headerLength, out);
}

void decodeUdp(const NetBytes& bytes, int at, int length, bool ipTruncated, DecodedPacket& out)
{
    if (length < 8) {
        out.addProblem(NetProblemKind::TruncatedUdpHeader, at, length,
                       QStringLiteral("UDP header needs 8 bytes, %1 present").arg(length));
        return;
    }
    const int udpLength = bytes.be16(at + 4);
    if (udpLength < 8) {
        out.addProblem(NetProblemKind::BadUdpLength, at + 4, 2,
                       QStringLiteral("UDP length %1 is below the header size of 8").arg(udpLength));
        return;
    }
    int payloadLength = udpLength - 8;
    if (udpLength > length) {
        // The capture cut it (already flagged at the IP layer), or the length lies: keep what is there.
        if (!ipTruncated) {
            out.addProblem(NetProblemKind::BadUdpLength, at + 4, 2,
                           QStringLiteral("UDP length %1 exceeds the %2 bytes the IP packet holds").arg(udpLength).arg(length));
        }
        payloadLength = length - 8;
    }
    out.sourcePort = bytes.be16(at);
    out.destinationPort = bytes.be16(at + 2);
    out.transport = TransportProtocol::Udp;
    out.layers.push_back(NetLayer{NetLayerKind::Udp, at, 8, 0});
    addPayload(at + 8, payloadLength, out);
}

} // namespace

void decodeTransport(const NetBytes& bytes, int offset, int length, bool ipTruncated, DecodedPacket& out)
{
    if (!bytes.has(offset, length)) // callers pass ranges inside the buffer; refuse anything else
        return;
    if (out.ipProtocol == ipproto::Tcp)
        decodeTcp(bytes, offset, length, ipTruncated, out);
    else if (out.ipProtocol == ipproto::Udp)
        decodeUdp(bytes, offset, length, ipTruncated, out);
    else
        out.transport = TransportProtocol::Other;
}

} // namespace tuyascope::net
