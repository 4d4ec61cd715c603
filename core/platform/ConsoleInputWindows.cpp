#include "platform/ConsoleInput.h"

#include <QMetaObject>

#include <memory>
#include <mutex>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace tuyascope::platform {

namespace {

// What the reader thread shares with its owner; the owner pointer is cleared (under the mutex)
// before the owner goes away, so the thread never posts to a dead object.
struct SharedState {
    std::mutex mutex;
    ConsoleInput* owner = nullptr;
};

struct ThreadStart {
    std::shared_ptr<SharedState> state;
    HANDLE input = INVALID_HANDLE_VALUE;
};

DWORD WINAPI readLoop(LPVOID parameter)
{
    std::unique_ptr<ThreadStart> start(static_cast<ThreadStart*>(parameter));
    char buffer[4096];
    for (;;) {
        DWORD n = 0;
        const BOOL ok = ::ReadFile(start->input, buffer, sizeof buffer, &n, nullptr);
        std::lock_guard<std::mutex> lock(start->state->mutex);
        ConsoleInput* owner = start->state->owner;
        if (!owner)
            return 0;
        if (!ok || n == 0) { // end of a pipe or file, a closed console, or a cancelled read
            QMetaObject::invokeMethod(owner, "ended", Qt::QueuedConnection);
            return 0;
        }
        QMetaObject::invokeMethod(owner, "received", Qt::QueuedConnection,
                                  Q_ARG(QByteArray, QByteArray(buffer, qsizetype(n))));
    }
}

} // namespace

struct ConsoleInput::Reader {
    std::shared_ptr<SharedState> state = std::make_shared<SharedState>();
    HANDLE thread = nullptr;
    bool watching = false;
};

ConsoleInput::ConsoleInput(QObject* parent) : QObject(parent), m_reader(std::make_unique<Reader>())
{
    const HANDLE input = ::GetStdHandle(STD_INPUT_HANDLE);
    if (input == nullptr || input == INVALID_HANDLE_VALUE)
        return;
    connect(this, &ConsoleInput::ended, this, [this] { m_reader->watching = false; });
    m_reader->state->owner = this;
    auto* start = new ThreadStart{m_reader->state, input};
    m_reader->thread = ::CreateThread(nullptr, 0, readLoop, start, 0, nullptr);
    if (!m_reader->thread) {
        delete start;
        m_reader->state->owner = nullptr;
        return;
    }
    m_reader->watching = true;
}

ConsoleInput::~ConsoleInput()
{
    {
        std::lock_guard<std::mutex> lock(m_reader->state->mutex);
        m_reader->state->owner = nullptr;
    }
    if (m_reader->thread) {
        // A console read cannot be woken otherwise; a thread still blocked ends with the process.
        ::CancelSynchronousIo(m_reader->thread);
        ::WaitForSingleObject(m_reader->thread, 200);
        ::CloseHandle(m_reader->thread);
    }
}

bool ConsoleInput::isWatching() const
{
    return m_reader->watching;
}

} // namespace tuyascope::platform
