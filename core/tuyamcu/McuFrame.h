#pragma once
// TuyaMCU frame layout: 55 AA ver cmd lenH lenL data[len] checksum
// checksum = (sum of every preceding byte) mod 256.

#include <QByteArray>
#include <QByteArrayView>

namespace tuyascope::mcu {

constexpr quint8 kHeader0 = 0x55;
constexpr quint8 kHeader1 = 0xAA;
constexpr int kHeaderSize = 6;      // 55 AA ver cmd lenH lenL
constexpr int kMinFrameSize = 7;    // header + checksum, no data
constexpr int kVersionOffset = 2;
constexpr int kCommandOffset = 3;
constexpr int kLengthOffset = 4;
constexpr int kDataOffset = 6;
// Default ceiling for a plausible data length: the largest module buffer (1024) plus headroom.
constexpr int kDefaultMaxDataLength = 1024 + 16;

inline quint8 checksumOf(QByteArrayView bytes)
{
    unsigned sum = 0;
    for (char c : bytes)
        sum += quint8(c);
    return quint8(sum & 0xFF);
}

inline int declaredDataLength(QByteArrayView frame)
{
    if (frame.size() < kHeaderSize)
        return -1;
    return (int(quint8(frame[kLengthOffset])) << 8) | int(quint8(frame[kLengthOffset + 1]));
}

} // namespace tuyascope::mcu
