#pragma once
// Generic hex text (capture-formats.md sections 4-6): continuous hex, spaced hex wrapped
// anywhere, one frame per line with free-text annotations. One record per data line; framing
// runs later and spans records. Direction stays unknown (headings such as Pin13/Pin14, RX/TX,
// MCU/WiFi are kept as annotations), except for typed console commands (uartSendHex, SerialSend5),
// which are module -> MCU.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class HexTextImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("hex-text"); }
    QString displayName() const override { return QStringLiteral("Hex text (continuous, spaced or one frame per line)"); }
    QStringList extensions() const override { return {QStringLiteral("txt"), QStringLiteral("hex"), QStringLiteral("log")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

// Creates the one channel of a text import (name from the file, given direction, description).
int addTextChannel(Capture& out, const ImportOptions& options, const QString& description);

} // namespace tuyascope::importers
