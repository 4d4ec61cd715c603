#include "tuyalan/LanSessionKey.h"

#include "tuyalan/LanCrypto.h"

namespace tuyascope::lan {

QByteArray xorNonces(QByteArrayView clientNonce, QByteArrayView deviceNonce)
{
    if (clientNonce.size() != kNonceSize || deviceNonce.size() != kNonceSize)
        return QByteArray();
    QByteArray x(kNonceSize, Qt::Uninitialized);
    for (int i = 0; i < kNonceSize; ++i)
        x[i] = char(quint8(clientNonce[i]) ^ quint8(deviceNonce[i]));
    return x;
}

QByteArray handshakeHmac(QByteArrayView localKey, QByteArrayView nonce)
{
    return crypto::hmacSha256(localKey, nonce);
}

QByteArray deriveSessionKey(LanVersion version, QByteArrayView localKey, QByteArrayView clientNonce,
                            QByteArrayView deviceNonce)
{
    const QByteArray x = xorNonces(clientNonce, deviceNonce);
    if (x.isEmpty())
        return QByteArray();
    if (version == LanVersion::V34) {
        const crypto::EcbEncryption e = crypto::aesEcbEncrypt(localKey, x, crypto::Padding::None);
        return e.ok() ? e.ciphertext : QByteArray();
    }
    if (version == LanVersion::V35) {
        const crypto::GcmEncryption e = crypto::aesGcmEncrypt(localKey, clientNonce.first(crypto::kGcmIvSize), {}, x);
        return e.ok() ? e.ciphertext : QByteArray();
    }
    return QByteArray();
}

bool sessionKeyLooksUnkeyed(QByteArrayView sessionKey)
{
    return !sessionKey.isEmpty() && sessionKey[0] == '\0';
}

} // namespace tuyascope::lan
