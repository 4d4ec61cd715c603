#include "platform/SerialNames.h"

namespace tuyascope::platform {

QString serialSystemLocation(const QString& name)
{
    if (!name.isEmpty() && !name.contains(QLatin1Char('/')))
        return QStringLiteral("/dev/") + name; // what QSerialPort opens for a bare name
    return name;
}

bool serialPortWorthListing(const QString& systemLocation)
{
#ifdef __APPLE__
    return !systemLocation.startsWith(QLatin1String("/dev/tty."));
#else
    Q_UNUSED(systemLocation);
    return true;
#endif
}

QString serialPortExamples()
{
#ifdef __APPLE__
    return QStringLiteral("/dev/cu.usbserial-0001, /dev/cu.SLAB_USBtoUART, /dev/ttys003");
#else
    return QStringLiteral("/dev/ttyUSB0, /dev/ttyACM0, /dev/pts/7");
#endif
}

} // namespace tuyascope::platform
