#pragma once
// Raw UART bytes behind an ASCII Unix time in seconds and a comma, written by a capture script
// when logging started (capture-formats.md section 3): "1700000000,\x55\xAA...". The time is
// the start time of the first record; later records have none.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class EpochBinaryImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("epoch-binary"); }
    QString displayName() const override { return QStringLiteral("Raw serial bytes with an epoch-seconds prefix"); }
    QStringList extensions() const override { return {QStringLiteral("bin"), QStringLiteral("txt")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;

    // Length of "^[0-9]{9,11}," (digits and comma), 0 when absent; the seconds in `seconds`.
    static qsizetype prefixLength(QByteArrayView data, qint64* seconds);
};

} // namespace tuyascope::importers
