#pragma once
// The cryptographic primitives of the Tuya LAN protocol, all through OpenSSL EVP (and zlib for
// CRC-32). Nothing here formats, logs or stores a key: callers pass key bytes in, results out.
// Each call sets up its own EVP context unless a KeyedCryptoScope is active; hot paths use the
// key-bound objects of LanCryptoKeyed.h directly.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tuyascope::lan::crypto {

constexpr int kAesKeySize = 16;   // AES-128: the local key, the session key and the UDP key
constexpr int kAesBlockSize = 16;
constexpr int kGcmIvSize = 12;    // 96-bit GCM nonce, used directly (J0 = IV || 00000001)
constexpr int kGcmTagSize = 16;
constexpr int kHmacSize = 32;     // HMAC-SHA256

enum class Status : quint8 {
    Ok,
    BadKey,       // key is not 16 bytes
    BadLength,    // ECB input is not whole blocks, or a GCM IV/tag has the wrong size
    BadPadding,   // ECB decrypt: the PKCS#7 padding does not verify (usually a wrong key)
    TagMismatch,  // GCM decrypt: the tag does not verify (wrong key, AAD or corrupted bytes)
    Failed,       // OpenSSL refused for another reason
};
QString statusText(Status status);

enum class Padding : quint8 { Pkcs7, None };

struct EcbEncryption {
    Status status = Status::Failed;
    QByteArray ciphertext;
    bool ok() const { return status == Status::Ok; }
};

struct EcbDecryption {
    Status status = Status::Failed;
    QByteArray plaintext;     // padding removed when it verified; every decrypted byte otherwise
    QByteArray raw;           // every decrypted byte, padding included
    int paddingLength = 0;    // PKCS#7 byte count when the padding verified
    bool ok() const { return status == Status::Ok; }
};

// AES-128-ECB. With Padding::Pkcs7 encryption always adds 1..16 bytes; decryption verifies the
// padding itself (OpenSSL's check is switched off so the raw bytes survive a bad padding, which
// is what an analyzer must show).
EcbEncryption aesEcbEncrypt(QByteArrayView key, QByteArrayView plaintext, Padding padding = Padding::Pkcs7);
EcbDecryption aesEcbDecrypt(QByteArrayView key, QByteArrayView ciphertext, Padding padding = Padding::Pkcs7);

struct GcmEncryption {
    Status status = Status::Failed;
    QByteArray ciphertext;    // same length as the plaintext (GCM has no padding)
    QByteArray tag;           // 16 bytes
    bool ok() const { return status == Status::Ok; }
};

struct GcmDecryption {
    Status status = Status::Failed;
    // On TagMismatch this still holds the CTR-decrypted bytes: GCM decrypts before it checks the
    // tag, so an analyzer can show them marked unauthenticated.
    QByteArray plaintext;
    bool ok() const { return status == Status::Ok; }
};

GcmEncryption aesGcmEncrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext);
GcmDecryption aesGcmDecrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView ciphertext,
                            QByteArrayView tag);

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);  // 32 bytes; empty on failure
QByteArray md5(QByteArrayView data);                             // 16 bytes
QString md5Hex(QByteArrayView data);                             // 32 lower-case hex digits
quint32 crc32(QByteArrayView data);                              // zlib/IEEE CRC-32
QByteArray randomBytes(int count);                               // OpenSSL DRBG, for GCM IVs and nonces
bool equalConstantTime(QByteArrayView a, QByteArrayView b);      // for MACs and tags

} // namespace tuyascope::lan::crypto
