#pragma once
// The LAN side of a capture, from packets to what a Tuya frame decoder reads: every followed TCP
// connection as two reassembled byte streams, and the UDP datagrams on discovery ports.
//
// Reads the records of every channel whose ChannelInfo::linkType is a network link type (pcap
// and pcapng interfaces), in record order. Problems (truncated or malformed packets, link types
// that cannot be read) are reported as notes, never thrown away silently.

#include "capture/Capture.h"
#include "net/TcpFlow.h"
#include "net/TuyaPorts.h"
#include "net/UdpDatagram.h"

#include <QSet>
#include <QVector>

namespace tuyascope::net {

struct NetOptions {
    QSet<quint16> tcpPorts = net::tuyaTcpPorts(); // follow TCP connections with either end on one of these
    bool allTcpPorts = false;                 // ... or every TCP connection
    QSet<quint16> udpPorts = net::tuyaUdpPorts(); // keep UDP datagrams from or to these
    bool allUdpPorts = false;
    qint64 maxOutOfOrderBytes = 1024 * 1024;  // per connection direction; beyond it a hole becomes a gap
    qint64 maxFragmentBytes = 4 * 1024 * 1024; // IP fragments waiting for the rest of their datagram
    int maxPacketNotes = 1000;                // per-packet problem notes listed (all are counted)
};

struct NetNote {
    Severity severity = Severity::Note;
    QString code;      // NET_* problem codes, NET_LINK_TYPE, NET_FRAGMENTS_DROPPED, NET_MORE_PROBLEMS
    QString message;
    int channel = -1;
    int record = -1;   // -1: not about one packet
    int offset = -1;   // byte offset in the record
};

struct NetStats {
    int networkChannels = 0;   // channels read as packets
    int packets = 0;           // records read from them
    int nonIpPackets = 0;      // ARP, LLDP, ... (not problems)
    int tcpSegments = 0;
    int followedTcpSegments = 0;
    int udpDatagrams = 0;
    int followedUdpDatagrams = 0;
    int otherIpPackets = 0;    // ICMP, IGMP, ...
    int fragments = 0;
    int reassembledDatagrams = 0;
    int droppedDatagrams = 0;  // fragmented datagrams never completed
    int packetsWithProblems = 0;
};

struct NetExtraction {
    QVector<TcpFlow> tcpFlows;          // in order of their first packet
    QVector<UdpDatagram> udpDatagrams;  // in record order
    QVector<NetNote> notes;
    NetStats stats;
};

NetExtraction extractNetFlows(const Capture& capture, const NetOptions& options = NetOptions());

} // namespace tuyascope::net
