#include "StdinCommands.h"

#include "platform/ConsoleInput.h"

namespace tuyascope::cli {

StdinCommands::StdinCommands(std::function<void(const QString&)> onLine, QObject* parent)
    : QObject(parent), m_onLine(std::move(onLine)), m_input(new platform::ConsoleInput(this))
{
    // End of input (or /dev/null) only stops the reading: the session goes on.
    connect(m_input, &platform::ConsoleInput::received, this, &StdinCommands::take);
}

void StdinCommands::take(const QByteArray& bytes)
{
    m_partial.append(bytes);
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(newline)).trimmed();
        m_partial.remove(0, newline + 1);
        if (!line.isEmpty())
            m_onLine(line);
    }
}

} // namespace tuyascope::cli
