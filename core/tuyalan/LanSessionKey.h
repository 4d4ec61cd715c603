#pragma once
// Session-key negotiation values for 3.4 and 3.5 (reference 5). K = real local key,
// Nc = client nonce, Nd = device nonce, all 16 bytes; X = Nc XOR Nd.
//   3.4: SK = AES-128-ECB(K, X)                               (one block, no padding)
//   3.5: SK = AES-128-GCM(K, nonce = Nc[0:12], aad = none, X).ciphertext   (tag discarded)

#include "tuyalan/LanVersion.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tuyascope::lan {

constexpr int kNonceSize = 16;

QByteArray xorNonces(QByteArrayView clientNonce, QByteArrayView deviceNonce);   // empty unless both are 16 bytes

// HMAC-SHA256(K, nonce): RESP carries it for Nc, FINISH for Nd.
QByteArray handshakeHmac(QByteArrayView localKey, QByteArrayView nonce);

// The derived session key (16 bytes) for 3.4 or 3.5; empty for other versions or bad inputs.
QByteArray deriveSessionKey(LanVersion version, QByteArrayView localKey, QByteArrayView clientNonce,
                            QByteArrayView deviceNonce);

// TuyaOpen tests secret_key[0] to mean "session has a key": a key starting with 0x00 (1 in 256)
// makes such a device treat the session as unkeyed.
bool sessionKeyLooksUnkeyed(QByteArrayView sessionKey);

} // namespace tuyascope::lan
