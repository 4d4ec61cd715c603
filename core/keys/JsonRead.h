#pragma once
// Tolerant readers for hand-edited and cloud-written JSON: numbers may arrive as strings, big
// doubles must not overflow a cast, and values quoted in notes are shortened.

#include <QJsonValue>
#include <QString>

#include <optional>

namespace tuyascope::keys {

// An integral number within +-2^53, or a string holding one ("12", " -3 ").
std::optional<qint64> readInteger(const QJsonValue& value);

// Compact JSON text of any value: "57", "true", "\"text\"", "{\"a\":1}".
QString jsonText(const QJsonValue& value);

// For notes: the value's JSON text, cut to `limit` characters with an ellipsis.
QString quotedForNote(const QJsonValue& value, int limit = 40);

// "a string" / "a number" / ... for "expected a string, got a number" notes.
QString jsonTypeName(const QJsonValue& value);

} // namespace tuyascope::keys
