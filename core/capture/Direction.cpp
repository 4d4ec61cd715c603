#include "capture/Direction.h"

namespace tuyascope {

QString directionKey(Direction direction)
{
    switch (direction) {
    case Direction::ModuleToMcu: return QStringLiteral("module->mcu");
    case Direction::McuToModule: return QStringLiteral("mcu->module");
    case Direction::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString directionLabel(Direction direction)
{
    switch (direction) {
    case Direction::ModuleToMcu: return QStringLiteral("Module \u2192 MCU");
    case Direction::McuToModule: return QStringLiteral("MCU \u2192 Module");
    case Direction::Unknown: break;
    }
    return QStringLiteral("unknown");
}

Direction directionFromKey(const QString& key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("module->mcu") || k == QLatin1String("wifi->mcu") || k == QLatin1String("m")
        || k == QLatin1String("module") || k == QLatin1String("wifi"))
        return Direction::ModuleToMcu;
    if (k == QLatin1String("mcu->module") || k == QLatin1String("mcu->wifi") || k == QLatin1String("u")
        || k == QLatin1String("mcu"))
        return Direction::McuToModule;
    return Direction::Unknown;
}

Direction opposite(Direction direction)
{
    switch (direction) {
    case Direction::ModuleToMcu: return Direction::McuToModule;
    case Direction::McuToModule: return Direction::ModuleToMcu;
    case Direction::Unknown: break;
    }
    return Direction::Unknown;
}

} // namespace tuyascope
