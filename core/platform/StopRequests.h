#pragma once
// The user asking a command-line session to stop (Ctrl-C, SIGTERM, the console window closed),
// delivered as an ordinary call in the event loop so files can be completed before exit.
#include <functional>

class QObject;

namespace tuyascope::platform {

// Calls `onStop` from `context`'s event loop each time a stop is requested. Returns false where
// no handler could be installed (the session then ends only by itself).
bool installStopRequestHandler(QObject* context, std::function<void()> onStop);

} // namespace tuyascope::platform
