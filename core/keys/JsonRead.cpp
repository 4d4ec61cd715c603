#include "keys/JsonRead.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace tuyascope::keys {

namespace {
constexpr double kMaxExact = 9007199254740992.0; // 2^53: beyond it doubles are not integers we can trust
}

std::optional<qint64> readInteger(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::fabs(d) > kMaxExact || std::trunc(d) != d)
            return std::nullopt;
        return qint64(d);
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (ok && n <= qint64(kMaxExact) && n >= -qint64(kMaxExact))
            return n;
    }
    return std::nullopt;
}

QString jsonText(const QJsonValue& value)
{
    if (value.isUndefined())
        return QStringLiteral("undefined");
    // QJsonDocument only serialises containers: wrap and strip the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString quotedForNote(const QJsonValue& value, int limit)
{
    const QString text = jsonText(value);
    if (text.size() <= limit)
        return text;
    return text.left(limit) + QStringLiteral("\u2026");
}

QString jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

} // namespace tuyascope::keys
