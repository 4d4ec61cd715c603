// AES-128-ECB through EVP. Padding is added by EVP on encryption; on decryption EVP's own padding
// check is off and PKCS#7 is verified here, so a bad padding (the first sign of a wrong key) is
// reported distinctly and the decrypted bytes stay available.

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

// Runs one ECB pass; returns false on any OpenSSL failure.
bool runEcb(bool encrypt, QByteArrayView key, QByteArrayView input, bool evpPadding, QByteArray& out)
{
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_128_ecb(), nullptr, bytes(key), nullptr, encrypt ? 1 : 0) != 1)
        return false;
    EVP_CIPHER_CTX_set_padding(ctx.get(), evpPadding ? 1 : 0);
    out.resize(input.size() + kAesBlockSize);
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    int written = 0;
    if (EVP_CipherUpdate(ctx.get(), dst, &written, bytes(input), int(input.size())) != 1)
        return false;
    int tail = 0;
    if (EVP_CipherFinal_ex(ctx.get(), dst + written, &tail) != 1)
        return false;
    out.resize(written + tail);
    return true;
}

// PKCS#7: the last byte n is 1..16 and the last n bytes all equal n.
int pkcs7Length(QByteArrayView block)
{
    if (block.isEmpty())
        return -1;
    const int n = quint8(block.back());
    if (n < 1 || n > kAesBlockSize || n > block.size())
        return -1;
    for (qsizetype i = block.size() - n; i < block.size(); ++i) {
        if (quint8(block[i]) != n)
            return -1;
    }
    return n;
}

constexpr qsizetype kMaxInput = 1 << 28; // EVP takes int lengths; LAN frames are far smaller

} // namespace

EcbEncryption aesEcbEncrypt(QByteArrayView key, QByteArrayView plaintext, Padding padding)
{
    EcbEncryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    if (plaintext.size() > kMaxInput || (padding == Padding::None && plaintext.size() % kAesBlockSize != 0)) {
        r.status = Status::BadLength;
        return r;
    }
    if (!runEcb(true, key, plaintext, padding == Padding::Pkcs7, r.ciphertext)) {
        r.ciphertext.clear();
        return r;
    }
    r.status = Status::Ok;
    return r;
}

EcbDecryption aesEcbDecrypt(QByteArrayView key, QByteArrayView ciphertext, Padding padding)
{
    EcbDecryption r;
    if (key.size() != kAesKeySize) {
        r.status = Status::BadKey;
        return r;
    }
    if (ciphertext.size() > kMaxInput || ciphertext.size() % kAesBlockSize != 0
        || (padding == Padding::Pkcs7 && ciphertext.isEmpty())) {
        r.status = Status::BadLength;
        return r;
    }
    if (!runEcb(false, key, ciphertext, false, r.raw)) {
        r.raw.clear();
        return r;
    }
    if (padding == Padding::None) {
        r.plaintext = r.raw;
        r.status = Status::Ok;
        return r;
    }
    const int n = pkcs7Length(r.raw);
    if (n < 0) {
        r.plaintext = r.raw;
        r.status = Status::BadPadding;
        return r;
    }
    r.paddingLength = n;
    r.plaintext = r.raw.left(r.raw.size() - n);
    r.status = Status::Ok;
    return r;
}

} // namespace tuyascope::lan::crypto
