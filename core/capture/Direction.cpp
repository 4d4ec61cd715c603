#include "capture/Direction.h"

namespace tuyascope {

QString directionKey(Direction direction)
{
    switch (direction) {
    case Direction::ModuleToMcu: return QStringLiteral("module->mcu");
    case Direction::McuToModule: return QStringLiteral("mcu->module");
    case Direction::AppToDevice: return QStringLiteral("app->device");
    case Direction::DeviceToApp: return QStringLiteral("device->app");
    case Direction::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString directionLabel(Direction direction)
{
    switch (direction) {
    case Direction::ModuleToMcu: return QStringLiteral("Module \u2192 MCU");
    case Direction::McuToModule: return QStringLiteral("MCU \u2192 Module");
    case Direction::AppToDevice: return QStringLiteral("App \u2192 Device");
    case Direction::DeviceToApp: return QStringLiteral("Device \u2192 App");
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
    if (k == QLatin1String("app->device") || k == QLatin1String("client->device") || k == QLatin1String("app")
        || k == QLatin1String("client") || k == QLatin1String("send"))
        return Direction::AppToDevice;
    if (k == QLatin1String("device->app") || k == QLatin1String("device->client") || k == QLatin1String("device")
        || k == QLatin1String("recv"))
        return Direction::DeviceToApp;
    return Direction::Unknown;
}

Direction opposite(Direction direction)
{
    switch (direction) {
    case Direction::ModuleToMcu: return Direction::McuToModule;
    case Direction::McuToModule: return Direction::ModuleToMcu;
    case Direction::AppToDevice: return Direction::DeviceToApp;
    case Direction::DeviceToApp: return Direction::AppToDevice;
    case Direction::Unknown: break;
    }
    return Direction::Unknown;
}

bool isLanDirection(Direction direction)
{
    return direction == Direction::AppToDevice || direction == Direction::DeviceToApp;
}

} // namespace tuyascope
