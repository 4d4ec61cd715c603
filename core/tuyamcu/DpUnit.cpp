#include "tuyamcu/DpUnit.h"

#include "common/Hex.h"

namespace tuyascope::mcu {

bool isKnownDpType(quint8 type)
{
    return type <= quint8(DpType::Bitmap);
}

QString dpTypeName(quint8 type)
{
    switch (type) {
    case 0: return QStringLiteral("raw");
    case 1: return QStringLiteral("bool");
    case 2: return QStringLiteral("value");
    case 3: return QStringLiteral("string");
    case 4: return QStringLiteral("enum");
    case 5: return QStringLiteral("bitmap");
    default: break;
    }
    return QStringLiteral("type %1").arg(hexByte(type));
}

bool dpTypeFromName(const QString& name, DpType& type)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("raw") || n == QLatin1String("0")) { type = DpType::Raw; return true; }
    if (n == QLatin1String("bool") || n == QLatin1String("boolean") || n == QLatin1String("1")) { type = DpType::Bool; return true; }
    if (n == QLatin1String("value") || n == QLatin1String("val") || n == QLatin1String("int") || n == QLatin1String("integer") || n == QLatin1String("2")) { type = DpType::Value; return true; }
    if (n == QLatin1String("string") || n == QLatin1String("str") || n == QLatin1String("3")) { type = DpType::String; return true; }
    if (n == QLatin1String("enum") || n == QLatin1String("4")) { type = DpType::Enum; return true; }
    if (n == QLatin1String("bitmap") || n == QLatin1String("fault") || n == QLatin1String("5")) { type = DpType::Bitmap; return true; }
    return false;
}

bool dpLengthFitsType(quint8 type, int length)
{
    switch (type) {
    case 1: // bool
    case 4: // enum
        return length == 1;
    case 2: // value
        return length == 4;
    case 5: // bitmap
        return length == 1 || length == 2 || length == 4;
    default:
        return true;
    }
}

DpParseResult parseDpUnits(QByteArrayView data, int start, int end)
{
    DpParseResult r;
    if (end > data.size())
        end = int(data.size());
    int pos = start;
    while (pos < end) {
        if (end - pos < kDpHeaderSize) {
            r.problem = DpParseResult::Problem::TrailingBytes;
            r.problemOffset = pos;
            r.remaining = end - pos;
            return r;
        }
        DpUnit u;
        u.offset = pos;
        u.id = quint8(data[pos]);
        u.type = quint8(data[pos + 1]);
        u.length = (int(quint8(data[pos + 2])) << 8) | int(quint8(data[pos + 3]));
        const int available = end - pos - kDpHeaderSize;
        if (u.length > available) {
            r.problem = DpParseResult::Problem::Overrun;
            r.problemOffset = pos;
            r.declaredLength = u.length;
            r.remaining = available;
            return r;
        }
        r.units.push_back(u);
        pos += kDpHeaderSize + u.length;
    }
    return r;
}

bool parsesCompletelyAsDpUnits(QByteArrayView data, int start, int end)
{
    if (end <= start)
        return false;
    const DpParseResult r = parseDpUnits(data, start, end);
    if (!r.ok() || r.units.isEmpty())
        return false;
    for (const DpUnit& u : r.units) {
        if (!isKnownDpType(u.type))
            return false;
    }
    return true;
}

qint64 dpIntegerValue(quint8 type, QByteArrayView value)
{
    quint64 v = 0;
    for (char c : value)
        v = (v << 8) | quint8(c);
    if (type == quint8(DpType::Value) && value.size() == 4)
        return qint64(qint32(quint32(v)));
    if (type == quint8(DpType::Value) && value.size() > 0 && value.size() < 8) {
        // Short value DPs are malformed; still read them as signed big-endian.
        const int bits = int(value.size()) * 8;
        const quint64 sign = quint64(1) << (bits - 1);
        return qint64((v ^ sign) - sign);
    }
    return qint64(v);
}

QString dpValueText(quint8 type, QByteArrayView value)
{
    switch (type) {
    case 1:
        if (value.size() == 1)
            return quint8(value[0]) == 0 ? QStringLiteral("false")
                   : quint8(value[0]) == 1 ? QStringLiteral("true")
                                           : QStringLiteral("true (%1)").arg(hexByte(quint8(value[0])));
        break;
    case 2:
        if (value.size() >= 1 && value.size() <= 4)
            return QString::number(dpIntegerValue(type, value));
        break;
    case 4:
        if (value.size() == 1)
            return QString::number(quint8(value[0]));
        break;
    case 5:
        if (value.size() >= 1 && value.size() <= 4)
            return QStringLiteral("0x") + toHex(value);
        break;
    case 3: {
        bool printable = true;
        for (char c : value) {
            const auto u = quint8(c);
            if (u < 0x20 || u == 0x7F) {
                printable = false;
                break;
            }
        }
        if (printable)
            return QLatin1Char('"') + QString::fromUtf8(value.data(), value.size()) + QLatin1Char('"');
        return QStringLiteral("hex ") + toHex(value);
    }
    default:
        break;
    }
    return toHex(value);
}

QByteArray encodeDpUnit(quint8 id, quint8 type, QByteArrayView value)
{
    const qsizetype len = qMin<qsizetype>(value.size(), 0xFFFF);
    QByteArray unit;
    unit.reserve(kDpHeaderSize + len);
    unit.append(char(id));
    unit.append(char(type));
    unit.append(char((len >> 8) & 0xFF));
    unit.append(char(len & 0xFF));
    unit.append(value.data(), len);
    return unit;
}

QByteArray encodeBoolDp(quint8 id, bool on)
{
    const char v = on ? 1 : 0;
    return encodeDpUnit(id, quint8(DpType::Bool), QByteArrayView(&v, 1));
}

QByteArray encodeValueDp(quint8 id, qint32 value)
{
    const auto u = quint32(value);
    const char bytes[4] = {char(u >> 24), char(u >> 16), char(u >> 8), char(u)};
    return encodeDpUnit(id, quint8(DpType::Value), QByteArrayView(bytes, 4));
}

QByteArray encodeEnumDp(quint8 id, quint8 index)
{
    const char v = char(index);
    return encodeDpUnit(id, quint8(DpType::Enum), QByteArrayView(&v, 1));
}

QByteArray encodeStringDp(quint8 id, QByteArrayView text)
{
    return encodeDpUnit(id, quint8(DpType::String), text);
}

QByteArray encodeRawDp(quint8 id, QByteArrayView raw)
{
    return encodeDpUnit(id, quint8(DpType::Raw), raw);
}

QByteArray encodeBitmapDp(quint8 id, quint32 bits, int width)
{
    QByteArray v;
    for (int i = width - 1; i >= 0; --i)
        v.append(char((bits >> (8 * i)) & 0xFF));
    return encodeDpUnit(id, quint8(DpType::Bitmap), v);
}

} // namespace tuyascope::mcu
