#include "tuyalan/LanClassicIntegrity.h"

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanFrameLayout.h"

namespace tuyascope::lan {

namespace {

QByteArray bigEndian(quint32 value)
{
    QByteArray out;
    appendU32(out, value);
    return out;
}

} // namespace

ClassicTrailerCheck checkClassicTrailer(QByteArrayView frame, LanVersion version, const QVector<KeyCandidate>& hmacKeys)
{
    ClassicTrailerCheck r;
    const qsizetype total = frame.size();
    const qsizetype crcOffset = total - kSuffixSize - kCrcSize;
    const quint32 crcFound = readU32(frame, crcOffset);
    const quint32 crcExpected = crypto::crc32(frame.first(crcOffset));
    if (crcFound == crcExpected) {
        r.status = ChecksumStatus::Good;
        r.offset = crcOffset;
        r.found = bigEndian(crcFound);
        return r;
    }

    const qsizetype hmacOffset = total - kSuffixSize - kHmacSize;
    const bool hmacFits = hmacOffset >= kClassicHeaderSize;
    const bool hmacReading = hmacFits && (version == LanVersion::V34 || version == LanVersion::Unknown);
    if (hmacFits) {
        const QByteArrayView covered = frame.first(hmacOffset);
        const QByteArrayView found = frame.sliced(hmacOffset, kHmacSize);
        for (const KeyCandidate& k : hmacKeys) {
            if (crypto::equalConstantTime(crypto::hmacSha256(k.key, covered), found)) {
                r.kind = IntegrityKind::HmacSha256;
                r.status = ChecksumStatus::Good;
                r.offset = hmacOffset;
                r.size = kHmacSize;
                r.found = found.toByteArray();
                r.keyRole = k.role;
                r.key = k.key;
                return r;
            }
        }
        if (version == LanVersion::V34) {
            r.kind = IntegrityKind::HmacSha256;
            r.offset = hmacOffset;
            r.size = kHmacSize;
            r.found = found.toByteArray();
            if (hmacKeys.isEmpty()) {
                r.status = ChecksumStatus::Unverified;
            } else {
                r.status = ChecksumStatus::Bad;
                r.expected = crypto::hmacSha256(hmacKeys.first().key, covered);
                r.keyRole = hmacKeys.first().role;
            }
            return r;
        }
    }
    r.status = ChecksumStatus::Bad;
    r.offset = crcOffset;
    r.found = bigEndian(crcFound);
    r.expected = bigEndian(crcExpected);
    r.mayBeHmac = hmacReading && hmacKeys.isEmpty();
    return r;
}

} // namespace tuyascope::lan
