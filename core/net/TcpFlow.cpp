#include "net/TcpFlow.h"

namespace tuyascope::net {

QString flowDirectionKey(FlowDirection direction)
{
    return direction == FlowDirection::ClientToServer ? QStringLiteral("client->server")
                                                      : QStringLiteral("server->client");
}

QString tcpGapReasonText(TcpGapReason reason)
{
    switch (reason) {
    case TcpGapReason::None: break;
    case TcpGapReason::NotCaptured: return QStringLiteral("the peer acknowledged bytes the capture does not have");
    case TcpGapReason::BufferFull: return QStringLiteral("too much out-of-order data was waiting for them");
    case TcpGapReason::FlowEnd: return QStringLiteral("they never arrived before the flow ended");
    }
    return QString();
}

QString roleBasisText(RoleBasis basis)
{
    switch (basis) {
    case RoleBasis::Syn: return QStringLiteral("SYN seen");
    case RoleBasis::SynAck: return QStringLiteral("SYN/ACK seen");
    case RoleBasis::KnownPort: return QStringLiteral("no handshake; server on a followed port");
    case RoleBasis::LowerPort: return QStringLiteral("no handshake; server on the lower port");
    }
    return QString();
}

QString tcpFlowEndText(TcpFlowEnd end)
{
    switch (end) {
    case TcpFlowEnd::Open: return QStringLiteral("open at the end of the capture");
    case TcpFlowEnd::Fin: return QStringLiteral("closed (FIN both ways)");
    case TcpFlowEnd::Reset: return QStringLiteral("reset (RST)");
    case TcpFlowEnd::NewSyn: return QStringLiteral("replaced by a new connection (SYN)");
    }
    return QString();
}

QByteArray TcpFlow::stream(FlowDirection direction) const
{
    QByteArray out;
    for (const TcpChunk& chunk : chunks) {
        if (chunk.kind == TcpChunkKind::Data && chunk.direction == direction)
            out.append(chunk.bytes);
    }
    return out;
}

} // namespace tuyascope::net
