#include "tuyamcu/SendCommand.h"

#include "common/Hex.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/McuFrame.h"

#include <QStringList>

#include <limits>

namespace tuyascope::mcu {

namespace {

// ---- small parsing helpers -------------------------------------------------------------------

QString quoted(const QString& token)
{
    return QLatin1Char('"') + token + QLatin1Char('"');
}

// Decimal or 0x hex, optionally negative (decimal only). Returns false on anything else.
bool parseNumber(const QString& token, qint64& value)
{
    QString t = token.trimmed();
    if (t.isEmpty())
        return false;
    bool negative = false;
    if (t.startsWith(QLatin1Char('-'))) {
        negative = true;
        t = t.mid(1);
    } else if (t.startsWith(QLatin1Char('+'))) {
        t = t.mid(1);
    }
    if (t.isEmpty())
        return false;
    bool ok = false;
    qint64 v = 0;
    if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        if (negative || t.size() < 3 || t.size() > 2 + 16)
            return false;
        const quint64 u = t.mid(2).toULongLong(&ok, 16);
        if (!ok || u > quint64(std::numeric_limits<qint64>::max()))
            return false;
        v = qint64(u);
    } else {
        for (QChar c : t) {
            if (!c.isDigit())
                return false;
        }
        v = t.toLongLong(&ok, 10);
        if (!ok)
            return false;
    }
    value = negative ? -v : v;
    return true;
}

// Hex digits with an optional 0x prefix; whitespace between bytes allowed.
bool parseHexToken(const QString& token, QByteArray& out)
{
    QString t = token.trimmed();
    if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        t = t.mid(2);
    return parseHex(t, out);
}

struct Context {
    QString name; // command name as the user typed it, for messages
    QString error;

    bool fail(const QString& message)
    {
        error = name + QStringLiteral(": ") + message;
        return false;
    }

    bool number(const QString& what, const QString& token, qint64 min, qint64 max, qint64& value)
    {
        qint64 v = 0;
        if (!parseNumber(token, v))
            return fail(QStringLiteral("%1 %2 is not a number").arg(what, quoted(token.trimmed())));
        if (v < min || v > max)
            return fail(QStringLiteral("%1 %2 is out of range %3..%4").arg(what, quoted(token.trimmed())).arg(min).arg(max));
        value = v;
        return true;
    }

    bool dpId(const QString& token, quint8& id)
    {
        qint64 v = 0;
        if (!number(QStringLiteral("dpId"), token, 1, 255, v))
            return false;
        id = quint8(v);
        return true;
    }

    bool command(const QString& token, quint8& cmd)
    {
        qint64 v = 0;
        if (!number(QStringLiteral("command"), token, 0, 255, v))
            return false;
        cmd = quint8(v);
        return true;
    }

    bool boolValue(const QString& token, bool& on)
    {
        const QString t = token.trimmed();
        qint64 v = 0;
        if (!parseNumber(t, v) || (v != 0 && v != 1))
            return fail(QStringLiteral("value %1 must be 0 or 1").arg(quoted(t)));
        on = v == 1;
        return true;
    }

    // A 4-byte value: signed decimal or up to 0xFFFFFFFF.
    bool int32Value(const QString& token, quint32& bits)
    {
        qint64 v = 0;
        if (!number(QStringLiteral("value"), token, qint64(std::numeric_limits<qint32>::min()),
                    qint64(std::numeric_limits<quint32>::max()), v))
            return false;
        bits = quint32(v & 0xFFFFFFFF);
        return true;
    }

    bool enumValue(const QString& token, quint8& index)
    {
        qint64 v = 0;
        if (!number(QStringLiteral("value"), token, 0, 255, v))
            return false;
        index = quint8(v);
        return true;
    }

    bool hexValue(const QString& what, const QString& token, QByteArray& out, bool allowEmpty)
    {
        const QString t = token.trimmed();
        if (!parseHexToken(t, out))
            return fail(QStringLiteral("%1 %2 is not hex (pairs of digits 0-9 A-F)").arg(what, quoted(t)));
        if (out.isEmpty() && !allowEmpty)
            return fail(QStringLiteral("%1 is empty").arg(what));
        return true;
    }

    bool bitmapValue(const QString& token, QByteArray& unitValue)
    {
        const QString t = token.trimmed();
        qint64 v = 0;
        if (!parseNumber(t, v) || v < 0)
            return fail(QStringLiteral("value %1 is not a bitmap number").arg(quoted(t)));
        if (v > qint64(std::numeric_limits<quint32>::max()))
            return fail(QStringLiteral("value %1 is out of range 0..4294967295").arg(quoted(t)));
        int width = v > 0xFFFF ? 4 : (v > 0xFF ? 2 : 1);
        if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
            // The typed digit count picks the width: 0x04 = 1 byte, 0x0004 = 2, 0x00000004 = 4.
            const qsizetype digits = t.size() - 2;
            if (digits == 4)
                width = qMax(width, 2);
            else if (digits == 8)
                width = 4;
        }
        unitValue = QByteArray();
        for (int i = width - 1; i >= 0; --i)
            unitValue.append(char((quint64(v) >> (8 * i)) & 0xFF));
        return true;
    }
};

QByteArray be32(quint32 v)
{
    QByteArray out(4, '\0');
    out[0] = char((v >> 24) & 0xFF);
    out[1] = char((v >> 16) & 0xFF);
    out[2] = char((v >> 8) & 0xFF);
    out[3] = char(v & 0xFF);
    return out;
}

SendParseResult success(quint8 command, const QByteArray& data, bool dpWrite, const QString& text)
{
    SendParseResult r;
    r.ok = true;
    r.request.command = command;
    r.request.data = data;
    r.request.dpWrite = dpWrite;
    r.request.text = text;
    return r;
}

SendParseResult failure(const QString& error)
{
    SendParseResult r;
    r.error = error;
    return r;
}

// Splits "dp,rest" (Tasmota argument style). `rest` is everything after the first comma,
// untouched, so text values keep their commas and spaces.
bool splitDpArgument(const QString& args, QString& dp, QString& rest)
{
    const qsizetype comma = args.indexOf(QLatin1Char(','));
    if (comma < 0)
        return false;
    dp = args.left(comma);
    rest = args.mid(comma + 1);
    return true;
}

// ---- the forms -------------------------------------------------------------------------------

SendParseResult parseFrame(const QString& line)
{
    QByteArray frame;
    int column = -1;
    if (!parseHex(line, frame, &column)) {
        const QString where = column >= 0 && column < line.size()
                                  ? QStringLiteral("character %1 at column %2").arg(quoted(line.mid(column, 1))).arg(column + 1)
                                  : QStringLiteral("an odd number of hex digits");
        return failure(QStringLiteral("frame: not a hex frame (%1)").arg(where));
    }
    if (frame.size() < kMinFrameSize)
        return failure(QStringLiteral("frame: %1 bytes is shorter than the minimum frame (7 bytes: 55 AA ver cmd lenH lenL checksum)")
                           .arg(frame.size()));
    const int declared = declaredDataLength(frame);
    const int actual = int(frame.size()) - kMinFrameSize;
    if (declared != actual) {
        QByteArray lengthField;
        lengthField.append(char((actual >> 8) & 0xFF));
        lengthField.append(char(actual & 0xFF));
        return failure(QStringLiteral("frame: length field is %1 (%2 data bytes) but %3 data bytes follow; expected length field %4")
                           .arg(toHex(QByteArrayView(frame).sliced(kLengthOffset, 2)))
                           .arg(declared)
                           .arg(actual)
                           .arg(toHex(lengthField)));
    }
    const quint8 found = quint8(frame.back());
    const quint8 expected = checksumOf(QByteArrayView(frame).first(frame.size() - 1));
    if (found != expected)
        return failure(QStringLiteral("frame: checksum is %1, expected %2").arg(hexByte(found), hexByte(expected)));
    return success(quint8(frame[kCommandOffset]), frame.mid(kDataOffset, actual), false, line);
}

SendParseResult parseTuyaSend(int index, Context& c, const QString& args, const QString& line)
{
    const QString trimmedArgs = args.trimmed();
    if (index == 0 || index == 8) {
        if (!trimmedArgs.isEmpty())
            return failure(c.name + QStringLiteral(": takes no arguments, got %1").arg(quoted(trimmedArgs)));
        return success(index == 0 ? quint8(0x08) : quint8(0x01), QByteArray(), false, line);
    }
    if (index == 9)
        return failure(c.name
                       + QStringLiteral(": Tasmota's TuyaSend9 only toggles a per-dpId STAT topic; it sends no frame to the MCU"));

    QString first;
    QString rest;
    if (!splitDpArgument(args, first, rest)) {
        const QString form = index == 7 ? QStringLiteral("cmd,HEXPAYLOAD") : QStringLiteral("dpId,value");
        if (trimmedArgs.isEmpty())
            return failure(c.name + QStringLiteral(": expected %1").arg(form));
        return failure(c.name + QStringLiteral(": expected %1, got %2").arg(form, quoted(trimmedArgs)));
    }

    if (index == 7) {
        quint8 cmd = 0;
        QByteArray payload;
        if (!c.command(first, cmd) || !c.hexValue(QStringLiteral("payload"), rest, payload, true))
            return failure(c.error);
        return success(cmd, payload, false, line);
    }

    quint8 id = 0;
    if (!c.dpId(first, id))
        return failure(c.error);
    switch (index) {
    case 1: {
        bool on = false;
        if (!c.boolValue(rest, on))
            return failure(c.error);
        return success(0x06, encodeBoolDp(id, on), true, line);
    }
    case 2: {
        quint32 bits = 0;
        if (!c.int32Value(rest, bits))
            return failure(c.error);
        return success(0x06, encodeDpUnit(id, quint8(DpType::Value), be32(bits)), true, line);
    }
    case 3: {
        const QByteArray text = rest.toUtf8();
        if (text.size() > 0xFFFF)
            return failure(c.name + QStringLiteral(": text is longer than 65535 bytes"));
        return success(0x06, encodeStringDp(id, text), true, line);
    }
    case 4: {
        quint8 index8 = 0;
        if (!c.enumValue(rest, index8))
            return failure(c.error);
        return success(0x06, encodeEnumDp(id, index8), true, line);
    }
    case 5:
    case 6: {
        QByteArray bytes;
        if (!c.hexValue(QStringLiteral("value"), rest, bytes, index == 5))
            return failure(c.error);
        return success(0x06, index == 5 ? encodeStringDp(id, bytes) : encodeRawDp(id, bytes), true, line);
    }
    default:
        break;
    }
    return failure(QStringLiteral("unknown command %1").arg(quoted(c.name)));
}

// Splits off the next whitespace-separated token; `rest` keeps everything after the separator.
QString takeToken(QString& rest)
{
    QString s = rest;
    qsizetype i = 0;
    while (i < s.size() && s[i].isSpace())
        ++i;
    qsizetype j = i;
    while (j < s.size() && !s[j].isSpace())
        ++j;
    const QString token = s.mid(i, j - i);
    if (j < s.size())
        ++j; // one separator; further spaces belong to the rest (string values)
    rest = s.mid(j);
    return token;
}

SendParseResult parseSendState(Context& c, const QString& args, const QString& line)
{
    QString rest = args;
    const QString dpToken = takeToken(rest);
    const QString typeToken = takeToken(rest);
    if (dpToken.isEmpty() || typeToken.isEmpty())
        return failure(c.name + QStringLiteral(": expected dpId type value (type bool|val|str|enum|raw|bitmap or 0..5)"));
    quint8 id = 0;
    if (!c.dpId(dpToken, id))
        return failure(c.error);
    DpType type = DpType::Raw;
    if (!dpTypeFromName(typeToken, type))
        return failure(c.name + QStringLiteral(": type %1 is not one of bool, val, str, enum, raw, bitmap, 0..5").arg(quoted(typeToken)));

    if (type == DpType::String) {
        // The value is the rest of the line (may contain spaces).
        QString text = rest;
        while (!text.isEmpty() && text.front().isSpace())
            text.remove(0, 1);
        return success(0x06, encodeStringDp(id, text.toUtf8()), true, line);
    }

    const QString valueToken = takeToken(rest);
    const QString extra = rest.trimmed();
    if (valueToken.isEmpty())
        return failure(c.name + QStringLiteral(": missing value for dpId %1").arg(id));
    if (!extra.isEmpty())
        return failure(c.name + QStringLiteral(": unexpected %1 after the value").arg(quoted(extra)));
    switch (type) {
    case DpType::Bool: {
        bool on = false;
        if (!c.boolValue(valueToken, on))
            return failure(c.error);
        return success(0x06, encodeBoolDp(id, on), true, line);
    }
    case DpType::Value: {
        quint32 bits = 0;
        if (!c.int32Value(valueToken, bits))
            return failure(c.error);
        return success(0x06, encodeDpUnit(id, quint8(DpType::Value), be32(bits)), true, line);
    }
    case DpType::Enum: {
        quint8 index = 0;
        if (!c.enumValue(valueToken, index))
            return failure(c.error);
        return success(0x06, encodeEnumDp(id, index), true, line);
    }
    case DpType::Raw: {
        QByteArray bytes;
        if (!c.hexValue(QStringLiteral("value"), valueToken, bytes, false))
            return failure(c.error);
        return success(0x06, encodeRawDp(id, bytes), true, line);
    }
    case DpType::Bitmap: {
        QByteArray value;
        if (!c.bitmapValue(valueToken, value))
            return failure(c.error);
        return success(0x06, encodeDpUnit(id, quint8(DpType::Bitmap), value), true, line);
    }
    case DpType::String:
        break;
    }
    return failure(c.name + QStringLiteral(": unsupported type %1").arg(quoted(typeToken)));
}

SendParseResult parseSendCmd(Context& c, const QString& args, const QString& line)
{
    QString rest = args;
    const QString cmdToken = takeToken(rest);
    const QString payloadToken = takeToken(rest);
    const QString extra = rest.trimmed();
    if (cmdToken.isEmpty())
        return failure(c.name + QStringLiteral(": expected cmd HEXPAYLOAD"));
    if (!extra.isEmpty())
        return failure(c.name + QStringLiteral(": the payload must be one token without spaces; unexpected %1").arg(quoted(extra)));
    quint8 cmd = 0;
    QByteArray payload;
    if (!c.command(cmdToken, cmd) || !c.hexValue(QStringLiteral("payload"), payloadToken, payload, true))
        return failure(c.error);
    return success(cmd, payload, false, line);
}

bool looksLikeFrame(const QString& line)
{
    QString compact;
    compact.reserve(line.size());
    for (QChar ch : line) {
        if (!ch.isSpace())
            compact.append(ch);
        if (compact.size() >= 4)
            break;
    }
    return compact.compare(QLatin1String("55AA"), Qt::CaseInsensitive) == 0;
}

} // namespace

SendParseResult parseSendCommand(const QString& text)
{
    // Leading whitespace and line ends are not part of the command; anything else (a trailing
    // space inside a TuyaSend3 text) is kept as typed.
    QString line = text;
    while (!line.isEmpty() && line.front().isSpace())
        line.remove(0, 1);
    while (!line.isEmpty() && (line.back() == QLatin1Char('\n') || line.back() == QLatin1Char('\r')))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return failure(QStringLiteral("empty command; expected TuyaSend0..8, tuyaMcu_send..., or a 55AA... frame"));

    if (looksLikeFrame(line)) {
        SendParseResult r = parseFrame(line.trimmed());
        if (r.ok)
            r.request.text = text.trimmed();
        return r;
    }

    QString args = line;
    const QString name = takeToken(args);
    Context c;
    c.name = name;
    const QString lower = name.toLower();
    const QString original = text.trimmed();

    if (lower.startsWith(QLatin1String("tuyasend"))) {
        const QString digits = lower.mid(8);
        bool ok = false;
        const int index = digits.toInt(&ok);
        if (ok && digits.size() == 1 && index >= 0 && index <= 9) {
            SendParseResult r = parseTuyaSend(index, c, args, original);
            return r;
        }
        return failure(QStringLiteral("unknown command %1; Tasmota's forms are TuyaSend0..TuyaSend8").arg(quoted(name)));
    }
    if (lower == QLatin1String("tuyamcu_sendstate"))
        return parseSendState(c, args, original);
    if (lower == QLatin1String("tuyamcu_sendcmd"))
        return parseSendCmd(c, args, original);

    struct Simple {
        const char* name;
        quint8 command;
    };
    static const Simple simple[] = {
        {"tuyamcu_sendquerystate", 0x08},
        {"tuyamcu_sendheartbeat", 0x00},
        {"tuyamcu_sendproductinformation", 0x01},
        {"tuyamcu_sendmcuconf", 0x02},
    };
    for (const Simple& s : simple) {
        if (lower == QLatin1String(s.name)) {
            if (!args.trimmed().isEmpty())
                return failure(name + QStringLiteral(": takes no arguments, got %1").arg(quoted(args.trimmed())));
            return success(s.command, QByteArray(), false, original);
        }
    }
    return failure(QStringLiteral("unknown command %1; expected TuyaSend0..8, tuyaMcu_sendState/sendCmd/sendQueryState/"
                                  "sendHeartbeat/sendProductInformation/sendMCUConf, or a 55AA... frame")
                       .arg(quoted(name)));
}

QString sendCommandHelp()
{
    return QStringLiteral(
        "Commands (names are case-insensitive; numbers accept 0x hex; dpId 1..255):\n"
        "  TuyaSend0                      query all DPs (0x08)\n"
        "  TuyaSend1 dpId,0|1             set a bool DP (0x06)\n"
        "  TuyaSend2 dpId,int|0xAABBCCDD  set a value DP, 4 bytes signed (0x06)\n"
        "  TuyaSend3 dpId,text            set a string DP, text as typed (0x06)\n"
        "  TuyaSend4 dpId,0..255          set an enum DP (0x06)\n"
        "  TuyaSend5 dpId,HEX             set a string DP whose bytes are the hex digits (0x06)\n"
        "  TuyaSend6 dpId,HEX             set a raw DP (0x06)\n"
        "  TuyaSend7 cmd,HEXPAYLOAD       any command, e.g. TuyaSend7 0x1c,0110041305060702\n"
        "  TuyaSend8                      query product information (0x01)\n"
        "  tuyaMcu_sendState dpId type value   type bool|val|str|enum|raw|bitmap or 0..5;\n"
        "                                 str takes the rest of the line, raw takes hex,\n"
        "                                 bitmap width follows the digits (0x0004 = 2 bytes)\n"
        "  tuyaMcu_sendCmd cmd HEX        any command; the payload is one token\n"
        "  tuyaMcu_sendQueryState         0x08\n"
        "  tuyaMcu_sendHeartbeat          0x00\n"
        "  tuyaMcu_sendProductInformation 0x01\n"
        "  tuyaMcu_sendMCUConf            0x02\n"
        "  55AA 00 06 0005 0101000101 0D  a whole frame in hex (spaces optional); its length and\n"
        "                                 checksum are checked, its version byte is replaced\n"
        "DP writes go out as 0x06 (standard protocol) or 0x09 (low-power protocol).");
}

} // namespace tuyascope::mcu
