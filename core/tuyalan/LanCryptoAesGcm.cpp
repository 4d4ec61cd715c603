// AES-128-GCM through EVP with the 96-bit IV used directly, the LAN header as AAD and a 16-byte
// tag. Decryption output is kept even when the tag fails (see LanCrypto.h).

#include "tuyalan/LanCrypto.h"

#include <openssl/evp.h>

#include <memory>

namespace tuyascope::lan::crypto {

namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

constexpr qsizetype kMaxInput = 1 << 28;

// Key, IV and AAD into a fresh context; null on failure.
CipherContext startGcm(bool encrypt, QByteArrayView key, QByteArrayView iv, QByteArrayView aad)
{
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    const int enc = encrypt ? 1 : 0;
    if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, nullptr, nullptr, enc) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kGcmIvSize, nullptr) != 1
        || EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(iv), enc) != 1)
        return CipherContext(nullptr, &EVP_CIPHER_CTX_free);
    int ignored = 0;
    if (!aad.isEmpty() && EVP_CipherUpdate(ctx.get(), nullptr, &ignored, bytes(aad), int(aad.size())) != 1)
        return CipherContext(nullptr, &EVP_CIPHER_CTX_free);
    return ctx;
}

bool update(EVP_CIPHER_CTX* ctx, QByteArrayView input, QByteArray& out)
{
    out.resize(input.size());
    int written = 0;
    if (!input.isEmpty()
        && EVP_CipherUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &written, bytes(input), int(input.size())) != 1)
        return false;
    out.resize(written);
    return true;
}

} // namespace

GcmEncryption aesGcmEncrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView aad, QByteArrayView plaintext)
{
    GcmEncryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    if (iv.size() != kGcmIvSize || plaintext.size() > kMaxInput || aad.size() > kMaxInput) {
        r.status = Status::BadLength;
        return r;
    }
    CipherContext ctx = startGcm(true, key, iv, aad);
    if (!ctx || !update(ctx.get(), plaintext, r.ciphertext))
        return r;
    unsigned char tail[kAesBlockSize];
    int tailLength = 0;
    r.tag.resize(kGcmTagSize);
    if (EVP_EncryptFinal_ex(ctx.get(), tail, &tailLength) != 1 || tailLength != 0
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, r.tag.data()) != 1) {
        r.ciphertext.clear();
        r.tag.clear();
        return r;
    }
    r.status = Status::Ok;
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
    if (iv.size() != kGcmIvSize || tag.size() != kGcmTagSize || ciphertext.size() > kMaxInput || aad.size() > kMaxInput) {
        r.status = Status::BadLength;
        return r;
    }
    CipherContext ctx = startGcm(false, key, iv, aad);
    if (!ctx || !update(ctx.get(), ciphertext, r.plaintext)) {
        r.plaintext.clear();
        return r;
    }
    QByteArray expected = tag.toByteArray(); // EVP wants a writable buffer
    unsigned char tail[kAesBlockSize];
    int tailLength = 0;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, expected.data()) != 1) {
        r.plaintext.clear();
        return r;
    }
    r.status = EVP_DecryptFinal_ex(ctx.get(), tail, &tailLength) == 1 ? Status::Ok : Status::TagMismatch;
    return r;
}

} // namespace tuyascope::lan::crypto
