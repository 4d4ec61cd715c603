#pragma once
// TuyaMCUAnalyzer's "//R" / "//S" text (capture-formats.md section 7):
//   //S 5/14/2024 9:30:00 AM WiFi sent:        -> following hex lines are module -> MCU
//   //R 5/14/2024 9:30:00 AM WiFi received:    -> following hex lines are MCU -> module
//   //R by File ...                            -> direction unknown (the tool tags every frame
//                                                 it loaded from a file as received)
// The time is written in the user's locale and parsed leniently; when it does not parse, the
// marker line is kept as an annotation. Other lines follow the generic hex-text rules.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class AnalyzerTextImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("tuyamcu-analyzer"); }
    QString displayName() const override { return QStringLiteral("TuyaMCUAnalyzer //R //S text"); }
    QStringList extensions() const override { return {QStringLiteral("txt")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

} // namespace tuyascope::importers
