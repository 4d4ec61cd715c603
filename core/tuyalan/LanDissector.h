#pragma once
// Turns one LAN frame into a field tree with diagnostics, and the facts a caller acts on.
//
// Data sources of the Dissection: 0 = the frame; 1 = the payload after decryption (or the clear
// payload), present whenever there is one. Frame fields (prefix, seq, cmd, length, retcode,
// clear header, ciphertext, CRC/HMAC/IV/tag, suffix) carry frame offsets; plaintext fields (3.5
// retcode, inner version header, body, padding, each JSON member, each DP) carry offsets into
// source 1.

#include "dissect/Dissection.h"
#include "tuyalan/LanContext.h"
#include "tuyalan/LanKeyCandidates.h"
#include "tuyalan/LanStreamSplitter.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace tuyascope::lan {

enum class IntegrityKind : quint8 { None, Crc32, HmacSha256, GcmTag };
QString integrityKindName(IntegrityKind kind);

struct LanFrameInfo {
    bool isFrame = false;           // starts with a prefix and has a whole header
    bool complete = false;          // every byte the length announces is present
    LanFrameKind kind = LanFrameKind::Classic55AA;
    LanVersion version = LanVersion::Unknown;  // as decoded (context, or inferred)
    bool versionInferred = false;
    LanSender sender = LanSender::Unknown;
    quint32 seq = 0;
    quint32 cmd = 0;
    qint64 declaredLength = -1;

    std::optional<quint32> retcode;
    bool retcodeInPlaintext = false;           // 3.5: the first GCM plaintext bytes

    IntegrityKind integrityKind = IntegrityKind::None;
    ChecksumStatus integrity = ChecksumStatus::NotPresent;
    QByteArray integrityFound;                 // CRC (4, big-endian), HMAC (32) or tag (16)
    QByteArray integrityExpected;              // computed value when Bad (HMAC/tag: with the first key tried)
    KeyRole keyUsed = KeyRole::None;           // key that verified (or decrypted) the frame

    bool encrypted = false;                    // the payload had a cipher layer
    bool decrypted = false;                    // ... and it was removed
    bool paddingOk = true;                     // ECB only
    QByteArray header;                         // the 15-byte block, clear or inside the cipher, when present
    QByteArray plaintext;                      // data source 1: decrypted bytes (padding included) or the clear payload
    QByteArray body;                           // after retcode, header and padding
    bool bodyIsJson = false;
    QJsonObject json;
    QJsonObject dps;                           // "dps", or "data.dps" lifted (3.4/3.5 wrapping)
    QByteArray handshakeNonce;                 // START: client nonce, RESP: device nonce
    QByteArray handshakeHmac;                  // RESP: HMAC(K, Nc), FINISH: HMAC(K, Nd)
};

struct LanDissection {
    Dissection dissection;
    LanFrameInfo info;
};

// frame: one frame as cut by LanStreamSplitter (or any bytes: non-frames are dissected as such).
LanDissection dissectLanFrame(QByteArrayView frame, const LanContext& context);

// Any splitter event: frames are dissected, garbage/truncated/desync events become a Dissection
// with the matching diagnostic.
LanDissection dissectLanEvent(const LanStreamSplitter::Event& event, const LanContext& context);

} // namespace tuyascope::lan
