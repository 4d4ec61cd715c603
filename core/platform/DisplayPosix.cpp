#include "platform/Display.h"

#include <QtGlobal>

namespace tuyascope::platform {

bool displayAvailable()
{
#ifdef __APPLE__
    return true;
#else
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#endif
}

} // namespace tuyascope::platform
