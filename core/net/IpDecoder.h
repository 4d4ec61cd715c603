#pragma once
// Step 2 of decoding a packet: the IPv4 or IPv6 header at out.networkOffset (IPv4 options and
// IPv6 extension headers skipped, each shown as part of a layer). Fragments are flagged; their
// data is left for IpDefragmenter.

#include "net/DecodedPacket.h"
#include "net/NetBytes.h"

namespace tuyascope::net {

// Both return true when a transport header follows in [out.ipPayloadOffset, +ipPayloadLength):
// the header was readable and the packet is not a fragment.
bool decodeIpv4(const NetBytes& bytes, DecodedPacket& out);
bool decodeIpv6(const NetBytes& bytes, DecodedPacket& out);

} // namespace tuyascope::net
