#pragma once
// What each dp of one device means, in the form every importer fills and every exporter reads:
// id, name, role, type, scale, unit, enum labels and range, plus the product id. The JSON form
// below is what `tuyascope-cli export --mapping MAP` reads and what the importers can write:
//
//   {"format": "tuyascope-dp-mapping", "version": 1, "product_id": "pid (optional)",
//    "dps": [{"id": 20, "name": "voltage", "role": "voltage", "type": "value",
//             "scale": 0.1, "unit": "V", "min": 0, "max": 5000, "enum": ["low", "high"]}]}
//
// Only "id" is required per dp. "scale" is a multiplier (real = raw * scale, default 1); "type" is
// bool/value/enum/string/raw/bitmap; "role" is a key from knownDpRoles() or any other string
// (kept, but exporters list it as a comment). Unknown keys are ignored with a note.

#include "dissect/Diagnostic.h"
#include "keys/DpSpec.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tuyascope {

class DpLabels;

struct DpMapEntry {
    int id = 0;                          // 1..255 (a TuyaMCU dpId)
    QString name;                        // "cur_voltage", "room temperature"; may be empty
    QString role;                        // "switch", "voltage", ...; empty: not known
    keys::DpKind kind = keys::DpKind::Unknown;
    double scale = 1;                    // multiplier: real value = raw * scale
    QString unit;
    QStringList enumLabels;              // enum dps: label per raw value 0, 1, ...
    std::optional<qint64> min;
    std::optional<qint64> max;

    friend bool operator==(const DpMapEntry& a, const DpMapEntry& b)
    {
        return a.id == b.id && a.name == b.name && a.role == b.role && a.kind == b.kind && a.scale == b.scale
            && a.unit == b.unit && a.enumLabels == b.enumLabels && a.min == b.min && a.max == b.max;
    }
    friend bool operator!=(const DpMapEntry& a, const DpMapEntry& b) { return !(a == b); }
};

struct DpMapping {
    static constexpr int kVersion = 1;
    QString productId;
    QVector<DpMapEntry> dps;             // by id ascending (setEntry keeps the order)

    const DpMapEntry* find(int id) const;
    DpMapEntry& entry(int id);           // creates an empty entry for id when there is none
    QVector<const DpMapEntry*> withRole(const QString& role) const;

    QJsonObject toJson() const;
    // Bad entries are skipped with a diagnostic; nullopt only when the text is no mapping at all.
    static std::optional<DpMapping> fromJson(const QByteArray& json, QVector<Diagnostic>& notes);

    friend bool operator==(const DpMapping& a, const DpMapping& b) { return a.productId == b.productId && a.dps == b.dps; }
};

// The role keys exporters understand, for help texts and the interactive mapping.
QStringList knownDpRoles();

// The window's sidecar carries name/scale/unit/role/enum labels per dp; type and range come from
// the capture, so they are not stored there.
DpMapping mappingFromLabels(const DpLabels& labels);
// Applies each entry's name, role, scale with unit, and enum labels; what an entry leaves open
// (empty, or scale 1 without a unit) keeps the label's value, and notes and unknown keys stay.
void applyMappingToLabels(const DpMapping& mapping, DpLabels& labels);

// A diagnostic for importers and exporters: line 0 = not about one line.
Diagnostic mappingNote(Severity severity, const QString& message, int line = 0);

} // namespace tuyascope
