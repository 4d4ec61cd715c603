// HMAC-SHA256 (EVP_MAC, see LanCryptoKeyed.cpp), MD5 (EVP_Digest) and CRC-32 (zlib).

#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanCryptoKeyed.h"

#include <openssl/evp.h>
#include <zlib.h>

namespace tuyascope::lan::crypto {

namespace {

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

} // namespace

// A thin wrapper over HmacSha256 (LanCryptoKeyed.h), cached per key under a KeyedCryptoScope.
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray out(kHmacSize, Qt::Uninitialized);
    bool ok = false;
    KeyedCryptoCache* cache = KeyedCryptoCache::current();
    if (HmacSha256* cached = cache ? cache->hmac(key) : nullptr) {
        ok = cached->mac(data, out.data());
    } else {
        HmacSha256 mac(key);
        ok = mac.mac(data, out.data());
    }
    return ok ? out : QByteArray();
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
