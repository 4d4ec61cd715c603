#pragma once
// The 3.1 CONTROL / push envelope (reference 4.5):
//   b64     = base64(AES-128-ECB(localKey, PKCS7(json)))
//   sig     = md5("data=" + b64 + "||lpv=3.1||" + localKey).hexdigest()[8:24]
//   payload = "3.1" + sig + b64

#include <QByteArray>
#include <QByteArrayView>

namespace tuyascope::lan {

constexpr int kEnvelope31TagSize = 3;
constexpr int kEnvelope31SignatureSize = 16;
constexpr int kEnvelope31Base64Offset = kEnvelope31TagSize + kEnvelope31SignatureSize;

// "3.1" followed by 16 hex digits.
bool looksLikeEnvelope31(QByteArrayView payload);

// The 16 lower-case hex characters for a base64 text and key.
QByteArray envelope31Signature(QByteArrayView base64, QByteArrayView key);

// The complete payload; empty when the key is not 16 bytes.
QByteArray encodeEnvelope31(QByteArrayView json, QByteArrayView key);

} // namespace tuyascope::lan
