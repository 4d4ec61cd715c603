#pragma once
// OpenBeken log lines and scripts (capture-formats.md section 9):
//   Info:TuyaMCU:Received: 55 AA 03 07 ...         (older: "TUYAMCU received:")  MCU -> module
//   Info:TuyaMCU:Skipped data (part) 00 FF         bytes the firmware discarded (garbage),
//                                                  MCU -> module, flagged rejected by the firmware
//   uartSendHex 55AA...                            typed command, module -> MCU
//   tuyaMcu_sendCmd 0x30 000000 [version]          typed command, module -> MCU (frame built
//                                                  with the computed length and checksum)
// A log viewer may prepend its own time; other lines follow the generic hex-text rules.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class OpenBekenLogImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("openbeken-log"); }
    QString displayName() const override { return QStringLiteral("OpenBeken log / script"); }
    QStringList extensions() const override { return {QStringLiteral("txt"), QStringLiteral("log"), QStringLiteral("bat")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

} // namespace tuyascope::importers
