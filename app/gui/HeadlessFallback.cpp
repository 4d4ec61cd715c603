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

int runCliInstead(const char* argv0, const QStringList& args)
{
#ifdef Q_OS_UNIX
    // Installed side by side; in a build tree the CLI lives in its own directory.
    const QString here = QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath();
    const QStringList candidates{here + QStringLiteral("/tuyascope-cli"), QStringLiteral(TUYASCOPE_CLI_BUILD_DIR "/tuyascope-cli")};
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isExecutable())
            continue;
        QVector<QByteArray> storage{candidate.toLocal8Bit()};
        for (const QString& a : args)
            storage.push_back(a.toLocal8Bit());
        QVector<char*> argv;
        for (QByteArray& s : storage)
            argv.push_back(s.data());
        argv.push_back(nullptr);
        std::fflush(stdout);
        ::execv(argv.first(), argv.data());
    }
#else
    Q_UNUSED(argv0);
    Q_UNUSED(args);
#endif
    std::fprintf(stderr, "tuyascope: tuyascope-cli not found beside this program\n");
    return 1;
}

} // namespace tuyascope::gui
