#pragma once
// One capture/log format. Importers only recover bytes, direction, time and annotations;
// framing and decoding run afterwards on the records, exactly as for a live capture.

#include "capture/Capture.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace tuyascope {

struct ImportOptions {
    QString fileName;                               // for hints (rx/tx in the name) and messages
    Direction direction = Direction::Unknown;       // caller's choice for formats without direction
};

class CaptureImporter {
public:
    virtual ~CaptureImporter() = default;
    virtual QString id() const = 0;            // stable key, e.g. "tasmota-log"
    virtual QString displayName() const = 0;   // e.g. "Tasmota console / TuyaReceived JSON"
    virtual QStringList extensions() const = 0; // typical extensions, informative only
    // Confidence 0..100 that `head` (the first bytes of the file) is this format. 0 = not it.
    virtual int probe(QByteArrayView head, const QString& fileName) const = 0;
    // Appends channels and records to `out`. Returns false with `error` naming the file and the
    // position on input it cannot read at all; recoverable problems become capture notes.
    virtual bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const = 0;
};

} // namespace tuyascope
