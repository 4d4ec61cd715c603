#pragma once
// A simulated MCU's description: what it answers to 0x01/0x02 and which DPs it has. JSON:
//
// {
//   "name": "hy609-thermostat", "description": "...",
//   "productId": "<16 chars>", "mcuVersion": "1.0.0",
//   "protocol": "standard" | "low-power",
//   "protocolVersion": 3,                 // version byte of MCU frames (std: 3, 1 or 0)
//   "workingMode": "cooperative" | [ledGpio, keyGpio] | [ledGpio, keyGpio, btLedGpio],
//   "wakeIntervalS": 30,                  // low-power: seconds asleep between wake-ups
//   "features": "{\"mcu_ota\":0}",       // optional: std 0x37/00 JSON sent after the 0x01 reply
//                                         // (a JSON object is accepted too)
//   "requestDpCache": false,              // low-power: ask the module for cached DPs (0x10 00)
//                                         // after status 04, before the first report
//   "dps": [ { "id": 2, "type": "value", "name": "set-point",
//              "initial": 210, "min": 50, "max": 350, "step": 5, "scale": 1, "unit": "°C",
//              "labels": ["a","b"],         // enum labels (range); count bounds the index
//              "bitmapBytes": 1,            // bitmap width 1/2/4
//              "access": "rw" | "ro",       // settable by 0x06, or report-only
//              "report": { "mode": "none" | "periodic" | "random-walk" | "toggle",
//                          "intervalS": 10, "walkStep": 1 } } ]
// }
//
// Initial values: bool true/false, value/enum/bitmap integers, string text, raw hex text.
// An enum's initial value may also be one of its labels. Defaults: protocol standard,
// protocolVersion 3 (std) / 0 (lp), workingMode cooperative, mcuVersion 1.0.0, access rw,
// report none; a missing initial is 0/false/empty (a value DP's 0 is clamped into min..max).
// Ranges: value DPs min..max (default the whole int32 range); enum 0..labels-1 (or "max",
// default 255); bool 0..1; bitmap the width's bits; string/raw: min/max bound the byte
// length (default 0..251, so one DP always fits a 255-byte frame). "step" is informative for
// writes (not enforced); toggle advances value DPs by it. "intervalS" defaults to 10.
// Report modes: periodic reports the unchanged value; random-walk (value DPs) adds a uniform
// -walkStep..walkStep (default: step) clamped to the range; toggle flips a bool and advances
// an enum or value (wrapping). On low-power profiles every mode acts once per wake instead.
// Unknown keys are errors (typos must not pass silently), except "comment" and keys that
// start with "_". Every error names the key: `dps[2].type: unknown type "floaty"`.

#include "tuyamcu/DpUnit.h"
#include "tuyamcu/Family.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope {

struct DpProfile {
    enum class Reporting { None, Periodic, RandomWalk, Toggle };
    quint8 id = 0;
    mcu::DpType type = mcu::DpType::Value;
    QString name;
    QByteArray initialValue;      // encoded value bytes (what goes after the unit header)
    qint64 minimum = 0;           // value DPs
    qint64 maximum = 0;
    qint64 step = 1;
    int scale = 0;
    QString unit;
    QStringList labels;           // enum range
    int bitmapBytes = 1;
    bool settable = true;
    Reporting reporting = Reporting::None;
    int intervalMs = 0;           // periodic / random-walk / toggle period
    qint64 walkStep = 1;

    // Whether `value` (with DP type byte `type`) is acceptable for this DP: the type matches,
    // the length fits and the value is in range. `why` says what is wrong.
    bool accepts(quint8 type, QByteArrayView value, QString* why = nullptr) const;
    // "dp 2 (set-point)" for messages.
    QString label() const;
    // Human text of a value of this DP: "255", "true", "1 (closed)", "0x00", ...
    QString valueText(QByteArrayView value) const;
};

struct DeviceProfile {
    QString name;
    QString description;
    QString productId;
    QString mcuVersion = QStringLiteral("1.0.0");
    mcu::Family protocol = mcu::Family::Standard;
    quint8 protocolVersion = 0x03;
    QByteArray workingMode;       // empty = cooperative; else GPIO bytes (2 or 3)
    int wakeIntervalMs = 30000;   // low-power
    QByteArray features;          // std: 0x37/00 feature JSON (empty = not sent)
    bool requestDpCache = false;  // lp: send 0x10 00 before the first report of a wake
    QVector<DpProfile> dps;

    const DpProfile* dp(quint8 id) const;
    QByteArray productJson() const; // {"p":"...","v":"...","m":0} (m 2 when GPIOs are given)
};

// Parses a profile; on failure returns false and names the bad key in `error`.
bool parseDeviceProfile(const QByteArray& json, DeviceProfile& profile, QString* error);
// Built-in profiles shipped in resources (":/tuyascope/profiles/<name>.json").
QStringList builtinProfileNames();
// `nameOrPath`: a built-in name, else a file path. Errors name the path (unreadable file, or
// "<path>: <key>: <problem>"). A profile without "name" gets the file's base name.
bool loadDeviceProfile(const QString& nameOrPath, DeviceProfile& profile, QString* error);

} // namespace tuyascope
