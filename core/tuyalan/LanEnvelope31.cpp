#include "tuyalan/LanEnvelope31.h"

#include "tuyalan/LanCrypto.h"

namespace tuyascope::lan {

bool looksLikeEnvelope31(QByteArrayView payload)
{
    if (payload.size() < kEnvelope31Base64Offset || !payload.startsWith("3.1"))
        return false;
    for (int i = kEnvelope31TagSize; i < kEnvelope31Base64Offset; ++i) {
        const char c = payload[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

QByteArray envelope31Signature(QByteArrayView base64, QByteArrayView key)
{
    QByteArray text = QByteArrayLiteral("data=");
    text.append(base64.data(), base64.size());
    text.append("||lpv=3.1||");
    text.append(key.data(), key.size());
    return crypto::md5Hex(text).mid(8, kEnvelope31SignatureSize).toLatin1();
}

QByteArray encodeEnvelope31(QByteArrayView json, QByteArrayView key)
{
    const crypto::EcbEncryption sealed = crypto::aesEcbEncrypt(key, json);
    if (!sealed.ok())
        return QByteArray();
    const QByteArray b64 = sealed.ciphertext.toBase64();
    return QByteArrayLiteral("3.1") + envelope31Signature(b64, key) + b64;
}

} // namespace tuyascope::lan
