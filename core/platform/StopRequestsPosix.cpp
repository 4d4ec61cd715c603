#include "platform/StopRequests.h"

#include <QObject>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace tuyascope::platform {

namespace {

int g_stopPipe[2] = {-1, -1};

void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_stopPipe[1], &byte, 1); // async-signal-safe
}

} // namespace

bool installStopRequestHandler(QObject* context, std::function<void()> onStop)
{
    if (g_stopPipe[0] < 0) {
        if (::pipe(g_stopPipe) != 0)
            return false;
        ::fcntl(g_stopPipe[0], F_SETFD, FD_CLOEXEC);
        ::fcntl(g_stopPipe[1], F_SETFD, FD_CLOEXEC);
    }
    auto* notifier = new QSocketNotifier(g_stopPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [onStop = std::move(onStop)] {
        char byte = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_stopPipe[0], &byte, 1);
        onStop();
    });
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    return true;
}

} // namespace tuyascope::platform
