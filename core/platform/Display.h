#pragma once
// Whether a window can be opened at all, decided before any Gui object exists (so the window's
// program can fall back to the command line on a server).
namespace tuyascope::platform {

// False only where no display server is reachable: Linux/BSD with neither DISPLAY nor
// WAYLAND_DISPLAY set and no QT_QPA_PLATFORM chosen. Windows and macOS always have one.
bool displayAvailable();

} // namespace tuyascope::platform
