#pragma once
// Step 3 of decoding a packet: the TCP or UDP header and the payload after it.

#include "net/DecodedPacket.h"
#include "net/NetBytes.h"

namespace tuyascope::net {

// Reads the transport header of protocol out.ipProtocol from [offset, offset + length) of `bytes`
// (the IP payload). `ipTruncated`: the capture cut the IP packet, so a short transport header is
// "truncated" rather than "malformed". Sets out.transport (Tcp/Udp only when the header is sound).
void decodeTransport(const NetBytes& bytes, int offset, int length, bool ipTruncated, DecodedPacket& out);

} // namespace tuyascope::net
