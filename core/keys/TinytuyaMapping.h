#pragma once
// The `mapping` of a tinytuya devices.json entry: DP id (as a string, or the code when the cloud
// gave no dp_id) -> {code, type, values}. `values` is an object, or a JSON-encoded string
// (always for String DPs), or a plain string; mapping may be {} or null (reference section 12).

#include "dissect/Diagnostic.h"
#include "keys/DpSpec.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QVector>

namespace tuyascope::keys {

// `where` prefixes notes: "devices[2].mapping". Bad entries are skipped with a warning.
QVector<DpSpec> parseTinytuyaMapping(const QJsonValue& mapping, const QString& where, QVector<Diagnostic>& notes);

// The inverse, in the same shape (plus "name"/"mode" when known), so it reads back identically.
QJsonObject tinytuyaMappingJson(const QVector<DpSpec>& dps);

// A mapping key or Debugfile id "19" -> 19; nullopt for codes and ids beyond DpSpec::kMaxId.
std::optional<int> parseDpId(const QString& text);

} // namespace tuyascope::keys
