#pragma once
// Streaming TuyaMCU framer for one direction of one link.
//
// Bytes may arrive in any chunking: feeding one byte at a time yields exactly the events of
// feeding the whole buffer. Framing uses the 16-bit length, never inter-byte timing. A frame
// whose checksum fails is reported (so it can be shown) and then re-scanned one byte further,
// because the real frame may start inside it; every byte that is not part of a good frame is
// reported as garbage, so nothing is silently dropped.

#include "tuyamcu/McuFrame.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QVector>

namespace tuyascope::mcu {

class StreamSplitter {
public:
    enum class EventKind : quint8 {
        Frame,             // complete frame; checksumOk tells whether it verified
        Garbage,           // bytes that belong to no good frame
        ImplausibleLength, // a header announced more data than allowed; one byte skipped
        Truncated,         // at finish(): an incomplete frame at the end of the stream
    };

    struct Event {
        EventKind kind = EventKind::Frame;
        qint64 offset = 0;      // stream offset of the first byte
        QByteArrayView bytes;   // valid only during the callback
        qint64 timeUs = 0;      // arrival time of the chunk that held the first byte
        bool checksumOk = true;
        quint8 expectedChecksum = 0; // computed checksum (frames)
        int declaredLength = -1;     // data length from the header, when known
    };

    class Sink {
    public:
        virtual ~Sink() = default;
        virtual void onEvent(const Event& event) = 0;
    };

    struct Options {
        int maxDataLength = kDefaultMaxDataLength;
        int maxGarbageSpan = 64 * 1024; // longer garbage runs are reported in pieces
    };

    StreamSplitter() = default;
    explicit StreamSplitter(const Options& options) : m_options(options) {}

    void feed(QByteArrayView chunk, qint64 timeUs, Sink& sink);
    // End of stream: reports a trailing incomplete frame and flushes garbage.
    void finish(Sink& sink);
    void reset();

    qint64 position() const { return m_base + m_pending.size(); } // bytes fed so far
    qsizetype pendingBytes() const { return m_pending.size(); }
    void setMaxDataLength(int maxDataLength) { m_options.maxDataLength = maxDataLength; }

private:
    qsizetype process(const char* data, qsizetype size, qint64 base, bool atEnd, Sink& sink);
    void addGarbage(const char* data, qsizetype size, qint64 offset, Sink& sink);
    void flushGarbage(Sink& sink);
    qint64 timeAt(qint64 offset) const;
    bool validFrameAhead(const char* data, qsizetype size, qsizetype from) const;

    struct ChunkTime {
        qint64 offset;
        qint64 timeUs;
    };

    Options m_options;
    QByteArray m_pending;           // unconsumed bytes (an incomplete frame or a dangling 0x55)
    qint64 m_base = 0;              // stream offset of m_pending[0]
    QVector<ChunkTime> m_chunkTimes; // arrival times of the chunks that still have bytes pending
    QByteArray m_garbage;
    qint64 m_garbageOffset = 0;
    qint64 m_garbageTime = 0;
};

} // namespace tuyascope::mcu
