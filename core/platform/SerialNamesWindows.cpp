#include "platform/SerialNames.h"

namespace tuyascope::platform {

QString serialSystemLocation(const QString& name)
{
    return name; // "COM3"; QSerialPort adds the \\.\ prefix COM10 and above need
}

bool serialPortWorthListing(const QString&)
{
    return true;
}

QString serialPortExamples()
{
    return QStringLiteral("COM3, COM4, COM10");
}

} // namespace tuyascope::platform
