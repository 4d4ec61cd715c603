#pragma once
// Bytes of hand-built packets for the network and LAN tests: big/little-endian integers and a
// classic pcap file (Ethernet link type) built in memory.
#include <QByteArray>

namespace tuyascope::test {

inline QByteArray be16(quint16 v)
{
    return QByteArray(1, char(v >> 8)) + QByteArray(1, char(v & 0xFF));
}

inline QByteArray be32(quint32 v)
{
    return be16(quint16(v >> 16)) + be16(quint16(v & 0xFFFF));
}

inline QByteArray le32(quint32 v)
{
    QByteArray b;
    for (int i = 0; i < 4; ++i)
        b.append(char((v >> (8 * i)) & 0xFF));
    return b;
}

// pcap 2.4, microsecond times, snaplen 65535, LINKTYPE_ETHERNET.
struct Pcap {
    QByteArray data = le32(0xA1B2C3D4) + QByteArray::fromHex("02000400") + le32(0) + le32(0) + le32(65535) + le32(1);
    void add(qint64 timeUs, const QByteArray& frame)
    {
        data += le32(quint32(timeUs / 1000000)) + le32(quint32(timeUs % 1000000)) + le32(quint32(frame.size()))
                + le32(quint32(frame.size())) + frame;
    }
};

} // namespace tuyascope::test
