#pragma once
// Without a display the window cannot open: say so and run the command-line demo instead, so
// the README's first command shows something on a server too.
#include <QStringList>

namespace tuyascope::gui {

// True when no display server is reachable (see platform::displayAvailable).
bool noDisplay();
// Hands the run over to `tuyascope-cli <args>` (beside this program, in the build tree, or in
// PATH); returns the exit code to use when that is not possible.
int runCliInstead(const char* argv0, const QStringList& args);

} // namespace tuyascope::gui
