#pragma once
// Opening captures without freezing the window: the files are read and analysed in a worker
// thread while a local event loop keeps the window painting; a progress dialog with Cancel
// appears when it takes longer than a moment. A cancelled open leaves everything as it was (the
// worker's result is dropped when it finishes).
#include "frames/CaptureFrames.h"

#include <QStringList>

#include <memory>

class QWidget;

namespace tuyascope::ui {

struct OpenedCapture {
    bool ok = false;
    bool cancelled = false;
    QString error;
    std::unique_ptr<CaptureFrames> frames;
};

OpenedCapture openCaptureFiles(const QStringList& paths, const keys::KeyStore& keys, QWidget* parent);

} // namespace tuyascope::ui
