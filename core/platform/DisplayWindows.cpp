#include "platform/Display.h"

namespace tuyascope::platform {

bool displayAvailable()
{
    return true;
}

} // namespace tuyascope::platform
