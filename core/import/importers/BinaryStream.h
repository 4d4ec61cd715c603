#pragma once
// Shared by the binary importers: one channel per file, direction from the caller or from the
// content (never from the file name, whose rx/tx hint is only recorded), records of at most
// 64 KiB with no time except an optional start time on the first one.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

constexpr qsizetype kBinaryChunk = 64 * 1024;

void importBinaryStream(QByteArrayView bytes, const ImportOptions& options, qint64 firstTimeUs,
                        const QString& formatDescription, Capture& out);

} // namespace tuyascope::importers
