#include "live/LiveCapture.h"

#include "common/Clock.h"
#include "transport/Transport.h"

#include <QVariant>

namespace tuyascope {

class LiveCapture::ChannelSink : public mcu::StreamSplitter::Sink {
public:
    ChannelSink(LiveCapture* owner, int channel, Direction direction)
        : m_owner(owner), m_channel(channel), m_direction(direction)
    {
    }

    void onEvent(const mcu::StreamSplitter::Event& event) override
    {
        using Kind = mcu::StreamSplitter::EventKind;
        LiveFrameEvent out;
        out.channel = m_channel;
        out.direction = m_direction;
        out.timeUs = event.timeUs;
        out.streamOffset = event.offset;
        out.bytes = event.bytes.toByteArray();
        switch (event.kind) {
        case Kind::Frame:
            out.kind = LiveFrameEvent::Kind::Frame;
            out.checksumOk = event.checksumOk;
            out.expectedChecksum = event.expectedChecksum;
            ++m_owner->m_frames;
            if (!event.checksumOk)
                ++m_owner->m_badChecksums;
            break;
        case Kind::Garbage:
            out.kind = LiveFrameEvent::Kind::Garbage;
            m_owner->m_garbageBytes += event.bytes.size();
            break;
        case Kind::Truncated:
            out.kind = LiveFrameEvent::Kind::Truncated;
            break;
        case Kind::ImplausibleLength:
            return; // the skipped byte is also reported as garbage
        }
        emit m_owner->frameDecoded(out);
    }

private:
    LiveCapture* m_owner;
    int m_channel;
    Direction m_direction;
};

class LiveCapture::LanChannelSink : public lan::LanStreamSplitter::Sink {
public:
    LanChannelSink(LiveCapture* owner, int channel, Direction direction)
        : m_owner(owner), m_channel(channel), m_direction(direction)
    {
    }

    void onEvent(const lan::LanStreamSplitter::Event& event) override
    {
        using Kind = lan::LanStreamSplitter::EventKind;
        LiveFrameEvent out;
        out.channel = m_channel;
        out.direction = m_direction;
        out.timeUs = event.timeUs;
        out.streamOffset = event.offset;
        out.bytes = event.bytes.toByteArray();
        switch (event.kind) {
        case Kind::Frame:
            out.kind = LiveFrameEvent::Kind::Frame;
            ++m_owner->m_frames;
            break;
        case Kind::Garbage:
            out.kind = LiveFrameEvent::Kind::Garbage;
            m_owner->m_garbageBytes += event.bytes.size();
            break;
        case Kind::Truncated:
            out.kind = LiveFrameEvent::Kind::Truncated;
            break;
        case Kind::ImplausibleLength:
        case Kind::BadSuffix:
            return; // the rejected prefix is also reported as garbage
        }
        emit m_owner->frameDecoded(out);
    }

private:
    LiveCapture* m_owner;
    int m_channel;
    Direction m_direction;
};

LiveCapture::LiveCapture(QObject* parent) : QObject(parent) {}

LiveCapture::~LiveCapture() = default;

int LiveCapture::addChannel(const ChannelInfo& channel)
{
    const int index = m_capture.addChannel(channel);
    m_splitters.push_back(std::make_shared<mcu::StreamSplitter>());
    m_sinks.push_back(std::make_shared<ChannelSink>(this, index, channel.direction));
    const bool lanChannel = isLanDirection(channel.direction);
    m_lanSplitters.push_back(lanChannel ? std::make_shared<lan::LanStreamSplitter>() : nullptr);
    m_lanSinks.push_back(lanChannel ? std::make_shared<LanChannelSink>(this, index, channel.direction) : nullptr);
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
