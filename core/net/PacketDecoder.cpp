#include "net/PacketDecoder.h"

#include "net/IpDecoder.h"
#include "net/LinkLayerDecoder.h"
#include "net/NetBytes.h"
#include "net/TransportDecoder.h"

namespace tuyascope::net {

DecodedPacket decodePacket(QByteArrayView frame, quint32 linkType)
{
    DecodedPacket out;
    const NetBytes bytes(frame);
    if (!decodeLinkLayer(bytes, linkType, out))
        return out;
    const bool transportFollows = out.etherType == ethertype::Ipv4 ? decodeIpv4(bytes, out) : decodeIpv6(bytes, out);
    if (transportFollows)
        decodeTransport(bytes, out.ipPayloadOffset, out.ipPayloadLength, out.truncated, out);
    return out;
}

DecodedPacket decodeReassembledDatagram(const DecodedPacket& ipPart, QByteArrayView ipPayload)
{
    DecodedPacket out;
    out.linkType = ipPart.linkType;
    out.etherType = ipPart.etherType;
    out.ipVersion = ipPart.ipVersion;
    out.source = ipPart.source;
    out.destination = ipPart.destination;
    out.ipProtocol = ipPart.ipProtocol;
    out.hopLimit = ipPart.hopLimit;
    out.fragment.id = ipPart.fragment.id; // isFragment stays false: this is the whole datagram
    out.ipPayloadOffset = 0;
    out.ipPayloadLength = int(ipPayload.size());
    const NetBytes bytes(ipPayload);
    decodeTransport(bytes, 0, bytes.size(), false, out);
    return out;
}

} // namespace tuyascope::net
