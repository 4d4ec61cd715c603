#pragma once
// Raw UART bytes, one file per direction (capture-formats.md section 2). Detected by content
// (non-printable bytes), never by extension: the same bytes are often saved as ".txt".

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class RawBinaryImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("raw-binary"); }
    QString displayName() const override { return QStringLiteral("Raw serial bytes (one file per direction)"); }
    QStringList extensions() const override { return {QStringLiteral("bin"), QStringLiteral("raw"), QStringLiteral("dump")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

} // namespace tuyascope::importers
