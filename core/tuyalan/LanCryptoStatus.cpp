#include "tuyalan/LanCrypto.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace tuyascope::lan::crypto {

QString statusText(Status status)
{
    switch (status) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::BadKey: return QStringLiteral("key is not 16 bytes");
    case Status::BadLength: return QStringLiteral("input length does not fit the cipher");
    case Status::BadPadding: return QStringLiteral("PKCS#7 padding does not verify");
    case Status::TagMismatch: return QStringLiteral("GCM tag does not verify");
    case Status::Failed: return QStringLiteral("cipher failed");
    }
    return QString();
}

QByteArray randomBytes(int count)
{
    QByteArray out(qMax(0, count), Qt::Uninitialized);
    if (!out.isEmpty() && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), int(out.size())) != 1)
        return QByteArray();
    return out;
}

bool equalConstantTime(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace tuyascope::lan::crypto
