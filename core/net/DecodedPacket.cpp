#include "net/DecodedPacket.h"

namespace tuyascope::net {

QString netLayerName(NetLayerKind kind)
{
    const char* name = "?";
    switch (kind) {
    case NetLayerKind::Ethernet: name = "Ethernet"; break;
    case NetLayerKind::VlanTag: name = "802.1Q VLAN tag"; break;
    case NetLayerKind::LinuxSll: name = "Linux cooked capture (SLL)"; break;
    case NetLayerKind::LinuxSll2: name = "Linux cooked capture v2 (SLL2)"; break;
    case NetLayerKind::Loopback: name = "BSD loopback"; break;
    case NetLayerKind::Ipv4: name = "IPv4"; break;
    case NetLayerKind::Ipv6: name = "IPv6"; break;
    case NetLayerKind::Ipv6Extension: name = "IPv6 extension header"; break;
    case NetLayerKind::Tcp: name = "TCP"; break;
    case NetLayerKind::Udp: name = "UDP"; break;
    case NetLayerKind::Payload: name = "Payload"; break;
    case NetLayerKind::Trailer: name = "Trailer"; break;
    }
    return QLatin1String(name);
}

QByteArrayView DecodedPacket::payload(QByteArrayView buffer) const
{
    if (payloadOffset < 0 || payloadLength <= 0 || payloadOffset > buffer.size()
        || payloadLength > buffer.size() - payloadOffset)
        return QByteArrayView();
    return buffer.sliced(payloadOffset, payloadLength);
}

const NetLayer* DecodedPacket::findLayer(NetLayerKind kind) const
{
    for (const NetLayer& layer : layers) {
        if (layer.kind == kind)
            return &layer;
    }
    return nullptr;
}

bool DecodedPacket::hasProblem(NetProblemKind kind) const
{
    for (const NetProblem& problem : problems) {
        if (problem.kind == kind)
            return true;
    }
    return false;
}

void DecodedPacket::addProblem(NetProblemKind kind, int offset, int length, const QString& message)
{
    problems.push_back(NetProblem{kind, offset, length, message});
}

} // namespace tuyascope::net
