#include "platform/ConsoleInput.h"

#include <QSocketNotifier>

#include <unistd.h>

namespace tuyascope::platform {

struct ConsoleInput::Reader {
    QSocketNotifier* notifier = nullptr;
};

ConsoleInput::ConsoleInput(QObject* parent) : QObject(parent), m_reader(std::make_unique<Reader>())
{
    // A background job reading its terminal would be stopped (SIGTTIN): only the foreground reads.
    if (::isatty(STDIN_FILENO) && ::tcgetpgrp(STDIN_FILENO) != ::getpgrp())
        return;
    m_reader->notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_reader->notifier, &QSocketNotifier::activated, this, [this] {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            m_reader->notifier->setEnabled(false);
            emit ended();
            return;
        }
        emit received(QByteArray(buffer, qsizetype(n)));
    });
}

ConsoleInput::~ConsoleInput() = default;

bool ConsoleInput::isWatching() const
{
    return m_reader->notifier && m_reader->notifier->isEnabled();
}

} // namespace tuyascope::platform
