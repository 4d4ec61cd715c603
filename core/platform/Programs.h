#pragma once
// This program's own file, and handing the rest of a run over to another program (the window's
// headless fallback runs the CLI in its place).
#include <QString>
#include <QStringList>

namespace tuyascope::platform {

// The running executable's absolute path, symlinks resolved; empty when the system won't say.
QString executablePath();

// The file name of a program of this project on this system ("tuyascope-cli", "tuyascope-cli.exe").
QString programFileName(const QString& baseName);

// Runs `program` with `args` in place of this process: POSIX replaces the process image (exec);
// Windows runs it on this console, waits, and returns its exit code. A `program` without a
// folder is looked up in PATH. Returns -1 when it could not be started.
int handOverTo(const QString& program, const QStringList& args);

} // namespace tuyascope::platform
