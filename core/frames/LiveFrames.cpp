#include "frames/LiveFrames.h"

#include "tuyalan/LanDissector.h"
#include "tuyamcu/McuDissector.h"

namespace tuyascope {

namespace {

FrameKind kindOf(LiveFrameEvent::Kind kind)
{
    switch (kind) {
    case LiveFrameEvent::Kind::Frame: return FrameKind::Frame;
    case LiveFrameEvent::Kind::Garbage: return FrameKind::Garbage;
    case LiveFrameEvent::Kind::Truncated: return FrameKind::Truncated;
    }
    return FrameKind::Garbage;
}

Dissection notAFrame(FrameKind kind, int size)
{
    Dissection d;
    const bool garbage = kind == FrameKind::Garbage;
    d.summary = garbage ? QStringLiteral("%1 garbage byte(s)").arg(size)
                        : QStringLiteral("incomplete frame (%1 byte(s))").arg(size);
    d.addDiagnostic(Severity::Warning, garbage ? diag::Garbage : diag::TruncatedAtEof,
                    garbage ? QStringLiteral("%1 byte(s) outside any frame").arg(size)
                            : QStringLiteral("the stream ended inside a frame"));
    return d;
}

} // namespace

LiveFrames::LiveFrames(LiveCapture& live, mcu::Family forcedFamily, QObject* parent)
    : QObject(parent), m_live(live), m_decoder(forcedFamily)
{
    connect(&live, &LiveCapture::frameDecoded, this, &LiveFrames::onFrame);
}

void LiveFrames::onFrame(const LiveFrameEvent& event)
{
    Entry e{};
    e.timeUs = event.timeUs;
    e.arenaOffset = m_arena.size();
    e.length = int(event.bytes.size());
    e.channel = event.channel;
    e.direction = event.direction;
    e.kind = kindOf(event.kind);
    e.lanContext = -1;
    e.command = -1;
    Dissection d;
    if (event.isLan()) {
        lan::LanContext context;
        if (m_lanContext)
            context = m_lanContext(event);
        else
            context.sender = event.direction == Direction::AppToDevice ? lan::LanSender::Client : lan::LanSender::Device;
        context.captureTimeUs = event.timeUs;
        e.lanContext = int(m_lanContexts.size());
        m_lanContexts.push_back(context);
        if (e.kind == FrameKind::Frame) {
            const lan::LanDissection lanDissection = lan::dissectLanFrame(event.bytes, context);
            d = lanDissection.dissection;
            const lan::LanVersion version = lanDissection.info.version;
            e.version = version == lan::LanVersion::Unknown ? QString() : lan::versionName(version);
            e.command = lanDissection.info.isFrame ? qint64(lanDissection.info.cmd) : -1;
        } else {
            d = notAFrame(e.kind, e.length);
        }
    } else {
        d = m_decoder.decode(event);
        e.family = m_decoder.family();
        if (e.kind == FrameKind::Frame && event.bytes.size() >= 4) {
            e.version = QString::number(quint8(event.bytes[2]));
            e.command = quint8(event.bytes[3]);
        }
    }
    m_arena.append(event.bytes);
    m_entries.push_back(e);
    const int row = int(m_entries.size()) - 1;
    m_cache.insert(row, new Dissection(d));
    emit frameAppended(row, d);
}

FrameFacts LiveFrames::facts(int row) const
{
    const Entry& e = m_entries.at(row);
    FrameFacts f;
    f.timeUs = e.timeUs;
    f.direction = e.direction;
    f.protocol = e.lanContext >= 0 ? FrameProtocol::TuyaLan : FrameProtocol::TuyaMcu;
    f.kind = e.kind;
    f.version = e.version;
    f.command = e.command;
    f.length = e.length;
    f.channel = e.channel;
    return f;
}

QByteArray LiveFrames::frameBytes(int row) const
{
    const Entry& e = m_entries.at(row);
    return m_arena.mid(e.arenaOffset, e.length);
}

Dissection LiveFrames::dissect(int row) const
{
    if (const Dissection* cached = m_cache.object(row))
        return *cached;
    const Dissection d = dissectEntry(row, frameBytes(row));
    m_cache.insert(row, new Dissection(d));
    return d;
}

Dissection LiveFrames::dissectEntry(int row, const QByteArray& bytes) const
{
    const Entry& e = m_entries.at(row);
    if (e.kind != FrameKind::Frame)
        return notAFrame(e.kind, e.length);
    if (e.lanContext >= 0)
        return lan::dissectLanFrame(bytes, m_lanContexts.at(e.lanContext)).dissection;
    mcu::FrameContext context;
    context.direction = e.direction;
    context.family = e.family;
    return mcu::dissectFrame(bytes, context);
}

} // namespace tuyascope
