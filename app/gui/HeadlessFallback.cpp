#include "HeadlessFallback.h"

#include <QByteArray>
#include <QFileInfo>
#include <QVector>

#include <cstdio>
#include <cstdlib>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace tuyascope::gui {

bool noDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return false;
#endif
}

#ifdef Q_OS_UNIX
namespace {

// Replaces this process with `program args...`; returns only when that fails.
void execProgram(const QByteArray& program, const QStringList& args, bool searchPath)
{
    QVector<QByteArray> storage{program};
    for (const QString& a : args)
        storage.push_back(a.toLocal8Bit());
    QVector<char*> argv;
    for (QByteArray& s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    if (searchPath)
        ::execvp(argv.first(), argv.data());
    else
        ::execv(argv.first(), argv.data());
}

} // namespace
#endif

int runCliInstead(const char* argv0, const QStringList& args)
{
#ifdef Q_OS_UNIX
    // Installed side by side (found through this executable's real path, since argv[0] may be a
    // bare name looked up in PATH); in a build tree the CLI lives in its own directory; last, PATH.
    QStringList candidates;
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    if (!self.isEmpty())
        candidates << QFileInfo(self).absolutePath() + QStringLiteral("/tuyascope-cli");
    candidates << QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath() + QStringLiteral("/tuyascope-cli")
               << QStringLiteral(TUYASCOPE_CLI_BUILD_DIR "/tuyascope-cli");
    for (const QString& candidate : candidates)
        if (QFileInfo(candidate).isExecutable())
            execProgram(candidate.toLocal8Bit(), args, false);
    execProgram(QByteArrayLiteral("tuyascope-cli"), args, true);
#else
    Q_UNUSED(argv0);
    Q_UNUSED(args);
#endif
    std::fprintf(stderr, "tuyascope: tuyascope-cli not found beside this program or in PATH\n");
    return 1;
}

} // namespace tuyascope::gui
