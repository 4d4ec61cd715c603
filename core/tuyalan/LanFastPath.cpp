// The fast "validate + decrypt + dps" reading of a frame (see LanFastPath.h). Each step mirrors
// the dissector's (LanDissector.cpp, LanClassicDissector.cpp, LanClassicIntegrity.cpp,
// LanEcbStep.cpp, LanEcbPayloadDissector.cpp, LanGcmDissector.cpp) without building fields.

#include "tuyalan/LanFastPath.h"

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanEnvelope31.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanKeyCandidates.h"
#include "tuyalan/LanRetcode.h"
#include "tuyalan/LanVersionHeader.h"

namespace tuyascope::lan {

struct LanFastDecoder::KeySlot {
    KeySlot(QByteArrayView key, KeyRole r) : role(r), ecb(key), gcm(key), hmac(key) {}
    KeyRole role;
    crypto::AesEcbCipher ecb;
    crypto::AesGcmCipher gcm;
    crypto::HmacSha256 hmac;
};

LanFastDecoder::LanFastDecoder(const LanContext& context) : m_version(context.version), m_sender(context.sender)
{
    // keyCandidates() keeps 16-byte keys only and drops a key equal to one already listed.
    const auto usable = [](const QByteArray& key) { return key.size() == crypto::kAesKeySize; };
    if (usable(context.localKey))
        m_local = std::make_unique<KeySlot>(context.localKey, KeyRole::Local);
    if (usable(context.sessionKey))
        m_session = std::make_unique<KeySlot>(context.sessionKey, KeyRole::Session);
    m_sessionIsLocal = m_local && m_session && context.localKey == context.sessionKey;
    const QByteArray& udp = lanUdpKey();
    m_udpIsKnown = (m_local && udp == context.localKey) || (m_session && udp == context.sessionKey);
    if (!m_udpIsKnown)
        m_udp = std::make_unique<KeySlot>(udp, KeyRole::Udp);
}

LanFastDecoder::~LanFastDecoder() = default;

// keyCandidates(), without building a vector.
LanFastDecoder::KeyOrder LanFastDecoder::keysFor(const LanCommandSpec* spec, LanVersion version) const
{
    KeyOrder order;
    const auto add = [&order](KeySlot* slot) {
        if (slot)
            order.entries[size_t(order.count++)] = slot;
    };
    const bool handshake = spec && spec->handshake;
    if (usesSessionKey(version) && !handshake) {
        add(m_session.get());
        if (!m_sessionIsLocal)
            add(m_local.get());
    } else {
        add(m_local.get());
        if (!m_sessionIsLocal)
            add(m_session.get());
    }
    if (spec && spec->discovery)
        add(m_udp.get());
    return order;
}

const LanCommandSpec* LanFastDecoder::specFor(quint32 cmd)
{
    if (cmd != m_lastCmd || !m_lastSpec) {
        m_lastCmd = cmd;
        m_lastSpec = LanCommandCatalogue::instance().find(cmd);
    }
    return m_lastSpec;
}

char* LanFastDecoder::buffer(std::vector<char>& b, qsizetype size)
{
    if (b.size() < size_t(size))
        b.resize(size_t(size));
    return b.data();
}

const LanFastResult& LanFastDecoder::decode(QByteArrayView frame)
{
    LanFastResult& r = m_result;
    r.frame = FastFrame::NotAFrame;
    r.version = m_version;
    r.seq = r.cmd = 0;
    r.hasRetcode = false;
    r.retcode = 0;
    r.integrityKind = IntegrityKind::None;
    r.integrity = ChecksumStatus::NotPresent;
    r.keyUsed = KeyRole::None;
    r.decrypt = FastDecrypt::NotEncrypted;
    r.plaintext = r.body = QByteArrayView();
    r.bodyIsJson = false;
    r.dps.clear();

    const quint32 prefix = frame.size() >= kPrefixSize ? readU32(frame, 0) : 0;
    if (prefix != kPrefix55AA && prefix != kPrefix6699)
        return r;
    const bool classic = prefix == kPrefix55AA;
    const int headerSize = classic ? kClassicHeaderSize : kGcmHeaderSize;
    if (frame.size() < headerSize) {
        r.frame = FastFrame::Truncated;
        return r;
    }
    r.seq = readU32(frame, classic ? kClassicSeqOffset : kGcmSeqOffset);
    r.cmd = readU32(frame, classic ? kClassicCmdOffset : kGcmCmdOffset);
    const quint32 length = readU32(frame, classic ? kClassicLengthOffset : kGcmLengthOffset);
    if (length < quint32(classic ? kClassicMinLength : kGcmMinLength)) {
        r.frame = FastFrame::Corrupt;
        return r;
    }
    const qint64 total = classic ? classicFrameSize(length) : gcmFrameSize(length);
    if (frame.size() < total) {
        r.frame = FastFrame::Truncated;
        return r;
    }
    r.frame = FastFrame::Decoded;
    const LanCommandSpec* spec = specFor(r.cmd);
    if (classic)
        decodeClassic(frame.first(total), spec);
    else
        decodeGcm(frame.first(total), spec);
    return r;
}

void LanFastDecoder::decodeClassic(QByteArrayView frame, const LanCommandSpec* spec)
{
    LanFastResult& r = m_result;
    // A 55AA frame in a flow believed to be 3.5 is read with an unknown version by the dissector.
    LanVersion version = m_version == LanVersion::V35 ? LanVersion::Unknown : m_version;
    const qsizetype total = frame.size();

    // Trailer (checkClassicTrailer): CRC32, or a 3.4 HMAC with the first key that verifies.
    const qsizetype crcOffset = total - kSuffixSize - kCrcSize;
    const qsizetype hmacOffset = total - kSuffixSize - kHmacSize;
    const bool hmacFits = hmacOffset >= kClassicHeaderSize;
    const KeyOrder hmacKeys = keysFor(spec, LanVersion::V34);
    KeySlot* hmacKey = nullptr;
    const auto tryHmac = [&] {
        const QByteArrayView covered = frame.first(hmacOffset);
        const QByteArrayView found = frame.sliced(hmacOffset, kHmacSize);
        for (int i = 0; i < hmacKeys.count && !hmacKey; ++i) {
            if (hmacKeys.entries[size_t(i)]->hmac.verify(covered, found))
                hmacKey = hmacKeys.entries[size_t(i)];
        }
    };
    const auto crcGood = [&] { return crypto::crc32(frame.first(crcOffset)) == readU32(frame, crcOffset); };
    qsizetype trailerOffset = crcOffset;
    if (version == LanVersion::V34 && hmacFits) {
        // HMAC first: it decides a 3.4 frame, and nothing is decrypted before it verifies.
        tryHmac();
        if (hmacKey) {
            r.integrityKind = IntegrityKind::HmacSha256;
            r.integrity = ChecksumStatus::Good;
        } else if (crcGood()) {
            r.integrityKind = IntegrityKind::Crc32;
            r.integrity = ChecksumStatus::Good;
        } else {
            r.integrityKind = IntegrityKind::HmacSha256;
            r.integrity = hmacKeys.count == 0 ? ChecksumStatus::Unverified : ChecksumStatus::Bad;
        }
    } else {
        r.integrityKind = IntegrityKind::Crc32;
        if (crcGood()) {
            r.integrity = ChecksumStatus::Good;
        } else {
            if (hmacFits)
                tryHmac();
            if (hmacKey) {
                r.integrityKind = IntegrityKind::HmacSha256;
                r.integrity = ChecksumStatus::Good;
                version = LanVersion::V34;
            } else {
                r.integrity = ChecksumStatus::Bad;
            }
        }
    }
    if (r.integrityKind == IntegrityKind::HmacSha256)
        trailerOffset = hmacOffset;
    r.version = version;
    if (hmacKey)
        r.keyUsed = hmacKey->role;

    qsizetype payloadOffset = kClassicHeaderSize;
    const RetcodePresence rc = retcodePresence(m_sender, frame.sliced(payloadOffset, trailerOffset - payloadOffset));
    if (rc.present) {
        r.hasRetcode = true;
        r.retcode = readU32(frame, payloadOffset);
        payloadOffset += kRetcodeSize;
    }
    if (r.integrity != ChecksumStatus::Good) {
        // Unverified (3.4 without keys) cannot be decrypted either; Bad is not worth decrypting.
        const bool encrypted = version != LanVersion::V31 && trailerOffset > payloadOffset;
        r.decrypt = !encrypted ? FastDecrypt::NotEncrypted
                               : r.integrity == ChecksumStatus::Unverified ? FastDecrypt::NoKey : FastDecrypt::Skipped;
        return;
    }
    if (version == LanVersion::Unknown) {
        r.frame = FastFrame::Unsupported;
        return;
    }

    // Decryption keys: the version's candidates, the key that verified the HMAC first.
    KeyOrder keys = keysFor(spec, version);
    if (hmacKey) {
        KeyOrder ordered;
        ordered.entries[size_t(ordered.count++)] = hmacKey;
        for (int i = 0; i < keys.count; ++i) {
            if (keys.entries[size_t(i)] != hmacKey)
                ordered.entries[size_t(ordered.count++)] = keys.entries[size_t(i)];
        }
        keys = ordered;
    }

    QByteArrayView payload = frame.sliced(payloadOffset, trailerOffset - payloadOffset);
    switch (version) {
    case LanVersion::V31:
        if (looksLikeEnvelope31(payload)) {
            r.frame = FastFrame::Unsupported;
            return;
        }
        r.plaintext = payload;
        readBody(payload, spec);
        return;
    case LanVersion::V32:
    case LanVersion::V33: {
        if (startsWithVersionHeader(payload) && (payload.size() - kVersionHeaderSize) % crypto::kAesBlockSize == 0)
            payload = payload.sliced(kVersionHeaderSize);
        if (payload.isEmpty())
            return;
        if (payload.startsWith("{") && payload.size() % crypto::kAesBlockSize != 0 && scanJsonDps(payload, r.dps)) {
            // Clear JSON where ciphertext belongs (a 3.1 peer).
            r.plaintext = payload;
            readBody(payload, spec);
            return;
        }
        const qsizetype bodyEnd = decryptEcb(payload, keys);
        if (r.decrypt == FastDecrypt::Ok || r.decrypt == FastDecrypt::BadPadding)
            readBody(r.plaintext.first(bodyEnd), spec);
        return;
    }
    case LanVersion::V34: {
        if (payload.isEmpty())
            return;
        const qsizetype bodyEnd = decryptEcb(payload, keys);
        if (r.decrypt != FastDecrypt::Ok && r.decrypt != FastDecrypt::BadPadding)
            return;
        const QByteArrayView plain = r.plaintext.first(bodyEnd);
        readBody(startsWithVersionHeader(plain) ? plain.sliced(kVersionHeaderSize) : plain, spec);
        return;
    }
    case LanVersion::V35:
    case LanVersion::Unknown:
        break;
    }
}

qsizetype LanFastDecoder::decryptEcb(QByteArrayView ciphertext, const KeyOrder& keys)
{
    LanFastResult& r = m_result;
    if (keys.count == 0) {
        r.decrypt = FastDecrypt::NoKey;
        return 0;
    }
    if (ciphertext.size() % crypto::kAesBlockSize != 0) {
        r.decrypt = FastDecrypt::BadLength;
        return 0;
    }
    // The first key whose padding verifies wins; otherwise the first key's output is kept.
    char* first = buffer(m_plain, ciphertext.size());
    int padding = 0;
    crypto::Status status = keys.entries[0]->ecb.decrypt(ciphertext, first, padding);
    const char* chosen = first;
    KeyRole role = keys.entries[0]->role;
    for (int i = 1; i < keys.count && status != crypto::Status::Ok; ++i) {
        char* other = buffer(m_scratch, ciphertext.size());
        int otherPadding = 0;
        if (keys.entries[size_t(i)]->ecb.decrypt(ciphertext, other, otherPadding) == crypto::Status::Ok) {
            status = crypto::Status::Ok;
            padding = otherPadding;
            chosen = other;
            role = keys.entries[size_t(i)]->role;
        }
    }
    const qsizetype size = ciphertext.size();
    if (status != crypto::Status::Ok && status != crypto::Status::BadPadding) {
        r.decrypt = status == crypto::Status::BadLength ? FastDecrypt::BadLength : FastDecrypt::Failed;
        return 0;
    }
    r.plaintext = QByteArrayView(chosen, size);
    r.keyUsed = role;
    if (status == crypto::Status::Ok) {
        r.decrypt = FastDecrypt::Ok;
        return size - padding;
    }
    // Lenient reading, as libraries do: strip what the last byte claims, if that is possible.
    r.decrypt = FastDecrypt::BadPadding;
    const int last = quint8(chosen[size - 1]);
    return (last >= 1 && last <= crypto::kAesBlockSize) ? size - last : size;
}

void LanFastDecoder::decodeGcm(QByteArrayView frame, const LanCommandSpec* spec)
{
    LanFastResult& r = m_result;
    r.version = LanVersion::V35;
    r.integrityKind = IntegrityKind::GcmTag;
    const qsizetype total = frame.size();
    const qsizetype ctOffset = kGcmHeaderSize + kGcmIvSize;
    const qsizetype tagOffset = total - kSuffixSize - kGcmTagSize;
    const QByteArrayView iv = frame.sliced(kGcmHeaderSize, kGcmIvSize);
    const QByteArrayView aad = frame.sliced(kGcmAadOffset, kGcmAadSize);
    const QByteArrayView ciphertext = frame.sliced(ctOffset, tagOffset - ctOffset);
    const QByteArrayView tag = frame.sliced(tagOffset, kGcmTagSize);

    const KeyOrder keys = keysFor(spec, LanVersion::V35);
    if (keys.count == 0) {
        r.integrity = ChecksumStatus::Unverified;
        r.decrypt = FastDecrypt::NoKey;
        return;
    }
    char* out = buffer(m_plain, ciphertext.size());
    crypto::Status status = crypto::Status::Failed;
    int i = 0;
    for (; i < keys.count; ++i) {
        status = keys.entries[size_t(i)]->gcm.decrypt(iv, aad, ciphertext, tag, out);
        if (status == crypto::Status::Ok)
            break;
    }
    if (status != crypto::Status::Ok) {
        // As the dissector: the first key's failure decides how it failed.
        r.integrity = ChecksumStatus::Unverified;
        r.decrypt = FastDecrypt::Failed;
        if (keys.entries[0]->gcm.status() == crypto::Status::Ok && keys.count > 1)
            status = keys.entries[0]->gcm.decrypt(iv, aad, ciphertext, tag, out);
        if (status == crypto::Status::TagMismatch) {
            r.integrity = ChecksumStatus::Bad;
            r.decrypt = FastDecrypt::Unauthenticated;
            r.keyUsed = keys.entries[0]->role;
            r.plaintext = QByteArrayView(out, ciphertext.size());
        }
        return;
    }
    r.integrity = ChecksumStatus::Good;
    r.decrypt = FastDecrypt::Ok;
    r.keyUsed = keys.entries[size_t(i)]->role;
    r.plaintext = QByteArrayView(out, ciphertext.size());
    QByteArrayView rest = r.plaintext;
    const RetcodePresence rc = retcodePresence(m_sender, rest);
    if (rc.present) {
        r.hasRetcode = true;
        r.retcode = readU32(rest, 0);
        rest = rest.sliced(kRetcodeSize);
    }
    if (startsWithVersionHeader(rest))
        rest = rest.sliced(kVersionHeaderSize);
    readBody(rest, spec);
}

void LanFastDecoder::readBody(QByteArrayView body, const LanCommandSpec* spec)
{
    LanFastResult& r = m_result;
    r.body = body;
    r.bodyIsJson = false;
    r.dps.clear();
    if ((spec && spec->handshake) || body.isEmpty())
        return; // handshake bodies are nonces and HMACs, never JSON
    r.bodyIsJson = scanJsonDps(body, r.dps);
}

} // namespace tuyascope::lan
