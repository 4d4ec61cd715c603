#include "net/LinkTypes.h"

#include "capture/Capture.h"

namespace tuyascope::net {

bool isDecodableLinkType(quint32 linkType)
{
    switch (linkType) {
    case linktype::Null:
    case linktype::Ethernet:
    case linktype::RawDlt12:
    case linktype::RawDlt14:
    case linktype::Raw:
    case linktype::Loop:
    case linktype::LinuxSll:
    case linktype::Ipv4:
    case linktype::Ipv6:
    case linktype::LinuxSll2: return true;
    default: return false;
    }
}

bool isWirelessLinkType(quint32 linkType)
{
    return linkType == linktype::Ieee80211 || linkType == linktype::Ieee80211Radiotap;
}

bool isNetworkLinkType(quint32 linkType)
{
    if (linkType == ChannelInfo::kNoLinkType)
        return false;
    return linkType < linktype::User0 || linkType > linktype::User15;
}

} // namespace tuyascope::net
