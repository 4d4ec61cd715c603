#pragma once
// Streaming LAN framer for one direction of one flow (TCP payload bytes, or one UDP datagram).
//
// Frames are found by prefix (000055AA or 00006699) and delimited by their length field, never
// by searching for the suffix (ciphertext may contain it). A candidate is a frame when the
// suffix sits where the length says; integrity (CRC/HMAC/tag) is checked later by the dissector,
// which knows the keys. Bytes that belong to no frame are reported as garbage; a frame still
// incomplete at finish() is reported as truncated. Feeding one byte at a time yields exactly the
// events of feeding the whole buffer: every decision waits until the bytes it needs are there.
// The price: a corrupt header announcing up to Options::maxLength bytes holds back the frames
// after it until that many bytes arrived (or finish()), then they are found again.

#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanVersion.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QVector>

namespace tuyascope::lan {

class LanStreamSplitter {
public:
    enum class EventKind : quint8 {
        Frame,             // prefix, length and suffix agree
        Garbage,           // bytes that belong to no frame
        ImplausibleLength, // a prefix announced a length out of bounds; its prefix became garbage
        BadSuffix,         // a prefix's length does not land on a suffix; its prefix became garbage
        Truncated,         // at finish(): an incomplete frame at the end of the stream
    };

    struct Event {
        EventKind kind = EventKind::Frame;
        qint64 offset = 0;          // stream offset of the first byte
        QByteArrayView bytes;       // valid only during the callback
        qint64 timeUs = 0;          // arrival time of the chunk that held the first byte
        LanFrameKind frameKind = LanFrameKind::Classic55AA; // Frame / ImplausibleLength / BadSuffix / Truncated
        qint64 declaredLength = -1; // the length field, when it was read
    };

    class Sink {
    public:
        virtual ~Sink() = default;
        virtual void onEvent(const Event& event) = 0;
    };

    struct Options {
        int maxLength = kDefaultMaxLength; // hard limit for the length field
        int maxGarbageSpan = 64 * 1024;    // longer garbage runs are reported in pieces
    };

    LanStreamSplitter() = default;
    explicit LanStreamSplitter(const Options& options) : m_options(options) {}

    void feed(QByteArrayView chunk, qint64 timeUs, Sink& sink);
    // End of stream: reports a trailing incomplete frame and flushes garbage.
    void finish(Sink& sink);
    void reset();

    qint64 position() const { return m_base + m_pending.size(); }
    qsizetype pendingBytes() const { return m_pending.size(); }

private:
    enum class Verdict : quint8 { NeedMore, NotAPrefix, BadLength, BadSuffix, Frame };
    struct Candidate {
        Verdict verdict = Verdict::NeedMore;
        LanFrameKind kind = LanFrameKind::Classic55AA;
        qint64 length = -1;
        qint64 size = 0;     // total frame size when the length is known
    };

    Candidate examine(const char* data, qsizetype available) const;
    qsizetype process(const char* data, qsizetype size, qint64 base, bool atEnd, Sink& sink);
    bool completeFrameAhead(const char* data, qsizetype size, qsizetype from) const;
    void report(EventKind kind, const char* data, qsizetype size, qint64 offset, const Candidate& c, Sink& sink);
    void addGarbage(const char* data, qsizetype size, qint64 offset, Sink& sink);
    void flushGarbage(Sink& sink);
    qint64 timeAt(qint64 offset) const;

    struct ChunkTime {
        qint64 offset;
        qint64 timeUs;
    };

    Options m_options;
    QByteArray m_pending;             // unconsumed bytes: an incomplete frame or a partial prefix
    qint64 m_base = 0;                // stream offset of m_pending[0]
    QVector<ChunkTime> m_chunkTimes;
    QByteArray m_garbage;
    qint64 m_garbageOffset = 0;
    qint64 m_garbageTime = 0;
};

} // namespace tuyascope::lan
