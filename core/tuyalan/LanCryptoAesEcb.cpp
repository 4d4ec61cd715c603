// AES-128-ECB, one call at a time: a thin wrapper over AesEcbCipher (LanCryptoKeyed.h). With a
// KeyedCryptoScope active the key's cipher comes from that cache, otherwise a temporary one is
// made. Padding is verified here, not by EVP, so a bad padding (the first sign of a wrong key)
// is reported distinctly and the decrypted bytes stay available.

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanCryptoKeyed.h"

#include <optional>

namespace tuyascope::lan::crypto {

namespace {

// The cached cipher for key, or a temporary one in holder.
AesEcbCipher& ecbFor(QByteArrayView key, std::optional<AesEcbCipher>& holder)
{
    if (KeyedCryptoCache* cache = KeyedCryptoCache::current()) {
        if (AesEcbCipher* cached = cache->ecb(key))
            return *cached;
    }
    return holder.emplace(key);
}

} // namespace

EcbEncryption aesEcbEncrypt(QByteArrayView key, QByteArrayView plaintext, Padding padding)
{
    EcbEncryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    std::optional<AesEcbCipher> holder;
    r.status = ecbFor(key, holder).encrypt(plaintext, r.ciphertext, padding);
    if (!r.ok())
        r.ciphertext.clear();
    return r;
}

EcbDecryption aesEcbDecrypt(QByteArrayView key, QByteArrayView ciphertext, Padding padding)
{
    EcbDecryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    std::optional<AesEcbCipher> holder;
    AesEcbCipher& cipher = ecbFor(key, holder);
    r.raw.resize(ciphertext.size());
    int paddingLength = 0;
    r.status = cipher.decrypt(ciphertext, r.raw.data(), paddingLength, padding);
    if (r.status != Status::Ok && r.status != Status::BadPadding) {
        r.raw.clear();
        return r;
    }
    r.paddingLength = paddingLength;
    r.plaintext = paddingLength > 0 ? r.raw.left(r.raw.size() - paddingLength) : r.raw;
    return r;
}

} // namespace tuyascope::lan::crypto
