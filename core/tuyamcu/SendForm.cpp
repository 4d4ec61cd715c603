#include "tuyamcu/SendForm.h"

#include "tuyamcu/FrameEncoder.h"

namespace tuyascope::mcu {

QString sendModeLabel(SendMode mode)
{
    switch (mode) {
    case SendMode::QueryState: return QStringLiteral("Query state (TuyaSend0, 0x08)");
    case SendMode::Bool: return QStringLiteral("Bool (TuyaSend1)");
    case SendMode::Value: return QStringLiteral("Value (TuyaSend2)");
    case SendMode::String: return QStringLiteral("String (TuyaSend3)");
    case SendMode::Enum: return QStringLiteral("Enum (TuyaSend4)");
    case SendMode::Bitmap: return QStringLiteral("Bitmap (tuyaMcu_sendState)");
    case SendMode::Raw: return QStringLiteral("Raw (TuyaSend6)");
    case SendMode::AnyCommand: return QStringLiteral("Any command (TuyaSend7)");
    case SendMode::ProductQuery: return QStringLiteral("Product query (TuyaSend8, 0x01)");
    case SendMode::Typed: return QStringLiteral("Typed command");
    }
    return QString();
}

bool sendModeWritesDp(SendMode mode)
{
    return mode >= SendMode::Bool && mode <= SendMode::Raw;
}

std::optional<SendMode> sendModeForDpType(const QString& typeName)
{
    // The names dpTypeName writes; anything else ("json", "type 0x07", "") has no write mode.
    const QString name = typeName.trimmed().toLower();
    if (name == QLatin1String("bool")) return SendMode::Bool;
    if (name == QLatin1String("value")) return SendMode::Value;
    if (name == QLatin1String("string")) return SendMode::String;
    if (name == QLatin1String("enum")) return SendMode::Enum;
    if (name == QLatin1String("bitmap")) return SendMode::Bitmap;
    if (name == QLatin1String("raw")) return SendMode::Raw;
    return std::nullopt;
}

namespace {

QString compactHex(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

// A bitmap typed with exactly width*2 digits, so the parser keeps the width.
QString bitmapText(qint64 number, int width)
{
    return QStringLiteral("0x") + QString::number(quint64(number), 16).toUpper().rightJustified(width * 2, QLatin1Char('0'));
}

} // namespace

QString sendFormText(const SendForm& form)
{
    const QString dp = QString::number(form.dpId);
    switch (form.mode) {
    case SendMode::QueryState: return QStringLiteral("TuyaSend0");
    case SendMode::Bool: return QStringLiteral("TuyaSend1 %1,%2").arg(dp, form.on ? QStringLiteral("1") : QStringLiteral("0"));
    case SendMode::Value: return QStringLiteral("TuyaSend2 %1,%2").arg(dp).arg(form.number);
    case SendMode::String: return QStringLiteral("TuyaSend3 %1,%2").arg(dp, form.text);
    case SendMode::Enum: return QStringLiteral("TuyaSend4 %1,%2").arg(dp).arg(form.number);
    case SendMode::Bitmap:
        return QStringLiteral("tuyaMcu_sendState %1 bitmap %2").arg(dp, bitmapText(form.number, form.bitmapWidth));
    case SendMode::Raw: return QStringLiteral("TuyaSend6 %1,%2").arg(dp, compactHex(form.text));
    case SendMode::AnyCommand:
        return QStringLiteral("TuyaSend7 0x%1,%2")
            .arg(QString::number(form.command, 16).toUpper().rightJustified(2, QLatin1Char('0')), compactHex(form.text));
    case SendMode::ProductQuery: return QStringLiteral("TuyaSend8");
    case SendMode::Typed: return form.text;
    }
    return QString();
}

SendParseResult buildSendRequest(const SendForm& form)
{
    // Checks the parser cannot make on the text: the width the form asked for.
    if (form.mode == SendMode::Bitmap) {
        const int width = form.bitmapWidth;
        if (width != 1 && width != 2 && width != 4) {
            SendParseResult r;
            r.error = QStringLiteral("bitmap: width %1 is not 1, 2 or 4 bytes").arg(width);
            return r;
        }
        const qint64 max = width == 4 ? qint64(0xFFFFFFFF) : (qint64(1) << (8 * width)) - 1;
        if (form.number < 0 || form.number > max) {
            SendParseResult r;
            r.error = QStringLiteral("bitmap: value %1 does not fit in %2 byte(s) (0..%3)").arg(form.number).arg(width).arg(max);
            return r;
        }
    }
    if (form.mode == SendMode::AnyCommand && (form.command < 0 || form.command > 255)) {
        SendParseResult r;
        r.error = QStringLiteral("command %1 is out of range 0..255").arg(form.command);
        return r;
    }
    return parseSendCommand(sendFormText(form));
}

QByteArray moduleFrameFor(const SendRequest& request, Family family)
{
    const quint8 command = family == Family::LowPower && request.dpWrite ? quint8(0x09) : request.command;
    return encodeFrame(0x00, command, request.data);
}

SendPreview previewRequest(const SendParseResult& parsed, Family family)
{
    SendPreview p;
    p.text = parsed.request.text;
    if (!parsed.ok) {
        p.error = parsed.error;
        return p;
    }
    p.request = parsed.request;
    if (p.request.data.size() > 0xFFFF) {
        p.error = QStringLiteral("payload of %1 bytes does not fit the 16-bit length field").arg(p.request.data.size());
        return p;
    }
    p.ok = true;
    p.frame = moduleFrameFor(p.request, family);
    if (p.request.dpWrite) {
        if (family == Family::LowPower)
            p.note = QStringLiteral("low-power protocol: the DP write goes out as 0x09");
        else if (family == Family::Unknown)
            p.note = QStringLiteral("protocol not known yet: shown as standard 0x06 (a low-power host sends 0x09)");
    }
    return p;
}

SendPreview previewSend(const SendForm& form, Family family)
{
    SendPreview p = previewRequest(buildSendRequest(form), family);
    if (p.text.isEmpty())
        p.text = sendFormText(form);
    return p;
}

} // namespace tuyascope::mcu
