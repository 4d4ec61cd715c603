#include "keys/Debugfile.h"

#include "keys/DpConstraints.h"
#include "keys/JsonRead.h"
#include "keys/KeyNotes.h"
#include "keys/TinytuyaMapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace tuyascope::keys {

namespace {

QString text(const QJsonObject& o, QLatin1String name)
{
    const QJsonValue v = o.value(name);
    return v.isString() ? v.toString() : QString();
}

std::optional<DpSpec> readDp(const QJsonValue& value, const QString& where, QVector<Diagnostic>& notes)
{
    if (!value.isObject()) {
        notes.push_back(keyError(where, QStringLiteral("expected an object, got %1; skipped").arg(jsonTypeName(value))));
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    DpSpec spec;
    const QJsonValue id = o.value(QLatin1String("id"));
    const std::optional<int> parsed = id.isString() ? parseDpId(id.toString()) : std::nullopt;
    const std::optional<qint64> number = readInteger(id);
    if (parsed)
        spec.id = *parsed;
    else if (id.isDouble() && number && *number >= 0 && *number <= DpSpec::kMaxId)
        spec.id = int(*number);
    else {
        notes.push_back(keyError(where + QStringLiteral(".id"),
                                 QStringLiteral("expected a DP id 0..%1, got %2; skipped").arg(DpSpec::kMaxId).arg(quotedForNote(id))));
        return std::nullopt;
    }
    spec.code = text(o, QLatin1String("code"));
    spec.name = text(o, QLatin1String("name"));
    spec.mode = text(o, QLatin1String("mode"));

    const QJsonValue property = o.value(QLatin1String("property"));
    if (!property.isObject()) {
        notes.push_back(keyWarning(where + QStringLiteral(".property"),
                                   QStringLiteral("expected an object, got %1; type unknown").arg(jsonTypeName(property))));
        return spec;
    }
    QJsonObject p = property.toObject();
    const QJsonValue type = p.value(QLatin1String("type"));
    if (const std::optional<DpKind> kind = type.isString() ? dpKindFromName(type.toString()) : std::nullopt)
        spec.kind = *kind;
    else
        notes.push_back(keyWarning(where + QStringLiteral(".property.type"),
                                   QStringLiteral("unknown type %1; kept as unknown").arg(quotedForNote(type))));
    readDpConstraints(p, spec, where + QStringLiteral(".property"), notes);
    if (spec.kind == DpKind::Json) {
        // Same text a tinytuya Json mapping keeps, so both sources store the sub-schema alike.
        p.remove(QLatin1String("type"));
        spec.valuesText = QString::fromUtf8(QJsonDocument(p).toJson(QJsonDocument::Compact));
    }
    return spec;
}

} // namespace

bool DebugfileImport::hasErrors() const
{
    if (!readable)
        return true;
    return std::any_of(notes.cbegin(), notes.cend(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

DebugfileImport importDebugfile(QByteArrayView json)
{
    DebugfileImport result;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        result.notes.push_back(keyError(QString(), QStringLiteral("not JSON: %1 at offset %2")
                                                      .arg(error.errorString()).arg(error.offset)));
        return result;
    }
    const QJsonValue list = doc.object().value(QLatin1String("Dp_Data"));
    if (!doc.isObject() || !list.isArray()) {
        result.notes.push_back(keyError(QStringLiteral("Dp_Data"), QStringLiteral("missing: not a Debugfile")));
        return result;
    }
    result.readable = true;
    const QJsonValue pid = doc.object().value(QLatin1String("Pro_Key"));
    if (pid.isString())
        result.schema.productKey = pid.toString().trimmed();
    else if (!pid.isUndefined() && !pid.isNull())
        result.notes.push_back(keyWarning(QStringLiteral("Pro_Key"),
                                          QStringLiteral("expected a string, got %1; ignored").arg(jsonTypeName(pid))));

    const QJsonArray entries = list.toArray();
    QVector<DpSpec>& dps = result.schema.dps;
    for (int i = 0; i < int(entries.size()); ++i) {
        const QString where = QStringLiteral("Dp_Data[%1]").arg(i);
        std::optional<DpSpec> spec = readDp(entries.at(i), where, result.notes);
        if (!spec)
            continue;
        const auto at = std::lower_bound(dps.begin(), dps.end(), spec->id,
                                         [](const DpSpec& s, int id) { return s.id < id; });
        if (at != dps.end() && at->id == spec->id) {
            result.notes.push_back(keyNote(Severity::Warning, code::DuplicateDp, where + QStringLiteral(".id"),
                                           QStringLiteral("dp %1 is listed twice; the later entry wins").arg(spec->id)));
            *at = *spec;
        } else {
            dps.insert(at, *spec);
        }
    }
    return result;
}

} // namespace tuyascope::keys
