#pragma once
// Serial port names as users type them, and which listed ports are worth showing.
#include <QString>

namespace tuyascope::platform {

// What QSerialPort opens for a name typed by the user: a bare "ttyUSB0" is "/dev/ttyUSB0" on
// POSIX; a path or "COM3" is left as it is.
QString serialSystemLocation(const QString& name);

// False for listed devices a user should not pick: macOS's /dev/tty.* call-in twins, which
// block until carrier detect (the /dev/cu.* twin is the one to open).
bool serialPortWorthListing(const QString& systemLocation);

// Examples of port names on this system, for placeholders and help texts.
QString serialPortExamples();

} // namespace tuyascope::platform
