#include "net/NetProblem.h"

namespace tuyascope::net {

QString netProblemCode(NetProblemKind kind)
{
    const char* code = "NET_UNKNOWN";
    switch (kind) {
    case NetProblemKind::UnsupportedLinkType: code = "NET_UNSUPPORTED_LINK_TYPE"; break;
    case NetProblemKind::EncryptedWireless: code = "NET_ENCRYPTED_WIRELESS"; break;
    case NetProblemKind::TruncatedLinkHeader: code = "NET_TRUNCATED_LINK_HEADER"; break;
    case NetProblemKind::UnknownAddressFamily: code = "NET_UNKNOWN_ADDRESS_FAMILY"; break;
    case NetProblemKind::TooManyVlanTags: code = "NET_TOO_MANY_VLAN_TAGS"; break;
    case NetProblemKind::BadIpVersion: code = "NET_BAD_IP_VERSION"; break;
    case NetProblemKind::TruncatedIpHeader: code = "NET_TRUNCATED_IP_HEADER"; break;
    case NetProblemKind::BadIpHeaderLength: code = "NET_BAD_IP_HEADER_LENGTH"; break;
    case NetProblemKind::IpPayloadTruncated: code = "NET_IP_PAYLOAD_TRUNCATED"; break;
    case NetProblemKind::TruncatedExtensionHeader: code = "NET_TRUNCATED_EXTENSION_HEADER"; break;
    case NetProblemKind::TooManyExtensionHeaders: code = "NET_TOO_MANY_EXTENSION_HEADERS"; break;
    case NetProblemKind::TruncatedTcpHeader: code = "NET_TRUNCATED_TCP_HEADER"; break;
    case NetProblemKind::BadTcpHeaderLength: code = "NET_BAD_TCP_HEADER_LENGTH"; break;
    case NetProblemKind::TruncatedUdpHeader: code = "NET_TRUNCATED_UDP_HEADER"; break;
    case NetProblemKind::BadUdpLength: code = "NET_BAD_UDP_LENGTH"; break;
    }
    return QLatin1String(code);
}

Severity netProblemSeverity(NetProblemKind kind)
{
    switch (kind) {
    case NetProblemKind::UnsupportedLinkType:
    case NetProblemKind::EncryptedWireless: return Severity::Note;
    default: return Severity::Warning;
    }
}

} // namespace tuyascope::net
