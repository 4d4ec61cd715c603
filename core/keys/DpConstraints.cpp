#include "keys/DpConstraints.h"

#include "keys/JsonRead.h"
#include "keys/KeyNotes.h"

#include <QJsonArray>

namespace tuyascope::keys {

namespace {

std::optional<qint64> integerField(const QJsonObject& values, QLatin1String name, const QString& where,
                                   QVector<Diagnostic>& notes)
{
    const QJsonValue v = values.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const std::optional<qint64> n = readInteger(v);
    if (!n)
        notes.push_back(keyWarning(where + QLatin1Char('.') + name,
                                   QStringLiteral("expected an integer, got %1; ignored").arg(quotedForNote(v))));
    return n;
}

// Enum ranges and bitmap labels: strings; anything else is kept as its JSON text.
QStringList textList(const QJsonObject& values, QLatin1String name, const QString& where, QVector<Diagnostic>& notes)
{
    const QJsonValue v = values.value(name);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray()) {
        notes.push_back(keyWarning(where + QLatin1Char('.') + name,
                                   QStringLiteral("expected a list, got %1; ignored").arg(jsonTypeName(v))));
        return {};
    }
    QStringList out;
    for (const QJsonValue item : v.toArray())
        out.push_back(item.isString() ? item.toString() : jsonText(item));
    return out;
}

} // namespace

void readDpConstraints(const QJsonObject& values, DpSpec& spec, const QString& where, QVector<Diagnostic>& notes)
{
    const QJsonValue unit = values.value(QLatin1String("unit"));
    if (unit.isString())
        spec.unit = normaliseUnit(unit.toString());
    else if (!unit.isUndefined() && !unit.isNull())
        notes.push_back(keyWarning(where + QStringLiteral(".unit"),
                                   QStringLiteral("expected a string, got %1; ignored").arg(jsonTypeName(unit))));

    spec.min = integerField(values, QLatin1String("min"), where, notes);
    spec.max = integerField(values, QLatin1String("max"), where, notes);
    spec.step = integerField(values, QLatin1String("step"), where, notes);
    if (const std::optional<qint64> scale = integerField(values, QLatin1String("scale"), where, notes)) {
        // Beyond 10^9 a scale is nonsense and would overflow the exact formatting.
        if (*scale >= 0 && *scale <= DpSpec::kMaxScale)
            spec.scale = int(*scale);
        else
            notes.push_back(keyWarning(where + QStringLiteral(".scale"),
                                       QStringLiteral("%1 is outside 0..%2; ignored").arg(*scale).arg(DpSpec::kMaxScale)));
    }
    if (const std::optional<qint64> maxLen = integerField(values, QLatin1String("maxlen"), where, notes)) {
        if (*maxLen >= 0 && *maxLen <= 0x7fffffff)
            spec.maxLen = int(*maxLen);
        else
            notes.push_back(keyWarning(where + QStringLiteral(".maxlen"), QStringLiteral("negative or huge; ignored")));
    }
    spec.range = textList(values, QLatin1String("range"), where, notes);
    spec.labels = textList(values, QLatin1String("label"), where, notes);
}

QJsonObject dpConstraintsJson(const DpSpec& spec)
{
    QJsonObject o;
    if (!spec.unit.isEmpty())
        o.insert(QLatin1String("unit"), spec.unit);
    if (spec.min)
        o.insert(QLatin1String("min"), double(*spec.min));
    if (spec.max)
        o.insert(QLatin1String("max"), double(*spec.max));
    if (spec.step)
        o.insert(QLatin1String("step"), double(*spec.step));
    if (spec.scale != 0 || spec.kind == DpKind::Value)
        o.insert(QLatin1String("scale"), spec.scale);
    if (spec.maxLen)
        o.insert(QLatin1String("maxlen"), *spec.maxLen);
    if (!spec.range.isEmpty())
        o.insert(QLatin1String("range"), QJsonArray::fromStringList(spec.range));
    if (!spec.labels.isEmpty())
        o.insert(QLatin1String("label"), QJsonArray::fromStringList(spec.labels));
    return o;
}

} // namespace tuyascope::keys
