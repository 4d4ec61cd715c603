// Gateway commands 0xF0-0xFC: defined by tuyapi (and old Tuya app code) only; no header rule is
// documented, so they follow the "anything else" row.

#include "tuyalan/LanCommandCatalogue.h"

namespace tuyascope::lan {

void registerLanGatewayCommands(LanCommandCatalogue& c)
{
    static const char* const names[] = {
        "LAN_GW_ACTIVE",          "LAN_SUB_DEV_REQUEST",    "LAN_DELETE_SUB_DEV",      "LAN_REPORT_SUB_DEV",
        "LAN_SCENE",              "LAN_PUBLISH_CLOUD_CONFIG", "LAN_PUBLISH_APP_CONFIG", "LAN_EXPORT_APP_CONFIG",
        "LAN_PUBLISH_SCENE_PANEL", "LAN_REMOVE_GW",         "LAN_CHECK_GW_UPDATE",     "LAN_GW_UPDATE",
        "LAN_SET_GW_CHANNEL",
    };
    quint32 number = 0xf0;
    for (const char* name : names) {
        LanCommandSpec s;
        s.number = number++;
        s.name = QString::fromLatin1(name);
        s.tuyapiName = s.name;
        s.meaning = QStringLiteral("gateway command (tuyapi only)");
        c.add(s);
    }
}

} // namespace tuyascope::lan
