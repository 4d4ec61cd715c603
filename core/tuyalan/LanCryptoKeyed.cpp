// Key-bound AES-ECB, AES-GCM and HMAC-SHA256 objects (see LanCryptoKeyed.h). Per call they
// only re-initialise what changes (the GCM IV, the HMAC state), never the key schedule, and
// never fetch an algorithm by name.

#include "tuyalan/LanCryptoKeyed.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstring>

namespace tuyascope::lan::crypto {

namespace {

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

unsigned char* bytes(char* p)
{
    return reinterpret_cast<unsigned char*>(p);
}

constexpr qsizetype kMaxInput = 1 << 28; // EVP takes int lengths; LAN frames are far smaller

// Fetched once per process: fetching by name is what made a frame expensive.
const EVP_CIPHER* aes128Ecb()
{
    static const std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)> cipher(
        EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr), &EVP_CIPHER_free);
    return cipher.get();
}

const EVP_CIPHER* aes128Gcm()
{
    static const std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)> cipher(
        EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr), &EVP_CIPHER_free);
    return cipher.get();
}

EVP_MAC* hmacAlgorithm()
{
    static const std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                                      &EVP_MAC_free);
    return mac.get();
}

// A context keyed for one direction; null on failure.
EVP_CIPHER_CTX* keyedContext(const EVP_CIPHER* cipher, const unsigned char* key, bool encrypt, bool noPadding)
{
    if (!cipher)
        return nullptr;
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    if (!ctx)
        return nullptr;
    if (EVP_CipherInit_ex(ctx, cipher, nullptr, key, nullptr, encrypt ? 1 : 0) != 1) {
        EVP_CIPHER_CTX_free(ctx);
        return nullptr;
    }
    if (noPadding)
        EVP_CIPHER_CTX_set_padding(ctx, 0);
    return ctx;
}

// PKCS#7: the last byte n is 1..16 and the last n bytes all equal n. -1 when it does not verify.
int pkcs7Length(const unsigned char* block, qsizetype size)
{
    if (size <= 0)
        return -1;
    const int n = block[size - 1];
    if (n < 1 || n > kAesBlockSize || n > size)
        return -1;
    unsigned char diff = 0;
    for (qsizetype i = size - n; i < size; ++i)
        diff = static_cast<unsigned char>(diff | (block[i] ^ n));
    return diff == 0 ? n : -1;
}

} // namespace

// --- AES-128-ECB ------------------------------------------------------------------------------

AesEcbCipher::AesEcbCipher(QByteArrayView key)
{
    if (key.size() != kAesKeySize)
        return;
    m_decrypt = keyedContext(aes128Ecb(), bytes(key), false, true);
    m_encrypt = keyedContext(aes128Ecb(), bytes(key), true, true);
    m_status = m_decrypt && m_encrypt ? Status::Ok : Status::Failed;
}

AesEcbCipher::~AesEcbCipher()
{
    EVP_CIPHER_CTX_free(m_decrypt);
    EVP_CIPHER_CTX_free(m_encrypt);
}

Status AesEcbCipher::decrypt(QByteArrayView ciphertext, char* out, int& paddingLength, Padding padding)
{
    paddingLength = 0;
    if (m_status != Status::Ok)
        return m_status;
    if (ciphertext.size() > kMaxInput || ciphertext.size() % kAesBlockSize != 0
        || (padding == Padding::Pkcs7 && ciphertext.isEmpty()))
        return Status::BadLength;
    if (ciphertext.isEmpty())
        return Status::Ok;
    // Padding is off in EVP and the input is whole blocks: Update writes everything and leaves
    // no state behind, so the context serves the next call as it is.
    int written = 0;
    if (EVP_DecryptUpdate(m_decrypt, bytes(out), &written, bytes(ciphertext), int(ciphertext.size())) != 1
        || written != int(ciphertext.size()))
        return Status::Failed;
    if (padding == Padding::None)
        return Status::Ok;
    const int n = pkcs7Length(bytes(out), written);
    if (n < 0)
        return Status::BadPadding;
    paddingLength = n;
    return Status::Ok;
}

Status AesEcbCipher::encrypt(QByteArrayView plaintext, QByteArray& out, Padding padding)
{
    if (m_status != Status::Ok)
        return m_status;
    if (plaintext.size() > kMaxInput || (padding == Padding::None && plaintext.size() % kAesBlockSize != 0))
        return Status::BadLength;
    const qsizetype pad = padding == Padding::Pkcs7 ? kAesBlockSize - plaintext.size() % kAesBlockSize : 0;
    out.resize(plaintext.size() + pad);
    if (!plaintext.isEmpty())
        std::memcpy(out.data(), plaintext.data(), size_t(plaintext.size()));
    std::memset(out.data() + plaintext.size(), int(pad), size_t(pad));
    if (out.isEmpty())
        return Status::Ok;
    int written = 0;
    if (EVP_EncryptUpdate(m_encrypt, bytes(out.data()), &written, bytes(out), int(out.size())) != 1
        || written != int(out.size())) {
        out.clear();
        return Status::Failed;
    }
    return Status::Ok;
}

// --- AES-128-GCM ------------------------------------------------------------------------------

AesGcmCipher::AesGcmCipher(QByteArrayView key)
{
    if (key.size() != kAesKeySize)
        return;
    // The 12-byte IV is EVP's default for GCM; the IV itself is set per message.
    m_decrypt = keyedContext(aes128Gcm(), bytes(key), false, false);
    m_encrypt = keyedContext(aes128Gcm(), bytes(key), true, false);
    m_status = m_decrypt && m_encrypt ? Status::Ok : Status::Failed;
}

AesGcmCipher::~AesGcmCipher()
{
    EVP_CIPHER_CTX_free(m_decrypt);
    EVP_CIPHER_CTX_free(m_encrypt);
}

Status AesGcmCipher::decrypt(QByteArrayView iv, QByteArrayView aad, QByteArrayView ciphertext, QByteArrayView tag, char* out)
{
    if (m_status != Status::Ok)
        return m_status;
    if (iv.size() != kGcmIvSize || tag.size() != kGcmTagSize || ciphertext.size() > kMaxInput || aad.size() > kMaxInput)
        return Status::BadLength;
    int n = 0;
    unsigned char expected[kGcmTagSize]; // EVP wants a writable buffer
    std::memcpy(expected, tag.data(), kGcmTagSize);
    if (EVP_DecryptInit_ex(m_decrypt, nullptr, nullptr, nullptr, bytes(iv)) != 1
        || (!aad.isEmpty() && EVP_DecryptUpdate(m_decrypt, nullptr, &n, bytes(aad), int(aad.size())) != 1)
        || (!ciphertext.isEmpty()
            && EVP_DecryptUpdate(m_decrypt, bytes(out), &n, bytes(ciphertext), int(ciphertext.size())) != 1)
        || EVP_CIPHER_CTX_ctrl(m_decrypt, EVP_CTRL_GCM_SET_TAG, kGcmTagSize, expected) != 1)
        return Status::Failed;
    unsigned char tail[kAesBlockSize];
    int tailLength = 0;
    return EVP_DecryptFinal_ex(m_decrypt, tail, &tailLength) == 1 ? Status::Ok : Status::TagMismatch;
}

Status AesGcmCipher::encrypt(QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext, char* out, char* tag)
{
    if (m_status != Status::Ok)
        return m_status;
    if (iv.size() != kGcmIvSize || plaintext.size() > kMaxInput || aad.size() > kMaxInput)
        return Status::BadLength;
    int n = 0;
    unsigned char tail[kAesBlockSize];
    int tailLength = 0;
    if (EVP_EncryptInit_ex(m_encrypt, nullptr, nullptr, nullptr, bytes(iv)) != 1
        || (!aad.isEmpty() && EVP_EncryptUpdate(m_encrypt, nullptr, &n, bytes(aad), int(aad.size())) != 1)
        || (!plaintext.isEmpty()
            && EVP_EncryptUpdate(m_encrypt, bytes(out), &n, bytes(plaintext), int(plaintext.size())) != 1)
        || EVP_EncryptFinal_ex(m_encrypt, tail, &tailLength) != 1 || tailLength != 0
        || EVP_CIPHER_CTX_ctrl(m_encrypt, EVP_CTRL_GCM_GET_TAG, kGcmTagSize, tag) != 1)
        return Status::Failed;
    return Status::Ok;
}

// --- HMAC-SHA256 ------------------------------------------------------------------------------

HmacSha256::HmacSha256(QByteArrayView key)
{
    EVP_MAC* mac = hmacAlgorithm();
    if (!mac)
        return;
    m_ctx = EVP_MAC_CTX_new(mac);
    if (!m_ctx)
        return;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    // EVP_MAC_init wants a non-null key pointer even for an empty key.
    static const unsigned char emptyKey[1] = {0};
    if (EVP_MAC_init(m_ctx, key.isEmpty() ? emptyKey : bytes(key), size_t(key.size()), params) != 1) {
        EVP_MAC_CTX_free(m_ctx);
        m_ctx = nullptr;
    }
}

HmacSha256::~HmacSha256()
{
    EVP_MAC_CTX_free(m_ctx);
}

bool HmacSha256::mac(QByteArrayView data, char* out)
{
    if (!m_ctx || data.size() > kMaxInput)
        return false;
    // A null key re-initialises with the key already set (OpenSSL 3).
    if (!m_fresh && EVP_MAC_init(m_ctx, nullptr, 0, nullptr) != 1)
        return false;
    m_fresh = false;
    size_t written = 0;
    return EVP_MAC_update(m_ctx, bytes(data), size_t(data.size())) == 1
           && EVP_MAC_final(m_ctx, bytes(out), &written, size_t(kHmacSize)) == 1 && written == size_t(kHmacSize);
}

bool HmacSha256::verify(QByteArrayView data, QByteArrayView expected)
{
    char computed[kHmacSize];
    return expected.size() == kHmacSize && mac(data, computed)
           && CRYPTO_memcmp(computed, expected.data(), size_t(kHmacSize)) == 0;
}

// --- cache ------------------------------------------------------------------------------------

namespace {

thread_local KeyedCryptoCache* t_currentCache = nullptr;

constexpr size_t kMaxCachedKeys = 8; // local, session, UDP key, and a few older sessions

} // namespace

struct KeyedCryptoCache::Entry {
    explicit Entry(QByteArrayView k) : key(bytes(k), bytes(k) + k.size()) {}
    ~Entry()
    {
        if (!key.empty())
            OPENSSL_cleanse(key.data(), key.size());
    }
    bool matches(QByteArrayView k) const
    {
        return size_t(k.size()) == key.size() && (key.empty() || std::memcmp(key.data(), k.data(), key.size()) == 0);
    }
    std::vector<unsigned char> key;
    std::unique_ptr<AesEcbCipher> ecb;
    std::unique_ptr<AesGcmCipher> gcm;
    std::unique_ptr<HmacSha256> hmac;
};

KeyedCryptoCache::KeyedCryptoCache() = default;
KeyedCryptoCache::~KeyedCryptoCache() = default;

void KeyedCryptoCache::clear()
{
    m_entries.clear();
}

KeyedCryptoCache::Entry* KeyedCryptoCache::entryFor(QByteArrayView key)
{
    for (const auto& e : m_entries) {
        if (e->matches(key))
            return e.get();
    }
    if (m_entries.size() >= kMaxCachedKeys)
        m_entries.erase(m_entries.begin()); // the oldest key goes first
    m_entries.push_back(std::make_unique<Entry>(key));
    return m_entries.back().get();
}

AesEcbCipher* KeyedCryptoCache::ecb(QByteArrayView key)
{
    if (key.size() != kAesKeySize)
        return nullptr;
    Entry* e = entryFor(key);
    if (!e->ecb)
        e->ecb = std::make_unique<AesEcbCipher>(key);
    return e->ecb->status() == Status::Ok ? e->ecb.get() : nullptr;
}

AesGcmCipher* KeyedCryptoCache::gcm(QByteArrayView key)
{
    if (key.size() != kAesKeySize)
        return nullptr;
    Entry* e = entryFor(key);
    if (!e->gcm)
        e->gcm = std::make_unique<AesGcmCipher>(key);
    return e->gcm->status() == Status::Ok ? e->gcm.get() : nullptr;
}

HmacSha256* KeyedCryptoCache::hmac(QByteArrayView key)
{
    Entry* e = entryFor(key);
    if (!e->hmac)
        e->hmac = std::make_unique<HmacSha256>(key);
    return e->hmac->valid() ? e->hmac.get() : nullptr;
}

KeyedCryptoCache* KeyedCryptoCache::current()
{
    return t_currentCache;
}

KeyedCryptoScope::KeyedCryptoScope(KeyedCryptoCache& cache) : m_previous(t_currentCache)
{
    t_currentCache = &cache;
}

KeyedCryptoScope::~KeyedCryptoScope()
{
    t_currentCache = m_previous;
}

} // namespace tuyascope::lan::crypto
