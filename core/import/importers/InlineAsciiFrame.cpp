#include "import/importers/InlineAsciiFrame.h"

#include "common/Hex.h"
#include "import/importers/HexLine.h"
#include "tuyamcu/McuFrame.h"

namespace tuyascope::importers {

namespace {

bool printableAscii(QChar c)
{
    return c.unicode() >= 0x20 && c.unicode() < 0x7F;
}

bool verified(const QByteArray& b)
{
    if (b.size() < mcu::kMinFrameSize || quint8(b[0]) != mcu::kHeader0 || quint8(b[1]) != mcu::kHeader1)
        return false;
    if (mcu::kMinFrameSize + mcu::declaredDataLength(b) != b.size())
        return false;
    return mcu::checksumOf(QByteArrayView(b).first(b.size() - 1)) == quint8(b.back());
}

void appendHexPairs(QStringView digits, QByteArray& out)
{
    for (qsizetype i = 0; i + 1 < digits.size(); i += 2)
        out.append(char(hexDigitValue(digits[i]) << 4 | hexDigitValue(digits[i + 1])));
}

qsizetype skipSpace(const QString& line, qsizetype pos)
{
    while (pos < line.size() && line[pos].isSpace())
        ++pos;
    return pos;
}

qsizetype tokenEnd(const QString& line, qsizetype pos)
{
    while (pos < line.size() && !line[pos].isSpace())
        ++pos;
    return pos;
}

// Five header bytes (55 AA ver cmd lenH) as hex from `pos`; returns the position after them.
qsizetype readHeader(const QString& line, qsizetype pos, QByteArray& out)
{
    while (out.size() < 5) {
        pos = skipSpace(line, pos);
        const qsizetype end = tokenEnd(line, pos);
        const QStringView tok = QStringView(line).mid(pos, end - pos);
        if (!isHexDigits(tok) || tok.size() % 2 != 0 || out.size() + tok.size() / 2 > 5)
            return -1;
        appendHexPairs(tok, out);
        pos = end;
    }
    return pos;
}

// Mode A: whitespace separates tokens; hex tokens are bytes, other tokens are literal runs.
bool decodeTokens(const QString& line, qsizetype start, InlineAsciiFrame* frame)
{
    QByteArray b;
    qsizetype pos = readHeader(line, start, b);
    if (pos < 0)
        return false;
    bool literal = false;
    while (true) {
        pos = skipSpace(line, pos);
        if (pos >= line.size())
            return false;
        const qsizetype end = tokenEnd(line, pos);
        const QStringView tok = QStringView(line).mid(pos, end - pos);
        if (isHexDigits(tok) && tok.size() % 2 == 0) {
            appendHexPairs(tok, b);
        } else {
            for (QChar c : tok) {
                if (!printableAscii(c))
                    return false;
                b.append(char(c.unicode()));
            }
            literal = true;
        }
        pos = end;
        if (b.size() >= mcu::kHeaderSize) {
            const qsizetype need = mcu::kMinFrameSize + mcu::declaredDataLength(b);
            if (b.size() == need)
                break;
            if (b.size() > need)
                return false;
        }
    }
    if (!literal || !verified(b))
        return false;
    frame->bytes = b;
    frame->start = start;
    frame->end = pos;
    return true;
}

// Mode B: after the header, a literal low length byte or hex pair, then exactly `len` payload
// characters taken literally (spaces included), then a checksum as a hex pair or one character.
bool decodeLiteralPayload(const QString& line, qsizetype start, InlineAsciiFrame* frame)
{
    QByteArray b;
    qsizetype pos = readHeader(line, start, b);
    if (pos < 0)
        return false;
    pos = skipSpace(line, pos);
    if (pos >= line.size())
        return false;
    const qsizetype end = tokenEnd(line, pos);
    bool literal = false;
    if (end - pos == 2 && isHexDigits(QStringView(line).mid(pos, 2))) {
        appendHexPairs(QStringView(line).mid(pos, 2), b);
        pos = skipSpace(line, end);
    } else {
        if (!printableAscii(line[pos]))
            return false;
        b.append(char(line[pos].unicode()));
        ++pos;
        literal = true;
    }
    const int len = mcu::declaredDataLength(b);
    if (!literal)
        pos = skipSpace(line, pos);
    if (pos + len > line.size())
        return false;
    bool textSeen = false; // a payload of hex digits and spaces is hex, not a literal run
    for (qsizetype i = 0; i < len; ++i) {
        const QChar c = line[pos + i];
        if (!printableAscii(c))
            return false;
        textSeen = textSeen || (!c.isSpace() && hexDigitValue(c) < 0);
        b.append(char(c.unicode()));
    }
    if (len > 0 && !textSeen)
        return false;
    pos += len;
    if (len > 0)
        literal = true;
    // Checksum: a character glued to the payload, or a separate hex pair.
    if (pos < line.size() && !line[pos].isSpace()) {
        if (!printableAscii(line[pos]))
            return false;
        b.append(char(line[pos].unicode()));
        ++pos;
    } else {
        pos = skipSpace(line, pos);
        const qsizetype e = tokenEnd(line, pos);
        if (e - pos != 2 || !isHexDigits(QStringView(line).mid(pos, 2)))
            return false;
        appendHexPairs(QStringView(line).mid(pos, 2), b);
        pos = e;
    }
    if (!literal || !verified(b))
        return false;
    frame->bytes = b;
    frame->start = start;
    frame->end = pos;
    return true;
}

} // namespace

bool decodeInlineAsciiFrame(const QString& line, InlineAsciiFrame* frame)
{
    for (qsizetype from = 0;;) {
        const qsizetype at = line.indexOf(QLatin1String("55"), from);
        if (at < 0)
            return false;
        from = at + 1;
        if (at > 0 && !line[at - 1].isSpace() && isHexDigits(QStringView(line).mid(at - 1, 1)))
            continue; // inside a longer hex token
        InlineAsciiFrame f;
        if (decodeTokens(line, at, &f) || decodeLiteralPayload(line, at, &f)) {
            if (frame)
                *frame = f;
            return true;
        }
    }
}

} // namespace tuyascope::importers
