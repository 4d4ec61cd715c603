#pragma once
// Without a display the window cannot open: say so and run the command-line demo instead, so
// the README's first command shows something on a server too.
#include <QStringList>

namespace tuyascope::gui {

// True when no display server is reachable (Linux/BSD: neither DISPLAY nor WAYLAND_DISPLAY, and
// no QT_QPA_PLATFORM chosen by the user).
bool noDisplay();
// Replaces this process with `tuyascope-cli <args>`; returns only on failure (exit code to use).
int runCliInstead(const char* argv0, const QStringList& args);

} // namespace tuyascope::gui
