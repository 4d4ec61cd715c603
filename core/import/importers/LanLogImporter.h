#pragma once
// Text logs of Tuya LAN frames (TCP payload, one frame per line):
//   * the socket traces of a patched Python client (seed 000):
//       [SOCKET] send 136 bytes: 00 00 55 aa 00 00 00 01 ...
//       [SOCKET] recv 44 bytes: 00 00 55 aa ...          (also "sendall")
//     send = app -> device, recv = device -> app;
//   * hex dumps, one frame per line, starting with 000055AA or 00006699 (spaced or not), with an
//     optional leading word giving the direction (send/sent/tx/request -> app->device,
//     recv/received/rx/reply/response -> device->app); without one the direction is guessed
//     from the frame (a 55AA payload that starts with a retcode 0/1 is the device's), and marked
//     so in the annotation.
// One record per line on one channel; the records carry the LAN directions.

#include "import/CaptureImporter.h"

namespace tuyascope::importers {

class LanLogImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("tuya-lan-log"); }
    QString displayName() const override { return QStringLiteral("Tuya LAN frame log (socket trace or hex lines)"); }
    QStringList extensions() const override { return {QStringLiteral("txt"), QStringLiteral("log")}; }
    int probe(QByteArrayView head, const QString& fileName) const override;
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override;
};

} // namespace tuyascope::importers
