#pragma once
// DP ("data point") units: dpId(1) type(1) len(2, BE) value(len). Several per payload.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVector>

namespace tuyascope::mcu {

enum class DpType : quint8 { Raw = 0, Bool = 1, Value = 2, String = 3, Enum = 4, Bitmap = 5 };
constexpr int kDpHeaderSize = 4;

bool isKnownDpType(quint8 type);
QString dpTypeName(quint8 type);             // "raw", "bool", "value", "string", "enum", "bitmap", "type 0x07"
bool dpTypeFromName(const QString& name, DpType& type); // accepts names and Tasmota/OpenBeken aliases
bool dpLengthFitsType(quint8 type, int length);

struct DpUnit {
    quint8 id = 0;
    quint8 type = 0;
    int offset = 0;      // of the unit header, relative to the parsed buffer
    int length = 0;      // value length as declared
    int valueOffset() const { return offset + kDpHeaderSize; }
};

struct DpParseResult {
    enum class Problem : quint8 { None, Overrun, TrailingBytes };
    QVector<DpUnit> units;      // every unit decoded before the first problem
    Problem problem = Problem::None;
    int problemOffset = -1;     // where the offending unit or the stray bytes start
    int declaredLength = 0;     // Overrun: the length the unit declared
    int remaining = 0;          // Overrun: value bytes actually left; Trailing: stray bytes
    bool ok() const { return problem == Problem::None; }
};

// Strict, bounds-checked walk over data[start, end). Reports the first structural problem and
// keeps the units decoded so far. Unknown types are structural-OK (their length is known).
DpParseResult parseDpUnits(QByteArrayView data, int start, int end);

// True when data[start, end) is one or more units with known types that consume it exactly:
// the shape test that separates ambiguous frames (TuyaMCU reference, section 4.3).
bool parsesCompletelyAsDpUnits(QByteArrayView data, int start, int end);

// Value helpers. `value` is the unit's value bytes.
qint64 dpIntegerValue(quint8 type, QByteArrayView value); // signed BE for value, unsigned otherwise
QString dpValueText(quint8 type, QByteArrayView value);   // "150", "true", "\"hello\"", "0x0004", hex for raw

QByteArray encodeDpUnit(quint8 id, quint8 type, QByteArrayView value);
QByteArray encodeBoolDp(quint8 id, bool on);
QByteArray encodeValueDp(quint8 id, qint32 value);
QByteArray encodeEnumDp(quint8 id, quint8 index);
QByteArray encodeStringDp(quint8 id, QByteArrayView text);
QByteArray encodeRawDp(quint8 id, QByteArrayView raw);
QByteArray encodeBitmapDp(quint8 id, quint32 bits, int width); // width 1, 2 or 4 bytes

} // namespace tuyascope::mcu
