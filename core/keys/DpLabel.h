#pragma once
// Human text for a DP value, given what the device's mapping says about that DP:
// "cur_power = 57.5 W" (scale and unit), "work_mode = colour (index 1)", "fault = 0x5 (ov_cr, ov_vol)".
// Works for LAN `dps` values (JSON) and TuyaMCU values once turned into JSON numbers/strings.

#include "keys/DeviceEntry.h"
#include "keys/DpSpec.h"

#include <QJsonValue>
#include <QString>

namespace tuyascope::keys {

// raw / 10^scale with exactly `scale` decimals, computed on integers: 575,1 -> "57.5"; -5,2 -> "-0.05".
QString scaledText(qint64 raw, int scale);

// The value part alone: "57.5 W", "true", "colour (index 1)", "\"text\"". No spec: the JSON text.
QString dpValueText(const DpSpec* spec, const QJsonValue& value);

// "<code> = <value text>"; without a spec "dp <id> = <json>".
QString dpLabel(const DpSpec* spec, int dpId, const QJsonValue& value);
QString dpLabel(const DeviceEntry* device, int dpId, const QJsonValue& value);

} // namespace tuyascope::keys
