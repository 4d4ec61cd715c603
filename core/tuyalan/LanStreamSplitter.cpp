#include "tuyalan/LanStreamSplitter.h"

#include <cstring>

namespace tuyascope::lan {

namespace {

const char kPrefix55[4] = {0x00, 0x00, 0x55, char(0xAA)};
const char kPrefix66[4] = {0x00, 0x00, 0x66, char(0x99)};

// True when the available bytes (fewer than 4) could still grow into the given prefix.
bool couldBePrefix(const char* data, qsizetype available, const char* prefix)
{
    return std::memcmp(data, prefix, size_t(qMin<qsizetype>(available, kPrefixSize))) == 0;
}

} // namespace

void LanStreamSplitter::reset()
{
    m_pending.clear();
    m_base = 0;
    m_chunkTimes.clear();
    m_garbage.clear();
    m_garbageOffset = 0;
    m_garbageTime = 0;
}

qint64 LanStreamSplitter::timeAt(qint64 offset) const
{
    qint64 t = m_chunkTimes.isEmpty() ? 0 : m_chunkTimes.first().timeUs;
    for (const ChunkTime& c : m_chunkTimes) {
        if (c.offset > offset)
            break;
        t = c.timeUs;
    }
    return t;
}

LanStreamSplitter::Candidate LanStreamSplitter::examine(const char* data, qsizetype available) const
{
    Candidate c;
    const bool maybe55 = couldBePrefix(data, available, kPrefix55);
    const bool maybe66 = couldBePrefix(data, available, kPrefix66);
    if (!maybe55 && !maybe66) {
        c.verdict = Verdict::NotAPrefix;
        return c;
    }
    if (available < kPrefixSize)
        return c; // NeedMore
    c.kind = maybe55 ? LanFrameKind::Classic55AA : LanFrameKind::Gcm6699;
    const bool classic = c.kind == LanFrameKind::Classic55AA;
    const int headerSize = classic ? kClassicHeaderSize : kGcmHeaderSize;
    if (available < headerSize)
        return c;
    const QByteArrayView view(data, available);
    c.length = readU32(view, classic ? kClassicLengthOffset : kGcmLengthOffset);
    const int minLength = classic ? kClassicMinLength : kGcmMinLength;
    if (c.length < minLength || c.length > m_options.maxLength) {
        c.verdict = Verdict::BadLength;
        return c;
    }
    c.size = classic ? classicFrameSize(quint32(c.length)) : gcmFrameSize(quint32(c.length));
    if (available < c.size)
        return c;
    const quint32 suffix = readU32(view, c.size - kSuffixSize);
    c.verdict = suffix == (classic ? kSuffix55AA : kSuffix6699) ? Verdict::Frame : Verdict::BadSuffix;
    return c;
}

void LanStreamSplitter::feed(QByteArrayView chunk, qint64 timeUs, Sink& sink)
{
    if (chunk.isEmpty())
        return;
    const qint64 chunkOffset = m_base + m_pending.size();
    m_chunkTimes.push_back({chunkOffset, timeUs});
    if (m_pending.isEmpty()) {
        // Fast path: frame straight out of the caller's buffer, keep only the tail.
        const qsizetype used = process(chunk.data(), chunk.size(), chunkOffset, false, sink);
        m_pending = QByteArray(chunk.data() + used, chunk.size() - used);
        m_base = chunkOffset + used;
    } else {
        m_pending.append(chunk.data(), chunk.size());
        const qsizetype used = process(m_pending.constData(), m_pending.size(), m_base, false, sink);
        m_pending.remove(0, used);
        m_base += used;
    }
    while (m_chunkTimes.size() > 1 && m_chunkTimes.at(1).offset <= m_base)
        m_chunkTimes.removeFirst();
}

void LanStreamSplitter::finish(Sink& sink)
{
    if (!m_pending.isEmpty()) {
        const qsizetype used = process(m_pending.constData(), m_pending.size(), m_base, true, sink);
        m_pending.remove(0, used);
        m_base += used;
    }
    if (!m_pending.isEmpty() && m_pending.size() < kPrefixSize) {
        // A lone start of a prefix proves nothing: garbage, not a truncated frame.
        addGarbage(m_pending.constData(), m_pending.size(), m_base, sink);
        m_base += m_pending.size();
        m_pending.clear();
    }
    flushGarbage(sink);
    if (!m_pending.isEmpty()) {
        const Candidate c = examine(m_pending.constData(), m_pending.size());
        report(EventKind::Truncated, m_pending.constData(), m_pending.size(), m_base, c, sink);
        m_base += m_pending.size();
        m_pending.clear();
    }
    m_chunkTimes.clear();
}

void LanStreamSplitter::report(EventKind kind, const char* data, qsizetype size, qint64 offset, const Candidate& c,
                             Sink& sink)
{
    Event e;
    e.kind = kind;
    e.offset = offset;
    e.bytes = QByteArrayView(data, size);
    e.timeUs = timeAt(offset);
    e.frameKind = c.kind;
    e.declaredLength = c.length;
    sink.onEvent(e);
}

void LanStreamSplitter::addGarbage(const char* data, qsizetype size, qint64 offset, Sink& sink)
{
    while (size > 0) {
        if (m_garbage.isEmpty()) {
            m_garbageOffset = offset;
            m_garbageTime = timeAt(offset);
        }
        const qsizetype take = qMin<qsizetype>(m_options.maxGarbageSpan - m_garbage.size(), size);
        m_garbage.append(data, take);
        data += take;
        size -= take;
        offset += take;
        if (m_garbage.size() >= m_options.maxGarbageSpan)
            flushGarbage(sink);
    }
}

void LanStreamSplitter::flushGarbage(Sink& sink)
{
    if (m_garbage.isEmpty())
        return;
    Event e;
    e.kind = EventKind::Garbage;
    e.offset = m_garbageOffset;
    e.bytes = QByteArrayView(m_garbage);
    e.timeUs = m_garbageTime;
    sink.onEvent(e);
    m_garbage.clear();
}

bool LanStreamSplitter::completeFrameAhead(const char* data, qsizetype size, qsizetype from) const
{
    for (qsizetype i = from; i + kPrefixSize <= size; ++i) {
        if (data[i] != 0)
            continue;
        if (examine(data + i, size - i).verdict == Verdict::Frame)
            return true;
    }
    return false;
}

qsizetype LanStreamSplitter::process(const char* data, qsizetype size, qint64 base, bool atEnd, Sink& sink)
{
    qsizetype pos = 0;
    while (pos < size) {
        if (data[pos] != 0) {
            const void* hit = std::memchr(data + pos, 0, size_t(size - pos));
            const qsizetype next = hit ? static_cast<const char*>(hit) - data : size;
            addGarbage(data + pos, next - pos, base + pos, sink);
            pos = next;
            continue;
        }
        const Candidate c = examine(data + pos, size - pos);
        switch (c.verdict) {
        case Verdict::NotAPrefix:
            addGarbage(data + pos, 1, base + pos, sink);
            ++pos;
            continue;
        case Verdict::BadLength:
        case Verdict::BadSuffix:
            // The prefix is noise (or the frame is corrupt): report it, then resynchronise on the
            // next prefix. No prefix can start inside these four bytes.
            report(c.verdict == Verdict::BadLength ? EventKind::ImplausibleLength : EventKind::BadSuffix, data + pos,
                 qMin<qsizetype>(size - pos, c.kind == LanFrameKind::Classic55AA ? kClassicHeaderSize : kGcmHeaderSize),
                 base + pos, c, sink);
            addGarbage(data + pos, kPrefixSize, base + pos, sink);
            pos += kPrefixSize;
            continue;
        case Verdict::NeedMore:
            // At the end of the stream a complete frame further on proves this start was noise;
            // otherwise it is a truncated frame (reported by finish()).
            if (atEnd && completeFrameAhead(data, size, pos + 1)) {
                addGarbage(data + pos, 1, base + pos, sink);
                ++pos;
                continue;
            }
            return pos;
        case Verdict::Frame:
            flushGarbage(sink);
            report(EventKind::Frame, data + pos, c.size, base + pos, c, sink);
            pos += c.size;
            continue;
        }
    }
    return pos;
}

} // namespace tuyascope::lan
