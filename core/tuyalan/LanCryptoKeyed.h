#pragma once
// Key-bound crypto objects for the hot paths: each keeps its EVP context (key schedule set up
// once) and works into caller-provided buffers, so a frame costs the cipher and nothing else.
// The EVP_CIPHER/EVP_MAC algorithms are fetched once per process. Keys are never logged; the
// key copies held here are cleansed on destruction (EVP cleanses its own key schedules).
//
// Semantics match the free functions of LanCrypto.h: ECB decryption verifies PKCS#7 itself and
// keeps every decrypted byte when it does not verify; GCM decryption keeps the CTR plaintext
// when the tag does not verify.

#include "tuyalan/LanCrypto.h"

#include <QByteArrayView>

#include <memory>
#include <vector>

struct evp_cipher_ctx_st;
struct evp_mac_ctx_st;

namespace tuyascope::lan::crypto {

class AesEcbCipher {
public:
    explicit AesEcbCipher(QByteArrayView key);  // status() is BadKey unless the key is 16 bytes
    ~AesEcbCipher();
    AesEcbCipher(const AesEcbCipher&) = delete;
    AesEcbCipher& operator=(const AesEcbCipher&) = delete;

    Status status() const { return m_status; }

    // Decrypts ciphertext (whole blocks; non-empty with Pkcs7) into out, which must hold
    // ciphertext.size() bytes. Ok: paddingLength is the verified PKCS#7 count (0 with None).
    // BadPadding: out still holds every decrypted byte. BadKey/BadLength/Failed: out undefined.
    Status decrypt(QByteArrayView ciphertext, char* out, int& paddingLength, Padding padding = Padding::Pkcs7);
    // Encrypts into out (resized: plaintext + 1..16 padding bytes with Pkcs7, same size with None).
    Status encrypt(QByteArrayView plaintext, QByteArray& out, Padding padding = Padding::Pkcs7);

private:
    Status m_status = Status::BadKey;
    evp_cipher_ctx_st* m_decrypt = nullptr;
    evp_cipher_ctx_st* m_encrypt = nullptr;
};

class AesGcmCipher {
public:
    explicit AesGcmCipher(QByteArrayView key);
    ~AesGcmCipher();
    AesGcmCipher(const AesGcmCipher&) = delete;
    AesGcmCipher& operator=(const AesGcmCipher&) = delete;

    Status status() const { return m_status; }

    // out must hold ciphertext.size() bytes. Ok or TagMismatch: out holds the CTR plaintext.
    Status decrypt(QByteArrayView iv, QByteArrayView aad, QByteArrayView ciphertext, QByteArrayView tag, char* out);
    // out: plaintext.size() bytes; tag: kGcmTagSize bytes.
    Status encrypt(QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext, char* out, char* tag);

private:
    Status m_status = Status::BadKey;
    evp_cipher_ctx_st* m_decrypt = nullptr;
    evp_cipher_ctx_st* m_encrypt = nullptr;
};

class HmacSha256 {
public:
    explicit HmacSha256(QByteArrayView key);  // any key length (HMAC hashes long keys itself)
    ~HmacSha256();
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;

    bool valid() const { return m_ctx != nullptr; }
    // out: kHmacSize bytes. False on an OpenSSL failure.
    bool mac(QByteArrayView data, char* out);
    // Constant-time comparison of the MAC of data with expected (kHmacSize bytes).
    bool verify(QByteArrayView data, QByteArrayView expected);

private:
    evp_mac_ctx_st* m_ctx = nullptr;
    bool m_fresh = true;   // initialised with the key and not used yet
};

// A few key-bound objects per key, made on first use and kept for the owner's lifetime. The
// owner (a stream decoder, a fast decoder) holds one; a KeyedCryptoScope makes it the cache the
// free functions of LanCrypto.h use on this thread, so the dissector reuses contexts without
// knowing about them.
class KeyedCryptoCache {
public:
    KeyedCryptoCache();
    ~KeyedCryptoCache();
    KeyedCryptoCache(const KeyedCryptoCache&) = delete;
    KeyedCryptoCache& operator=(const KeyedCryptoCache&) = delete;

    // Null when the key cannot make one (wrong size for AES).
    AesEcbCipher* ecb(QByteArrayView key);
    AesGcmCipher* gcm(QByteArrayView key);
    HmacSha256* hmac(QByteArrayView key);
    void clear();

    // The cache installed on this thread by the innermost KeyedCryptoScope, or null.
    static KeyedCryptoCache* current();

private:
    struct Entry;
    Entry* entryFor(QByteArrayView key);
    std::vector<std::unique_ptr<Entry>> m_entries;
    friend class KeyedCryptoScope;
};

// Installs a cache for the current thread until destroyed (nestable).
class KeyedCryptoScope {
public:
    explicit KeyedCryptoScope(KeyedCryptoCache& cache);
    ~KeyedCryptoScope();
    KeyedCryptoScope(const KeyedCryptoScope&) = delete;
    KeyedCryptoScope& operator=(const KeyedCryptoScope&) = delete;

private:
    KeyedCryptoCache* m_previous;
};

} // namespace tuyascope::lan::crypto
