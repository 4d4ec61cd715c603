#pragma once
// One end of a conversation: IP address and port.

#include <QHostAddress>
#include <QString>

namespace tuyascope::net {

struct NetEndpoint {
    QHostAddress address;
    quint16 port = 0;

    QString toString() const; // "192.168.1.5:6668", "[fe80::1]:6668"
    bool operator==(const NetEndpoint& other) const { return port == other.port && address == other.address; }
    bool operator!=(const NetEndpoint& other) const { return !(*this == other); }
};

} // namespace tuyascope::net
