#pragma once
// Byte layout of the two LAN frame kinds (reference section 3). All integers are big-endian.
//
//   55AA (3.1-3.4): 000055AA seq cmd len [retcode] payload CRC32|HMAC-SHA256 0000AA55
//                   len counts everything after itself, suffix included; total = 16 + len
//   6699 (3.5):     00006699 rsv(2) seq cmd len IV(12) ciphertext tag(16) 00009966
//                   len = 12 + ciphertext + 16, suffix NOT counted;     total = 18 + len + 4

#include <QByteArray>
#include <QByteArrayView>

namespace tuyascope::lan {

constexpr quint32 kPrefix55AA = 0x000055AAu;
constexpr quint32 kSuffix55AA = 0x0000AA55u;
constexpr quint32 kPrefix6699 = 0x00006699u;
constexpr quint32 kSuffix6699 = 0x00009966u;

constexpr int kPrefixSize = 4;
constexpr int kSuffixSize = 4;
constexpr int kRetcodeSize = 4;
constexpr int kCrcSize = 4;
constexpr int kHmacSize = 32;

// 55AA
constexpr int kClassicSeqOffset = 4;
constexpr int kClassicCmdOffset = 8;
constexpr int kClassicLengthOffset = 12;
constexpr int kClassicHeaderSize = 16;
constexpr int kClassicMinLength = kCrcSize + kSuffixSize;   // empty payload, no retcode

// 6699
constexpr int kGcmReservedOffset = 4;
constexpr int kGcmSeqOffset = 6;
constexpr int kGcmCmdOffset = 10;
constexpr int kGcmLengthOffset = 14;
constexpr int kGcmHeaderSize = 18;
constexpr int kGcmAadOffset = 4;    // AAD = bytes [4, 18): reserved, seq, cmd, length
constexpr int kGcmAadSize = 14;
constexpr int kGcmIvSize = 12;
constexpr int kGcmTagSize = 16;
constexpr int kGcmMinLength = kGcmIvSize + kGcmTagSize;     // empty ciphertext

// tinytuya rejects longer frames; IR-learning frames of ~1038 bytes are still fine.
constexpr int kLengthWarning = 1440;
// Hard default for the stream splitter: beyond this a header is treated as noise.
constexpr int kDefaultMaxLength = 64 * 1024;

// The 15-byte version/source block that may precede a body (reference 4.2).
constexpr int kVersionHeaderSize = 15;

inline quint32 readU32(QByteArrayView bytes, qsizetype offset)
{
    return (quint32(quint8(bytes[offset])) << 24) | (quint32(quint8(bytes[offset + 1])) << 16)
           | (quint32(quint8(bytes[offset + 2])) << 8) | quint32(quint8(bytes[offset + 3]));
}

inline void appendU32(QByteArray& out, quint32 value)
{
    out.append(char(quint8(value >> 24)));
    out.append(char(quint8(value >> 16)));
    out.append(char(quint8(value >> 8)));
    out.append(char(quint8(value)));
}

// Total frame size for a declared length.
inline qint64 classicFrameSize(quint32 length) { return qint64(kClassicHeaderSize) + qint64(length); }
inline qint64 gcmFrameSize(quint32 length) { return qint64(kGcmHeaderSize) + qint64(length) + kSuffixSize; }

} // namespace tuyascope::lan
