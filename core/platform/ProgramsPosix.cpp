#include "platform/Programs.h"

#include <QFileInfo>
#include <QVector>

#include <cstdio>
#include <unistd.h>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

namespace tuyascope::platform {

QString executablePath()
{
#ifdef __APPLE__
    char buffer[4096];
    uint32_t size = sizeof buffer;
    if (_NSGetExecutablePath(buffer, &size) != 0)
        return QString();
    return QFileInfo(QString::fromLocal8Bit(buffer)).canonicalFilePath();
#else
    return QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
#endif
}

QString programFileName(const QString& baseName)
{
    return baseName;
}

int handOverTo(const QString& program, const QStringList& args)
{
    QVector<QByteArray> storage{program.toLocal8Bit()};
    for (const QString& a : args)
        storage.push_back(a.toLocal8Bit());
    QVector<char*> argv;
    for (QByteArray& s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    if (program.contains(QLatin1Char('/')))
        ::execv(argv.first(), argv.data());
    else
        ::execvp(argv.first(), argv.data());
    return -1; // exec returns only when it failed
}

} // namespace tuyascope::platform
