#include "tuyamcu/Family.h"

namespace tuyascope::mcu {

QString familyKey(Family family)
{
    switch (family) {
    case Family::Standard: return QStringLiteral("std");
    case Family::LowPower: return QStringLiteral("lp");
    case Family::Bluetooth: return QStringLiteral("bt");
    case Family::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString familyLabel(Family family)
{
    switch (family) {
    case Family::Standard: return QStringLiteral("standard");
    case Family::LowPower: return QStringLiteral("low-power");
    case Family::Bluetooth: return QStringLiteral("Bluetooth module");
    case Family::Unknown: break;
    }
    return QStringLiteral("undecided");
}

Family familyFromKey(const QString& key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("std") || k == QLatin1String("standard"))
        return Family::Standard;
    if (k == QLatin1String("lp") || k == QLatin1String("low-power") || k == QLatin1String("lowpower"))
        return Family::LowPower;
    if (k == QLatin1String("bt") || k == QLatin1String("bluetooth"))
        return Family::Bluetooth;
    return Family::Unknown;
}

} // namespace tuyascope::mcu
