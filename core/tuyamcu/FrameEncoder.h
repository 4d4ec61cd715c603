#pragma once
// Builds complete frames: length and checksum are always computed, never typed.

#include <QByteArray>
#include <QByteArrayView>

namespace tuyascope::mcu {

// Module side sends version 0x00; an MCU usually 0x03 (0x01/0x00 on older MCUs).
QByteArray encodeFrame(quint8 version, quint8 command, QByteArrayView data);

} // namespace tuyascope::mcu
