#include "lanclient/LanSetConfirmation.h"

namespace tuyascope::lanclient {

bool sameDpValue(const QJsonValue& a, const QJsonValue& b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

LanSetConfirmation::LanSetConfirmation(const DpList& written) : m_written(written) {}

bool LanSetConfirmation::observe(const QJsonObject& reported)
{
    if (m_written.isEmpty() || isConfirmed())
        return false;
    bool touched = false;
    for (const auto& dp : std::as_const(m_written)) {
        const auto it = reported.constFind(dp.first);
        if (it == reported.constEnd())
            continue;
        m_reported.insert(dp.first, it.value());
        touched = true;
    }
    return touched && isConfirmed();
}

QStringList LanSetConfirmation::pending() const
{
    QStringList ids;
    for (const auto& dp : m_written) {
        const auto it = m_reported.constFind(dp.first);
        if (it == m_reported.constEnd() || !sameDpValue(it.value(), dp.second))
            ids << dp.first;
    }
    return ids;
}

QJsonObject LanSetConfirmation::written() const
{
    QJsonObject o;
    for (const auto& dp : m_written)
        o.insert(dp.first, dp.second);
    return o;
}

} // namespace tuyascope::lanclient
