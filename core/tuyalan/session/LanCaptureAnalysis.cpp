#include "tuyalan/session/LanCaptureAnalysis.h"

#include "net/LinkTypes.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanKeyCandidates.h"

#include <QHash>
#include <QtEndian>

namespace tuyascope::lan {

namespace {

struct FlowChunk {
    LanSender sender = LanSender::Client;
    QByteArray bytes;
    qint64 timeUs = kUnknownTime;
    qint64 gapLength = -1;   // >= 0: a gap chunk
    int channel = -1;
};

struct FlowRun {
    QVector<LanSessionItem> items;
    QVector<int> channels;   // per item
    LanVersion version = LanVersion::Unknown;
    VersionBasis basis = VersionBasis::None;
    int handshakes = 0;
    bool sessionKey = false;
    int decrypted = 0;
};

FlowRun runFlow(const QVector<FlowChunk>& chunks, const LanSessionOptions& options)
{
    FlowRun run;
    LanSessionTracker tracker(options);
    const auto take = [&](QVector<LanSessionItem>&& items, int channel) {
        for (LanSessionItem& it : items) {
            if (it.crypto == QLatin1String("decrypted"))
                ++run.decrypted;
            run.items.push_back(std::move(it));
            run.channels.push_back(channel);
        }
    };
    int lastChannel = -1;
    for (const FlowChunk& c : chunks) {
        lastChannel = c.channel;
        if (c.gapLength >= 0)
            take(tracker.gap(c.sender, c.gapLength, c.timeUs), c.channel);
        else
            take(tracker.feed(c.sender, c.bytes, c.timeUs), c.channel);
    }
    take(tracker.finish(), lastChannel);
    run.version = tracker.version();
    run.basis = tracker.versionBasis();
    run.handshakes = tracker.handshakes();
    run.sessionKey = tracker.hasSessionKey();
    return run;
}

LanVersion versionOf(const QString& text)
{
    return text.isEmpty() ? LanVersion::Unknown : versionFromName(text);
}

quint32 readU32(QByteArrayView bytes, int offset)
{
    return bytes.size() >= offset + 4 ? qFromBigEndian<quint32>(bytes.data() + offset) : 0;
}

bool is6699(QByteArrayView bytes)
{
    return readU32(bytes, 0) == kPrefix6699;
}

quint32 frameCmd(QByteArrayView bytes)
{
    return readU32(bytes, is6699(bytes) ? kGcmCmdOffset : kClassicCmdOffset);
}

quint32 frameSeq(QByteArrayView bytes)
{
    return readU32(bytes, is6699(bytes) ? kGcmSeqOffset : kClassicSeqOffset);
}

class EventCollector : public LanStreamSplitter::Sink {
public:
    struct Ev {
        LanStreamSplitter::EventKind kind;
        qint64 offset;
        QByteArray bytes;
        LanFrameKind frameKind;
        qint64 declaredLength;
    };
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        events.push_back({e.kind, e.offset, e.bytes.toByteArray(), e.frameKind, e.declaredLength});
    }
    QVector<Ev> events;
};

} // namespace

bool captureMayHoldLan(const Capture& capture)
{
    for (const ChannelInfo& ch : capture.channels())
        if (net::isNetworkLinkType(ch.linkType))
            return true;
    for (int i = 0; i < capture.recordCount(); ++i)
        if (isLanDirection(capture.recordDirection(i)))
            return true;
    return false;
}

LanCaptureAnalysis analyzeLanCapture(const Capture& capture, const keys::KeyStore& keys, const LanAnalysisOptions& options)
{
    LanCaptureAnalysis out;
    QVector<LanItem> udpItems;

    // Decoded items of a flow (or a log channel) into the result.
    const auto addRun = [&](const FlowRun& run, int flowIndex) {
        for (int i = 0; i < run.items.size(); ++i) {
            const LanSessionItem& s = run.items.at(i);
            LanItem it;
            it.flow = flowIndex;
            it.timeUs = s.timeUs;
            it.direction = s.sender == LanSender::Device ? tuyascope::Direction::DeviceToApp
                                                         : tuyascope::Direction::AppToDevice;
            it.channel = run.channels.value(i, -1);
            it.offset = s.offset;
            it.kind = s.kind;
            it.bytes = s.bytes;
            it.dissection = s.dissection;
            it.version = s.version;
            it.crypto = s.crypto;
            it.seq = s.dissection.info.isFrame ? s.dissection.info.seq : 0;
            it.cmd = s.dissection.info.isFrame ? s.dissection.info.cmd : 0;
            out.items.push_back(std::move(it));
        }
    };

    // Runs a flow with its matched key, or tries the store's keys when nothing matched.
    const auto decodeFlow = [&](const QVector<FlowChunk>& chunks, const keys::KeyMatch& match, LanVersion discoveryVersion,
                                LanFlowSummary& summary) {
        LanSessionOptions base;
        if (discoveryVersion != LanVersion::Unknown) {
            base.version = discoveryVersion;
            base.versionBasis = VersionBasis::Discovery;
        }
        const auto optionsFor = [&](const keys::DeviceEntry& entry) {
            LanSessionOptions o = base;
            o.localKey = entry.key.reveal();
            const LanVersion v = versionOf(entry.version);
            if (v != LanVersion::Unknown && base.version == LanVersion::Unknown) {
                o.version = v;
                o.versionBasis = VersionBasis::KeyStore;
            }
            return o;
        };
        FlowRun best;
        bool haveBest = false;
        if (match.entry && match.entry->hasKey()) {
            best = runFlow(chunks, optionsFor(*match.entry));
            haveBest = true;
            summary.deviceId = match.entry->id;
            summary.keyMatch = keys::matchedByName(match.by);
        } else {
            int trials = 0;
            for (const keys::DeviceEntry& entry : keys.devices()) {
                if (!entry.hasKey() || trials >= options.maxKeyTrials)
                    continue;
                ++trials;
                FlowRun run = runFlow(chunks, optionsFor(entry));
                if (run.decrypted > 0 && (!haveBest || run.decrypted > best.decrypted)) {
                    best = std::move(run);
                    haveBest = true;
                    summary.deviceId = entry.id;
                    summary.keyMatch = QStringLiteral("trial");
                }
            }
            if (!haveBest) {
                best = runFlow(chunks, base);
                summary.keyMatch = QStringLiteral("none");
                if (match.entry)
                    summary.deviceId = match.entry->id;
            }
        }
        summary.version = best.version;
        summary.versionBasis = best.basis;
        summary.handshakes = best.handshakes;
        summary.sessionKeyDerived = best.sessionKey;
        addRun(best, summary.id);
    };

    // 1. Network channels: TCP flows and UDP datagrams.
    bool hasNet = false;
    for (const ChannelInfo& ch : capture.channels())
        hasNet = hasNet || net::isNetworkLinkType(ch.linkType);
    net::NetExtraction extraction;
    if (hasNet) {
        net::NetOptions netOptions;
        netOptions.tcpPorts = options.tcpPorts;
        netOptions.udpPorts = options.udpPorts;
        extraction = net::extractNetFlows(capture, netOptions);
        out.notes = extraction.notes;
    }

    // UDP discovery first: it teaches gwId -> IP and versions for the TCP flows.
    QHash<QString, LanDiscoveredDevice> byIp;
    for (const net::UdpDatagram& dg : extraction.udpDatagrams) {
        const quint16 port = options.udpPorts.contains(dg.destination.port) ? dg.destination.port : dg.source.port;
        LanContext context;
        context.localKey = lanUdpKey();
        context.version = port == 6666 ? LanVersion::V31 : port == 7000 ? LanVersion::V35 : LanVersion::Unknown;
        context.captureTimeUs = dg.timeUs == kUnknownTime || dg.timeUs < 0 ? -1 : dg.timeUs;
        LanStreamSplitter splitter;
        EventCollector collector;
        splitter.feed(dg.payload, dg.timeUs, collector);
        splitter.finish(collector);
        for (const EventCollector::Ev& e : collector.events) {
            const bool appRequest = e.kind == LanStreamSplitter::EventKind::Frame && frameCmd(e.bytes) == 0x25;
            context.sender = appRequest ? LanSender::Client : LanSender::Device;
            LanStreamSplitter::Event ev;
            ev.kind = e.kind;
            ev.offset = e.offset;
            ev.bytes = e.bytes;
            ev.timeUs = dg.timeUs;
            ev.frameKind = e.frameKind;
            ev.declaredLength = e.declaredLength;
            LanItem it;
            it.udp = true;
            it.timeUs = dg.timeUs;
            it.direction = appRequest ? tuyascope::Direction::AppToDevice : tuyascope::Direction::DeviceToApp;
            it.channel = dg.channel;
            it.offset = e.offset;
            it.kind = e.kind;
            it.bytes = e.bytes;
            it.dissection = dissectLanEvent(ev, context);
            it.version = it.dissection.info.version;
            it.crypto = cryptoStatusKey(it.dissection.info, false);
            it.seq = it.dissection.info.isFrame ? it.dissection.info.seq : 0;
            it.cmd = it.dissection.info.isFrame ? it.dissection.info.cmd : 0;
            const QJsonObject& json = it.dissection.info.json;
            if (!appRequest && json.contains(QLatin1String("gwId"))) {
                LanDiscoveredDevice dev;
                dev.gwId = json.value(QLatin1String("gwId")).toString();
                dev.ip = QHostAddress(json.value(QLatin1String("ip")).toString());
                if (dev.ip.isNull())
                    dev.ip = dg.source.address;
                dev.version = json.value(QLatin1String("version")).toString();
                dev.timeUs = dg.timeUs;
                if (!dev.gwId.isEmpty()) {
                    byIp.insert(dev.ip.toString(), dev);
                    bool known = false;
                    for (LanDiscoveredDevice& d : out.discovered) {
                        if (d.gwId == dev.gwId) {
                            d = dev;
                            known = true;
                        }
                    }
                    if (!known)
                        out.discovered.push_back(dev);
                }
            }
            udpItems.push_back(std::move(it));
        }
    }

    for (const net::TcpFlow& flow : extraction.tcpFlows) {
        QVector<FlowChunk> chunks;
        chunks.reserve(flow.chunks.size());
        for (const net::TcpChunk& c : flow.chunks) {
            FlowChunk fc;
            fc.sender = c.direction == net::FlowDirection::ClientToServer ? LanSender::Client : LanSender::Device;
            fc.timeUs = c.timeUs;
            fc.channel = flow.channel;
            if (c.isGap())
                fc.gapLength = c.gapLength;
            else
                fc.bytes = c.bytes;
            chunks.push_back(std::move(fc));
        }
        LanFlowSummary summary;
        summary.id = int(out.flows.size());
        summary.label = QStringLiteral("%1 -> %2").arg(flow.client.toString(), flow.server.toString());
        const LanDiscoveredDevice discovered = byIp.value(flow.server.address.toString());
        const keys::KeyMatch match = keys.matchDetailed(discovered.gwId, flow.server.address);
        decodeFlow(chunks, match, versionOf(discovered.version), summary);
        out.flows.push_back(summary);
    }

    // 2. LAN logs: records with LAN directions on non-network channels, one session per channel.
    QHash<int, QVector<FlowChunk>> logChunks;
    QVector<int> logOrder;
    for (int r = 0; r < capture.recordCount(); ++r) {
        const int ch = capture.recordChannel(r);
        if (ch < capture.channels().size() && net::isNetworkLinkType(capture.channels().at(ch).linkType))
            continue;
        const tuyascope::Direction dir = capture.recordDirection(r);
        if (!isLanDirection(dir))
            continue;
        if (!logChunks.contains(ch))
            logOrder.push_back(ch);
        FlowChunk fc;
        fc.sender = dir == tuyascope::Direction::DeviceToApp ? LanSender::Device : LanSender::Client;
        fc.bytes = capture.recordBytes(r).toByteArray();
        fc.timeUs = capture.recordTime(r);
        fc.channel = ch;
        logChunks[ch].push_back(std::move(fc));
    }
    for (int ch : logOrder) {
        LanFlowSummary summary;
        summary.id = int(out.flows.size());
        summary.label = capture.channels().value(ch).name;
        keys::KeyMatch match;
        int keyed = 0;
        for (const keys::DeviceEntry& entry : keys.devices()) {
            if (entry.hasKey()) {
                ++keyed;
                match.entry = &entry;
                match.by = entry.keyFromUser ? keys::MatchedBy::UserId : keys::MatchedBy::GwId;
            }
        }
        if (keyed != 1)
            match = {};
        decodeFlow(logChunks.value(ch), match, LanVersion::Unknown, summary);
        out.flows.push_back(summary);
    }

    for (LanItem& it : udpItems)
        out.items.push_back(std::move(it));
    for (int i = 0; i < out.items.size(); ++i) {
        out.items[i].index = i;
        if (out.items[i].kind == LanStreamSplitter::EventKind::Frame && out.items[i].cmd == 0 && !out.items[i].dissection.info.isFrame) {
            out.items[i].cmd = frameCmd(out.items[i].bytes);
            out.items[i].seq = frameSeq(out.items[i].bytes);
        }
    }
    return out;
}

} // namespace tuyascope::lan
