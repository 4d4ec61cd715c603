#pragma once
// One UDP datagram on a port the caller follows (Tuya discovery: 6666, 6667, 7000).

#include "net/NetEndpoint.h"

#include <QByteArray>

namespace tuyascope::net {

struct UdpDatagram {
    qint64 timeUs = 0;   // kUnknownTime when the capture has none
    int record = -1;     // capture record (the last fragment when it was reassembled)
    int channel = -1;
    NetEndpoint source;
    NetEndpoint destination;
    QByteArray payload;
    bool truncated = false;   // the capture cut it: payload is shorter than sent
    bool reassembled = false; // rebuilt from IP fragments
};

} // namespace tuyascope::net
