// The JSON importers: tinytuya `mapping` and Tuya Debugfile, both through core/keys.
#include "dpmap/MappingImport.h"

#include "keys/Debugfile.h"
#include "keys/TinytuyaMapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace tuyascope {

namespace {

void addSpecs(const QVector<keys::DpSpec>& specs, MappingImport& result)
{
    for (const keys::DpSpec& spec : specs) {
        if (spec.id < 1 || spec.id > 255) {
            result.notes << mappingNote(Severity::Warning, QStringLiteral("dp \"%1\" has no TuyaMCU dpId (1..255); skipped")
                                                               .arg(spec.displayName()));
            continue;
        }
        DpMapEntry& e = result.mapping.entry(spec.id);
        e.name = spec.code.isEmpty() ? spec.name : spec.code;
        e.role = roleForTuyaCode(spec.code);
        e.kind = spec.kind;
        e.scale = spec.scale == 0 ? 1 : std::pow(10.0, -spec.scale);
        e.unit = spec.unit;
        e.min = spec.min;
        e.max = spec.max;
        e.enumLabels = spec.range;
    }
}

} // namespace

MappingImport importTinytuyaMapping(QByteArrayView text)
{
    MappingImport result;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        result.notes << mappingNote(Severity::Error, QStringLiteral("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
        return result;
    }
    QJsonValue mapping(QJsonValue::Undefined);
    QString where = QStringLiteral("mapping");
    if (doc.isArray()) {
        const QJsonArray devices = doc.array();
        for (int i = 0; i < devices.size() && mapping.isUndefined(); ++i) {
            const QJsonObject device = devices.at(i).toObject();
            if (device.value(QStringLiteral("mapping")).isObject() && !device.value(QStringLiteral("mapping")).toObject().isEmpty()) {
                mapping = device.value(QStringLiteral("mapping"));
                result.mapping.productId = device.value(QStringLiteral("product_id")).toString();
                where = QStringLiteral("devices[%1].mapping").arg(i);
            }
        }
        if (devices.size() > 1 && !mapping.isUndefined())
            result.notes << mappingNote(Severity::Note, QStringLiteral("%1 devices in the file; %2 used").arg(devices.size()).arg(where));
    } else if (doc.object().contains(QStringLiteral("mapping"))) {
        mapping = doc.object().value(QStringLiteral("mapping"));
        result.mapping.productId = doc.object().value(QStringLiteral("product_id")).toString();
    } else if (doc.isObject()) {
        mapping = doc.object();
    }
    if (!mapping.isObject()) {
        result.notes << mappingNote(Severity::Error, QStringLiteral("no tinytuya `mapping` object found"));
        return result;
    }
    result.readable = true;
    addSpecs(keys::parseTinytuyaMapping(mapping, where, result.notes), result);
    // TuyaScope's exports add "role" (tinytuya ignores it); it wins over the guess from the code.
    const QJsonObject entries = mapping.toObject();
    for (auto it = entries.constBegin(); it != entries.constEnd(); ++it) {
        const std::optional<int> id = keys::parseDpId(it.key());
        const QString role = it.value().toObject().value(QStringLiteral("role")).toString();
        if (id && !role.isEmpty() && result.mapping.find(*id))
            result.mapping.entry(*id).role = role;
    }
    return result;
}

MappingImport importDebugfileMapping(QByteArrayView text)
{
    MappingImport result;
    keys::DebugfileImport debugfile = keys::importDebugfile(text);
    result.notes = debugfile.notes;
    result.readable = debugfile.readable;
    if (!debugfile.readable)
        return result;
    result.mapping.productId = debugfile.schema.productKey;
    addSpecs(debugfile.schema.dps, result);
    return result;
}

} // namespace tuyascope
