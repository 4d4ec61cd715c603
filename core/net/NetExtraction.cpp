#include "net/NetExtraction.h"

#include "net/IpDefragmenter.h"
#include "net/LinkTypes.h"
#include "net/NetBytes.h"
#include "net/PacketDecoder.h"
#include "net/TcpFlowTracker.h"

#include <QHash>

namespace tuyascope::net {

namespace {

class Extractor {
public:
    Extractor(const Capture& capture, const NetOptions& options)
        : m_capture(capture),
          m_options(options),
          m_tcp(TcpFlowTracker::Options{options.tcpPorts, {options.maxOutOfOrderBytes, 64 * 1024}}),
          m_defragmenter(IpDefragmenter::Options{options.maxFragmentBytes, 60LL * 1000 * 1000})
    {
    }

    NetExtraction run()
    {
        QVector<bool> readable(m_capture.channels().size(), false);
        for (int c = 0; c < m_capture.channels().size(); ++c) {
            const quint32 linkType = m_capture.channels().at(c).linkType;
            if (!isNetworkLinkType(linkType))
                continue;
            ++m_out.stats.networkChannels;
            readable[c] = isDecodableLinkType(linkType);
        }
        QHash<int, int> unreadable; // channel -> packets skipped
        for (int i = 0; i < m_capture.recordCount(); ++i) {
            const int channel = m_capture.recordChannel(i);
            if (channel < 0 || channel >= readable.size())
                continue;
            const quint32 linkType = m_capture.channels().at(channel).linkType;
            if (!isNetworkLinkType(linkType))
                continue;
            ++m_out.stats.packets;
            if (!readable.at(channel)) {
                ++unreadable[channel];
                continue;
            }
            packet(i, channel, linkType);
        }
        for (auto it = unreadable.cbegin(); it != unreadable.cend(); ++it)
            noteUnreadableChannel(it.key(), it.value());

        m_out.tcpFlows = m_tcp.finish();
        m_out.stats.droppedDatagrams = m_defragmenter.droppedDatagrams() + m_defragmenter.pendingDatagrams();
        if (m_out.stats.droppedDatagrams > 0) {
            addNote(Severity::Warning, QStringLiteral("NET_FRAGMENTS_DROPPED"),
                    QStringLiteral("%1 fragmented IP datagram(s) could not be completed (fragments missing, too "
                                   "old, or beyond the buffer)")
                        .arg(m_out.stats.droppedDatagrams),
                    -1, -1, -1);
        }
        if (m_suppressedNotes > 0) {
            addNote(Severity::Note, QStringLiteral("NET_MORE_PROBLEMS"),
                    QStringLiteral("%1 more packet problem(s) not listed").arg(m_suppressedNotes), -1, -1, -1);
        }
        return std::move(m_out);
    }

private:
    void packet(int index, int channel, quint32 linkType)
    {
        const QByteArrayView frame = m_capture.recordBytes(index);
        const qint64 timeUs = m_capture.recordTime(index);
        const DecodedPacket p = decodePacket(frame, linkType);
        if (!p.problems.isEmpty()) {
            ++m_out.stats.packetsWithProblems;
            for (const NetProblem& problem : p.problems)
                packetNote(problem, channel, index);
        }
        if (p.ipVersion == 0) {
            if (p.problems.isEmpty())
                ++m_out.stats.nonIpPackets;
            return;
        }
        if (p.fragment.isFragment) {
            ++m_out.stats.fragments;
            IpDefragmenter::Datagram whole;
            const QByteArrayView data = NetBytes(frame).slice(p.ipPayloadOffset, p.ipPayloadLength);
            if (!m_defragmenter.add(p, data, timeUs, whole))
                return;
            ++m_out.stats.reassembledDatagrams;
            const DecodedPacket rebuilt = decodeReassembledDatagram(whole.ipPart, whole.payload);
            for (const NetProblem& problem : rebuilt.problems)
                packetNote(problem, channel, index);
            transport(rebuilt, rebuilt.payload(whole.payload), timeUs, index, channel, true);
            return;
        }
        transport(p, p.payload(frame), timeUs, index, channel, false);
    }

    void transport(const DecodedPacket& p, QByteArrayView payload, qint64 timeUs, int index, int channel,
                   bool reassembled)
    {
        if (p.isTcp()) {
            ++m_out.stats.tcpSegments;
            if (!m_options.allTcpPorts && !m_options.tcpPorts.contains(p.sourcePort)
                && !m_options.tcpPorts.contains(p.destinationPort))
                return;
            ++m_out.stats.followedTcpSegments;
            m_tcp.add(p, payload, timeUs, index, channel);
        } else if (p.isUdp()) {
            ++m_out.stats.udpDatagrams;
            if (!m_options.allUdpPorts && !m_options.udpPorts.contains(p.sourcePort)
                && !m_options.udpPorts.contains(p.destinationPort))
                return;
            ++m_out.stats.followedUdpDatagrams;
            UdpDatagram d;
            d.timeUs = timeUs;
            d.record = index;
            d.channel = channel;
            d.source = NetEndpoint{p.source, p.sourcePort};
            d.destination = NetEndpoint{p.destination, p.destinationPort};
            d.payload = payload.toByteArray();
            d.truncated = p.truncated;
            d.reassembled = reassembled;
            m_out.udpDatagrams.push_back(d);
        } else if (p.transport == TransportProtocol::Other) {
            ++m_out.stats.otherIpPackets;
        }
    }

    void packetNote(const NetProblem& problem, int channel, int index)
    {
        if (m_listedNotes >= m_options.maxPacketNotes) {
            ++m_suppressedNotes;
            return;
        }
        ++m_listedNotes;
        addNote(netProblemSeverity(problem.kind), netProblemCode(problem.kind),
                QStringLiteral("record %1: %2").arg(index).arg(problem.message), channel, index, problem.offset);
    }

    void noteUnreadableChannel(int channel, int packets)
    {
        const ChannelInfo& info = m_capture.channels().at(channel);
        const DecodedPacket probe = decodePacket(QByteArrayView(), info.linkType); // words the reason
        const QString why = probe.problems.isEmpty() ? QString() : probe.problems.first().message;
        const NetProblemKind kind = isWirelessLinkType(info.linkType) ? NetProblemKind::EncryptedWireless
                                                                      : NetProblemKind::UnsupportedLinkType;
        addNote(netProblemSeverity(kind), netProblemCode(kind),
                QStringLiteral("%1 packet(s) on \"%2\" were not decoded: %3").arg(packets).arg(info.name, why), channel,
                -1, -1);
    }

    void addNote(Severity severity, const QString& code, const QString& message, int channel, int record, int offset)
    {
        m_out.notes.push_back(NetNote{severity, code, message, channel, record, offset});
    }

    const Capture& m_capture;
    const NetOptions& m_options;
    TcpFlowTracker m_tcp;
    IpDefragmenter m_defragmenter;
    NetExtraction m_out;
    int m_listedNotes = 0;
    int m_suppressedNotes = 0;
};

} // namespace

NetExtraction extractNetFlows(const Capture& capture, const NetOptions& options)
{
    return Extractor(capture, options).run();
}

} // namespace tuyascope::net
