#pragma once
// Where each member of a JSON object sits in its text. QJsonDocument decides validity and
// values but keeps no positions; the dissector needs byte ranges for every member and DP so the
// hex view can highlight them. This is a locator only, bounded in depth, never a second parser
// of record.

#include <QByteArrayView>
#include <QString>
#include <QVector>

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

} // namespace tuyascope::lan
