#pragma once
// Sorts TCP segments into connections and feeds each direction to its own reassembler.
//
// A connection is its address/port 4-tuple (IPv4 or IPv6). Roles come from the SYN (its sender
// is the client) or the SYN/ACK; without a handshake the end on a followed port (6668) is the
// server, failing that the lower port. FIN both ways or RST ends a connection; a SYN on a tuple
// whose connection already carried data (or ended) starts a new one, a repeated SYN does not.

#include "net/DecodedPacket.h"
#include "net/TcpFlow.h"
#include "net/TcpStreamReassembler.h"
#include "net/TuyaPorts.h"

#include <QByteArray>
#include <QHash>
#include <QSet>

#include <memory>
#include <vector>

namespace tuyascope::net {

class TcpFlowTracker {
public:
    struct Options {
        QSet<quint16> serverPorts = tuyaTcpPorts(); // decide the server when no handshake was captured
        TcpStreamReassembler::Options stream;
    };

    explicit TcpFlowTracker(const Options& options);
    ~TcpFlowTracker();
    TcpFlowTracker(const TcpFlowTracker&) = delete;
    TcpFlowTracker& operator=(const TcpFlowTracker&) = delete;

    // One decoded TCP segment (packet.isTcp()); `payload` is its TCP payload.
    void add(const DecodedPacket& packet, QByteArrayView payload, qint64 timeUs, int record, int channel);
    // Ends every connection (data held behind holes comes out after Gap chunks) and returns all
    // flows in the order their first packet appeared.
    QVector<TcpFlow> finish();

private:
    struct State;
    State* startFlow(const QByteArray& key, const NetEndpoint& client, const NetEndpoint& server, RoleBasis basis,
                     int channel);
    void endFlow(State& state, TcpFlowEnd end);
    void record(State& state, FlowDirection direction, QVector<TcpStreamReassembler::Event>& events);

    Options m_options;
    std::vector<std::unique_ptr<State>> m_flows;
    QHash<QByteArray, int> m_active; // 4-tuple key -> index in m_flows
};

} // namespace tuyascope::net
