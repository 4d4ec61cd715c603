#pragma once
// The light "validate + decrypt + dps" path for one split frame: integrity (CRC32, HMAC-SHA256
// or GCM tag), decryption with PKCS#7 check, and the DP ids/values found in the JSON body, with
// no field tree, no QJsonDocument and no heap allocation per frame (after the first frames have
// sized the buffers). It reads frames as dissectLanFrame does - same key order, same integrity
// verdict, same decrypt/padding verdict, same DPs - except where it deliberately does less:
//   - a classic frame whose CRC/HMAC does not verify is not decrypted (FastDecrypt::Skipped): for
//     3.4 the HMAC is checked before any decryption work;
//   - a 6699 frame whose tag does not verify is not read further (FastDecrypt::Unauthenticated);
//   - 3.1 envelopes and 55AA frames of unknown version are left to the dissector (Unsupported);
//   - if both the CRC and a 3.4 HMAC verify (chance 2^-32), a 3.4 flow takes the HMAC.
// Keys are used, never logged; the decoder's key-bound contexts are cleansed with it.

#include "tuyalan/LanContext.h"
#include "tuyalan/LanCryptoKeyed.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanJsonSpans.h"

#include <QByteArrayView>

#include <array>
#include <memory>
#include <vector>

namespace tuyascope::lan {

struct LanCommandSpec;

enum class FastFrame : quint8 {
    Decoded,      // a complete frame: the fields below are set
    NotAFrame,    // no 000055AA/00006699 prefix
    Truncated,    // shorter than its header or than its length announces
    Corrupt,      // length below the frame kind's minimum
    Unsupported,  // see the header comment: use dissectLanFrame
};

enum class FastDecrypt : quint8 {
    NotEncrypted,     // clear payload (3.1, clear JSON in a 3.3 frame), or no payload at all
    Ok,               // decrypted; ECB padding verified
    BadPadding,       // ECB: decrypted, PKCS#7 does not verify (wrong key?); body read leniently
    Unauthenticated,  // GCM: the tag does not verify with any key; nothing read from the plaintext
    Skipped,          // classic frame whose CRC/HMAC does not verify: not decrypted
    NoKey,            // encrypted, no usable key
    BadLength,        // ciphertext is not whole AES blocks
    Failed,           // OpenSSL refused
};

struct LanFastResult {
    FastFrame frame = FastFrame::NotAFrame;
    LanVersion version = LanVersion::Unknown;
    quint32 seq = 0;
    quint32 cmd = 0;
    bool hasRetcode = false;
    quint32 retcode = 0;
    IntegrityKind integrityKind = IntegrityKind::None;
    ChecksumStatus integrity = ChecksumStatus::NotPresent;
    KeyRole keyUsed = KeyRole::None;
    FastDecrypt decrypt = FastDecrypt::NotEncrypted;
    // Views into the frame or the decoder's buffer: valid until the next decode().
    QByteArrayView plaintext;  // every decrypted byte (padding included), or the clear payload
    QByteArrayView body;       // after retcode, version header and padding
    bool bodyIsJson = false;   // one well-formed JSON object (see scanJsonDps)
    std::vector<JsonDpSpan> dps;

    bool valid() const
    {
        return frame == FastFrame::Decoded && integrity == ChecksumStatus::Good
               && (decrypt == FastDecrypt::Ok || decrypt == FastDecrypt::NotEncrypted);
    }
};

class LanFastDecoder {
public:
    // Version, sender and keys of the flow, as for dissectLanFrame.
    explicit LanFastDecoder(const LanContext& context);
    ~LanFastDecoder();
    LanFastDecoder(const LanFastDecoder&) = delete;
    LanFastDecoder& operator=(const LanFastDecoder&) = delete;

    // One frame as cut by LanStreamSplitter. The result is reused by the next call.
    const LanFastResult& decode(QByteArrayView frame);

private:
    struct KeySlot;
    static constexpr int kMaxKeys = 3;
    struct KeyOrder {
        std::array<KeySlot*, kMaxKeys> entries{};
        int count = 0;
    };

    KeyOrder keysFor(const LanCommandSpec* spec, LanVersion version) const;
    const LanCommandSpec* specFor(quint32 cmd);
    void decodeClassic(QByteArrayView frame, const LanCommandSpec* spec);
    void decodeGcm(QByteArrayView frame, const LanCommandSpec* spec);
    // ECB over ciphertext with the keys in order; sets plaintext, decrypt, keyUsed. Body end out.
    qsizetype decryptEcb(QByteArrayView ciphertext, const KeyOrder& keys);
    void readBody(QByteArrayView body, const LanCommandSpec* spec);
    char* buffer(std::vector<char>& b, qsizetype size);

    LanVersion m_version;
    LanSender m_sender;
    std::unique_ptr<KeySlot> m_local, m_session, m_udp;
    bool m_sessionIsLocal = false;
    bool m_udpIsKnown = false;   // the UDP key equals the local or session key
    quint32 m_lastCmd = 0xFFFFFFFFu;
    const LanCommandSpec* m_lastSpec = nullptr;
    std::vector<char> m_plain, m_scratch;
    LanFastResult m_result;
};

} // namespace tuyascope::lan
