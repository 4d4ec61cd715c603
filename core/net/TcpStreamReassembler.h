#pragma once
// In-order byte stream of ONE direction of one TCP connection, rebuilt from captured segments.
//
// Stream offsets count from the first data byte (ISN + 1 when the SYN was seen, else the first
// captured byte) and include missing bytes, so offset = sequence number - start. Segments may
// arrive split, coalesced, out of order or more than once: bytes are delivered exactly once, in
// order, each with the time of the segment that carried it. Where bytes overlap, the first copy
// wins and a differing later copy is reported. Bytes the capture never got become a Gap event
// followed by the data after it, so a frame decoder can resynchronise instead of stalling.
//
// A hole is declared as soon as it is certain: the peer acknowledged bytes beyond it (it got
// them, the capture did not), the out-of-order buffer passed its cap, or the stream ended.

#include <QByteArray>
#include <QByteArrayView>
#include <QVector>

#include <map>

namespace tuyascope::net {

class TcpStreamReassembler {
public:
    struct Options {
        qint64 maxBufferedBytes = 1024 * 1024; // out-of-order bytes held behind a hole
        qint64 historyBytes = 64 * 1024;       // delivered bytes kept to check retransmissions
    };

    enum class GapReason : quint8 {
        None,
        Acknowledged, // the peer acknowledged bytes the capture does not have
        BufferFull,   // the out-of-order buffer passed Options::maxBufferedBytes
        StreamEnd,    // the flow ended (or the capture did) with the hole still open
    };

    enum class EventKind : quint8 {
        Data,            // bytes delivered in order (offset, bytes, time, record)
        Gap,             // `length` bytes at `offset` will never be delivered
        OutOfOrder,      // a segment arrived ahead of a hole and was held
        Retransmission,  // a segment repeated bytes already seen, identically
        OverlapConflict, // a segment repeated bytes already seen with different content (first copy kept)
        BeforeStart,     // bytes before the stream's first byte (capture started mid-connection)
    };

    struct Event {
        EventKind kind = EventKind::Data;
        qint64 offset = 0;
        qint64 length = 0;
        QByteArray bytes; // Data only
        qint64 timeUs = 0;
        int record = -1;
        GapReason gapReason = GapReason::None;
    };

    TcpStreamReassembler() = default;
    explicit TcpStreamReassembler(const Options& options);

    // The SYN carried sequence number `isn`: the first data byte is isn + 1. Ignored once started.
    void startAtSyn(quint32 isn);
    bool isStarted() const { return m_started; }

    // One captured segment: its sequence number and payload (SYN excluded).
    void segment(quint32 seq, QByteArrayView payload, qint64 timeUs, int record, QVector<Event>& out);
    // The other direction acknowledged everything before `ack`.
    void peerAcknowledged(quint32 ack, QVector<Event>& out);
    // The stream is over: whatever is held behind holes is delivered after Gap events.
    void finish(QVector<Event>& out);

    qint64 nextOffset() const { return m_nextOffset; }
    qint64 bufferedBytes() const { return m_buffered; }
    qint64 offsetOf(quint32 seq) const; // valid once started

private:
    struct Piece {
        QByteArray bytes;
        qint64 timeUs = 0;
        int record = -1;
    };
    struct Overlap {
        qint64 bytes = 0;
        qint64 firstConflict = -1;
    };

    void compareDelivered(qint64 offset, QByteArrayView bytes, Overlap& overlap) const;
    void hold(qint64 offset, QByteArrayView bytes, qint64 timeUs, int record, Overlap& overlap);
    void deliverReady(QVector<Event>& out);
    void skipTo(qint64 offset, GapReason reason, QVector<Event>& out);
    void closeAcknowledgedHoles(QVector<Event>& out);
    void enforceCap(QVector<Event>& out);

    Options m_options;
    bool m_started = false;
    quint32 m_nextSeq = 0;   // sequence number of m_nextOffset
    qint64 m_nextOffset = 0; // first byte not yet delivered (nor skipped)
    qint64 m_ackedOffset = -1;
    std::map<qint64, Piece> m_held; // non-overlapping, all at or after m_nextOffset
    qint64 m_buffered = 0;
    QByteArray m_history;           // the delivered bytes [m_historyStart, m_nextOffset)
    qint64 m_historyStart = 0;
};

} // namespace tuyascope::net
