#include "simulator/DpState.h"

namespace tuyascope {

namespace {

QByteArray encodeInteger(mcu::DpType type, qint64 value, int width)
{
    const auto bits = type == mcu::DpType::Value ? quint64(quint32(qint32(value))) : quint64(value);
    QByteArray out;
    for (int i = width - 1; i >= 0; --i)
        out.append(char((bits >> (8 * i)) & 0xFF));
    return out;
}

} // namespace

DpState::DpState(const DeviceProfile& profile, quint32 seed) : m_random(seed)
{
    for (const DpProfile& dp : profile.dps)
        m_values.insert(dp.id, dp.initialValue);
}

bool DpState::set(quint8 id, const QByteArray& value)
{
    auto it = m_values.find(id);
    if (it == m_values.end() || *it == value)
        return false;
    *it = value;
    return true;
}

bool DpState::advance(const DpProfile& dp)
{
    using mcu::DpType;
    const QByteArray current = m_values.value(dp.id);
    if (dp.type != DpType::Bool && dp.type != DpType::Enum && dp.type != DpType::Value)
        return false;
    const int width = dp.type == DpType::Value ? 4 : 1;
    if (current.size() != width)
        return false;
    const qint64 v = mcu::dpIntegerValue(quint8(dp.type), current);
    qint64 next = v;
    switch (dp.reporting) {
    case DpProfile::Reporting::None:
    case DpProfile::Reporting::Periodic:
        return false;
    case DpProfile::Reporting::RandomWalk: {
        const quint64 span = quint64(2 * dp.walkStep + 1);
        const qint64 delta = qint64(quint64(nextRandom()) % span) - dp.walkStep;
        next = qBound(dp.minimum, v + delta, dp.maximum);
        break;
    }
    case DpProfile::Reporting::Toggle:
        if (dp.type == DpType::Bool)
            next = v ? 0 : 1;
        else
            next = (v > dp.maximum - dp.step || v < dp.minimum) ? dp.minimum : v + dp.step;
        break;
    }
    return set(dp.id, encodeInteger(dp.type, next, width));
}

QByteArray DpState::unit(const DpProfile& dp) const
{
    return mcu::encodeDpUnit(dp.id, quint8(dp.type), m_values.value(dp.id));
}

quint32 DpState::nextRandom()
{
    return m_random.next();
}

} // namespace tuyascope
