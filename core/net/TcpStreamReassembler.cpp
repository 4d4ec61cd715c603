#include "net/TcpStreamReassembler.h"

#include <algorithm>
#include <iterator>

namespace tuyascope::net {

TcpStreamReassembler::TcpStreamReassembler(const Options& options) : m_options(options)
{
    // A cap below one maximum segment would declare a gap for every out-of-order segment.
    m_options.maxBufferedBytes = std::max<qint64>(m_options.maxBufferedBytes, 64 * 1024);
    m_options.historyBytes = std::max<qint64>(m_options.historyBytes, 0);
}

void TcpStreamReassembler::startAtSyn(quint32 isn)
{
    if (m_started)
        return;
    m_started = true;
    m_nextSeq = isn + 1;
    m_nextOffset = 0;
}

qint64 TcpStreamReassembler::offsetOf(quint32 seq) const
{
    // Signed 32-bit distance from the next expected byte: correct across sequence wrap-around.
    return m_nextOffset + qint64(qint32(seq - m_nextSeq));
}

void TcpStreamReassembler::segment(quint32 seq, QByteArrayView payload, qint64 timeUs, int record,
                                   QVector<Event>& out)
{
    if (payload.isEmpty())
        return;
    if (!m_started) { // no SYN seen: the stream starts at the first captured byte
        m_started = true;
        m_nextSeq = seq;
        m_nextOffset = 0;
    }
    const qint64 segmentOffset = offsetOf(seq);
    qint64 offset = segmentOffset;
    if (offset < 0) {
        const qint64 before = std::min<qint64>(-offset, payload.size());
        out.push_back(Event{EventKind::BeforeStart, offset, before, QByteArray(), timeUs, record, GapReason::None});
        if (before == payload.size())
            return;
        payload = payload.sliced(before);
        offset = 0;
    }

    Overlap overlap;
    if (offset < m_nextOffset) { // starts in bytes already delivered
        const qint64 overlapping = std::min<qint64>(m_nextOffset - offset, payload.size());
        compareDelivered(offset, payload.first(overlapping), overlap);
        overlap.bytes += overlapping;
        payload = payload.sliced(overlapping);
        offset += overlapping;
    }
    if (!payload.isEmpty()) {
        if (offset > m_nextOffset)
            out.push_back(Event{EventKind::OutOfOrder, offset, payload.size(), QByteArray(), timeUs, record,
                                GapReason::None});
        hold(offset, payload, timeUs, record, overlap);
    }
    if (overlap.bytes > 0) {
        const bool conflict = overlap.firstConflict >= 0;
        out.push_back(Event{conflict ? EventKind::OverlapConflict : EventKind::Retransmission,
                            conflict ? overlap.firstConflict : segmentOffset, overlap.bytes, QByteArray(), timeUs,
                            record, GapReason::None});
    }
    deliverReady(out);
    closeAcknowledgedHoles(out);
    enforceCap(out);
}

void TcpStreamReassembler::peerAcknowledged(quint32 ack, QVector<Event>& out)
{
    if (!m_started)
        return;
    m_ackedOffset = std::max(m_ackedOffset, offsetOf(ack));
    closeAcknowledgedHoles(out);
}

void TcpStreamReassembler::finish(QVector<Event>& out)
{
    while (!m_held.empty()) {
        skipTo(m_held.begin()->first, GapReason::StreamEnd, out);
        deliverReady(out);
    }
}

void TcpStreamReassembler::compareDelivered(qint64 offset, QByteArrayView bytes, Overlap& overlap) const
{
    // Only the recent history can be checked; older bytes (and bytes inside a gap) count as
    // retransmitted without a verdict.
    const qint64 from = std::max(offset, m_historyStart);
    const qint64 to = std::min(offset + bytes.size(), m_nextOffset);
    for (qint64 at = from; at < to; ++at) {
        if (bytes[at - offset] != m_history[at - m_historyStart]) {
            if (overlap.firstConflict < 0)
                overlap.firstConflict = at;
            return;
        }
    }
}

void TcpStreamReassembler::hold(qint64 offset, QByteArrayView bytes, qint64 timeUs, int record, Overlap& overlap)
{
    const qint64 end = offset + bytes.size();
    qint64 pos = offset;
    auto insertRange = [&](qint64 from, qint64 to, std::map<qint64, Piece>::iterator hint) {
        m_held.emplace_hint(hint, from, Piece{bytes.sliced(from - offset, to - from).toByteArray(), timeUs, record});
        m_buffered += to - from;
    };
    // Walk the held pieces that overlap [offset, end): fill the holes between them with the new
    // bytes, compare where they overlap (the held copy came first and stays).
    auto it = m_held.upper_bound(offset);
    if (it != m_held.begin()) {
        auto previous = std::prev(it);
        if (previous->first + previous->second.bytes.size() > offset)
            it = previous;
    }
    while (pos < end && it != m_held.end() && it->first < end) {
        const qint64 pieceStart = it->first;
        const QByteArray& held = it->second.bytes;
        const qint64 pieceEnd = pieceStart + held.size();
        if (pieceStart > pos)
            insertRange(pos, pieceStart, it);
        const qint64 from = std::max(pos, pieceStart);
        const qint64 to = std::min(end, pieceEnd);
        for (qint64 at = from; at < to && overlap.firstConflict < 0; ++at) {
            if (bytes[at - offset] != held[at - pieceStart])
                overlap.firstConflict = at;
        }
        overlap.bytes += std::max<qint64>(0, to - from);
        pos = std::max(pos, to);
        ++it;
    }
    if (pos < end)
        insertRange(pos, end, it);
}

void TcpStreamReassembler::deliverReady(QVector<Event>& out)
{
    while (!m_held.empty() && m_held.begin()->first == m_nextOffset) {
        auto node = m_held.begin();
        Piece piece = std::move(node->second);
        m_held.erase(node);
        const qint64 length = piece.bytes.size();
        m_buffered -= length;
        if (m_options.historyBytes > 0) {
            m_history.append(piece.bytes);
            // Trim in batches so history upkeep stays linear in the bytes delivered.
            if (m_history.size() > 2 * m_options.historyBytes) {
                const qint64 cut = m_history.size() - m_options.historyBytes;
                m_history.remove(0, cut);
                m_historyStart += cut;
            }
        } else {
            m_historyStart = m_nextOffset + length;
        }
        out.push_back(Event{EventKind::Data, m_nextOffset, length, std::move(piece.bytes), piece.timeUs,
                            piece.record, GapReason::None});
        m_nextOffset += length;
        m_nextSeq += quint32(length);
    }
}

void TcpStreamReassembler::skipTo(qint64 offset, GapReason reason, QVector<Event>& out)
{
    if (offset <= m_nextOffset)
        return;
    const auto first = m_held.begin();
    const qint64 timeUs = first != m_held.end() ? first->second.timeUs : 0;
    const int record = first != m_held.end() ? first->second.record : -1;
    out.push_back(Event{EventKind::Gap, m_nextOffset, offset - m_nextOffset, QByteArray(), timeUs, record, reason});
    m_nextSeq += quint32(offset - m_nextOffset);
    m_nextOffset = offset;
    m_history.clear();
    m_historyStart = offset;
}

void TcpStreamReassembler::closeAcknowledgedHoles(QVector<Event>& out)
{
    // The peer holds every byte before m_ackedOffset, so a hole below it can never be filled.
    while (!m_held.empty() && m_held.begin()->first > m_nextOffset && m_held.begin()->first <= m_ackedOffset) {
        skipTo(m_held.begin()->first, GapReason::Acknowledged, out);
        deliverReady(out);
    }
}

void TcpStreamReassembler::enforceCap(QVector<Event>& out)
{
    while (m_buffered > m_options.maxBufferedBytes && !m_held.empty()) {
        skipTo(m_held.begin()->first, GapReason::BufferFull, out);
        deliverReady(out);
    }
}

} // namespace tuyascope::net
