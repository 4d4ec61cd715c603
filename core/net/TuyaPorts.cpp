#include "net/TuyaPorts.h"

namespace tuyascope::net {

QSet<quint16> tuyaTcpPorts()
{
    return QSet<quint16>{6668};
}

QSet<quint16> tuyaUdpPorts()
{
    return QSet<quint16>{6666, 6667, 7000};
}

} // namespace tuyascope::net
