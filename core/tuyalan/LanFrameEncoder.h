#pragma once
// Builds a complete LAN frame from what a person means (version, seq, command, body, key),
// applying the version's payload pipeline (reference 4.4):
//   3.1      plaintext; CONTROL (and device pushes) in the md5/base64 envelope
//   3.2/3.3  [clear 15-byte header per command] + AES-ECB(key, PKCS7(body)), CRC32
//   3.4      AES-ECB(key, PKCS7([header per command] + body)), HMAC-SHA256(key)
//            (CRC32 for UDP discovery)
//   3.5      6699 frame, AES-GCM(key, iv, aad = header, [retcode] + [header] + body)
// An empty body is sent as an empty payload (acks, heartbeat replies): no header, no padding.

#include "tuyalan/LanVersion.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tuyascope::lan {

enum class HeaderPolicy : quint8 {
    ByCommand,  // the command catalogue's rule for the version and sender
    Always,     // force the 15-byte block (3.1: the envelope)
    Never,      // force a bare body
};

struct LanEncodeRequest {
    LanVersion version = LanVersion::V33;
    LanSender sender = LanSender::Client;       // selects the header rule
    LanTransport transport = LanTransport::Tcp; // a 3.4 frame over UDP carries a CRC32, not an HMAC
    quint32 seq = 0;
    quint32 cmd = 0;
    std::optional<quint32> retcode;             // device frames: clear in 55AA, first plaintext bytes in 6699
    QByteArray body;                            // JSON, error text or handshake bytes
    QByteArray key;                             // the key of this frame: local, session or UDP key (16 bytes)
    QByteArray iv;                              // 3.5: 12-byte GCM nonce; empty = fresh random
    QByteArray headerBlock;                     // 15-byte block where one goes; empty = "3.x" + 12 x 00
    HeaderPolicy header = HeaderPolicy::ByCommand;
    quint16 reserved = 0;                       // 6699 bytes 4-5 (part of the AAD)
};

struct LanEncodeResult {
    QByteArray frame;
    QString error;    // why nothing was built (never contains key material)
    bool ok() const { return error.isEmpty(); }
};

LanEncodeResult encodeLanFrame(const LanEncodeRequest& request);

} // namespace tuyascope::lan
