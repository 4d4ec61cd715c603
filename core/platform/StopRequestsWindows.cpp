#include "platform/StopRequests.h"

#include <QMetaObject>
#include <QMutex>
#include <QObject>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace tuyascope::platform {

namespace {

// The handler runs on a thread the system creates; it only posts into the event loop.
QMutex g_mutex;
QObject* g_context = nullptr; // cleared under g_mutex when it is destroyed
std::function<void()> g_onStop;

BOOL WINAPI onConsoleControl(DWORD type)
{
    switch (type) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        break;
    default:
        return FALSE;
    }
    {
        QMutexLocker lock(&g_mutex);
        if (!g_context)
            return FALSE;
        QMetaObject::invokeMethod(g_context, [] {
            std::function<void()> onStop;
            {
                QMutexLocker inner(&g_mutex);
                onStop = g_onStop;
            }
            if (onStop)
                onStop();
        }, Qt::QueuedConnection);
    }
    // A closed console ends the process when this returns: give the event loop time to finish
    // the files (the process exits by itself earlier when main returns).
    if (type == CTRL_CLOSE_EVENT || type == CTRL_LOGOFF_EVENT || type == CTRL_SHUTDOWN_EVENT)
        ::Sleep(4500);
    return TRUE;
}

} // namespace

bool installStopRequestHandler(QObject* context, std::function<void()> onStop)
{
    {
        QMutexLocker lock(&g_mutex);
        g_context = context;
        g_onStop = std::move(onStop);
    }
    QObject::connect(context, &QObject::destroyed, [context] {
        QMutexLocker lock(&g_mutex);
        if (g_context == context)
            g_context = nullptr;
    });
    return ::SetConsoleCtrlHandler(onConsoleControl, TRUE) != 0;
}

} // namespace tuyascope::platform
