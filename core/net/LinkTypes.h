#pragma once
// LINKTYPE_ values (tcpdump.org/linktypes.html) the LAN extraction knows about. pcap and pcapng
// files carry LINKTYPE_ values; DLT_RAW leaks into some files as 12 or 14 (BSDs), so those are
// read as raw IP too.

#include <QtGlobal>

namespace tuyascope::net {

namespace linktype {
constexpr quint32 Null = 0;        // BSD loopback: 4-byte address family in the writer's byte order
constexpr quint32 Ethernet = 1;
constexpr quint32 RawDlt12 = 12;   // DLT_RAW on most BSDs
constexpr quint32 RawDlt14 = 14;   // DLT_RAW on OpenBSD
constexpr quint32 Raw = 101;       // raw IPv4/IPv6, version from the first nibble
constexpr quint32 Ieee80211 = 105;
constexpr quint32 Loop = 108;      // OpenBSD loopback: address family in network byte order
constexpr quint32 LinuxSll = 113;  // "tcpdump -i any", older libpcap
constexpr quint32 Ieee80211Radiotap = 127;
constexpr quint32 User0 = 147;
constexpr quint32 User15 = 162;
constexpr quint32 Ipv4 = 228;
constexpr quint32 Ipv6 = 229;
constexpr quint32 LinuxSll2 = 276; // "tcpdump -i any", newer libpcap
} // namespace linktype

// A link type this code decodes down to IP.
bool isDecodableLinkType(quint32 linkType);
// 802.11 monitor-mode captures: frames are normally WPA-encrypted, so no TCP payload is visible.
bool isWirelessLinkType(quint32 linkType);
// A channel worth reading as packets: any real LINKTYPE except the USER0..15 range (TuyaScope's
// own serial channels and private formats) and ChannelInfo::kNoLinkType.
bool isNetworkLinkType(quint32 linkType);

} // namespace tuyascope::net
