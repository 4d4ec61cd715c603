#pragma once
// Step 1 of decoding a packet: the link-layer header. Finds where the IP header starts and which
// IP version the link layer announces.

#include "net/DecodedPacket.h"
#include "net/NetBytes.h"

namespace tuyascope::net {

// Adds the link-layer layers to `out` and sets out.etherType and out.networkOffset. Returns true
// when an IPv4 or IPv6 header should follow; false for other protocols (ARP, ...: no problem
// added) and for link layers that cannot be read (a problem is added).
bool decodeLinkLayer(const NetBytes& bytes, quint32 linkType, DecodedPacket& out);

} // namespace tuyascope::net
