#include "net/IpDefragmenter.h"

#include "capture/Capture.h"

#include <algorithm>

namespace tuyascope::net {

namespace {

constexpr int kMaxDatagram = 65535; // no jumbograms: a larger offset is damage

QByteArray addressKey(const QHostAddress& address)
{
    const Q_IPV6ADDR v6 = address.toIPv6Address(); // IPv4 comes back as ::ffff:a.b.c.d
    return QByteArray(reinterpret_cast<const char*>(v6.c), 16);
}

QByteArray datagramKey(const DecodedPacket& p)
{
    QByteArray key;
    key.reserve(40);
    key.append(char(p.ipVersion)).append(char(p.ipProtocol));
    key.append(addressKey(p.source)).append(addressKey(p.destination));
    for (int shift = 24; shift >= 0; shift -= 8)
        key.append(char((p.fragment.id >> shift) & 0xFF));
    return key;
}

} // namespace

void IpDefragmenter::drop(QHash<QByteArray, Pending>::iterator it)
{
    m_buffered -= it->bytes;
    m_pending.erase(it);
    ++m_dropped;
}

void IpDefragmenter::dropExpired(qint64 nowUs)
{
    if (nowUs == kUnknownTime)
        return;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->firstTimeUs != kUnknownTime && nowUs - it->firstTimeUs > m_options.timeoutUs) {
            m_buffered -= it->bytes;
            it = m_pending.erase(it);
            ++m_dropped;
        } else {
            ++it;
        }
    }
}

void IpDefragmenter::dropOldest()
{
    auto oldest = m_pending.end();
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (oldest == m_pending.end() || it->order < oldest->order)
            oldest = it;
    }
    if (oldest != m_pending.end())
        drop(oldest);
}

bool IpDefragmenter::add(const DecodedPacket& packet, QByteArrayView data, qint64 timeUs, Datagram& out)
{
    dropExpired(timeUs);
    const int offset = packet.fragment.offset;
    const qint64 end = qint64(offset) + data.size();
    const QByteArray key = datagramKey(packet);
    auto it = m_pending.find(key);
    if (end > kMaxDatagram) {
        if (it != m_pending.end())
            drop(it);
        else
            ++m_dropped;
        return false;
    }
    if (it == m_pending.end()) {
        Pending fresh;
        fresh.firstTimeUs = timeUs;
        fresh.order = m_order++;
        it = m_pending.insert(key, fresh);
    }
    Pending& d = *it;
    ++d.fragments;
    if (!packet.fragment.moreFragments)
        d.totalLength = int(end);
    if (!data.isEmpty() && d.pieces.emplace(offset, data.toByteArray()).second) {
        d.bytes += data.size();
        m_buffered += data.size();
    }

    if (d.totalLength >= 0) {
        // Complete when the pieces cover [0, total) without a hole.
        qint64 covered = 0;
        for (const auto& [start, bytes] : d.pieces) {
            if (start > covered)
                break;
            covered = std::max<qint64>(covered, start + bytes.size());
        }
        if (covered >= d.totalLength) {
            out.ipPart = packet;
            out.payload = QByteArray(d.totalLength, '\0');
            qint64 filled = 0;
            for (const auto& [start, bytes] : d.pieces) {
                // Overlapping fragments: bytes already placed (lower offsets) win.
                const qint64 from = std::max<qint64>(filled, start);
                const qint64 to = std::min<qint64>(start + bytes.size(), d.totalLength);
                if (to > from)
                    std::copy(bytes.constBegin() + (from - start), bytes.constBegin() + (to - start),
                              out.payload.begin() + from);
                filled = std::max(filled, to);
            }
            out.timeUs = timeUs;
            out.fragments = d.fragments;
            m_buffered -= d.bytes;
            m_pending.erase(it);
            return true;
        }
    }
    while (m_buffered > m_options.maxBufferedBytes && !m_pending.isEmpty())
        dropOldest();
    return false;
}

} // namespace tuyascope::net
