#pragma once
// SniffUART "Save as" text (capture-formats.md section 10): one row per message, fields in
// double quotes separated by ";", quotes inside fields not escaped:
//   "PortName";"Time";"DeltaTime";"ASCII";"Hex";"Message"
//   "WiFi";"24-05-14 09:30:00.10";"00:00:00.00";"55 AA 00 00 00 00 FF";"Uª....ÿ";"Heartbeat"
// Split on the exact sequence `";"` from the left; the hex column is found by content (the header
// names it wrongly). One channel per port name; the port name sets the direction only when it
// names a side (MCU -> MCU -> module; WiFi/module/CB3S/WB3S/ESP... -> module -> MCU).

#include "capture/Direction.h"
#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class SniffUartImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("sniffuart-csv"); }
    QString displayName() const override { return QStringLiteral("SniffUART semicolon text"); }
    QStringList extensions() const override { return {QStringLiteral("txt"), QStringLiteral("csv")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;

    static Direction directionFromPortName(const QString& port);
};

} // namespace tuyascope::importers
