#pragma once

#include <QString>

namespace tuyascope::mcu {

// Which TuyaMCU protocol a frame belongs to. Decided per capture/session from evidence.
enum class Family : quint8 {
    Unknown = 0,
    Standard,   // "std": Wi-Fi general serial protocol
    LowPower,   // "lp": low-power ("version 0") protocol
    Bluetooth,  // foreign: Bluetooth-module protocol (cmd 0xE0 and up); recognised, not decoded
};

QString familyKey(Family family);   // "unknown", "std", "lp", "bt"
QString familyLabel(Family family); // "standard", "low-power", ...
Family familyFromKey(const QString& key);

} // namespace tuyascope::mcu
