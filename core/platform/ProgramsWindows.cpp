#include "platform/Programs.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <vector>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace tuyascope::platform {

namespace {

// One argument quoted as CommandLineToArgvW (and the C runtime) read it back.
QString quoteArgument(const QString& arg)
{
    if (!arg.isEmpty() && !arg.contains(QLatin1Char(' ')) && !arg.contains(QLatin1Char('\t'))
        && !arg.contains(QLatin1Char('"')))
        return arg;
    QString quoted = QStringLiteral("\"");
    int backslashes = 0;
    for (const QChar c : arg) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
            continue;
        }
        if (c == QLatin1Char('"'))
            quoted += QString(backslashes * 2 + 1, QLatin1Char('\\'));
        else
            quoted += QString(backslashes, QLatin1Char('\\'));
        backslashes = 0;
        quoted += c;
    }
    quoted += QString(backslashes * 2, QLatin1Char('\\'));
    quoted += QLatin1Char('"');
    return quoted;
}

} // namespace

QString executablePath()
{
    std::vector<wchar_t> buffer(MAX_PATH);
    for (;;) {
        const DWORD n = ::GetModuleFileNameW(nullptr, buffer.data(), DWORD(buffer.size()));
        if (n == 0)
            return QString();
        if (n < buffer.size())
            return QDir::fromNativeSeparators(QString::fromWCharArray(buffer.data(), int(n)));
        buffer.resize(buffer.size() * 2);
    }
}

QString programFileName(const QString& baseName)
{
    return baseName + QStringLiteral(".exe");
}

int handOverTo(const QString& program, const QStringList& args)
{
    QString commandLine = quoteArgument(QDir::toNativeSeparators(program));
    for (const QString& a : args)
        commandLine += QLatin1Char(' ') + quoteArgument(a);
    std::wstring mutableLine = commandLine.toStdWString();
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION process{};
    std::fflush(stdout);
    std::fflush(stderr);
    // Inherits this console and the standard handles; a bare name is searched in PATH.
    if (!::CreateProcessW(nullptr, mutableLine.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr,
                          &startup, &process))
        return -1;
    ::WaitForSingleObject(process.hProcess, INFINITE);
    DWORD exitCode = 1;
    ::GetExitCodeProcess(process.hProcess, &exitCode);
    ::CloseHandle(process.hThread);
    ::CloseHandle(process.hProcess);
    return int(exitCode);
}

} // namespace tuyascope::platform
