// 6699 frames (3.5): IV, ciphertext and tag; AES-128-GCM with the 14 header bytes after the
// prefix as AAD; then retcode (device frames), the 15-byte block and the body, all inside the
// plaintext. A failed tag still shows the plaintext, marked unauthenticated.

#include "common/Hex.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanVersionHeader.h"

namespace tuyascope::lan::detail {

namespace {

QString tagFailureReason(const LanDissectState& s)
{
    if (s.spec && s.spec->handshake)
        return QStringLiteral("wrong local key");
    if (s.spec && s.spec->discovery)
        return QStringLiteral("not the UDP key: unknown discovery format");
    return QStringLiteral("wrong session key: handshake missing or from another connection");
}

} // namespace

void dissectGcmFrame(LanDissectState& s)
{
    const qsizetype total = s.frame.size();
    const qsizetype ivOffset = kGcmHeaderSize;
    const qsizetype ctOffset = ivOffset + kGcmIvSize;
    const qsizetype tagOffset = total - kSuffixSize - kGcmTagSize;
    const qsizetype ctLength = tagOffset - ctOffset;
    const QByteArrayView iv = s.frame.sliced(ivOffset, kGcmIvSize);
    const QByteArrayView ciphertext = s.frame.sliced(ctOffset, ctLength);
    const QByteArrayView tag = s.frame.sliced(tagOffset, kGcmTagSize);
    const QByteArrayView aad = s.frame.sliced(kGcmAadOffset, kGcmAadSize);

    s.field(-1, QStringLiteral("IV"), QStringLiteral("iv"), toHex(iv, true), ivOffset, kGcmIvSize);
    s.payloadField = s.field(-1, QStringLiteral("Ciphertext"), QStringLiteral("ciphertext"),
                             QStringLiteral("%1 byte(s), AES-128-GCM").arg(ctLength), ctOffset, ctLength);
    const int tagField = s.field(-1, QStringLiteral("GCM tag"), QStringLiteral("tag"), toHex(tag, true), tagOffset, kGcmTagSize);
    addSuffixField(s);
    s.info.integrityKind = IntegrityKind::GcmTag;
    s.info.integrityFound = tag.toByteArray();
    s.info.encrypted = true;

    s.keys = keyCandidates(s.context, s.spec, LanVersion::V35);
    if (s.keys.isEmpty()) {
        s.info.integrity = s.d.checksum = ChecksumStatus::Unverified;
        s.field(tagField, QStringLiteral("Status"), QStringLiteral("tag.status"), QStringLiteral("unverified: no key"),
                tagOffset, kGcmTagSize);
        s.diag(Severity::Note, diag::NoKey, QStringLiteral("AES-128-GCM payload not decrypted: no key given"), s.payloadField);
        return;
    }
    crypto::GcmDecryption opened;
    KeyRole role = KeyRole::None;
    for (const KeyCandidate& k : s.keys) {
        crypto::GcmDecryption r = crypto::aesGcmDecrypt(k.key, iv, aad, ciphertext, tag);
        if (r.ok() || role == KeyRole::None) {
            opened = std::move(r);
            role = k.role;
        }
        if (opened.ok())
            break;
    }
    if (opened.status != crypto::Status::Ok && opened.status != crypto::Status::TagMismatch) {
        s.info.integrity = s.d.checksum = ChecksumStatus::Unverified;
        s.diag(Severity::Error, diag::GcmTagFailed,
               QStringLiteral("AES-GCM failed: %1").arg(crypto::statusText(opened.status)), tagField);
        return;
    }
    const bool authentic = opened.ok();
    s.info.integrity = s.d.checksum = authentic ? ChecksumStatus::Good : ChecksumStatus::Bad;
    s.info.keyUsed = role;
    s.info.decrypted = true;
    s.field(tagField, QStringLiteral("Status"), QStringLiteral("tag.status"),
            authentic ? QStringLiteral("good, %1").arg(keyRoleName(role)) : QStringLiteral("bad"), tagOffset, kGcmTagSize);
    if (!authentic) {
        // The tag this key would have produced for these bytes: "bad, expected X" like a CRC.
        s.info.integrityExpected = crypto::aesGcmEncrypt(s.keys.first().key, iv, aad, opened.plaintext).tag;
        s.field(tagField, QStringLiteral("Expected"), QStringLiteral("tag.expected"), toHex(s.info.integrityExpected, true),
                tagOffset, kGcmTagSize);
        s.diag(Severity::Error, diag::GcmTagFailed,
               QStringLiteral("GCM tag does not verify with the %1: %2; the plaintext below is unauthenticated")
                   .arg(keyRoleName(role), tagFailureReason(s)),
               tagField);
    } else if (role == KeyRole::Local && s.spec && !s.spec->handshake && !s.spec->discovery) {
        s.diag(Severity::Note, diag::KeyFallback, QStringLiteral("a data frame sealed with the local key, not a session key"),
               tagField);
    }
    const int source = s.setPlaintext(authentic ? QStringLiteral("decrypted payload")
                                                : QStringLiteral("decrypted payload (unauthenticated)"),
                                      opened.plaintext);
    const QByteArrayView plain(s.info.plaintext);
    qsizetype pos = 0;
    if (dissectRetcode(s, source, 0, plain)) {
        s.info.retcodeInPlaintext = true;
        pos = kRetcodeSize;
    }
    const bool header = startsWithVersionHeader(plain.sliced(pos));
    if (header) {
        dissectVersionHeader(s, source, pos);
        pos += kVersionHeaderSize;
    }
    if (authentic)
        checkHeaderRule(s, header, false);
    dissectBody(s, source, pos, plain.size() - pos);
}

} // namespace tuyascope::lan::detail
