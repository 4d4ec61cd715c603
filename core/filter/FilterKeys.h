#pragma once
// The one registry of names a display filter may use: the synthetic keys (facts about a
// frame that are not fields) and the dissection field keys / key prefixes. Parser, docs and
// tests read this list; a dissector that adds a new key family adds its prefix here.

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace tuyascope::filter {

enum class KeyKind {
    Direction,  // dir: enumerated, from FilterSubject::direction
    Protocol,   // proto: "mcu" / "lan"
    Version,    // version: text, compared as a number when both sides are numbers
    Command,    // cmd: integer, absent when -1
    Length,     // len: integer
    Time,       // time: integer µs since the Unix epoch, absent when unknown
    Bad,        // bad: flag; checksum/CRC/HMAC/tag Bad or an Error diagnostic
    Warn,       // warn: flag; any Warning or Error diagnostic (or bad)
    Diag,       // diag: every diagnostic code, multi-valued
    Severity,   // severity: the worst diagnostic severity, ordered chat < note < warning < error
    Field,      // a dissection field key, multi-valued
    DpUnit,     // dp[ID] / dp[ID].value|type|len: the DP unit with that id
};

struct KeyInfo {
    QString name;        // canonical spelling
    KeyKind kind;
    QString description; // one line, for the help and the docs
};

// The synthetic keys with their canonical names (aliases resolve to these).
const QVector<KeyInfo>& syntheticKeys();
std::optional<KeyKind> syntheticKey(QStringView name); // canonical names and aliases, lower case

// Field keys the dissectors produce: exact names and prefixes ("dp.", "tuyamcu.", ...).
const QStringList& fieldKeyNames();
const QStringList& fieldKeyPrefixes();
bool isKnownFieldKey(QStringView key);

// Children of a DP unit that dp[ID].<child> may name ("value", "type", "len", "id").
bool isDpUnitChild(QStringView child);

// Keys that need only FilterSubject's light facts, not the field tree.
bool isLightKey(KeyKind kind);

} // namespace tuyascope::filter
