// 55AA frames: trailer (CRC32 or HMAC), retcode, version inference, then the version's payload
// pipeline (reference 4.4; see LanEnvelopeDissector.cpp and LanEcbPayloadDissector.cpp).

#include "common/Hex.h"
#include "tuyalan/LanClassicIntegrity.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanEnvelope31.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanVersionHeader.h"

namespace tuyascope::lan::detail {

namespace {

QString trailerValue(const ClassicTrailerCheck& t)
{
    const QString found = toHex(t.found);
    switch (t.status) {
    case ChecksumStatus::Good:
        return t.keyRole == KeyRole::None ? QStringLiteral("%1 [good]").arg(found)
                                          : QStringLiteral("%1 [good, %2]").arg(found, keyRoleName(t.keyRole));
    case ChecksumStatus::Bad: return QStringLiteral("%1 [bad, expected %2]").arg(found, toHex(t.expected));
    case ChecksumStatus::Unverified: return QStringLiteral("%1 [unverified: no key]").arg(found);
    case ChecksumStatus::NotPresent: break;
    }
    return found;
}

void reportTrailer(LanDissectState& s, const ClassicTrailerCheck& t, int field)
{
    const bool hmac = t.kind == IntegrityKind::HmacSha256;
    const bool handshake = s.spec && s.spec->handshake;
    if (t.status == ChecksumStatus::Bad && !hmac) {
        QString message = QStringLiteral("CRC32 is %1, the bytes give %2").arg(toHex(t.found), toHex(t.expected));
        if (t.mayBeHmac)
            message += QStringLiteral("; if this is a 3.4 frame the trailer is an HMAC-SHA256: give the key to verify it");
        else if (s.info.version != LanVersion::Unknown && s.info.version != LanVersion::V34 && s.keys.isEmpty())
            message += QStringLiteral("; wrong version (a 3.4 device?) would look like this");
        else if (s.info.version != LanVersion::Unknown && s.info.version != LanVersion::V34)
            message += QStringLiteral("; no 3.4 HMAC with the given keys either");
        s.diag(Severity::Error, diag::BadCrc, message, field);
    } else if (t.status == ChecksumStatus::Bad) {
        QString why;
        if (handshake)
            why = QStringLiteral("wrong local key");
        else if (s.context.sessionKey.isEmpty())
            why = QStringLiteral("3.4 data frame: handshake not captured, session key unknown (or wrong local key)");
        else
            why = QStringLiteral("wrong local key, or a session key from another connection");
        s.diag(Severity::Error, diag::BadHmac,
               QStringLiteral("HMAC-SHA256 does not verify with the %1: %2").arg(keyRoleName(t.keyRole), why), field);
    } else if (t.status == ChecksumStatus::Unverified) {
        s.diag(Severity::Note, diag::NoKey, QStringLiteral("3.4 HMAC-SHA256 not verified: no key given"), field);
    } else if (hmac && !handshake && t.keyRole == KeyRole::Local) {
        s.diag(Severity::Note, diag::KeyFallback,
               QStringLiteral("a data frame MAC'd with the local key, not a session key"), field);
    }
}

int addTrailerField(LanDissectState& s, const ClassicTrailerCheck& t)
{
    const bool hmac = t.kind == IntegrityKind::HmacSha256;
    const QString key = hmac ? QStringLiteral("hmac") : QStringLiteral("crc");
    const int f = s.field(-1, hmac ? QStringLiteral("HMAC-SHA256") : QStringLiteral("CRC32"), key, trailerValue(t), t.offset,
                          t.size);
    s.field(f, QStringLiteral("Status"), key + QStringLiteral(".status"), checksumStatusName(t.status), t.offset, t.size);
    if (t.status == ChecksumStatus::Bad)
        s.field(f, QStringLiteral("Expected"), key + QStringLiteral(".expected"), toHex(t.expected), t.offset, t.size);
    return f;
}

// 3.1 '{' or envelope, "3.2"/"3.3" header, or whole blocks: which pre-3.4 version the payload is.
LanVersion versionFromPayload(QByteArrayView payload, quint32 cmd)
{
    if (looksLikeEnvelope31(payload) || payload.startsWith("{"))
        return LanVersion::V31;
    if (startsWithVersionHeader(payload) && (payload.size() - kVersionHeaderSize) % 16 == 0) {
        const LanVersion v = versionFromName(QString::fromLatin1(payload.first(3)));
        if (v == LanVersion::V32 || v == LanVersion::V33)
            return v;
    }
    if (!payload.isEmpty() && payload.size() % 16 == 0)
        return cmd == cmd::BoardcastLpv34 ? LanVersion::V34 : LanVersion::V33;
    return LanVersion::Unknown;
}

} // namespace

void dissectClassicFrame(LanDissectState& s)
{
    const ClassicTrailerCheck trailer =
        checkClassicTrailer(s.frame, s.info.version, keyCandidates(s.context, s.spec, LanVersion::V34));
    s.info.integrityKind = trailer.kind;
    s.info.integrity = trailer.status;
    s.info.integrityFound = trailer.found;
    s.info.integrityExpected = trailer.expected;
    s.d.checksum = trailer.status;

    if (trailer.kind == IntegrityKind::HmacSha256 && trailer.status == ChecksumStatus::Good && s.info.version != LanVersion::V34) {
        if (s.info.version != LanVersion::Unknown)
            s.diagAt(Severity::Warning, diag::VersionMismatch,
                     QStringLiteral("the trailer is a 3.4 HMAC-SHA256 (verified with the %1), the flow is believed to be %2")
                         .arg(keyRoleName(trailer.keyRole), versionName(s.info.version)),
                     trailer.offset, trailer.size);
        s.info.version = LanVersion::V34;
        s.info.versionInferred = true;
    }

    // Retcode: clear, right after the length field, covered by the trailer.
    qsizetype payloadOffset = kClassicHeaderSize;
    const qsizetype payloadEnd = trailer.offset;
    if (dissectRetcode(s, kFrameSource, payloadOffset, s.frame.sliced(payloadOffset, payloadEnd - payloadOffset)))
        payloadOffset += kRetcodeSize;
    const qsizetype payloadLength = payloadEnd - payloadOffset;

    s.payloadField = s.field(-1, QStringLiteral("Payload"), QStringLiteral("payload"),
                             payloadLength == 0 ? QStringLiteral("(empty)") : QStringLiteral("%1 byte(s)").arg(payloadLength),
                             payloadOffset, payloadLength);
    const int trailerField = addTrailerField(s, trailer);
    reportTrailer(s, trailer, trailerField);
    addSuffixField(s);

    const QByteArrayView payload = s.frame.sliced(payloadOffset, payloadLength);
    if (s.info.version == LanVersion::Unknown && trailer.status == ChecksumStatus::Good) {
        s.info.version = versionFromPayload(payload, s.info.cmd);
        s.info.versionInferred = s.info.version != LanVersion::Unknown;
    }
    s.keys = keyCandidates(s.context, s.spec, s.info.version);
    if (!trailer.key.isEmpty()) {
        // The key that verified the HMAC decrypts first.
        s.keys.removeIf([&](const KeyCandidate& k) { return k.key == trailer.key; });
        s.keys.prepend({trailer.key, trailer.keyRole});
        s.info.keyUsed = trailer.keyRole;
    }

    switch (s.info.version) {
    case LanVersion::V31: dissectV31Payload(s, payloadOffset, payloadLength); break;
    case LanVersion::V32:
    case LanVersion::V33: dissectV33Payload(s, payloadOffset, payloadLength); break;
    case LanVersion::V34: dissectV34Payload(s, payloadOffset, payloadLength); break;
    case LanVersion::V35:
    case LanVersion::Unknown:
        if (payloadLength > 0)
            s.field(s.payloadField, QStringLiteral("Undecoded payload"), QStringLiteral("payload.raw"), hexText(payload), payloadOffset,
                    payloadLength);
        break;
    }
}

} // namespace tuyascope::lan::detail