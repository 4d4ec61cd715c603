#pragma once
// A capture that grows while a device talks. Every chunk a transport delivers (and every frame
// an agent writes) is appended as a record: raw bytes are the truth. Each channel has its own
// streaming framer, so frame boundaries come from the framing and never from read sizes; the
// decoded frames are announced as they complete. Link losses and returns become capture notes,
// so the saved file says where a gap may be.
//
// Channels whose direction is a LAN direction (app->device, device->app) carry Tuya LAN TCP bytes:
// they are framed by the LAN stream splitter (55AA / 6699 by length) instead of the TuyaMCU one,
// and their LiveFrameEvents hold the LAN frame bytes (integrity is left to the LAN dissector).

#include "capture/Capture.h"
#include "tuyalan/LanStreamSplitter.h"
#include "tuyamcu/StreamSplitter.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QVector>

#include <memory>

namespace tuyascope {

class Transport;

struct LiveFrameEvent {
    enum class Kind { Frame, Garbage, Truncated };
    Kind kind = Kind::Frame;
    int channel = 0;
    Direction direction = Direction::Unknown;
    qint64 timeUs = 0;          // arrival of the chunk that held the first byte
    qint64 streamOffset = 0;    // offset within the channel's byte stream
    QByteArray bytes;
    bool checksumOk = true;     // TuyaMCU only; LAN frames are checked by the LAN dissector
    quint8 expectedChecksum = 0;
    bool isLan() const { return isLanDirection(direction); }
};

class LiveCapture : public QObject {
    Q_OBJECT
public:
    explicit LiveCapture(QObject* parent = nullptr);
    ~LiveCapture() override;

    // A byte stream with one direction (one UART line, or what one side wrote).
    int addChannel(const ChannelInfo& channel);
    // Received chunks of `transport` become records on `channel`; its state changes become notes.
    void attach(Transport* transport, int channel);
    // Appends bytes seen or sent on `channel` at `timeUs`.
    void appendChunk(int channel, qint64 timeUs, QByteArrayView bytes, quint8 flags = RecordNoFlags,
                     const QString& annotation = QString());
    // Ends every channel's stream: an incomplete trailing frame is reported as truncated.
    void finish();

    const Capture& capture() const { return m_capture; }
    int frameCount() const { return m_frames; }
    int badChecksumCount() const { return m_badChecksums; }
    qint64 garbageBytes() const { return m_garbageBytes; }

signals:
    void recordAppended(int recordIndex);
    void frameDecoded(const tuyascope::LiveFrameEvent& event);
    void noteAdded(const tuyascope::CaptureNote& note);

private:
    class ChannelSink;
    class LanChannelSink;
    // Counts a framer event and announces it (frameDecoded).
    void announce(int channel, LiveFrameEvent::Kind kind, qint64 timeUs, qint64 offset, QByteArrayView bytes,
                  bool checksumOk = true, quint8 expectedChecksum = 0);
    void addLinkNote(Severity severity, const QString& code, const QString& message, const QString& source);

    Capture m_capture;
    QVector<std::shared_ptr<mcu::StreamSplitter>> m_splitters; // per channel
    QVector<std::shared_ptr<ChannelSink>> m_sinks;
    QVector<std::shared_ptr<lan::LanStreamSplitter>> m_lanSplitters; // per channel; null for TuyaMCU channels
    QVector<std::shared_ptr<LanChannelSink>> m_lanSinks;
    QHash<int, QString> m_pendingAnnotations; // channel -> note for its next record
    int m_frames = 0;
    int m_badChecksums = 0;
    qint64 m_garbageBytes = 0;
};

} // namespace tuyascope
