#pragma once
// Tasmota console / MQTT logs (capture-formats.md section 8):
//   {"TuyaReceived":{"Data":"55AA..."...}}      (also after "MQT: <topic> = ")  MCU -> module
//   TYA: RX Packet: "55aa..."                                                   MCU -> module
//   TYA: Send "55aa..."   and   T:>"55aa..."                                    module -> MCU
//   TYA: Raw Data 55AA... (after "TYA: Bad CS ...")     rejected by the firmware, MCU -> module
//   TYA: E55 0xNN / TYA: EAA 0xNN (garbage byte)        rejected by the firmware, MCU -> module
//   SerialSend5 55aa... typed at the console (line start)        typed command, module -> MCU
// A leading "HH:MM:SS" or "HH:MM:SS.mmm" is a time of day (placed on 1970-01-01, monotonic).
// Every other line is an annotation: hex quoted in prose is not a capture.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class TasmotaLogImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("tasmota-log"); }
    QString displayName() const override { return QStringLiteral("Tasmota console / TuyaReceived JSON"); }
    QStringList extensions() const override { return {QStringLiteral("txt"), QStringLiteral("log")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

} // namespace tuyascope::importers
