#pragma once
// Problems found while decoding a packet are data, not log lines: a kind (stable code for
// filters and tests), where in the packet, and a self-contained message.

#include "dissect/Diagnostic.h"

#include <QString>

namespace tuyascope::net {

enum class NetProblemKind : quint8 {
    UnsupportedLinkType,      // no decoder for this LINKTYPE
    EncryptedWireless,        // 802.11 capture: payload normally WPA-encrypted
    TruncatedLinkHeader,
    UnknownAddressFamily,     // BSD loopback header with an AF that is neither IPv4 nor IPv6
    TooManyVlanTags,
    BadIpVersion,             // version nibble is not 4/6, or not what the link layer announced
    TruncatedIpHeader,
    BadIpHeaderLength,        // IPv4 IHL < 5, or a total length shorter than the header
    IpPayloadTruncated,       // the capture holds fewer bytes than the IP header announces
    TruncatedExtensionHeader, // IPv6 extension header cut off
    TooManyExtensionHeaders,
    TruncatedTcpHeader,
    BadTcpHeaderLength,       // data offset < 5 or beyond the IP payload
    TruncatedUdpHeader,
    BadUdpLength,             // UDP length < 8 or beyond the IP payload
};

struct NetProblem {
    NetProblemKind kind = NetProblemKind::UnsupportedLinkType;
    int offset = -1; // byte range in the packet the problem is about (-1: whole packet)
    int length = 0;
    QString message;
};

// Stable machine-readable code, e.g. "NET_TRUNCATED_TCP_HEADER".
QString netProblemCode(NetProblemKind kind);
// Truncation and malformed headers are warnings; link types we cannot read are notes.
Severity netProblemSeverity(NetProblemKind kind);

} // namespace tuyascope::net
