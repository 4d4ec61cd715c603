#include "tuyalan/LanFrameEncoder.h"

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanEnvelope31.h"
#include "tuyalan/LanFrameAssembly.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanVersionHeader.h"

namespace tuyascope::lan {

namespace {

LanEncodeResult failure(const QString& why)
{
    LanEncodeResult r;
    r.error = why;
    return r;
}

HeaderRule effectiveRule(const LanEncodeRequest& r)
{
    switch (r.header) {
    case HeaderPolicy::Always:
        return r.version == LanVersion::V31 ? HeaderRule::Envelope31 : HeaderRule::VersionHeader;
    case HeaderPolicy::Never:
        return HeaderRule::None;
    case HeaderPolicy::ByCommand:
        break;
    }
    return LanCommandCatalogue::instance().headerRule(r.cmd, r.version, r.sender);
}

bool isDiscovery(quint32 cmd)
{
    const LanCommandSpec* spec = LanCommandCatalogue::instance().find(cmd);
    return spec && spec->discovery;
}

LanEncodeResult classicFrame(const LanEncodeRequest& r, const QByteArray& payload, ClassicTrailer trailer)
{
    LanEncodeResult out;
    out.frame = assembleClassicFrame(r.seq, r.cmd, r.retcode, payload, trailer, r.key);
    if (out.frame.isEmpty())
        out.error = QStringLiteral("HMAC computation failed");
    return out;
}

LanEncodeResult encode31(const LanEncodeRequest& r, HeaderRule rule)
{
    if (rule != HeaderRule::Envelope31)
        return classicFrame(r, r.body, ClassicTrailer::Crc32);
    const QByteArray payload = encodeEnvelope31(r.body, r.key);
    if (payload.isEmpty())
        return failure(QStringLiteral("the 3.1 envelope needs a 16-byte local key"));
    return classicFrame(r, payload, ClassicTrailer::Crc32);
}

// 3.2/3.3: the header stays in clear before the ciphertext.
LanEncodeResult encode33(const LanEncodeRequest& r, const QByteArray& header)
{
    if (r.body.isEmpty())
        return classicFrame(r, QByteArray(), ClassicTrailer::Crc32);
    const crypto::EcbEncryption sealed = crypto::aesEcbEncrypt(r.key, r.body);
    if (!sealed.ok())
        return failure(QStringLiteral("AES-ECB: %1").arg(crypto::statusText(sealed.status)));
    return classicFrame(r, header + sealed.ciphertext, ClassicTrailer::Crc32);
}

// 3.4: the header goes inside the ciphertext; HMAC over the frame (CRC for UDP discovery).
LanEncodeResult encode34(const LanEncodeRequest& r, const QByteArray& header)
{
    const bool crc = r.transport == LanTransport::Udp || isDiscovery(r.cmd);
    const ClassicTrailer trailer = crc ? ClassicTrailer::Crc32 : ClassicTrailer::HmacSha256;
    if (r.body.isEmpty())
        return classicFrame(r, QByteArray(), trailer);
    const crypto::EcbEncryption sealed = crypto::aesEcbEncrypt(r.key, header + r.body);
    if (!sealed.ok())
        return failure(QStringLiteral("AES-ECB: %1").arg(crypto::statusText(sealed.status)));
    return classicFrame(r, sealed.ciphertext, trailer);
}

// 3.5: retcode and header are the first plaintext bytes; everything is authenticated.
LanEncodeResult encode35(const LanEncodeRequest& r, const QByteArray& header)
{
    QByteArray iv = r.iv.isEmpty() ? crypto::randomBytes(kGcmIvSize) : r.iv;
    if (iv.size() != kGcmIvSize)
        return failure(QStringLiteral("the GCM IV must be 12 bytes"));
    QByteArray plaintext;
    if (r.retcode)
        appendU32(plaintext, *r.retcode);
    plaintext += header;
    plaintext += r.body;
    LanEncodeResult out;
    out.frame = assembleGcmFrame(r.reserved, r.seq, r.cmd, iv, plaintext, r.key);
    if (out.frame.isEmpty())
        out.error = QStringLiteral("AES-GCM failed");
    return out;
}

} // namespace

LanEncodeResult encodeLanFrame(const LanEncodeRequest& r)
{
    if (r.version == LanVersion::Unknown)
        return failure(QStringLiteral("a protocol version is needed to build a frame"));
    if (!r.headerBlock.isEmpty() && r.headerBlock.size() != kVersionHeaderSize)
        return failure(QStringLiteral("the header block must be 15 bytes"));

    // An empty body stays empty (acks, heartbeat replies, seed 000's heartbeat): no header, no
    // envelope, no ECB padding block. GCM still authenticates the (empty or retcode-only) plaintext.
    const HeaderRule rule = r.body.isEmpty() ? HeaderRule::None : effectiveRule(r);
    if (r.version == LanVersion::V31)
        return encode31(r, rule);

    if (r.key.size() != crypto::kAesKeySize)
        return failure(QStringLiteral("version %1 needs a 16-byte key").arg(versionName(r.version)));
    QByteArray header;
    if (rule != HeaderRule::None)
        header = r.headerBlock.isEmpty() ? makeVersionHeader(r.version) : r.headerBlock;

    switch (r.version) {
    case LanVersion::V32:
    case LanVersion::V33: return encode33(r, header);
    case LanVersion::V34: return encode34(r, header);
    case LanVersion::V35: return encode35(r, header);
    case LanVersion::V31:
    case LanVersion::Unknown: break;
    }
    return failure(QStringLiteral("unsupported version"));
}

} // namespace tuyascope::lan
