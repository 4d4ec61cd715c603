#include "keys/DpLabel.h"

#include "keys/JsonRead.h"

namespace tuyascope::keys {

namespace {

QString withUnit(const QString& text, const DpSpec& spec)
{
    return spec.unit.isEmpty() ? text : text + QLatin1Char(' ') + spec.unit;
}

QString valueText(const DpSpec& spec, const QJsonValue& value)
{
    const std::optional<qint64> raw = value.isDouble() ? readInteger(value) : std::nullopt;
    if (!raw)
        return jsonText(value); // not an integer: shown as sent
    const qint64 number = *raw;
    QString text = withUnit(scaledText(number, spec.scale), spec);
    if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max))
        text += QStringLiteral(" (outside %1..%2)")
                    .arg(spec.min ? scaledText(*spec.min, spec.scale) : QString(),
                         spec.max ? scaledText(*spec.max, spec.scale) : QString());
    return text;
}

// LAN devices send the label ("colour"), TuyaMCU the index (1): show both either way.
QString enumText(const DpSpec& spec, const QJsonValue& value)
{
    if (value.isString()) {
        const qsizetype index = spec.range.indexOf(value.toString());
        if (index >= 0)
            return QStringLiteral("%1 (index %2)").arg(value.toString()).arg(index);
    } else if (const std::optional<qint64> index = value.isDouble() ? readInteger(value) : std::nullopt) {
        if (*index >= 0 && *index < spec.range.size())
            return QStringLiteral("%1 (index %2)").arg(spec.range.at(qsizetype(*index))).arg(*index);
    }
    return spec.range.isEmpty() ? jsonText(value) : jsonText(value) + QStringLiteral(" (not in range)");
}

QString bitmapText(const DpSpec& spec, qint64 bits)
{
    if (bits < 0)
        return QString::number(bits);
    QStringList set;
    for (int bit = 0; bit < 63; ++bit) {
        if (bits & (qint64(1) << bit))
            set.push_back(bit < spec.labels.size() ? spec.labels.at(bit) : QStringLiteral("bit %1").arg(bit));
    }
    return QStringLiteral("0x%1 (%2)").arg(QString::number(bits, 16), set.isEmpty() ? QStringLiteral("none") : set.join(QStringLiteral(", ")));
}

} // namespace

QString scaledText(qint64 raw, int scale)
{
    if (scale <= 0 || scale > DpSpec::kMaxScale)
        return QString::number(raw);
    qint64 divisor = 1;
    for (int i = 0; i < scale; ++i)
        divisor *= 10;
    // |raw| <= 2^53 (readInteger), so negation cannot overflow.
    const bool negative = raw < 0;
    const qint64 magnitude = negative ? -raw : raw;
    const QString fraction = QString::number(magnitude % divisor).rightJustified(scale, QLatin1Char('0'));
    return QStringLiteral("%1%2.%3").arg(negative ? QStringLiteral("-") : QString()).arg(magnitude / divisor).arg(fraction);
}

QString dpValueText(const DpSpec* spec, const QJsonValue& value)
{
    if (!spec)
        return jsonText(value);
    switch (spec->kind) {
    case DpKind::Bool:
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        if (const std::optional<qint64> n = readInteger(value); n && value.isDouble() && (*n == 0 || *n == 1))
            return *n ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case DpKind::Value:
        if (value.isDouble() && readInteger(value))
            return valueText(*spec, value);
        break;
    case DpKind::Enum:
        return enumText(*spec, value);
    case DpKind::Bitmap:
        if (const std::optional<qint64> bits = value.isDouble() ? readInteger(value) : std::nullopt)
            return bitmapText(*spec, *bits);
        break;
    case DpKind::String:
    case DpKind::Raw:
    case DpKind::Json:
    case DpKind::Unknown:
        break;
    }
    return jsonText(value);
}

QString dpLabel(const DpSpec* spec, int dpId, const QJsonValue& value)
{
    const QString name = spec ? spec->displayName() : QStringLiteral("dp %1").arg(dpId);
    return name + QStringLiteral(" = ") + dpValueText(spec, value);
}

QString dpLabel(const DeviceEntry* device, int dpId, const QJsonValue& value)
{
    return dpLabel(device ? device->dp(dpId) : nullptr, dpId, value);
}

} // namespace tuyascope::keys
