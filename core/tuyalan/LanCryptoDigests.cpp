// HMAC-SHA256 (EVP_MAC), MD5 (EVP_Digest) and CRC-32 (zlib).

#include "tuyalan/LanCrypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <zlib.h>

#include <memory>

namespace tuyascope::lan::crypto {

namespace {

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

// Fetched once: the HMAC implementation is stateless and EVP_MAC objects are shareable.
EVP_MAC* hmacAlgorithm()
{
    static const std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                                      &EVP_MAC_free);
    return mac.get();
}

} // namespace

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    EVP_MAC* mac = hmacAlgorithm();
    if (!mac || data.size() > (1 << 28))
        return QByteArray();
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac), &EVP_MAC_CTX_free);
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    // EVP_MAC_init wants a non-null key pointer even for an empty key.
    static const unsigned char emptyKey[1] = {0};
    const unsigned char* keyBytes = key.isEmpty() ? emptyKey : bytes(key);
    QByteArray out(kHmacSize, Qt::Uninitialized);
    size_t written = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), keyBytes, size_t(key.size()), params) != 1
        || EVP_MAC_update(ctx.get(), bytes(data), size_t(data.size())) != 1
        || EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written, size_t(out.size())) != 1
        || written != size_t(kHmacSize))
        return QByteArray();
    return out;
}

QByteArray md5(QByteArrayView data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int written = 0;
    if (EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char*>(out.data()), &written,
                   EVP_md5(), nullptr) != 1)
        return QByteArray();
    out.resize(int(written));
    return out;
}

QString md5Hex(QByteArrayView data)
{
    return QString::fromLatin1(md5(data).toHex());
}

quint32 crc32(QByteArrayView data)
{
    // zlib takes uInt lengths: feed in pieces so any size is correct.
    uLong crc = ::crc32(0L, Z_NULL, 0);
    const auto* p = bytes(data);
    qsizetype left = data.size();
    while (left > 0) {
        const uInt piece = uInt(qMin<qsizetype>(left, 1 << 30));
        crc = ::crc32(crc, p, piece);
        p += piece;
        left -= piece;
    }
    return quint32(crc);
}

} // namespace tuyascope::lan::crypto
