#include "net/NetEndpoint.h"

namespace tuyascope::net {

QString NetEndpoint::toString() const
{
    const QString host = address.toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + host + QStringLiteral("]:") + QString::number(port);
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace tuyascope::net
