#include "HeadlessFallback.h"

#include "platform/Display.h"
#include "platform/Programs.h"

#include <QFileInfo>

#include <cstdio>

namespace tuyascope::gui {

bool noDisplay()
{
    return !platform::displayAvailable();
}

int runCliInstead(const char* argv0, const QStringList& args)
{
    // Installed side by side (found through this executable's real path, since argv[0] may be a
    // bare name looked up in PATH); in a build tree the CLI lives in its own directory; last, PATH.
    const QString cli = platform::programFileName(QStringLiteral("tuyascope-cli"));
    QStringList candidates;
    const QString self = platform::executablePath();
    if (!self.isEmpty())
        candidates << QFileInfo(self).absolutePath() + QLatin1Char('/') + cli;
    candidates << QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath() + QLatin1Char('/') + cli
               << QStringLiteral(TUYASCOPE_CLI_BUILD_DIR) + QLatin1Char('/') + cli;
    for (const QString& candidate : candidates) {
        if (QFileInfo(candidate).isExecutable()) {
            const int rc = platform::handOverTo(candidate, args);
            if (rc >= 0)
                return rc;
        }
    }
    const int rc = platform::handOverTo(cli, args);
    if (rc >= 0)
        return rc;
    std::fprintf(stderr, "tuyascope: tuyascope-cli not found beside this program or in PATH\n");
    return 1;
}

} // namespace tuyascope::gui
