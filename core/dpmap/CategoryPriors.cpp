#include "dpmap/CategoryPriors.h"

#include "dpmap/DpTypeCodes.h"
#include "tuyamcu/DpUnit.h"

namespace tuyascope::dpmap {

using mcu::DpType;

namespace {

QVector<CategoryProfile> buildProfiles()
{
    return {
        {QStringLiteral("plug"), QStringLiteral("power monitoring plug (Tasmota docs)"), {},
         {{1, kBool, "switch"}, {9, kValue, "countdown", 1, "s"}, {17, kValue, "energy", 0.001, "kWh"},
          {18, kValue, "current", 0.001, "A"}, {19, kValue, "power", 0.1, "W"}, {20, kValue, "voltage", 0.1, "V"},
          {26, kBitmap, "fault"}}},
        {QStringLiteral("plug"), QStringLiteral("energy meter of the Tasmota walkthrough (seed 001)"), {},
         {{1, kBool, "switch"}, {2, kBool, "switch"}, {3, kBool, "switch"}, {4, kBool, "switch"},
          {102, kValue, "current", 0.001, "A"}, {103, kValue, "power", 0.1, "W"}, {104, kValue, "voltage", 0.1, "V"}}},
        // Product id as answered in the bundled PJ-MGW1103 capture.
        {QStringLiteral("plug"), QStringLiteral("PJ-MGW1103 CT clamp (OpenBeken autoexec)"), {QStringLiteral("djfep9s6s3b2qk89")},
         {{18, kValue, "current", 0.001, "A"}, {19, kValue, "power", 0.1, "W"}, {20, kValue, "voltage", 0.1, "V"}}},
        {QStringLiteral("plug"), QStringLiteral("TAC2121C / TOMPD DIN-rail meter (OpenBeken autoexec)"), {},
         {{1, kValue, "energy", 0.01, "kWh"}, {6, kRaw, "energy_pack"}, {16, kBool, "switch"},
          {101, kValue, "temperature_current", 0.1, "°C"}}},
        {QStringLiteral("thermostat"), QStringLiteral("HY609 thermostat (seed 004)"), {},
         {{1, kBool, "switch"}, {2, kValue, "temperature_target", 0.1, "°C"},
          {3, kValue, "temperature_current", 0.1, "°C"}, {4, kEnum, "mode"}, {12, kBitmap, "fault"},
          {119, kRaw, "schedule"}, {120, kRaw, "schedule"}, {121, kRaw, "schedule"}, {122, kRaw, "schedule"}}},
        {QStringLiteral("heater"), QStringLiteral("Tuya heater category (Tasmota docs)"), {},
         {{1, kBool, "switch"}, {2, kValue, "temperature_target", 1, "°C"}, {3, kValue, "temperature_current", 1, "°C"},
          {4, kEnum, "mode"}, {5, kBitmap, "fault"}, {6, kEnum, "mode"}, {7, kBool, "switch"}}},
        {QStringLiteral("curtain"), QStringLiteral("curtain motor (Tasmota docs)"), {},
         {{1, kEnum, "mode"}, {2, kValue, "position", 1, "%"}, {3, kValue, "position", 1, "%"}, {4, kEnum, "mode"},
          {5, kEnum, "mode"}, {7, kEnum, "mode"}, {12, kBitmap, "fault"}}},
        {QStringLiteral("dimmer"), QStringLiteral("dimmer (Tasmota docs, OpenBeken EDM-01AA-EU)"), {},
         {{1, kBool, "switch"}, {2, kValue, "brightness"}, {3, kValue, "brightness"}}},
        {QStringLiteral("dimmer"), QStringLiteral("RGB(CW) light, newer dp set (OpenBeken tuyaMcu_setupLED)"), {},
         {{20, kBool, "switch"}, {21, kEnum, "mode"}, {22, kValue, "brightness"}, {23, kValue, "colour_temperature"},
          {24, kString, "colour_hsv"}, {26, kValue, "countdown", 1, "s"}}},
        {QStringLiteral("fan"), QStringLiteral("dehumidifier / air purifier (Tasmota docs)"), {},
         {{1, kBool, "switch"}, {3, kEnum, "mode"}, {4, kEnum, "speed"}, {12, kValue, "temperature_current", 1, "°C"},
          {13, kValue, "humidity", 1, "%"}}},
        {QStringLiteral("dehumidifier"), QStringLiteral("dehumidifier / air purifier (Tasmota docs)"), {},
         {{1, kBool, "switch"}, {2, kValue, "pm25"}, {3, kEnum, "mode"}, {4, kEnum, "speed"}, {5, kValue, "filter"},
          {12, kValue, "temperature_current", 1, "°C"}, {13, kValue, "humidity", 1, "%"}}},
        // Product ids as answered in the bundled door-sensor captures (click, TYWE3S).
        {QStringLiteral("sensor"), QStringLiteral("contact sensor (Tasmota docs)"),
         {QStringLiteral("e7dny8zvmiyhqerw"), QStringLiteral("3slpirlnlqp0bqo1")},
         {{1, kBool, "contact"}, {2, kValue, "battery_level", 1, "%"}, {3, kEnum, "battery_state"}, {4, kBool, "tamper"}}},
        {QStringLiteral("sensor"), QStringLiteral("NEO reed / PIR sensor (seed 003)"), {},
         {{1, kEnum, "contact"}, {101, kEnum, "battery_state"}}},
        {QStringLiteral("sensor"), QStringLiteral("NEO PIR sensor (seed 003)"), {},
         {{101, kBool, "motion"}, {102, kEnum, "battery_state"}}},
        {QStringLiteral("sensor"), QStringLiteral("TH06 thermometer (OpenBeken autoexec)"), {},
         {{1, kValue, "temperature_current", 0.1, "°C"}, {2, kValue, "humidity", 1, "%"}}},
    };
}

} // namespace

const QVector<CategoryProfile>& categoryProfiles()
{
    static const QVector<CategoryProfile> profiles = buildProfiles();
    return profiles;
}

CategoryMatch matchCategory(const QVector<DpSignature>& dps, const QString& productId)
{
    CategoryMatch best;
    for (const CategoryProfile& profile : categoryProfiles()) {
        if (!productId.isEmpty() && profile.productIds.contains(productId))
            return {&profile, 1.0, QStringLiteral("product id %1 is a known %2").arg(productId, profile.key)};
        int matched = 0;
        double weight = 0;
        for (const DpSignature& dp : dps) {
            for (const CategoryDp& known : profile.dps) {
                if (known.id == dp.id && known.type == dp.type) {
                    ++matched;
                    weight += dp.roles.contains(QString::fromLatin1(known.role)) ? 1.0 : 0.5;
                    break;
                }
            }
        }
        if (matched < 2 || dps.isEmpty())
            continue;
        // Both sides count: the capture's dps explained, and the profile's dps present.
        const double score = 0.5 * weight / double(dps.size()) + 0.5 * weight / double(profile.dps.size());
        if (score >= 0.3 && score > best.score) {
            best.profile = &profile;
            best.score = score;
            best.reason = QStringLiteral("%1 of %2 dps match the %3 map (%4)")
                              .arg(matched).arg(dps.size()).arg(profile.key, profile.source);
        }
    }
    return best;
}

} // namespace tuyascope::dpmap
