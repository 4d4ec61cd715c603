#include "tuyamcu/StreamSplitter.h"

#include <cstring>

namespace tuyascope::mcu {

namespace {

quint8 sumBytes(const char* data, qsizetype size)
{
    unsigned sum = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    for (qsizetype i = 0; i < size; ++i)
        sum += p[i];
    return quint8(sum & 0xFF);
}

int lengthAt(const char* data)
{
    return (int(quint8(data[4])) << 8) | int(quint8(data[5]));
}

} // namespace

void StreamSplitter::reset()
{
    m_pending.clear();
    m_base = 0;
    m_chunkTimes.clear();
    m_garbage.clear();
    m_garbageOffset = 0;
    m_garbageTime = 0;
}

qint64 StreamSplitter::timeAt(qint64 offset) const
{
    qint64 t = m_chunkTimes.isEmpty() ? 0 : m_chunkTimes.first().timeUs;
    for (const ChunkTime& c : m_chunkTimes) {
        if (c.offset > offset)
            break;
        t = c.timeUs;
    }
    return t;
}

void StreamSplitter::feed(QByteArrayView chunk, qint64 timeUs, Sink& sink)
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
    // Forget arrival times of bytes that are gone, but keep the one covering m_base.
    while (m_chunkTimes.size() > 1 && m_chunkTimes.at(1).offset <= m_base)
        m_chunkTimes.removeFirst();
}

void StreamSplitter::finish(Sink& sink)
{
    if (!m_pending.isEmpty()) {
        const qsizetype used = process(m_pending.constData(), m_pending.size(), m_base, true, sink);
        m_pending.remove(0, used);
        m_base += used;
    }
    flushGarbage(sink);
    if (!m_pending.isEmpty()) {
        Event e;
        e.kind = EventKind::Truncated;
        e.offset = m_base;
        e.bytes = QByteArrayView(m_pending);
        e.timeUs = timeAt(m_base);
        e.checksumOk = false;
        e.declaredLength = m_pending.size() >= kHeaderSize ? lengthAt(m_pending.constData()) : -1;
        sink.onEvent(e);
        m_base += m_pending.size();
        m_pending.clear();
    }
    m_chunkTimes.clear();
}

void StreamSplitter::addGarbage(const char* data, qsizetype size, qint64 offset, Sink& sink)
{
    while (size > 0) {
        if (m_garbage.isEmpty()) {
            m_garbageOffset = offset;
            m_garbageTime = timeAt(offset);
        }
        const qsizetype room = m_options.maxGarbageSpan - m_garbage.size();
        const qsizetype take = qMin(room, size);
        m_garbage.append(data, take);
        data += take;
        size -= take;
        offset += take;
        if (m_garbage.size() >= m_options.maxGarbageSpan)
            flushGarbage(sink);
    }
}

void StreamSplitter::flushGarbage(Sink& sink)
{
    if (m_garbage.isEmpty())
        return;
    Event e;
    e.kind = EventKind::Garbage;
    e.offset = m_garbageOffset;
    e.bytes = QByteArrayView(m_garbage);
    e.timeUs = m_garbageTime;
    e.checksumOk = false;
    sink.onEvent(e);
    m_garbage.clear();
}

bool StreamSplitter::validFrameAhead(const char* data, qsizetype size, qsizetype from) const
{
    for (qsizetype i = from; i + kMinFrameSize <= size; ++i) {
        if (quint8(data[i]) != kHeader0 || quint8(data[i + 1]) != kHeader1)
            continue;
        const int len = lengthAt(data + i);
        if (len > m_options.maxDataLength || i + kMinFrameSize + len > size)
            continue;
        if (sumBytes(data + i, kHeaderSize + len) == quint8(data[i + kHeaderSize + len]))
            return true;
    }
    return false;
}

qsizetype StreamSplitter::process(const char* data, qsizetype size, qint64 base, bool atEnd, Sink& sink)
{
    qsizetype pos = 0;
    while (pos < size) {
        if (quint8(data[pos]) != kHeader0) {
            const void* hit = std::memchr(data + pos, kHeader0, size_t(size - pos));
            const qsizetype next = hit ? static_cast<const char*>(hit) - data : size;
            addGarbage(data + pos, next - pos, base + pos, sink);
            pos = next;
            continue;
        }
        if (pos + 1 >= size)
            break; // dangling 0x55: keep it for the next read
        if (quint8(data[pos + 1]) != kHeader1) {
            addGarbage(data + pos, 1, base + pos, sink);
            ++pos;
            continue;
        }
        if (pos + kHeaderSize > size) {
            if (atEnd && validFrameAhead(data, size, pos + 1)) {
                addGarbage(data + pos, 1, base + pos, sink);
                ++pos;
                continue;
            }
            break;
        }
        const int len = lengthAt(data + pos);
        if (len > m_options.maxDataLength) {
            Event e;
            e.kind = EventKind::ImplausibleLength;
            e.offset = base + pos;
            e.bytes = QByteArrayView(data + pos, kHeaderSize);
            e.timeUs = timeAt(base + pos);
            e.checksumOk = false;
            e.declaredLength = len;
            sink.onEvent(e);
            addGarbage(data + pos, 1, base + pos, sink);
            ++pos;
            continue;
        }
        const qsizetype frameSize = kMinFrameSize + len;
        if (pos + frameSize > size) {
            // Incomplete. At the end of the stream a complete good frame further on proves this
            // header was noise; otherwise it is a truncated frame (reported by finish()).
            if (atEnd && validFrameAhead(data, size, pos + 1)) {
                addGarbage(data + pos, 1, base + pos, sink);
                ++pos;
                continue;
            }
            break;
        }
        const quint8 expected = sumBytes(data + pos, kHeaderSize + len);
        const bool ok = expected == quint8(data[pos + kHeaderSize + len]);
        if (ok)
            flushGarbage(sink);
        Event e;
        e.kind = EventKind::Frame;
        e.offset = base + pos;
        e.bytes = QByteArrayView(data + pos, frameSize);
        e.timeUs = timeAt(base + pos);
        e.checksumOk = ok;
        e.expectedChecksum = expected;
        e.declaredLength = len;
        sink.onEvent(e);
        if (ok) {
            pos += frameSize;
        } else {
            addGarbage(data + pos, 1, base + pos, sink);
            ++pos;
        }
    }
    return pos;
}

} // namespace tuyascope::mcu
