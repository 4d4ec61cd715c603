// AES-ECB step of the 55AA pipelines: try the candidate keys, verify PKCS#7, keep the bytes.

#include "tuyalan/LanEcbStep.h"

#include "common/Hex.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"

#include <QJsonDocument>

namespace tuyascope::lan::detail {

void addPaddingField(LanDissectState& s, const EcbOutcome& r)
{
    if (!r.decrypted || r.paddingLength == 0)
        return;
    const int n = r.paddingLength;
    s.field(s.plainField, QStringLiteral("PKCS#7 padding"), QStringLiteral("padding"),
            QStringLiteral("%1 × %2 [good, %3]").arg(n).arg(hexByte(quint8(n)), keyRoleName(r.role)),
            s.info.plaintext.size() - n, n, s.plainSource);
}

EcbOutcome decryptEcb(LanDissectState& s, qsizetype offset, qsizetype length, int ciphertextField)
{
    EcbOutcome out;
    s.info.encrypted = true;
    if (s.keys.isEmpty()) {
        s.diag(Severity::Note, diag::NoKey, QStringLiteral("AES-128-ECB payload not decrypted: no key given"), ciphertextField);
        return out;
    }
    if (length == 0 || length % crypto::kAesBlockSize != 0) {
        s.diag(Severity::Error, diag::CiphertextLength,
               QStringLiteral("%1 ciphertext byte(s) are not whole AES blocks").arg(length), ciphertextField);
        return out;
    }
    const QByteArrayView ciphertext = s.frame.sliced(offset, length);
    crypto::EcbDecryption chosen;
    KeyRole role = KeyRole::None;
    for (const KeyCandidate& k : s.keys) {
        crypto::EcbDecryption r = crypto::aesEcbDecrypt(k.key, ciphertext);
        if (r.ok() || role == KeyRole::None) {
            chosen = std::move(r);
            role = k.role;
        }
        if (chosen.ok())
            break;
    }
    if (chosen.raw.isEmpty())
        return out;
    const int source = s.setPlaintext(QStringLiteral("decrypted payload"), chosen.raw);
    s.info.decrypted = true;
    s.info.keyUsed = role;
    s.info.paddingOk = chosen.ok();
    out.decrypted = true;
    out.role = role;
    const qsizetype size = chosen.raw.size();
    if (chosen.ok()) {
        out.paddingLength = chosen.paddingLength;
        out.bodyEnd = size - chosen.paddingLength;
        return out;
    }
    // Lenient reading, as libraries do: strip what the last byte claims, if that is possible.
    const int last = quint8(chosen.raw.back());
    out.bodyEnd = (last >= 1 && last <= crypto::kAesBlockSize) ? size - last : size;
    const bool readable = QJsonDocument::fromJson(chosen.raw.first(out.bodyEnd)).isObject();
    if (readable)
        s.diagAt(Severity::Warning, diag::BadPadding,
                 QStringLiteral("PKCS#7 padding is invalid but the JSON is readable (libraries ignore the padding)"),
                 out.bodyEnd, size - out.bodyEnd, source);
    else
        s.diagAt(Severity::Error, diag::BadPadding,
                 QStringLiteral("PKCS#7 padding is invalid after decrypting with the %1: likely a wrong key "
                                "(what OpenSSL users see as \"bad decrypt\")").arg(keyRoleName(role)),
                 0, size, source);
    return out;
}

} // namespace tuyascope::lan::detail
