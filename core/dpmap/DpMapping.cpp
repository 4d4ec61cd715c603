#include "dpmap/DpMapping.h"

#include "dpmap/DpLabels.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace tuyascope {

namespace {

const QString kFormat = QStringLiteral("tuyascope-dp-mapping");

bool readEntry(const QJsonObject& o, const QString& where, DpMapEntry& e, QVector<Diagnostic>& notes)
{
    const QJsonValue id = o.value(QStringLiteral("id"));
    const double idNumber = id.isString() ? id.toString().toDouble() : id.toDouble(-1);
    if (idNumber != std::floor(idNumber) || idNumber < 1 || idNumber > 255) {
        notes << mappingNote(Severity::Warning, QStringLiteral("%1: \"id\" must be a dpId 1..255; entry skipped").arg(where));
        return false;
    }
    e.id = int(idNumber);
    e.name = o.value(QStringLiteral("name")).toString();
    e.role = o.value(QStringLiteral("role")).toString();
    e.unit = o.value(QStringLiteral("unit")).toString();
    const QString type = o.value(QStringLiteral("type")).toString();
    if (!type.isEmpty()) {
        if (const std::optional<keys::DpKind> kind = keys::dpKindFromName(type))
            e.kind = *kind;
        else
            notes << mappingNote(Severity::Warning, QStringLiteral("%1: unknown type \"%2\"; left unknown").arg(where, type));
    }
    const QJsonValue scale = o.value(QStringLiteral("scale"));
    if (!scale.isUndefined()) {
        if (scale.isDouble() && isValidDpScale(scale.toDouble()))
            e.scale = scale.toDouble();
        else
            notes << mappingNote(Severity::Warning, QStringLiteral("%1: \"scale\" must be a finite non-zero number; 1 used").arg(where));
    }
    for (const char* key : {"min", "max"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble())) {
            notes << mappingNote(Severity::Warning, QStringLiteral("%1: \"%2\" must be a whole number; ignored").arg(where, QLatin1String(key)));
            continue;
        }
        (key[1] == 'i' ? e.min : e.max) = qint64(v.toDouble());
    }
    for (const QJsonValue& label : o.value(QStringLiteral("enum")).toArray())
        e.enumLabels << label.toVariant().toString();
    static const QStringList known{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("type"),
                                   QStringLiteral("scale"), QStringLiteral("unit"), QStringLiteral("min"), QStringLiteral("max"),
                                   QStringLiteral("enum")};
    for (const QString& key : o.keys())
        if (!known.contains(key))
            notes << mappingNote(Severity::Note, QStringLiteral("%1: unknown key \"%2\" ignored").arg(where, key));
    return true;
}

} // namespace

Diagnostic mappingNote(Severity severity, const QString& message, int line)
{
    Diagnostic d;
    d.severity = severity;
    d.code = severity >= Severity::Error ? diag::ImportError : diag::ImportWarning;
    d.message = line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message) : message;
    return d;
}

QStringList knownDpRoles()
{
    return {QStringLiteral("switch"), QStringLiteral("switch_inverted"), QStringLiteral("countdown"), QStringLiteral("brightness"),
            QStringLiteral("colour_temperature"), QStringLiteral("colour_hsv"), QStringLiteral("light_mode"), QStringLiteral("mode"),
            QStringLiteral("fan_speed"), QStringLiteral("temperature_current"), QStringLiteral("temperature_target"),
            QStringLiteral("humidity"), QStringLiteral("humidity_target"), QStringLiteral("battery_level"), QStringLiteral("battery_state"),
            QStringLiteral("contact"), QStringLiteral("motion"), QStringLiteral("fault"), QStringLiteral("voltage"), QStringLiteral("current"),
            QStringLiteral("power"), QStringLiteral("energy"), QStringLiteral("power_factor"), QStringLiteral("frequency"),
            QStringLiteral("motor_direction"), QStringLiteral("child_lock"), QStringLiteral("position"), QStringLiteral("cover_control"),
            QStringLiteral("temperature_unit"), QStringLiteral("oscillation"), QStringLiteral("work_state"), QStringLiteral("power_on_state"),
            QStringLiteral("lock"), QStringLiteral("energy_pack"), QStringLiteral("schedule"), QStringLiteral("filter_life"),
            QStringLiteral("pm25"), QStringLiteral("pm10"), QStringLiteral("co2"), QStringLiteral("voc"), QStringLiteral("illuminance"),
            QStringLiteral("presence"), QStringLiteral("leak"), QStringLiteral("gas"), QStringLiteral("smoke"), QStringLiteral("tamper")};
}

const DpMapEntry* DpMapping::find(int id) const
{
    for (const DpMapEntry& e : dps)
        if (e.id == id)
            return &e;
    return nullptr;
}

DpMapEntry& DpMapping::entry(int id)
{
    auto it = std::lower_bound(dps.begin(), dps.end(), id, [](const DpMapEntry& e, int i) { return e.id < i; });
    if (it == dps.end() || it->id != id) {
        DpMapEntry e;
        e.id = id;
        it = dps.insert(it, e);
    }
    return *it;
}

QVector<const DpMapEntry*> DpMapping::withRole(const QString& role) const
{
    QVector<const DpMapEntry*> found;
    for (const DpMapEntry& e : dps)
        if (e.role == role)
            found << &e;
    return found;
}

QJsonObject DpMapping::toJson() const
{
    QJsonArray list;
    for (const DpMapEntry& e : dps) {
        QJsonObject o{{QStringLiteral("id"), e.id}};
        if (!e.name.isEmpty())
            o.insert(QStringLiteral("name"), e.name);
        if (!e.role.isEmpty())
            o.insert(QStringLiteral("role"), e.role);
        if (e.kind != keys::DpKind::Unknown)
            o.insert(QStringLiteral("type"), keys::dpKindName(e.kind));
        if (e.scale != 1)
            o.insert(QStringLiteral("scale"), e.scale);
        if (!e.unit.isEmpty())
            o.insert(QStringLiteral("unit"), e.unit);
        if (e.min)
            o.insert(QStringLiteral("min"), double(*e.min));
        if (e.max)
            o.insert(QStringLiteral("max"), double(*e.max));
        if (!e.enumLabels.isEmpty())
            o.insert(QStringLiteral("enum"), QJsonArray::fromStringList(e.enumLabels));
        list << o;
    }
    QJsonObject root{{QStringLiteral("format"), kFormat}, {QStringLiteral("version"), kVersion}, {QStringLiteral("dps"), list}};
    if (!productId.isEmpty())
        root.insert(QStringLiteral("product_id"), productId);
    return root;
}

std::optional<DpMapping> DpMapping::fromJson(const QByteArray& json, QVector<Diagnostic>& notes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        notes << mappingNote(Severity::Error, error.error != QJsonParseError::NoError
                                                  ? QStringLiteral("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset)
                                                  : QStringLiteral("not a dp mapping (the top level is not an object)"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat || !root.value(QStringLiteral("dps")).isArray()) {
        notes << mappingNote(Severity::Error, QStringLiteral("not a dp mapping (needs \"format\": \"%1\" and a \"dps\" list)").arg(kFormat));
        return std::nullopt;
    }
    if (root.value(QStringLiteral("version")).toInt(kVersion) > kVersion) {
        notes << mappingNote(Severity::Error, QStringLiteral("mapping version %1 is newer than this TuyaScope reads (%2)")
                                                  .arg(root.value(QStringLiteral("version")).toInt()).arg(kVersion));
        return std::nullopt;
    }
    DpMapping mapping;
    mapping.productId = root.value(QStringLiteral("product_id")).toString();
    const QJsonArray list = root.value(QStringLiteral("dps")).toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("dps[%1]").arg(i);
        if (!list.at(i).isObject()) {
            notes << mappingNote(Severity::Warning, QStringLiteral("%1: not an object; skipped").arg(where));
            continue;
        }
        DpMapEntry e;
        if (!readEntry(list.at(i).toObject(), where, e, notes))
            continue;
        if (mapping.find(e.id))
            notes << mappingNote(Severity::Warning, QStringLiteral("%1: dp %2 given twice; the later wins").arg(where).arg(e.id));
        mapping.entry(e.id) = e;
    }
    return mapping;
}

DpMapping mappingFromLabels(const DpLabels& labels)
{
    DpMapping mapping;
    for (auto it = labels.labels().constBegin(); it != labels.labels().constEnd(); ++it) {
        bool ok = false;
        const int id = it.key().toInt(&ok);
        if (!ok || id < 1 || id > 255)
            continue;
        DpMapEntry& e = mapping.entry(id);
        e.name = it->name;
        e.role = it->role;
        e.scale = it->scale;
        e.unit = it->unit;
        e.enumLabels = it->enumLabels;
    }
    return mapping;
}

void applyMappingToLabels(const DpMapping& mapping, DpLabels& labels)
{
    for (const DpMapEntry& e : mapping.dps) {
        const QString id = QString::number(e.id);
        DpLabel label = labels.label(id); // notes and unknown keys stay
        // What the mapping leaves open keeps the label's own value (a Tasmota line names no dp).
        if (!e.name.isEmpty())
            label.name = e.name;
        if (!e.role.isEmpty())
            label.role = e.role;
        if (e.scale != 1 || !e.unit.isEmpty()) {
            label.scale = e.scale;
            label.unit = e.unit;
        }
        if (!e.enumLabels.isEmpty())
            label.enumLabels = e.enumLabels;
        labels.setLabel(id, label);
    }
}

} // namespace tuyascope
