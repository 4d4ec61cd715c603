#include "live/LiveCapture.h"

#include "common/Clock.h"
#include "transport/Transport.h"

#include <QVariant>

namespace tuyascope {

// Both framers report the same things (frames, garbage, a truncated tail); their sinks only
// translate the event kinds, and LiveCapture::announce counts and emits.
class LiveCapture::ChannelSink : public mcu::StreamSplitter::Sink {
public:
    ChannelSink(LiveCapture* owner, int channel) : m_owner(owner), m_channel(channel) {}

    void onEvent(const mcu::StreamSplitter::Event& event) override
    {
        using Kind = mcu::StreamSplitter::EventKind;
        switch (event.kind) {
        case Kind::Frame:
            m_owner->announce(m_channel, LiveFrameEvent::Kind::Frame, event.timeUs, event.offset, event.bytes,
                              event.checksumOk, event.expectedChecksum);
            break;
        case Kind::Garbage:
            m_owner->announce(m_channel, LiveFrameEvent::Kind::Garbage, event.timeUs, event.offset, event.bytes);
            break;
        case Kind::Truncated:
            m_owner->announce(m_channel, LiveFrameEvent::Kind::Truncated, event.timeUs, event.offset, event.bytes);
            break;
        case Kind::ImplausibleLength:
            break; // the skipped byte is also reported as garbage
        }
    }

private:
    LiveCapture* m_owner;
    int m_channel;
};

class LiveCapture::LanChannelSink : public lan::LanStreamSplitter::Sink {
public:
    LanChannelSink(LiveCapture* owner, int channel) : m_owner(owner), m_channel(channel) {}

    void onEvent(const lan::LanStreamSplitter::Event& event) override
    {
        using Kind = lan::LanStreamSplitter::EventKind;
        switch (event.kind) {
        case Kind::Frame: // integrity needs the key: the decoder checks it, not the framer
            m_owner->announce(m_channel, LiveFrameEvent::Kind::Frame, event.timeUs, event.offset, event.bytes);
            break;
        case Kind::Garbage:
            m_owner->announce(m_channel, LiveFrameEvent::Kind::Garbage, event.timeUs, event.offset, event.bytes);
            break;
        case Kind::Truncated:
            m_owner->announce(m_channel, LiveFrameEvent::Kind::Truncated, event.timeUs, event.offset, event.bytes);
            break;
        case Kind::ImplausibleLength:
        case Kind::BadSuffix:
            break; // the rejected prefix is also reported as garbage
        }
    }

private:
    LiveCapture* m_owner;
    int m_channel;
};

void LiveCapture::announce(int channel, LiveFrameEvent::Kind kind, qint64 timeUs, qint64 offset, QByteArrayView bytes,
                           bool checksumOk, quint8 expectedChecksum)
{
    LiveFrameEvent out;
    out.kind = kind;
    out.channel = channel;
    out.direction = m_capture.channels().at(channel).direction;
    out.timeUs = timeUs;
    out.streamOffset = offset;
    out.bytes = bytes.toByteArray();
    out.checksumOk = checksumOk;
    out.expectedChecksum = expectedChecksum;
    if (kind == LiveFrameEvent::Kind::Frame) {
        ++m_frames;
        if (!checksumOk)
            ++m_badChecksums;
    } else if (kind == LiveFrameEvent::Kind::Garbage) {
        m_garbageBytes += bytes.size();
    }
    emit frameDecoded(out);
}

LiveCapture::LiveCapture(QObject* parent) : QObject(parent) {}

LiveCapture::~LiveCapture() = default;

int LiveCapture::addChannel(const ChannelInfo& channel)
{
    const int index = m_capture.addChannel(channel);
    m_splitters.push_back(std::make_shared<mcu::StreamSplitter>());
    m_sinks.push_back(std::make_shared<ChannelSink>(this, index));
    const bool lanChannel = isLanDirection(channel.direction);
    m_lanSplitters.push_back(lanChannel ? std::make_shared<lan::LanStreamSplitter>() : nullptr);
    m_lanSinks.push_back(lanChannel ? std::make_shared<LanChannelSink>(this, index) : nullptr);
    return index;
}

void LiveCapture::attach(Transport* transport, int channel)
{
    Q_ASSERT(channel >= 0 && channel < m_sinks.size());
    connect(transport, &Transport::chunkReceived, this,
            [this, channel](qint64 timeUs, const QByteArray& bytes) { appendChunk(channel, timeUs, bytes); });
    connect(transport, &Transport::stateChanged, this, [this, transport, channel](Transport::State state) {
        if (state == Transport::State::Reconnecting) {
            // The gap is also written into the capture itself, as the annotation of the first
            // record after the link returns, so saved files show it.
            m_pendingAnnotations[channel] =
                QStringLiteral("link resumed after a loss at %1 µs").arg(nowUs());
            addLinkNote(Severity::Warning, QStringLiteral("LINK_LOST"),
                        QStringLiteral("%1 went away (%2); retrying, bytes sent meanwhile are not seen")
                            .arg(transport->name(), transport->errorString()),
                        transport->name());
        } else if (state == Transport::State::Open && transport->property("tuyascope_was_lost").toBool())
            addLinkNote(Severity::Note, QStringLiteral("LINK_RESUMED"),
                        QStringLiteral("%1 is back").arg(transport->name()), transport->name());
        transport->setProperty("tuyascope_was_lost", state == Transport::State::Reconnecting);
    });
}

void LiveCapture::appendChunk(int channel, qint64 timeUs, QByteArrayView bytes, quint8 flags,
                              const QString& annotation)
{
    if (bytes.isEmpty() || channel < 0 || channel >= m_sinks.size())
        return;
    const ChannelInfo& info = m_capture.channels().at(channel);
    QString text = annotation;
    if (const auto pending = m_pendingAnnotations.find(channel); pending != m_pendingAnnotations.end()) {
        text = text.isEmpty() ? pending.value() : pending.value() + QLatin1Char('\n') + text;
        m_pendingAnnotations.erase(pending);
    }
    m_capture.append(timeUs, info.direction, channel, bytes, text, flags);
    emit recordAppended(m_capture.recordCount() - 1);
    if (m_lanSplitters[channel])
        m_lanSplitters[channel]->feed(bytes, timeUs, *m_lanSinks[channel]);
    else
        m_splitters[channel]->feed(bytes, timeUs, *m_sinks[channel]);
}

void LiveCapture::finish()
{
    for (int i = 0; i < m_splitters.size(); ++i) {
        if (m_lanSplitters[i])
            m_lanSplitters[i]->finish(*m_lanSinks[i]);
        else
            m_splitters[i]->finish(*m_sinks[i]);
    }
}

void LiveCapture::addLinkNote(Severity severity, const QString& code, const QString& message,
                              const QString& source)
{
    CaptureNote note;
    note.severity = severity;
    note.code = code;
    note.message = message;
    note.file = source;
    m_capture.addNote(note);
    emit noteAdded(note);
}

} // namespace tuyascope
