#pragma once
// Low-level frame assembly: header, length and trailer are always computed, never typed.
// The payload pipeline (encryption, headers) is LanFrameEncoder's job.

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tuyascope::lan {

enum class ClassicTrailer : quint8 { Crc32, HmacSha256 };

// 55AA frame. The retcode (device frames) is written in clear after the length and is covered
// by the CRC/HMAC. hmacKey is used only for ClassicTrailer::HmacSha256.
QByteArray assembleClassicFrame(quint32 seq, quint32 cmd, std::optional<quint32> retcode, QByteArrayView payload,
                                ClassicTrailer trailer, QByteArrayView hmacKey = {});

// 6699 frame: AES-128-GCM over the plaintext with the 14 header bytes after the prefix as AAD.
// Empty on a bad key or IV.
QByteArray assembleGcmFrame(quint16 reserved, quint32 seq, quint32 cmd, QByteArrayView iv, QByteArrayView plaintext,
                            QByteArrayView key);

} // namespace tuyascope::lan
