#pragma once
// A Tuya "Debugfile" DP schema (reference section 13), as Tuya's module debugging assistant and
// MCU simulators load it: {"Pro_Key": "<product id>", "Dp_Data": [{"id", "code", "name", "mode",
// "defaultValue", "property": {"type", "min", "max", "step", "scale", "unit", "range", "label",
// "maxlen"}}]}. It labels the DPs of one device (or of every device of that product).

#include "dissect/Diagnostic.h"
#include "keys/DpSpec.h"

#include <QByteArrayView>
#include <QString>
#include <QVector>

namespace tuyascope::keys {

struct DpSchema {
    QString productKey;     // Pro_Key, may be empty
    QVector<DpSpec> dps;    // by id ascending, one per id (a repeated id: the later wins)
};

struct DebugfileImport {
    bool readable = false;  // JSON object with a Dp_Data list
    DpSchema schema;
    QVector<Diagnostic> notes; // "Dp_Data[4].id: ..."
    bool hasErrors() const;
};

DebugfileImport importDebugfile(QByteArrayView json);

} // namespace tuyascope::keys
