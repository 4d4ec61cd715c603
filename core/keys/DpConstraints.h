#pragma once
// Reads and writes a DP's value constraints. tinytuya's `values` and a Debugfile's `property`
// use the same names (unit, min, max, step, scale, range, label, maxlen), so one reader serves
// both importers and the writer produces what the reader accepts.

#include "dissect/Diagnostic.h"
#include "keys/DpSpec.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace tuyascope::keys {

// Fills spec.unit/min/max/step/scale/range/labels/maxLen from `values`; bad fields are dropped
// with a warning naming `where` and the field.
void readDpConstraints(const QJsonObject& values, DpSpec& spec, const QString& where, QVector<Diagnostic>& notes);

// The constraint fields of `spec` as an object (only those that are set).
QJsonObject dpConstraintsJson(const DpSpec& spec);

} // namespace tuyascope::keys
