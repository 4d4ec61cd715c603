#pragma once
// What the extraction hands over for one TCP connection: its endpoints and metadata, and both
// byte streams as ordered chunks ready for a frame decoder (55AA / 6699 framing runs on them).

#include "net/NetEndpoint.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace tuyascope::net {

// The server is the device for Tuya (the port-6668 end); the client is the app or library.
enum class FlowDirection : quint8 { ClientToServer = 0, ServerToClient = 1 };
QString flowDirectionKey(FlowDirection direction); // "client->server", "server->client"

enum class TcpChunkKind : quint8 {
    Data, // bytes, in stream order
    Gap,  // gapLength bytes at streamOffset are missing: a frame decoder must resynchronise
};

enum class TcpGapReason : quint8 {
    None,
    NotCaptured, // the peer acknowledged bytes the capture does not have
    BufferFull,  // out-of-order data passed NetOptions::maxOutOfOrderBytes
    FlowEnd,     // the flow or the capture ended with the bytes still missing
};
QString tcpGapReasonText(TcpGapReason reason);

struct TcpChunk {
    TcpChunkKind kind = TcpChunkKind::Data;
    FlowDirection direction = FlowDirection::ClientToServer;
    qint64 timeUs = 0;        // capture time of the segment that carried the bytes (Gap: of the data after it)
    qint64 streamOffset = 0;  // offset in this direction's stream (first data byte = 0)
    QByteArray bytes;         // Data only
    qint64 gapLength = 0;     // Gap only
    TcpGapReason gapReason = TcpGapReason::None;
    int record = -1;          // capture record of that segment

    bool isGap() const { return kind == TcpChunkKind::Gap; }
};

// How the client/server roles were decided.
enum class RoleBasis : quint8 {
    Syn,        // the SYN's sender is the client
    SynAck,     // the SYN/ACK's sender is the server (the SYN was not captured)
    KnownPort,  // no handshake: the end on a followed port (6668) is the server
    LowerPort,  // no handshake and no followed port decides: the lower port is the server
};
QString roleBasisText(RoleBasis basis);

enum class TcpFlowEnd : quint8 {
    Open,   // still open when the capture ended
    Fin,    // both sides sent FIN
    Reset,  // RST
    NewSyn, // a new SYN on the same addresses and ports started a new connection
};
QString tcpFlowEndText(TcpFlowEnd end);

// Something worth showing about a flow (a gap, a conflicting retransmission, ...).
struct TcpFlowNote {
    QString code;     // TCP_GAP, TCP_OVERLAP_CONFLICT, TCP_DATA_BEFORE_START, TCP_SYN_ACK_MISMATCH
    QString message;
    FlowDirection direction = FlowDirection::ClientToServer;
    qint64 streamOffset = -1;
    qint64 timeUs = 0;
    int record = -1;
};

struct TcpFlow {
    int id = 0;            // index in NetExtraction::tcpFlows
    int channel = -1;      // capture channel of its first packet
    NetEndpoint client;
    NetEndpoint server;
    RoleBasis roleBasis = RoleBasis::Syn;
    bool synSeen = false;
    bool synAckSeen = false;
    bool clientFin = false;
    bool serverFin = false;
    bool resetSeen = false;
    TcpFlowEnd end = TcpFlowEnd::Open;
    qint64 firstTimeUs = 0; // kUnknownTime when no packet had a time
    qint64 lastTimeUs = 0;
    int packets = 0;
    qint64 clientBytes = 0; // delivered bytes per direction (gaps excluded)
    qint64 serverBytes = 0;
    int gaps = 0;
    qint64 gapBytes = 0;
    int retransmissions = 0;   // segments repeating bytes already seen
    int overlapConflicts = 0;  // ... with different content (the first copy was kept)
    int outOfOrder = 0;        // segments that arrived ahead of a hole
    QVector<TcpChunk> chunks;  // both directions, in delivery order
    QVector<TcpFlowNote> notes;
    QVector<int> records;      // capture records of this flow's packets

    bool handshakeSeen() const { return synSeen && synAckSeen; }
    // The delivered bytes of one direction, gaps left out (for callers that do not need chunks).
    QByteArray stream(FlowDirection direction) const;
};

} // namespace tuyascope::net
