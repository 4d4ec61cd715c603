#pragma once
// Opening capture files: read, sniff (the user never picks a format), import, and merge several
// files into one timeline. Records with times are merged by time; files without times (an RX
// dump and a TX dump) are interleaved by request/reply pairs, marked RecordTimeSynthetic and
// explained by a TIME_UNKNOWN note. Errors name the file (and the position when the content is
// at fault); an empty file is accepted with an "empty" note.

#include "capture/Capture.h"
#include "capture/Direction.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope {

struct LoadOptions {
    Direction direction = Direction::Unknown; // for formats that carry no direction
    QString forcedImporterId;                 // "open as ..." override; empty = sniff
};

struct LoadedFile {
    QString path;
    QString importerId;   // empty for an empty file
    int confidence = 0;
};

struct LoadResult {
    bool ok = false;
    QString error;
    Capture capture;
    QVector<LoadedFile> files;
};

LoadResult loadCaptureFiles(const QStringList& paths, const LoadOptions& options = {});
// Same for bytes already in memory (embedded resources); fileName is used for hints and messages.
LoadResult loadCaptureData(const QByteArray& data, const QString& fileName, const LoadOptions& options = {});

} // namespace tuyascope
