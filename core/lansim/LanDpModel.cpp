#include "lansim/LanDpModel.h"

#include "tuyamcu/DpUnit.h"

#include <cmath>

namespace tuyascope::lansim {

using mcu::DpType;

LanDpModel::LanDpModel(const DeviceProfile& profile, quint32 seed) : m_profile(profile), m_state(profile, seed) {}

QJsonObject LanDpModel::allDps() const
{
    QJsonObject dps;
    for (const DpProfile& dp : m_profile.dps)
        dps.insert(QString::number(dp.id), toJson(dp, m_state.value(dp.id)));
    return dps;
}

QJsonValue LanDpModel::value(quint8 id) const
{
    const DpProfile* dp = m_profile.dp(id);
    return dp ? toJson(*dp, m_state.value(id)) : QJsonValue(QJsonValue::Null);
}

QJsonValue LanDpModel::toJson(const DpProfile& dp, const QByteArray& bytes)
{
    switch (dp.type) {
    case DpType::Bool:
        return bytes.size() == 1 && bytes.at(0) != 0;
    case DpType::Value:
    case DpType::Bitmap:
        return double(mcu::dpIntegerValue(quint8(dp.type), bytes));
    case DpType::Enum: {
        const qint64 index = mcu::dpIntegerValue(quint8(dp.type), bytes);
        if (index >= 0 && index < dp.labels.size())
            return dp.labels.at(int(index));
        return double(index);
    }
    case DpType::String:
        return QString::fromUtf8(bytes);
    case DpType::Raw:
        return QString::fromLatin1(bytes.toBase64());
    }
    return QJsonValue(QJsonValue::Null);
}

namespace {

bool integral(const QJsonValue& value, qint64* out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < -9.2e18 || d > 9.2e18)
        return false;
    *out = qint64(d);
    return true;
}

QByteArray bigEndian(qint64 v, int width)
{
    QByteArray out(width, '\0');
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char(quint8(quint64(v) & 0xFFu));
        v = qint64(quint64(v) >> 8);
    }
    return out;
}

} // namespace

QByteArray LanDpModel::fromJson(const DpProfile& dp, const QJsonValue& value, QString* why)
{
    const auto fail = [why](const QString& text) {
        if (why)
            *why = text;
        return QByteArray();
    };
    qint64 n = 0;
    switch (dp.type) {
    case DpType::Bool:
        if (!value.isBool())
            return fail(QStringLiteral("expects true or false"));
        return QByteArray(1, value.toBool() ? '\1' : '\0');
    case DpType::Value:
        if (!integral(value, &n))
            return fail(QStringLiteral("expects an integer"));
        if (n < dp.minimum || n > dp.maximum)
            return fail(QStringLiteral("%1 is out of range %2..%3").arg(n).arg(dp.minimum).arg(dp.maximum));
        return bigEndian(n, 4);
    case DpType::Bitmap:
        if (!integral(value, &n) || n < 0)
            return fail(QStringLiteral("expects a non-negative integer"));
        if (dp.bitmapBytes < 8 && n >= (qint64(1) << (8 * dp.bitmapBytes)))
            return fail(QStringLiteral("%1 does not fit %2 byte(s)").arg(n).arg(dp.bitmapBytes));
        return bigEndian(n, dp.bitmapBytes);
    case DpType::Enum:
        if (value.isString()) {
            const qsizetype index = dp.labels.indexOf(value.toString());
            if (index < 0)
                return fail(QStringLiteral("\"%1\" is not one of its labels").arg(value.toString()));
            return QByteArray(1, char(quint8(index)));
        }
        if (!integral(value, &n) || n < 0 || n > 255)
            return fail(QStringLiteral("expects a label or an index"));
        return QByteArray(1, char(quint8(n)));
    case DpType::String:
        if (!value.isString())
            return fail(QStringLiteral("expects a string"));
        return value.toString().toUtf8();
    case DpType::Raw: {
        if (!value.isString())
            return fail(QStringLiteral("expects base64 text"));
        auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("expects base64 text"));
        return decoded.decoded;
    }
    }
    return fail(QStringLiteral("unknown type"));
}

LanDpModel::WriteResult LanDpModel::write(const QString& id, const QJsonValue& value, QString* why)
{
    bool ok = false;
    const uint number = id.toUInt(&ok);
    const DpProfile* dp = ok && number <= 255 ? m_profile.dp(quint8(number)) : nullptr;
    if (!dp) {
        if (why)
            *why = QStringLiteral("dp %1: not in the profile").arg(id);
        return WriteResult::Rejected;
    }
    if (!dp->settable) {
        if (why)
            *why = QStringLiteral("%1: read-only").arg(dp->label());
        return WriteResult::Rejected;
    }
    QString problem;
    const QByteArray bytes = fromJson(*dp, value, &problem);
    if (problem.isEmpty() && !dp->accepts(quint8(dp->type), bytes, &problem) && problem.isEmpty())
        problem = QStringLiteral("not accepted");
    if (!problem.isEmpty()) {
        if (why)
            *why = QStringLiteral("%1: %2").arg(dp->label(), problem);
        return WriteResult::Rejected;
    }
    return m_state.set(dp->id, bytes) ? WriteResult::Applied : WriteResult::Unchanged;
}

} // namespace tuyascope::lansim
