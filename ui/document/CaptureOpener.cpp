#include "document/CaptureOpener.h"

#include "import/CaptureLoader.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>

namespace tuyascope::ui {

namespace {

constexpr int kDialogDelayMs = 400;

} // namespace

OpenedCapture openCaptureFiles(const QStringList& paths, const keys::KeyStore& keys, QWidget* parent)
{
    static bool opening = false; // the local event loop must not start a second open
    if (opening) {
        OpenedCapture busy;
        busy.error = QObject::tr("another capture is still being opened");
        return busy;
    }
    opening = true;
    const auto done = qScopeGuard([] { opening = false; });
    // Shared with the worker, which may outlive this call when the user cancels.
    auto result = std::make_shared<OpenedCapture>();
    QThread* worker = QThread::create([result, paths, keys] {
        LoadResult loaded = loadCaptureFiles(paths);
        if (!loaded.ok) {
            result->error = loaded.error;
            return;
        }
        result->frames = std::make_unique<CaptureFrames>(loaded.capture, keys);
        result->ok = true;
    });
    QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);

    QEventLoop loop;
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    QProgressDialog progress(QObject::tr("Opening %1…").arg(paths.join(QStringLiteral(", "))), QObject::tr("Cancel"), 0, 0, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(kDialogDelayMs);
    progress.setValue(0);
    bool cancelled = false;
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [&] {
        cancelled = true;
        loop.quit();
    });
    worker->start();
    loop.exec();
    if (cancelled) {
        OpenedCapture dropped;
        dropped.cancelled = true;
        dropped.error = QObject::tr("opening cancelled");
        return dropped;
    }
    return std::move(*result);
}

} // namespace tuyascope::ui
