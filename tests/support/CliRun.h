#pragma once
// Runs tuyascope-cli as a process and collects what it printed. For tests/cli only, where the
// build defines TUYASCOPE_CLI_PATH.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tuyascope::test {

struct CliRun {
    int exitCode = -1; // -1 when the process crashed or did not finish
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList& args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(TUYASCOPE_CLI_PATH), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace tuyascope::test
