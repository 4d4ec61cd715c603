#pragma once

#include <QString>

namespace tuyascope {

// Who put the bytes on the wire. TuyaMCU UART: the Wi-Fi module or the MCU. Tuya LAN: the app
// (a client such as TuyaScope, tinytuya, the phone) or the device.
enum class Direction : quint8 { Unknown = 0, ModuleToMcu = 1, McuToModule = 2, AppToDevice = 3, DeviceToApp = 4 };

QString directionKey(Direction direction);     // "module->mcu", "mcu->module", "app->device", "device->app", "unknown"
QString directionLabel(Direction direction);   // "Module → MCU", ...
Direction directionFromKey(const QString& key); // accepts the keys above and common aliases
Direction opposite(Direction direction);
bool isLanDirection(Direction direction);     // app->device or device->app

} // namespace tuyascope
