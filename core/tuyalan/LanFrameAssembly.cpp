#include "tuyalan/LanFrameAssembly.h"

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanFrameLayout.h"

namespace tuyascope::lan {

QByteArray assembleClassicFrame(quint32 seq, quint32 cmd, std::optional<quint32> retcode, QByteArrayView payload,
                                ClassicTrailer trailer, QByteArrayView hmacKey)
{
    const int trailerSize = trailer == ClassicTrailer::Crc32 ? kCrcSize : kHmacSize;
    const qsizetype length = (retcode ? kRetcodeSize : 0) + payload.size() + trailerSize + kSuffixSize;
    QByteArray frame;
    frame.reserve(kClassicHeaderSize + length);
    appendU32(frame, kPrefix55AA);
    appendU32(frame, seq);
    appendU32(frame, cmd);
    appendU32(frame, quint32(length));
    if (retcode)
        appendU32(frame, *retcode);
    frame.append(payload.data(), payload.size());
    if (trailer == ClassicTrailer::Crc32) {
        appendU32(frame, crypto::crc32(frame));
    } else {
        const QByteArray mac = crypto::hmacSha256(hmacKey, frame);
        if (mac.size() != kHmacSize)
            return QByteArray();
        frame.append(mac);
    }
    appendU32(frame, kSuffix55AA);
    return frame;
}

QByteArray assembleGcmFrame(quint16 reserved, quint32 seq, quint32 cmd, QByteArrayView iv, QByteArrayView plaintext,
                            QByteArrayView key)
{
    const qsizetype length = kGcmIvSize + plaintext.size() + kGcmTagSize;
    QByteArray frame;
    frame.reserve(kGcmHeaderSize + length + kSuffixSize);
    appendU32(frame, kPrefix6699);
    frame.append(char(quint8(reserved >> 8)));
    frame.append(char(quint8(reserved)));
    appendU32(frame, seq);
    appendU32(frame, cmd);
    appendU32(frame, quint32(length));
    const crypto::GcmEncryption sealed =
        crypto::aesGcmEncrypt(key, iv, QByteArrayView(frame).sliced(kGcmAadOffset, kGcmAadSize), plaintext);
    if (!sealed.ok())
        return QByteArray();
    frame.append(iv.data(), iv.size());
    frame.append(sealed.ciphertext);
    frame.append(sealed.tag);
    appendU32(frame, kSuffix6699);
    return frame;
}

} // namespace tuyascope::lan
