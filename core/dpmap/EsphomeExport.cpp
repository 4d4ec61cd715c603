// ESPHome: `uart:`, `tuya:` and one entity per dp under its platform key (switch, binary_sensor,
// sensor, number, select, light, climate), each `platform: tuya` with its datapoint and, for
// scaled numbers, the multiplier. Dps without an ESPHome tuya entity are `#` comments.
#include "dpmap/MappingExport.h"

#include <QMap>

#include <cmath>

namespace tuyascope {

namespace {

QString quoted(const QString& text)
{
    QString t = text;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

QString entityName(const DpMapEntry& e)
{
    if (!e.name.isEmpty())
        return e.name;
    return e.role.isEmpty() ? QStringLiteral("dp %1").arg(e.id) : QStringLiteral("%1 (dp %2)").arg(e.role).arg(e.id);
}

int decimalsFor(double scale)
{
    return scale >= 1 ? 0 : std::min(6, int(std::ceil(-std::log10(scale) - 1e-9)));
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

const QMap<QString, std::pair<QString, QString>>& sensorRoles() // role -> device_class, default unit
{
    static const QMap<QString, std::pair<QString, QString>> roles{
        {QStringLiteral("voltage"), {QStringLiteral("voltage"), QStringLiteral("V")}},
        {QStringLiteral("current"), {QStringLiteral("current"), QStringLiteral("A")}},
        {QStringLiteral("power"), {QStringLiteral("power"), QStringLiteral("W")}},
        {QStringLiteral("energy"), {QStringLiteral("energy"), QStringLiteral("kWh")}},
        {QStringLiteral("power_factor"), {QStringLiteral("power_factor"), QString()}},
        {QStringLiteral("frequency"), {QStringLiteral("frequency"), QStringLiteral("Hz")}},
        {QStringLiteral("temperature_current"), {QStringLiteral("temperature"), QStringLiteral("°C")}},
        {QStringLiteral("humidity"), {QStringLiteral("humidity"), QStringLiteral("%")}},
        {QStringLiteral("battery_level"), {QStringLiteral("battery"), QStringLiteral("%")}},
    };
    return roles;
}

struct Yaml {
    QMap<QString, QStringList> entities; // platform key -> list items, each "  - ..." lines
    QStringList comments;

    void add(const QString& platform, const QStringList& lines)
    {
        QStringList& out = entities[platform];
        out << QStringLiteral("  - platform: tuya");
        for (const QString& line : lines)
            out << QStringLiteral("    ") + line;
    }
};

void addSensor(Yaml& y, const DpMapEntry& e)
{
    const auto [deviceClass, defaultUnit] = sensorRoles().value(e.role);
    const QString unit = e.unit.isEmpty() ? defaultUnit : e.unit;
    QStringList lines{QStringLiteral("name: %1").arg(quoted(entityName(e))), QStringLiteral("sensor_datapoint: %1").arg(e.id)};
    if (!unit.isEmpty())
        lines << QStringLiteral("unit_of_measurement: %1").arg(quoted(unit));
    lines << QStringLiteral("device_class: %1").arg(deviceClass) << QStringLiteral("accuracy_decimals: %1").arg(decimalsFor(e.scale));
    if (e.scale != 1)
        lines << QStringLiteral("filters:") << QStringLiteral("  - multiply: %1").arg(number(e.scale));
    y.add(QStringLiteral("sensor"), lines);
}

bool isSelectRole(const QString& role)
{
    return role == QLatin1String("mode") || role == QLatin1String("fan_speed") || role == QLatin1String("light_mode")
        || role == QLatin1String("battery_state") || role == QLatin1String("work_state") || role == QLatin1String("temperature_unit")
        || role == QLatin1String("power_on_state") || role == QLatin1String("countdown"); // countdowns that are enums (presets)
}

bool addSelect(Yaml& y, const DpMapEntry& e)
{
    QStringList labels = e.enumLabels;
    for (qint64 v = labels.size(); labels.isEmpty() && e.max && v <= *e.max && v < 64; ++v)
        labels << QString::number(v);
    if (labels.isEmpty())
        return false;
    QStringList lines{QStringLiteral("name: %1").arg(quoted(entityName(e))), QStringLiteral("enum_datapoint: %1").arg(e.id),
                      QStringLiteral("options:")};
    for (int i = 0; i < labels.size(); ++i)
        lines << QStringLiteral("  %1: %2").arg(i).arg(quoted(labels.at(i)));
    y.add(QStringLiteral("select"), lines);
    return true;
}

} // namespace

QString exportEsphome(const DpMapping& mapping, const ExportOptions& options)
{
    Yaml y;
    const DpMapEntry* target = mapping.withRole(QStringLiteral("temperature_target")).value(0);
    const DpMapEntry* current = mapping.withRole(QStringLiteral("temperature_current")).value(0);
    const DpMapEntry* dimmer = mapping.withRole(QStringLiteral("brightness")).value(0);
    const DpMapEntry* colour = mapping.withRole(QStringLiteral("colour_hsv")).value(0);
    if (target) {
        QStringList lines{QStringLiteral("name: %1").arg(quoted(QStringLiteral("thermostat"))),
                          QStringLiteral("target_temperature_datapoint: %1").arg(target->id)};
        if (current)
            lines << QStringLiteral("current_temperature_datapoint: %1").arg(current->id);
        if (target->scale != 1)
            lines << QStringLiteral("temperature_multiplier: %1").arg(number(target->scale));
        if (current && current->scale != target->scale)
            y.comments << QStringLiteral("# dp %1 and dp %2 have different scales; ESPHome uses one temperature_multiplier").arg(target->id).arg(current->id);
        y.add(QStringLiteral("climate"), lines);
    }
    if (dimmer || colour) {
        QStringList lines{QStringLiteral("name: %1").arg(quoted(QStringLiteral("light")))};
        if (dimmer) {
            lines << QStringLiteral("dimmer_datapoint: %1").arg(dimmer->id);
            if (dimmer->min)
                lines << QStringLiteral("min_value: %1").arg(*dimmer->min);
            if (dimmer->max)
                lines << QStringLiteral("max_value: %1").arg(*dimmer->max);
        }
        if (colour)
            lines << QStringLiteral("color_datapoint: %1").arg(colour->id) << QStringLiteral("color_type: hsv");
        y.add(QStringLiteral("light"), lines);
    }
    for (const DpMapEntry& e : mapping.dps) {
        if (&e == target || (current && &e == current && target) || &e == dimmer || &e == colour)
            continue;
        const QString name = QStringLiteral("name: %1").arg(quoted(entityName(e)));
        if (e.role == QLatin1String("switch") || (e.role == QLatin1String("child_lock") && e.kind != keys::DpKind::Enum)) {
            y.add(QStringLiteral("switch"), {name, QStringLiteral("switch_datapoint: %1").arg(e.id)});
        } else if (e.role == QLatin1String("contact") || e.role == QLatin1String("motion")) {
            y.add(QStringLiteral("binary_sensor"), {name, QStringLiteral("sensor_datapoint: %1").arg(e.id),
                                                     QStringLiteral("device_class: %1").arg(e.role == QLatin1String("contact") ? QStringLiteral("door")
                                                                                                                                : QStringLiteral("motion"))});
        } else if (sensorRoles().contains(e.role)) {
            addSensor(y, e);
        } else if ((e.role == QLatin1String("countdown") && e.kind != keys::DpKind::Enum) || e.role == QLatin1String("humidity_target")) {
            QStringList lines{name, QStringLiteral("number_datapoint: %1").arg(e.id),
                              QStringLiteral("min_value: %1").arg(number(double(e.min.value_or(0)) * e.scale)),
                              QStringLiteral("max_value: %1").arg(number(double(e.max.value_or(e.role == QLatin1String("countdown") ? 86400 : 100)) * e.scale)),
                              QStringLiteral("step: %1").arg(number(e.scale))};
            if (e.scale != 1)
                lines << QStringLiteral("multiply: %1").arg(number(1 / e.scale));
            y.add(QStringLiteral("number"), lines);
        } else if (!(isSelectRole(e.role) && addSelect(y, e))) {
            y.comments << QStringLiteral("# %1: %2").arg(describeDpForComment(e), e.role.isEmpty() ? QStringLiteral("role unknown")
                                                                                                      : QStringLiteral("no ESPHome tuya entity written for this role"));
        }
    }
    QStringList out{QStringLiteral("# ESPHome configuration written by TuyaScope%1")
                        .arg(mapping.productId.isEmpty() ? QString() : QStringLiteral(" for product ") + mapping.productId),
                    QStringLiteral("# Set rx_pin/tx_pin to your board's UART (these are the ESP8266 hardware UART)."),
                    QStringLiteral("uart:"), QStringLiteral("  rx_pin: GPIO3"), QStringLiteral("  tx_pin: GPIO1"),
                    QStringLiteral("  baud_rate: %1").arg(options.baudRate), QString(), QStringLiteral("tuya:")};
    for (auto it = y.entities.constBegin(); it != y.entities.constEnd(); ++it)
        out << QString() << it.key() + QLatin1Char(':') << it.value();
    if (!y.comments.isEmpty())
        out << QString() << y.comments;
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tuyascope
