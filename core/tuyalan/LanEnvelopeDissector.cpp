// 3.1 payloads: clear JSON, or the md5/base64 envelope of reference 4.5 (CONTROL and device
// pushes), whose signature is checked when the key is known.

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanEcbStep.h"
#include "tuyalan/LanEnvelope31.h"

namespace tuyascope::lan::detail {

void dissectV31Payload(LanDissectState& s, qsizetype offset, qsizetype length)
{
    const QByteArrayView payload = s.frame.sliced(offset, length);
    if (!looksLikeEnvelope31(payload)) {
        const int source = s.setPlaintext(QStringLiteral("clear payload"), payload.toByteArray());
        checkHeaderRule(s, false, false);
        dissectBody(s, source, 0, length);
        return;
    }
    s.info.encrypted = true;
    const int env = s.field(s.payloadField, QStringLiteral("3.1 envelope"), QStringLiteral("envelope"),
                            QStringLiteral("\"3.1\" + md5 signature + base64(AES-ECB)"), offset, length);
    s.field(env, QStringLiteral("Version"), QStringLiteral("envelope.version"), QStringLiteral("3.1"), offset, 3);
    const QByteArrayView signature = payload.sliced(kEnvelope31TagSize, kEnvelope31SignatureSize);
    const int sigField = s.field(env, QStringLiteral("Signature"), QStringLiteral("envelope.signature"),
                                 QString::fromLatin1(signature), offset + kEnvelope31TagSize, kEnvelope31SignatureSize);
    const QByteArrayView b64 = payload.sliced(kEnvelope31Base64Offset);
    const int b64Field = s.field(env, QStringLiteral("Base64 ciphertext"), QStringLiteral("envelope.base64"),
                                 QStringLiteral("%1 character(s)").arg(b64.size()), offset + kEnvelope31Base64Offset, b64.size());
    checkHeaderRule(s, false, true);
    if (s.keys.isEmpty()) {
        s.diag(Severity::Note, diag::NoKey, QStringLiteral("3.1 envelope not decrypted: no local key given"), env);
        return;
    }
    const QByteArray& key = s.keys.first().key;
    const QByteArray expected = envelope31Signature(b64, key);
    if (expected.compare(signature.toByteArray(), Qt::CaseInsensitive) != 0)
        s.diag(Severity::Warning, diag::BadSignature,
               QStringLiteral("bad 3.1 signature: the local key gives %1").arg(QString::fromLatin1(expected)), sigField);
    const auto decoded = QByteArray::fromBase64Encoding(b64.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        s.diag(Severity::Error, diag::BadEnvelope, QStringLiteral("the envelope's ciphertext is not valid base64"), b64Field);
        return;
    }
    const crypto::EcbDecryption r = crypto::aesEcbDecrypt(key, decoded.decoded);
    if (r.raw.isEmpty()) {
        s.diag(Severity::Error, diag::CiphertextLength,
               QStringLiteral("%1 decoded byte(s) are not whole AES blocks").arg(decoded.decoded.size()), b64Field);
        return;
    }
    const int source = s.setPlaintext(QStringLiteral("decrypted payload"), r.raw);
    s.info.decrypted = true;
    s.info.keyUsed = s.keys.first().role;
    s.info.paddingOk = r.ok();
    if (!r.ok())
        s.diagAt(Severity::Error, diag::BadPadding,
                 QStringLiteral("PKCS#7 padding is invalid after decrypting the envelope: likely a wrong key"), 0,
                 r.raw.size(), source);
    dissectBody(s, source, 0, r.plaintext.size());
    addPaddingField(s, {true, r.plaintext.size(), r.paddingLength, s.info.keyUsed});
}

} // namespace tuyascope::lan::detail
