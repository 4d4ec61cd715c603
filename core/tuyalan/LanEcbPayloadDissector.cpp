// 3.2/3.3 and 3.4 payloads: AES-ECB, with the 15-byte block in clear before the ciphertext
// (3.2/3.3) or inside it (3.4).

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanEcbStep.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanVersionHeader.h"

#include <QJsonDocument>

namespace tuyascope::lan::detail {

// 3.2/3.3: a clear 15-byte block may precede the ciphertext.
void dissectV33Payload(LanDissectState& s, qsizetype offset, qsizetype length)
{
    const QByteArrayView payload = s.frame.sliced(offset, length);
    const bool header = startsWithVersionHeader(payload) && (length - kVersionHeaderSize) % crypto::kAesBlockSize == 0;
    if (header) {
        dissectVersionHeader(s, kFrameSource, offset);
        offset += kVersionHeaderSize;
        length -= kVersionHeaderSize;
    }
    checkHeaderRule(s, header, false);
    if (length == 0)
        return;
    const QByteArrayView rest = s.frame.sliced(offset, length);
    if (rest.startsWith("{") && length % crypto::kAesBlockSize != 0 && QJsonDocument::fromJson(rest.toByteArray()).isObject()) {
        // Clear JSON where ciphertext belongs: a 3.1 peer, or a device that skips encryption.
        s.diag(Severity::Warning, diag::VersionMismatch,
               QStringLiteral("clear JSON in a %1 frame (a 3.1 peer?)").arg(versionName(s.info.version)), s.payloadField);
        const int source = s.setPlaintext(QStringLiteral("clear payload"), rest.toByteArray());
        dissectBody(s, source, 0, length);
        return;
    }
    const int ct = s.field(s.payloadField, QStringLiteral("Ciphertext"), QStringLiteral("ciphertext"),
                           QStringLiteral("%1 byte(s), AES-128-ECB").arg(length), offset, length);
    const EcbOutcome r = decryptEcb(s, offset, length, ct);
    if (r.decrypted)
        dissectBody(s, s.plainSource, 0, r.bodyEnd);
    addPaddingField(s, r);
}

// 3.4: the version header, when present, is inside the ciphertext.
void dissectV34Payload(LanDissectState& s, qsizetype offset, qsizetype length)
{
    if (length == 0)
        return;
    const int ct = s.field(s.payloadField, QStringLiteral("Ciphertext"), QStringLiteral("ciphertext"),
                           QStringLiteral("%1 byte(s), AES-128-ECB").arg(length), offset, length);
    const EcbOutcome r = decryptEcb(s, offset, length, ct);
    if (!r.decrypted)
        return;
    qsizetype bodyStart = 0;
    const bool header = startsWithVersionHeader(QByteArrayView(s.info.plaintext).first(r.bodyEnd));
    if (header) {
        dissectVersionHeader(s, s.plainSource, 0);
        bodyStart = kVersionHeaderSize;
    }
    if (s.info.paddingOk)
        checkHeaderRule(s, header, false);
    dissectBody(s, s.plainSource, bodyStart, r.bodyEnd - bodyStart);
    addPaddingField(s, r);
}

} // namespace tuyascope::lan::detail
