#include "StdinCommands.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace tuyascope::cli {

StdinCommands::StdinCommands(std::function<void(const QString&)> onLine, QObject* parent)
    : QObject(parent), m_onLine(std::move(onLine))
{
#ifdef Q_OS_UNIX
    // A background job reading its terminal would be stopped (SIGTTIN): only the foreground reads.
    if (::isatty(STDIN_FILENO) && ::tcgetpgrp(STDIN_FILENO) != ::getpgrp())
        return;
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StdinCommands::readAvailable);
#endif
}

void StdinCommands::readAvailable()
{
#ifdef Q_OS_UNIX
    char buffer[4096];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) { // end of input (or /dev/null): stop watching, the session goes on
        m_notifier->setEnabled(false);
        return;
    }
    m_partial.append(buffer, qsizetype(n));
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(newline)).trimmed();
        m_partial.remove(0, newline + 1);
        if (!line.isEmpty())
            m_onLine(line);
    }
#endif
}

} // namespace tuyascope::cli
