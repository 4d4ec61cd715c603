#include "net/TcpFlowTracker.h"

#include "capture/Capture.h"

namespace tuyascope::net {

namespace {

// Endpoint bytes that order and hash the same for both directions of a connection.
QByteArray endpointKey(const NetEndpoint& endpoint)
{
    const Q_IPV6ADDR v6 = endpoint.address.toIPv6Address();
    QByteArray key(reinterpret_cast<const char*>(v6.c), 16);
    key.append(char(endpoint.port >> 8)).append(char(endpoint.port & 0xFF));
    return key;
}

int index(FlowDirection direction)
{
    return direction == FlowDirection::ClientToServer ? 0 : 1;
}

FlowDirection other(FlowDirection direction)
{
    return direction == FlowDirection::ClientToServer ? FlowDirection::ServerToClient : FlowDirection::ClientToServer;
}

TcpGapReason publicReason(TcpStreamReassembler::GapReason reason)
{
    switch (reason) {
    case TcpStreamReassembler::GapReason::Acknowledged: return TcpGapReason::NotCaptured;
    case TcpStreamReassembler::GapReason::BufferFull: return TcpGapReason::BufferFull;
    case TcpStreamReassembler::GapReason::StreamEnd: return TcpGapReason::FlowEnd;
    case TcpStreamReassembler::GapReason::None: break;
    }
    return TcpGapReason::None;
}

} // namespace

struct TcpFlowTracker::State {
    TcpFlow flow;
    QByteArray key;
    TcpStreamReassembler streams[2];
    quint32 isn[2] = {0, 0};
    bool ended = false; // FIN both ways or RST: the next SYN starts a new connection
    bool noteBeforeStart[2] = {false, false};
};

TcpFlowTracker::TcpFlowTracker(const Options& options) : m_options(options) {}

TcpFlowTracker::~TcpFlowTracker() = default;

TcpFlowTracker::State* TcpFlowTracker::startFlow(const QByteArray& key, const NetEndpoint& client,
                                                 const NetEndpoint& server, RoleBasis basis, int channel)
{
    auto state = std::make_unique<State>();
    state->key = key;
    state->flow.id = int(m_flows.size());
    state->flow.channel = channel;
    state->flow.client = client;
    state->flow.server = server;
    state->flow.roleBasis = basis;
    state->flow.firstTimeUs = kUnknownTime;
    state->flow.lastTimeUs = kUnknownTime;
    for (TcpStreamReassembler& stream : state->streams)
        stream = TcpStreamReassembler(m_options.stream);
    m_active.insert(key, int(m_flows.size()));
    m_flows.push_back(std::move(state));
    return m_flows.back().get();
}

void TcpFlowTracker::endFlow(State& state, TcpFlowEnd end)
{
    for (FlowDirection d : {FlowDirection::ClientToServer, FlowDirection::ServerToClient}) {
        QVector<TcpStreamReassembler::Event> events;
        state.streams[index(d)].finish(events);
        record(state, d, events);
    }
    if (state.flow.end == TcpFlowEnd::Open)
        state.flow.end = end;
    const auto it = m_active.constFind(state.key);
    if (it != m_active.constEnd() && it.value() == state.flow.id)
        m_active.erase(it);
}

void TcpFlowTracker::add(const DecodedPacket& packet, QByteArrayView payload, qint64 timeUs, int recordIndex,
                         int channel)
{
    const NetEndpoint source{packet.source, packet.sourcePort};
    const NetEndpoint destination{packet.destination, packet.destinationPort};
    const QByteArray sourceKey = endpointKey(source);
    const QByteArray destinationKey = endpointKey(destination);
    const QByteArray key = sourceKey < destinationKey ? sourceKey + destinationKey : destinationKey + sourceKey;

    const bool syn = packet.hasFlag(tcpflag::Syn) && !packet.hasFlag(tcpflag::Ack);
    const bool synAck = packet.hasFlag(tcpflag::Syn) && packet.hasFlag(tcpflag::Ack);
    const auto found = m_active.constFind(key);
    State* state = found != m_active.constEnd() ? m_flows.at(size_t(found.value())).get() : nullptr;
    bool repeatedHandshake = false;

    if (syn) {
        const bool sameSyn = state && !state->ended && state->flow.synSeen && state->flow.client == source
                             && state->isn[0] == packet.seq && state->flow.clientBytes == 0
                             && state->flow.serverBytes == 0;
        if (sameSyn) {
            repeatedHandshake = true;
        } else {
            if (state)
                endFlow(*state, TcpFlowEnd::NewSyn);
            state = startFlow(key, source, destination, RoleBasis::Syn, channel);
            state->flow.synSeen = true;
            state->isn[0] = packet.seq;
            state->streams[0].startAtSyn(packet.seq);
        }
    } else if (synAck) {
        const bool awaited = state && !state->ended && state->flow.synSeen && state->flow.server == source;
        if (awaited && !state->flow.synAckSeen) {
            state->flow.synAckSeen = true;
            state->isn[1] = packet.seq;
            state->streams[1].startAtSyn(packet.seq);
        } else if (awaited && state->isn[1] == packet.seq) {
            repeatedHandshake = true;
        } else if (awaited) {
            state->flow.notes.push_back(TcpFlowNote{QStringLiteral("TCP_SYN_ACK_MISMATCH"),
                                                    QStringLiteral("a second SYN/ACK with another initial sequence "
                                                                   "number; the first one is kept"),
                                                    FlowDirection::ServerToClient, -1, timeUs, recordIndex});
        } else {
            if (state)
                endFlow(*state, TcpFlowEnd::NewSyn);
            state = startFlow(key, destination, source, RoleBasis::SynAck, channel);
            state->flow.synAckSeen = true;
            state->isn[1] = packet.seq;
            state->streams[1].startAtSyn(packet.seq);
        }
    } else if (!state) {
        const bool sourceKnown = m_options.serverPorts.contains(source.port);
        const bool destinationKnown = m_options.serverPorts.contains(destination.port);
        if (sourceKnown != destinationKnown) {
            state = sourceKnown ? startFlow(key, destination, source, RoleBasis::KnownPort, channel)
                                : startFlow(key, source, destination, RoleBasis::KnownPort, channel);
        } else {
            // Equal ports: the first packet is taken to go towards the server.
            state = source.port < destination.port ? startFlow(key, destination, source, RoleBasis::LowerPort, channel)
                                                   : startFlow(key, source, destination, RoleBasis::LowerPort, channel);
        }
    }

    TcpFlow& flow = state->flow;
    const FlowDirection direction = source == flow.client ? FlowDirection::ClientToServer : FlowDirection::ServerToClient;
    ++flow.packets;
    flow.records.push_back(recordIndex);
    if (timeUs != kUnknownTime) {
        if (flow.firstTimeUs == kUnknownTime)
            flow.firstTimeUs = timeUs;
        flow.lastTimeUs = timeUs;
    }
    if (repeatedHandshake)
        ++flow.retransmissions;

    QVector<TcpStreamReassembler::Event> events;
    if (packet.hasFlag(tcpflag::Ack)) {
        state->streams[index(other(direction))].peerAcknowledged(packet.ack, events);
        record(*state, other(direction), events);
        events.clear();
    }
    // A SYN occupies one sequence number: data riding on it (TCP Fast Open) starts after it.
    const quint32 dataSeq = packet.hasFlag(tcpflag::Syn) ? packet.seq + 1 : packet.seq;
    state->streams[index(direction)].segment(dataSeq, payload, timeUs, recordIndex, events);
    record(*state, direction, events);

    if (packet.hasFlag(tcpflag::Fin)) {
        (direction == FlowDirection::ClientToServer ? flow.clientFin : flow.serverFin) = true;
        if (flow.clientFin && flow.serverFin) {
            state->ended = true;
            if (flow.end == TcpFlowEnd::Open)
                flow.end = TcpFlowEnd::Fin;
        }
    }
    if (packet.hasFlag(tcpflag::Rst)) {
        flow.resetSeen = true;
        state->ended = true;
        if (flow.end == TcpFlowEnd::Open)
            flow.end = TcpFlowEnd::Reset;
    }
}

void TcpFlowTracker::record(State& state, FlowDirection direction, QVector<TcpStreamReassembler::Event>& events)
{
    using Kind = TcpStreamReassembler::EventKind;
    TcpFlow& flow = state.flow;
    const QString side = flowDirectionKey(direction);
    for (TcpStreamReassembler::Event& e : events) {
        switch (e.kind) {
        case Kind::Data: {
            (direction == FlowDirection::ClientToServer ? flow.clientBytes : flow.serverBytes) += e.length;
            TcpChunk chunk;
            chunk.direction = direction;
            chunk.timeUs = e.timeUs;
            chunk.streamOffset = e.offset;
            chunk.bytes = std::move(e.bytes);
            chunk.record = e.record;
            flow.chunks.push_back(std::move(chunk));
            break;
        }
        case Kind::Gap: {
            ++flow.gaps;
            flow.gapBytes += e.length;
            TcpChunk chunk;
            chunk.kind = TcpChunkKind::Gap;
            chunk.direction = direction;
            chunk.timeUs = e.timeUs;
            chunk.streamOffset = e.offset;
            chunk.gapLength = e.length;
            chunk.gapReason = publicReason(e.gapReason);
            chunk.record = e.record;
            flow.chunks.push_back(chunk);
            flow.notes.push_back(TcpFlowNote{QStringLiteral("TCP_GAP"),
                                             QStringLiteral("%1: %2 byte(s) missing at stream offset %3; %4")
                                                 .arg(side)
                                                 .arg(e.length)
                                                 .arg(e.offset)
                                                 .arg(tcpGapReasonText(chunk.gapReason)),
                                             direction, e.offset, e.timeUs, e.record});
            break;
        }
        case Kind::OutOfOrder: ++flow.outOfOrder; break;
        case Kind::Retransmission: ++flow.retransmissions; break;
        case Kind::OverlapConflict:
            ++flow.retransmissions;
            ++flow.overlapConflicts;
            flow.notes.push_back(TcpFlowNote{QStringLiteral("TCP_OVERLAP_CONFLICT"),
                                             QStringLiteral("%1: a retransmission differs from the bytes already "
                                                            "seen at stream offset %2; the first copy is kept")
                                                 .arg(side)
                                                 .arg(e.offset),
                                             direction, e.offset, e.timeUs, e.record});
            break;
        case Kind::BeforeStart:
            ++flow.retransmissions;
            if (!state.noteBeforeStart[index(direction)]) {
                state.noteBeforeStart[index(direction)] = true;
                flow.notes.push_back(TcpFlowNote{QStringLiteral("TCP_DATA_BEFORE_START"),
                                                 QStringLiteral("%1: bytes from before the first captured segment "
                                                                "(the capture started mid-connection) were left out")
                                                     .arg(side),
                                                 direction, e.offset, e.timeUs, e.record});
            }
            break;
        }
    }
}

QVector<TcpFlow> TcpFlowTracker::finish()
{
    QVector<TcpFlow> flows;
    flows.reserve(qsizetype(m_flows.size()));
    for (auto& state : m_flows) {
        endFlow(*state, TcpFlowEnd::Open);
        flows.push_back(std::move(state->flow));
    }
    m_flows.clear();
    m_active.clear();
    return flows;
}

} // namespace tuyascope::net
