#include "keys/DpSpec.h"

namespace tuyascope::keys {

QString dpKindName(DpKind kind)
{
    switch (kind) {
    case DpKind::Bool: return QStringLiteral("bool");
    case DpKind::Value: return QStringLiteral("value");
    case DpKind::Enum: return QStringLiteral("enum");
    case DpKind::String: return QStringLiteral("string");
    case DpKind::Raw: return QStringLiteral("raw");
    case DpKind::Bitmap: return QStringLiteral("bitmap");
    case DpKind::Json: return QStringLiteral("json");
    case DpKind::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString dpKindTinytuyaName(DpKind kind)
{
    switch (kind) {
    case DpKind::Bool: return QStringLiteral("Boolean");
    case DpKind::Value: return QStringLiteral("Integer");
    case DpKind::Enum: return QStringLiteral("Enum");
    case DpKind::String: return QStringLiteral("String");
    case DpKind::Raw: return QStringLiteral("Raw");
    case DpKind::Bitmap: return QStringLiteral("Bitmap");
    case DpKind::Json: return QStringLiteral("Json");
    case DpKind::Unknown: break;
    }
    return QString();
}

std::optional<DpKind> dpKindFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("bool") || n == QLatin1String("boolean"))
        return DpKind::Bool;
    if (n == QLatin1String("value") || n == QLatin1String("integer") || n == QLatin1String("int"))
        return DpKind::Value;
    if (n == QLatin1String("enum"))
        return DpKind::Enum;
    if (n == QLatin1String("string") || n == QLatin1String("str"))
        return DpKind::String;
    if (n == QLatin1String("raw"))
        return DpKind::Raw;
    if (n == QLatin1String("bitmap") || n == QLatin1String("fault"))
        return DpKind::Bitmap;
    if (n == QLatin1String("json"))
        return DpKind::Json;
    return std::nullopt;
}

QString normaliseUnit(const QString& unit)
{
    if (unit == QStringLiteral("\u2103"))
        return QStringLiteral("\u00b0C");
    if (unit == QStringLiteral("\u2109"))
        return QStringLiteral("\u00b0F");
    if (unit == QStringLiteral("\u79d2"))
        return QStringLiteral("s");
    return unit;
}

QString DpSpec::displayName() const
{
    if (!code.isEmpty())
        return code;
    if (!name.isEmpty())
        return name;
    return QStringLiteral("dp %1").arg(id);
}

bool DpSpec::operator==(const DpSpec& o) const
{
    return id == o.id && code == o.code && name == o.name && kind == o.kind && mode == o.mode
           && scale == o.scale && unit == o.unit && min == o.min && max == o.max && step == o.step
           && range == o.range && labels == o.labels && maxLen == o.maxLen && valuesText == o.valuesText;
}

} // namespace tuyascope::keys
