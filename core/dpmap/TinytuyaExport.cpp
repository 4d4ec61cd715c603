// tinytuya: the `mapping` object of a devices.json entry, plus a "role" key per dp (tinytuya
// ignores it; TuyaScope's importer reads it back).
#include "dpmap/MappingExport.h"

#include "keys/TinytuyaMapping.h"

#include <QJsonDocument>
#include <QMap>

#include <cmath>

namespace tuyascope {

QString exportTinytuya(const DpMapping& mapping, const ExportOptions&)
{
    QVector<keys::DpSpec> specs;
    QMap<int, QString> notes;
    for (const DpMapEntry& e : mapping.dps) {
        keys::DpSpec spec;
        spec.id = e.id;
        spec.code = e.name;
        spec.kind = e.kind;
        spec.unit = e.unit;
        spec.min = e.min;
        spec.max = e.max;
        spec.range = e.enumLabels;
        // tinytuya scales are powers of ten: real = raw / 10^scale.
        const double exponent = -std::log10(e.scale);
        if (std::fabs(exponent - std::round(exponent)) < 1e-9 && exponent >= 0 && exponent <= keys::DpSpec::kMaxScale)
            spec.scale = int(std::round(exponent));
        else
            notes.insert(e.id, QStringLiteral("scale %1 is not 1/10^n; tinytuya cannot carry it").arg(e.scale));
        specs << spec;
    }
    QJsonObject json = keys::tinytuyaMappingJson(specs);
    for (const DpMapEntry& e : mapping.dps) {
        QJsonObject entry = json.value(QString::number(e.id)).toObject();
        if (!e.role.isEmpty())
            entry.insert(QStringLiteral("role"), e.role);
        if (notes.contains(e.id))
            entry.insert(QStringLiteral("tuyascope_note"), notes.value(e.id));
        json.insert(QString::number(e.id), entry);
    }
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
}

} // namespace tuyascope
