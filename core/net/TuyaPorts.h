#pragma once
// The ports Tuya LAN traffic uses, as the sets the extraction options start from. Out of line on
// purpose: a QSet built from an initializer list in a default member initializer, inlined into
// callers, trips GCC 12's -Wdangling-pointer (a false positive) at -O2.
#include <QSet>

namespace tuyascope::net {

QSet<quint16> tuyaTcpPorts(); // 6668: the device's TCP port
QSet<quint16> tuyaUdpPorts(); // 6666, 6667, 7000: discovery broadcasts (3.1, 3.3, 3.4/3.5)

} // namespace tuyascope::net
