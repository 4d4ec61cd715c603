// AES-128-GCM, one call at a time: a thin wrapper over AesGcmCipher (LanCryptoKeyed.h), cached
// per key under a KeyedCryptoScope. The 96-bit IV is used directly, the LAN header is the AAD,
// the tag is 16 bytes; decryption output is kept even when the tag fails (see LanCrypto.h).

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanCryptoKeyed.h"

#include <optional>

namespace tuyascope::lan::crypto {

namespace {

AesGcmCipher& gcmFor(QByteArrayView key, std::optional<AesGcmCipher>& holder)
{
    if (KeyedCryptoCache* cache = KeyedCryptoCache::current()) {
        if (AesGcmCipher* cached = cache->gcm(key))
            return *cached;
    }
    return holder.emplace(key);
}

} // namespace

GcmEncryption aesGcmEncrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext)
{
    GcmEncryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    std::optional<AesGcmCipher> holder;
    AesGcmCipher& cipher = gcmFor(key, holder);
    r.ciphertext.resize(plaintext.size());
    r.tag.resize(kGcmTagSize);
    r.status = cipher.encrypt(iv, aad, plaintext, r.ciphertext.data(), r.tag.data());
    if (!r.ok()) {
        r.ciphertext.clear();
        r.tag.clear();
    }
    return r;
}

GcmDecryption aesGcmDecrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView ciphertext,
                            QByteArrayView tag)
{
    GcmDecryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    std::optional<AesGcmCipher> holder;
    AesGcmCipher& cipher = gcmFor(key, holder);
    r.plaintext.resize(ciphertext.size());
    r.status = cipher.decrypt(iv, aad, ciphertext, tag, r.plaintext.data());
    if (r.status != Status::Ok && r.status != Status::TagMismatch)
        r.plaintext.clear();
    return r;
}

} // namespace tuyascope::lan::crypto
