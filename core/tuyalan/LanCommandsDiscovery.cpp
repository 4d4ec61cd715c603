// UDP discovery commands (reference 9): fixed UDP key, CRC32 framing even for 3.4, never a header.

#include "tuyalan/LanCommandCatalogue.h"

namespace tuyascope::lan {

namespace {

LanCommandSpec discovery(quint32 number, const char* name, const char* tuyapi, const char* sdk, const char* meaning)
{
    LanCommandSpec s;
    s.number = number;
    s.name = QString::fromLatin1(name);
    s.tuyapiName = QString::fromLatin1(tuyapi);
    s.sdkName = QString::fromLatin1(sdk);
    s.meaning = QString::fromLatin1(meaning);
    s.discovery = true;
    s.fromClient = s.fromDevice = HeaderRules{HeaderRule::None, HeaderRule::None, HeaderRule::None};
    return s;
}

} // namespace

void registerLanDiscoveryCommands(LanCommandCatalogue& c)
{
    {
        LanCommandSpec s = discovery(cmd::Udp, "UDP", "UDP", "", "3.1 discovery broadcast, plaintext JSON (UDP 6666)");
        s.senders = LanSenders::Device;
        s.directionNote = QStringLiteral("device broadcast every ~5 s");
        s.versions = versionBit(LanVersion::V31);
        c.add(s);
    }
    {
        LanCommandSpec s = discovery(cmd::UdpNew, "UDP_NEW", "UDP_NEW", "FR_TYPE_ENCRYPTION",
                                     "encrypted discovery (3.2/3.3 ECB on 6667, 3.5 GCM on 6667/7000)");
        s.senders = LanSenders::Device;
        s.directionNote = QStringLiteral("device broadcast, or a 3.5 answer to REQ_DEVINFO");
        s.versions = kVersions32to35;
        c.add(s);
    }
    {
        LanCommandSpec s = discovery(cmd::BoardcastLpv34, "BOARDCAST_LPV34", "BOARDCAST_LPV34", "FR_TYPE_BOARDCAST_LPV34",
                                     "3.4 discovery broadcast (ECB with the UDP key, CRC32)");
        s.senders = LanSenders::Device;
        s.directionNote = QStringLiteral("device broadcast on 6667");
        s.versions = versionBit(LanVersion::V34);
        s.note = QStringLiteral("sic: BOARDCAST");
        c.add(s);
    }
    {
        LanCommandSpec s = discovery(cmd::ReqDevInfo, "REQ_DEVINFO", "", "FRM_TYPE_APP_UDP_BOARDCAST",
                                     "app solicitation on UDP 7000: {\"from\":\"app\",\"ip\":...}");
        s.senders = LanSenders::Client;
        s.directionNote = QStringLiteral("app broadcast; 3.5 devices answer UDP_NEW to the given ip");
        s.versions = versionBit(LanVersion::V35);
        c.add(s);
    }
}

} // namespace tuyascope::lan
