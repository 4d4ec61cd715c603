#pragma once
// TuyaMCU dp type bytes as plain constants, for the tables and comparisons of the dp engine.
#include "tuyamcu/DpUnit.h"

namespace tuyascope::dpmap {

constexpr quint8 kBool = quint8(mcu::DpType::Bool);
constexpr quint8 kValue = quint8(mcu::DpType::Value);
constexpr quint8 kString = quint8(mcu::DpType::String);
constexpr quint8 kEnum = quint8(mcu::DpType::Enum);
constexpr quint8 kBitmap = quint8(mcu::DpType::Bitmap);
constexpr quint8 kRaw = quint8(mcu::DpType::Raw);

} // namespace tuyascope::dpmap
