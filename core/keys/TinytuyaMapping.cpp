#include "keys/TinytuyaMapping.h"

#include "keys/DpConstraints.h"
#include "keys/JsonRead.h"
#include "keys/KeyNotes.h"

#include <QJsonDocument>

namespace tuyascope::keys {

namespace {

bool allDigits(const QString& text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

void readValues(const QJsonValue& values, DpSpec& spec, const QString& where, QVector<Diagnostic>& notes)
{
    if (values.isUndefined() || values.isNull())
        return;
    if (values.isString()) {
        // tinytuya keeps String DPs' values as the cloud's text; keep it verbatim and read what
        // it says when it is JSON ("{\"maxlen\":255}").
        spec.valuesText = values.toString();
        const QJsonDocument doc = QJsonDocument::fromJson(spec.valuesText.toUtf8());
        if (doc.isObject())
            readDpConstraints(doc.object(), spec, where, notes);
        return;
    }
    if (values.isObject()) {
        // Json DPs describe sub-fields (h, s, v): keep them as text, they have no flat shape.
        if (spec.kind == DpKind::Json)
            spec.valuesText = QString::fromUtf8(QJsonDocument(values.toObject()).toJson(QJsonDocument::Compact));
        readDpConstraints(values.toObject(), spec, where, notes);
        return;
    }
    notes.push_back(keyWarning(where, QStringLiteral("expected an object or a string, got %1; ignored")
                                          .arg(jsonTypeName(values))));
}

} // namespace

std::optional<int> parseDpId(const QString& text)
{
    const QString t = text.trimmed();
    if (!allDigits(t) || t.size() > 6)
        return std::nullopt;
    const int id = t.toInt();
    if (id > DpSpec::kMaxId)
        return std::nullopt;
    return id;
}

QVector<DpSpec> parseTinytuyaMapping(const QJsonValue& mapping, const QString& where, QVector<Diagnostic>& notes)
{
    QVector<DpSpec> out;
    if (mapping.isUndefined() || mapping.isNull()) // null: tinytuya's download failed
        return out;
    if (!mapping.isObject()) {
        notes.push_back(keyWarning(where, QStringLiteral("expected an object, got %1; ignored").arg(jsonTypeName(mapping))));
        return out;
    }
    const QJsonObject object = mapping.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QString at = where + QLatin1Char('.') + key;
        if (!it.value().isObject()) {
            notes.push_back(keyWarning(at, QStringLiteral("expected an object, got %1; skipped").arg(jsonTypeName(it.value()))));
            continue;
        }
        const QJsonObject entry = it.value().toObject();
        DpSpec spec;
        if (const std::optional<int> id = parseDpId(key)) {
            spec.id = *id;
        } else if (allDigits(key.trimmed())) {
            notes.push_back(keyWarning(at, QStringLiteral("DP id beyond %1; skipped").arg(DpSpec::kMaxId)));
            continue;
        }
        const QJsonValue codeValue = entry.value(QLatin1String("code"));
        if (codeValue.isString())
            spec.code = codeValue.toString();
        else if (!codeValue.isUndefined() && !codeValue.isNull())
            notes.push_back(keyWarning(at + QStringLiteral(".code"), QStringLiteral("expected a string, got %1; ignored")
                                                                        .arg(jsonTypeName(codeValue))));
        if (spec.id == DpSpec::kNoId && spec.code.isEmpty())
            spec.code = key; // keyed by code: the key is the code
        const QJsonValue nameValue = entry.value(QLatin1String("name"));
        if (nameValue.isString())
            spec.name = nameValue.toString();
        const QJsonValue modeValue = entry.value(QLatin1String("mode"));
        if (modeValue.isString())
            spec.mode = modeValue.toString();

        const QJsonValue typeValue = entry.value(QLatin1String("type"));
        if (typeValue.isString()) {
            if (const std::optional<DpKind> kind = dpKindFromName(typeValue.toString()))
                spec.kind = *kind;
            else
                notes.push_back(keyWarning(at + QStringLiteral(".type"),
                                           QStringLiteral("unknown type %1; kept as unknown").arg(quotedForNote(typeValue))));
        } else if (!typeValue.isUndefined() && !typeValue.isNull()) {
            notes.push_back(keyWarning(at + QStringLiteral(".type"), QStringLiteral("expected a string, got %1")
                                                                        .arg(jsonTypeName(typeValue))));
        }
        readValues(entry.value(QLatin1String("values")), spec, at + QStringLiteral(".values"), notes);
        out.push_back(spec);
    }
    return out;
}

namespace {

// The mapping key a spec is written under: its id, else its code, unless that code would read
// back as an id.
QString mappingKey(const DpSpec& spec)
{
    if (spec.id != DpSpec::kNoId)
        return QString::number(spec.id);
    return allDigits(spec.code.trimmed()) ? QStringLiteral("code:") + spec.code : spec.code;
}

} // namespace

QJsonObject tinytuyaMappingJson(const QVector<DpSpec>& dps)
{
    QJsonObject mapping;
    for (const DpSpec& spec : dps) {
        QJsonObject entry;
        entry.insert(QLatin1String("code"), spec.code);
        if (spec.kind != DpKind::Unknown)
            entry.insert(QLatin1String("type"), dpKindTinytuyaName(spec.kind));
        if (!spec.name.isEmpty())
            entry.insert(QLatin1String("name"), spec.name);
        if (!spec.mode.isEmpty())
            entry.insert(QLatin1String("mode"), spec.mode);
        // The verbatim text when the source gave one, so the reader sees exactly the same input
        // (a Json DP always keeps its text, even an empty one).
        if (!spec.valuesText.isEmpty() || spec.kind == DpKind::Json)
            entry.insert(QLatin1String("values"), spec.valuesText);
        else
            entry.insert(QLatin1String("values"), dpConstraintsJson(spec));
        mapping.insert(mappingKey(spec), entry);
    }
    return mapping;
}

} // namespace tuyascope::keys
