#include "frames/CaptureFrames.h"

#include "tuyalan/LanVersion.h"

#include <algorithm>

namespace tuyascope {

namespace {

bool isSerialChannel(const ChannelInfo& channel)
{
    return channel.linkType == ChannelInfo::kNoLinkType && !isLanDirection(channel.direction);
}

FrameKind kindOf(mcu::ItemKind kind)
{
    switch (kind) {
    case mcu::ItemKind::Frame: return FrameKind::Frame;
    case mcu::ItemKind::Garbage: return FrameKind::Garbage;
    case mcu::ItemKind::Truncated: return FrameKind::Truncated;
    }
    return FrameKind::Garbage;
}

FrameKind kindOf(lan::LanStreamSplitter::EventKind kind)
{
    switch (kind) {
    case lan::LanStreamSplitter::EventKind::Frame: return FrameKind::Frame;
    case lan::LanStreamSplitter::EventKind::Garbage: return FrameKind::Garbage;
    case lan::LanStreamSplitter::EventKind::Truncated: return FrameKind::Truncated;
    default: return FrameKind::Garbage; // implausible lengths, bad suffixes: bytes outside a frame
    }
}

} // namespace

CaptureFrames::CaptureFrames(const Capture& capture, const keys::KeyStore& keys, const CaptureFramesOptions& options)
    : m_session(mcu::McuSession::analyze(capture, options.mcu))
{
    if (!lan::captureMayHoldLan(capture))
        return; // TuyaMCU only: rows are the session's items
    m_lan = lan::analyzeLanCapture(capture, keys, options.lan);
    m_identity = false;
    struct Timed {
        qint64 timeUs;
        RowRef ref;
    };
    QVector<Timed> timeline;
    const QVector<ChannelInfo>& channels = capture.channels();
    for (int i = 0; i < m_session.itemCount(); ++i) {
        const mcu::McuItem& it = m_session.item(i);
        const mcu::McuStream& stream = m_session.streams().at(it.stream);
        if (isSerialChannel(channels.at(stream.channel)) && !isLanDirection(stream.direction))
            timeline.push_back({it.timeUs, RowRef{quint32(i), false}});
    }
    for (int i = 0; i < m_lan.items.size(); ++i)
        timeline.push_back({m_lan.items.at(i).timeUs, RowRef{quint32(i), true}});
    // Unknown times (kUnknownTime is the smallest value) keep their relative order at the front.
    std::stable_sort(timeline.begin(), timeline.end(),
                     [](const Timed& a, const Timed& b) { return a.timeUs < b.timeUs; });
    m_rows.reserve(timeline.size());
    for (const Timed& t : timeline)
        m_rows.push_back(t.ref);
}

int CaptureFrames::frameCount() const
{
    return m_identity ? m_session.itemCount() : int(m_rows.size());
}

CaptureFrames::RowRef CaptureFrames::ref(int row) const
{
    return m_identity ? RowRef{quint32(row), false} : m_rows.at(row);
}

int CaptureFrames::rowOfMcuItem(int item) const
{
    if (m_identity)
        return item >= 0 && item < m_session.itemCount() ? item : -1;
    for (int row = 0; row < m_rows.size(); ++row)
        if (!m_rows.at(row).lan && int(m_rows.at(row).index) == item)
            return row;
    return -1;
}

int CaptureFrames::mcuItemOfRow(int row) const
{
    if (row < 0 || row >= frameCount())
        return -1;
    const RowRef r = ref(row);
    return r.lan ? -1 : int(r.index);
}

FrameFacts CaptureFrames::facts(int row) const
{
    const RowRef r = ref(row);
    FrameFacts f;
    if (r.lan) {
        const lan::LanItem& it = m_lan.items.at(int(r.index));
        f.protocol = FrameProtocol::TuyaLan;
        f.timeUs = it.timeUs;
        f.direction = it.direction;
        f.kind = kindOf(it.kind);
        f.version = it.version == lan::LanVersion::Unknown ? QString() : lan::versionName(it.version);
        f.command = f.kind == FrameKind::Frame && it.dissection.info.isFrame ? qint64(it.cmd) : -1;
        f.length = int(it.bytes.size());
        f.channel = it.channel;
        return f;
    }
    const mcu::McuItem& it = m_session.item(int(r.index));
    f.protocol = FrameProtocol::TuyaMcu;
    f.timeUs = it.timeUs;
    f.direction = it.direction;
    f.kind = kindOf(it.kind);
    f.version = f.kind == FrameKind::Frame ? QString::number(it.version) : QString();
    f.command = f.kind == FrameKind::Frame ? qint64(it.command) : -1;
    f.length = it.length;
    f.channel = m_session.streams().at(it.stream).channel;
    return f;
}

QByteArray CaptureFrames::frameBytes(int row) const
{
    const RowRef r = ref(row);
    return r.lan ? m_lan.items.at(int(r.index)).bytes : m_session.itemBytes(int(r.index));
}

Dissection CaptureFrames::dissect(int row) const
{
    const RowRef r = ref(row);
    return r.lan ? m_lan.items.at(int(r.index)).dissection.dissection : m_session.dissect(int(r.index));
}

} // namespace tuyascope
