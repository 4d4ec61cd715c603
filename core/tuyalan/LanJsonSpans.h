#pragma once
// Where each member of a JSON object sits in its text. QJsonDocument decides validity and
// values but keeps no positions; the dissector needs byte ranges for every member and DP so the
// hex view can highlight them. This is a locator only, bounded in depth, never a second parser
// of record.

#include <QByteArrayView>
#include <QString>
#include <QVector>

#include <vector>

namespace tuyascope::lan {

enum class JsonKind : quint8 { Object, Array, String, Number, Literal };

struct JsonMember {
    QString name;
    qsizetype offset = 0;       // the name's opening quote
    qsizetype length = 0;       // through the value's last byte
    qsizetype nameOffset = 0;   // the name with its quotes
    qsizetype nameLength = 0;
    qsizetype valueOffset = 0;
    qsizetype valueLength = 0;
    JsonKind kind = JsonKind::Literal;
    QVector<JsonMember> members; // kind == Object
};

constexpr int kMaxJsonDepth = 64;

// Members of the object that text holds (leading/trailing whitespace allowed); offsets are
// relative to text. False when text is not one well-formed object as far as the locator sees.
bool locateJsonMembers(QByteArrayView text, QVector<JsonMember>& members);

// One DP as the fast path sees it: views into the scanned text.
struct JsonDpSpan {
    QByteArrayView id;     // the member name inside its quotes (escapes not decoded)
    QByteArrayView value;  // the JSON value's bytes
    int group = 0;         // internal: which "dps" object it came from
};

// The DPs of a JSON body without building a document: checks that text is one JSON object as
// QJsonDocument would accept it (structure, numbers, literals; strings, escapes and UTF-8 as
// leniently as Qt) and collects the members of its "dps" object, or of "data"."dps" when there
// is no top-level "dps" (the 3.4/3.5 wrapping) - the dissector's choice. With duplicate names
// the last one counts, as in QJsonObject. Names are compared undecoded. No allocation beyond
// dps's capacity. False (and dps empty) when text is not a well-formed object.
bool scanJsonDps(QByteArrayView text, std::vector<JsonDpSpan>& dps);

} // namespace tuyascope::lan
