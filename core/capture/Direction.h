#pragma once

#include <QString>

namespace tuyascope {

// Who put the bytes on the wire. For TuyaMCU: the Wi-Fi module or the MCU.
enum class Direction : quint8 { Unknown = 0, ModuleToMcu = 1, McuToModule = 2 };

QString directionKey(Direction direction);     // "module->mcu", "mcu->module", "unknown"
QString directionLabel(Direction direction);   // "Module → MCU", ...
Direction directionFromKey(const QString& key); // accepts the keys above and common aliases
Direction opposite(Direction direction);

} // namespace tuyascope
