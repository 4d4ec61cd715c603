#pragma once
// Decodes one captured packet from its link layer down to TCP/UDP (see DecodedPacket). Hand
// written and bounds-checked: any byte sequence is safe to pass.

#include "net/DecodedPacket.h"

#include <QByteArrayView>

namespace tuyascope::net {

// `frame` is the packet as captured, `linkType` its LINKTYPE_ value. Layer offsets are into `frame`.
DecodedPacket decodePacket(QByteArrayView frame, quint32 linkType);

// For a datagram rebuilt from IP fragments: decodes its transport header from `ipPayload` (the
// reassembled bytes after the IP header). Keeps the IP fields of `ipPart` (link/IP layers are
// dropped: their offsets belong to another buffer); the new layer offsets are into `ipPayload`.
DecodedPacket decodeReassembledDatagram(const DecodedPacket& ipPart, QByteArrayView ipPayload);

} // namespace tuyascope::net
