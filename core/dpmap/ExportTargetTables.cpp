#include "dpmap/ExportTargetTables.h"

#include <cmath>

namespace tuyascope::dpmap {

using keys::DpKind;

const QVector<TasmotaFunction>& tasmotaFunctions()
{
    // Reference section 11.1; 71..74 from current Tasmota source (temperature, set temperature,
    // humidity, set humidity).
    static const QVector<TasmotaFunction> table{
        {1, 4, QStringLiteral("switch_input"), DpKind::Bool, 0, QString(), "Switch"},
        {11, 18, QStringLiteral("switch"), DpKind::Bool, 0, QString(), "Relay"},
        {41, 48, QStringLiteral("switch_inverted"), DpKind::Bool, 0, QString(), "Relay_i"},
        {21, 22, QStringLiteral("brightness"), DpKind::Value, 0, QString(), "Dimmer"},
        {23, 23, QStringLiteral("colour_temperature"), DpKind::Value, 0, QString(), "CCT light"},
        {24, 24, QStringLiteral("colour_hsv"), DpKind::String, 0, QString(), "RGB light"},
        {25, 25, QString(), DpKind::Value, 0, QString(), "white light"},
        {26, 26, QStringLiteral("light_mode"), DpKind::Enum, 0, QString(), "light mode"},
        {27, 28, QString(), DpKind::Value, 0, QString(), "dimmer state report"},
        {31, 31, QStringLiteral("power"), DpKind::Value, 0.1, QStringLiteral("W"), "power (deci-watt)"},
        {32, 32, QStringLiteral("current"), DpKind::Value, 0.001, QStringLiteral("A"), "current (milli-ampere)"},
        {33, 33, QStringLiteral("voltage"), DpKind::Value, 0.1, QStringLiteral("V"), "voltage (deci-volt)"},
        {61, 64, QStringLiteral("fan_speed"), DpKind::Enum, 0, QString(), "fan speed"},
        {71, 71, QStringLiteral("temperature_current"), DpKind::Value, 0, QString(), "temperature"},
        {72, 72, QStringLiteral("temperature_target"), DpKind::Value, 0, QString(), "set temperature"},
        {73, 73, QStringLiteral("humidity"), DpKind::Value, 0, QString(), "humidity"},
        {74, 74, QStringLiteral("humidity_target"), DpKind::Value, 0, QString(), "set humidity"},
        {97, 97, QStringLiteral("motor_direction"), DpKind::Unknown, 0, QString(), "motor direction"},
        {98, 98, QStringLiteral("fault"), DpKind::Unknown, 0, QString(), "error logging"},
    };
    return table;
}

const TasmotaFunction* tasmotaFunctionForFnId(int fnId)
{
    for (const TasmotaFunction& f : tasmotaFunctions())
        if (fnId >= f.firstFnId && fnId <= f.lastFnId)
            return &f;
    return nullptr;
}

const QVector<ObkChannelType>& obkChannelTypes()
{
    // Reference section 11.2 (OpenBeken docs/channelTypes.md). The first row of a role is the
    // one exported when several scales would do.
    static const QVector<ObkChannelType> table{
        {QStringLiteral("switch"), 1, QStringLiteral("Toggle"), DpKind::Bool, QString()},
        {QStringLiteral("switch_inverted"), 1, QStringLiteral("Toggle_Inv"), DpKind::Bool, QString()},
        {QStringLiteral("brightness"), 1, QStringLiteral("Dimmer"), DpKind::Value, QString()},
        {QStringLiteral("brightness"), 1, QStringLiteral("Dimmer256"), DpKind::Value, QString()},
        {QStringLiteral("brightness"), 1, QStringLiteral("Dimmer1000"), DpKind::Value, QString()},
        {QStringLiteral("countdown"), 1, QStringLiteral("TimerSeconds"), DpKind::Value, QStringLiteral("s")},
        {QStringLiteral("mode"), 1, QStringLiteral("Enum"), DpKind::Enum, QString()},
        {QStringLiteral("temperature_current"), 1, QStringLiteral("Temperature"), DpKind::Value, QStringLiteral("°C")},
        {QStringLiteral("temperature_current"), 0.5, QStringLiteral("Temperature_div2"), DpKind::Value, QStringLiteral("°C")},
        {QStringLiteral("temperature_current"), 0.1, QStringLiteral("Temperature_div10"), DpKind::Value, QStringLiteral("°C")},
        {QStringLiteral("temperature_current"), 0.01, QStringLiteral("Temperature_div100"), DpKind::Value, QStringLiteral("°C")},
        {QStringLiteral("humidity"), 1, QStringLiteral("Humidity"), DpKind::Value, QStringLiteral("%")},
        {QStringLiteral("humidity"), 0.1, QStringLiteral("Humidity_div10"), DpKind::Value, QStringLiteral("%")},
        {QStringLiteral("battery_level"), 1, QStringLiteral("BatteryLevelPercent"), DpKind::Value, QStringLiteral("%")},
        {QStringLiteral("contact"), 1, QStringLiteral("OpenClosed"), DpKind::Bool, QString()},
        {QStringLiteral("motion"), 1, QStringLiteral("Motion"), DpKind::Bool, QString()},
        {QStringLiteral("voltage"), 0.1, QStringLiteral("Voltage_div10"), DpKind::Value, QStringLiteral("V")},
        {QStringLiteral("voltage"), 0.01, QStringLiteral("Voltage_div100"), DpKind::Value, QStringLiteral("V")},
        {QStringLiteral("current"), 0.001, QStringLiteral("Current_div1000"), DpKind::Value, QStringLiteral("A")},
        {QStringLiteral("current"), 0.01, QStringLiteral("Current_div100"), DpKind::Value, QStringLiteral("A")},
        {QStringLiteral("current"), 0.1, QStringLiteral("Current_div10"), DpKind::Value, QStringLiteral("A")},
        {QStringLiteral("power"), 1, QStringLiteral("Power"), DpKind::Value, QStringLiteral("W")},
        {QStringLiteral("power"), 0.1, QStringLiteral("Power_div10"), DpKind::Value, QStringLiteral("W")},
        {QStringLiteral("power"), 0.01, QStringLiteral("Power_div100"), DpKind::Value, QStringLiteral("W")},
        {QStringLiteral("energy"), 0.01, QStringLiteral("EnergyTotal_kWh_div100"), DpKind::Value, QStringLiteral("kWh")},
        {QStringLiteral("energy"), 0.001, QStringLiteral("EnergyTotal_kWh_div1000"), DpKind::Value, QStringLiteral("kWh")},
        {QStringLiteral("power_factor"), 0.01, QStringLiteral("PowerFactor_div100"), DpKind::Value, QString()},
        {QStringLiteral("power_factor"), 0.001, QStringLiteral("PowerFactor_div1000"), DpKind::Value, QString()},
        {QStringLiteral("frequency"), 1, QStringLiteral("Frequency"), DpKind::Value, QStringLiteral("Hz")},
        {QStringLiteral("frequency"), 0.1, QStringLiteral("Frequency_div10"), DpKind::Value, QStringLiteral("Hz")},
        {QStringLiteral("frequency"), 0.01, QStringLiteral("Frequency_div100"), DpKind::Value, QStringLiteral("Hz")},
        {QStringLiteral("frequency"), 0.001, QStringLiteral("Frequency_div1000"), DpKind::Value, QStringLiteral("Hz")},
    };
    return table;
}

bool sameScale(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

const ObkChannelType* obkChannelTypeFor(const QString& role, double scale)
{
    for (const ObkChannelType& t : obkChannelTypes())
        if (t.role == role && sameScale(t.scale, scale))
            return &t;
    return nullptr;
}

const ObkChannelType* obkChannelTypeNamed(const QString& channelType)
{
    for (const ObkChannelType& t : obkChannelTypes())
        if (t.channelType.compare(channelType, Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

QString obkVarType(DpKind kind)
{
    switch (kind) {
    case DpKind::Bool: return QStringLiteral("bool");
    case DpKind::Enum: return QStringLiteral("enum");
    case DpKind::String: return QStringLiteral("str");
    case DpKind::Raw: return QStringLiteral("raw");
    case DpKind::Value:
    case DpKind::Bitmap: // OpenBeken has no bitmap type; a bitmap is a 1-4 byte number
    case DpKind::Json:
    case DpKind::Unknown: break;
    }
    return QStringLiteral("val");
}

std::optional<DpKind> obkKindFromVarType(const QString& varType)
{
    static const QVector<std::pair<QString, DpKind>> names{
        {QStringLiteral("raw"), DpKind::Raw},     {QStringLiteral("0"), DpKind::Raw},   {QStringLiteral("bool"), DpKind::Bool},
        {QStringLiteral("1"), DpKind::Bool},      {QStringLiteral("val"), DpKind::Value}, {QStringLiteral("value"), DpKind::Value},
        {QStringLiteral("2"), DpKind::Value},     {QStringLiteral("str"), DpKind::String}, {QStringLiteral("string"), DpKind::String},
        {QStringLiteral("3"), DpKind::String},    {QStringLiteral("enum"), DpKind::Enum}, {QStringLiteral("4"), DpKind::Enum},
        {QStringLiteral("bitmap"), DpKind::Bitmap}, {QStringLiteral("5"), DpKind::Bitmap}};
    for (const auto& [name, kind] : names)
        if (name.compare(varType, Qt::CaseInsensitive) == 0)
            return kind;
    return std::nullopt;
}

} // namespace tuyascope::dpmap
