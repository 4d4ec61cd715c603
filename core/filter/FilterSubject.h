#pragma once
// What a display filter is evaluated on: the light facts every list row knows without
// dissecting, plus (optionally) the field tree. Filter::needsDissection() tells a list whether
// it has to fill `dissection` at all.

#include "capture/Capture.h"
#include "capture/Direction.h"
#include "dissect/Dissection.h"

#include <QString>

namespace tuyascope::filter {

struct FilterSubject {
    qint64 timeUs = kUnknownTime;        // from capture/Capture.h
    Direction direction = Direction::Unknown;
    QString protocol;                    // "mcu" (TuyaMCU) or "lan" (Tuya LAN)
    QString version;                     // TuyaMCU: the version byte as decimal ("0", "3"); LAN: "3.1".."3.5"
    qint64 command = -1;                 // command byte / LAN command number; -1 when none (garbage)
    int length = 0;                      // bytes of the frame
    const Dissection* dissection = nullptr; // the field tree; null when the filter only needs light facts
};

} // namespace tuyascope::filter
