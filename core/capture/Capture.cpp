#include "capture/Capture.h"

#include <algorithm>

namespace tuyascope {

int Capture::addChannel(const ChannelInfo& channel)
{
    m_channels.push_back(channel);
    return int(m_channels.size() - 1);
}

void Capture::append(qint64 timeUs, Direction direction, int channel, QByteArrayView bytes,
                     const QString& annotation, quint8 flags)
{
    Entry e;
    e.timeUs = timeUs;
    e.offset = quint32(m_arena.size());
    e.length = quint32(bytes.size());
    e.channel = quint16(channel);
    e.direction = quint8(direction);
    e.flags = flags;
    e.annotation = -1;
    if (!annotation.isEmpty()) {
        m_annotations.push_back(annotation);
        e.annotation = qint32(m_annotations.size() - 1);
    }
    m_arena.append(bytes.data(), bytes.size());
    m_records.push_back(e);
}

Record Capture::record(int index) const
{
    const Entry& e = m_records.at(index);
    Record r;
    r.timeUs = e.timeUs;
    r.direction = Direction(e.direction);
    r.channel = e.channel;
    r.flags = e.flags;
    r.bytes = QByteArrayView(m_arena.constData() + e.offset, qsizetype(e.length));
    if (e.annotation >= 0)
        r.annotation = m_annotations.at(e.annotation);
    return r;
}

QByteArrayView Capture::recordBytes(int index) const
{
    const Entry& e = m_records.at(index);
    return QByteArrayView(m_arena.constData() + e.offset, qsizetype(e.length));
}

void Capture::setRecordDirection(int index, Direction direction)
{
    m_records[index].direction = quint8(direction);
}

void Capture::setRecordChannel(int index, int channel)
{
    m_records[index].channel = quint16(channel);
}

void Capture::appendCapture(const Capture& other)
{
    const int channelBase = int(m_channels.size());
    m_channels += other.m_channels;
    if (m_records.isEmpty() && m_arena.isEmpty() && m_annotations.isEmpty()) {
        // Nothing to shift: share the other's records, bytes and annotations.
        m_records = other.m_records;
        m_arena = other.m_arena;
        m_annotations = other.m_annotations;
        if (channelBase > 0) {
            for (Entry& e : m_records)
                e.channel = quint16(e.channel + channelBase);
        }
    } else {
        const quint32 offsetBase = quint32(m_arena.size());
        const qint32 annotationBase = qint32(m_annotations.size());
        m_arena.append(other.m_arena);
        m_annotations += other.m_annotations;
        m_records.reserve(m_records.size() + other.m_records.size());
        for (Entry e : other.m_records) {
            e.offset += offsetBase;
            e.channel = quint16(e.channel + channelBase);
            if (e.annotation >= 0)
                e.annotation += annotationBase;
            m_records.push_back(e);
        }
    }
    m_notes += other.m_notes;
}

void Capture::squeeze()
{
    m_records.squeeze();
    m_arena.squeeze();
}

void Capture::sortByTime()
{
    // Unknown times inherit the last known time before them, so they stay next to their
    // neighbours from the same file instead of sinking to the start.
    QVector<qint64> keys(m_records.size());
    qint64 last = std::numeric_limits<qint64>::min();
    for (int i = 0; i < m_records.size(); ++i) {
        if (m_records.at(i).timeUs != kUnknownTime)
            last = m_records.at(i).timeUs;
        keys[i] = last;
    }
    QVector<int> order(m_records.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys.at(a) < keys.at(b); });
    QVector<Entry> sorted;
    sorted.reserve(m_records.size());
    for (int i : order)
        sorted.push_back(m_records.at(i));
    m_records = std::move(sorted);
}

} // namespace tuyascope
