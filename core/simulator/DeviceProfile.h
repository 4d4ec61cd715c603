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

#include "tuyamcu/DpUnit.h"
#include "tuyamcu/Family.h"

#include <QByteArray>
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
    QVector<DpProfile> dps;

    const DpProfile* dp(quint8 id) const;
    QByteArray productJson() const; // {"p":"...","v":"...","m":0}
};

// Parses a profile; on failure returns false and names the bad key in `error`.
bool parseDeviceProfile(const QByteArray& json, DeviceProfile& profile, QString* error);
// Built-in profiles shipped in resources (":/tuyascope/profiles/<name>.json").
QStringList builtinProfileNames();
// `nameOrPath`: a built-in name, else a file path.
bool loadDeviceProfile(const QString& nameOrPath, DeviceProfile& profile, QString* error);

} // namespace tuyascope
