#pragma once
// Rebuilds IPv4 and IPv6 datagrams from their fragments (Tuya devices rarely fragment, but a
// large 3.5 payload over a small-MTU link can). Memory is bounded: incomplete datagrams are
// dropped after a timeout or when the buffered bytes pass a cap, and counted.

#include "net/DecodedPacket.h"

#include <QByteArray>
#include <QHash>

#include <map>

namespace tuyascope::net {

class IpDefragmenter {
public:
    struct Options {
        qint64 maxBufferedBytes = 4 * 1024 * 1024;
        qint64 timeoutUs = 60 * 1000 * 1000; // a fragment older than this no longer waits
    };

    struct Datagram {
        DecodedPacket ipPart;   // IP fields of the fragment that completed it
        QByteArray payload;     // the reassembled bytes after the IP header
        qint64 timeUs = 0;      // time of the fragment that completed it
        int fragments = 0;
    };

    IpDefragmenter() = default;
    explicit IpDefragmenter(const Options& options) : m_options(options) {}

    // Adds one fragment (`packet.fragment.isFragment`); `data` is its IP payload. Returns true and
    // fills `out` when this fragment completes the datagram.
    bool add(const DecodedPacket& packet, QByteArrayView data, qint64 timeUs, Datagram& out);

    int droppedDatagrams() const { return m_dropped; } // given up: timeout, memory cap, bad offsets
    int pendingDatagrams() const { return int(m_pending.size()); }
    qint64 bufferedBytes() const { return m_buffered; }

private:
    struct Pending {
        std::map<int, QByteArray> pieces; // by offset; a repeated offset keeps the first copy
        int totalLength = -1;             // known once the last fragment arrived
        qint64 firstTimeUs = 0;
        quint64 order = 0;
        int fragments = 0;
        qint64 bytes = 0;
    };
    void dropExpired(qint64 nowUs);
    void dropOldest();
    void drop(QHash<QByteArray, Pending>::iterator it);

    Options m_options;
    QHash<QByteArray, Pending> m_pending;
    qint64 m_buffered = 0;
    quint64 m_order = 0;
    int m_dropped = 0;
};

} // namespace tuyascope::net
