#pragma once
// Hex text with inline ASCII (capture-formats.md section 11): lines such as
// `55 AA 00 01 00 ${"P":"Okurono2XLVRV0fB","v":"1.1.0"} 19` become records when their length
// and checksum verify; every other line follows the generic hex-text rules (and a line that
// does not verify stays an annotation unless it is plain hex data).

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class InlineAsciiImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("hex-inline-ascii"); }
    QString displayName() const override { return QStringLiteral("Hex text with inline ASCII"); }
    QStringList extensions() const override { return {QStringLiteral("txt"), QStringLiteral("md")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

} // namespace tuyascope::importers
