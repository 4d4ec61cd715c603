#include "import/importers/HexLine.h"

#include "common/Hex.h"

namespace tuyascope::importers {

namespace {

bool isStripChar(QChar c)
{
    switch (c.unicode()) {
    case '"': case '\'': case '`': case ',': case ';': case ':': case '(': case ')':
    case '[': case ']': case '{': case '}': case '<': case '>': case '.':
        return true;
    default:
        return false;
    }
}

bool startsRun(QStringView line, const QVector<Token>& tokens, qsizetype i)
{
    const Token& t = tokens.at(i);
    if (!t.hex)
        return false;
    const QStringView core = line.mid(t.start, t.length);
    if (core.startsWith(QLatin1String("55AA"), Qt::CaseInsensitive))
        return true;
    if (core.compare(QLatin1String("55")) == 0 && i + 1 < tokens.size() && tokens.at(i + 1).hex) {
        const QStringView next = line.mid(tokens.at(i + 1).start, tokens.at(i + 1).length);
        return next.startsWith(QLatin1String("AA"), Qt::CaseInsensitive);
    }
    return false;
}

} // namespace

bool isHexDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (hexDigitValue(c) < 0)
            return false;
    }
    return true;
}

bool hexField(QStringView line, qsizetype start, qsizetype end, HexRun* run)
{
    if (start < 0 || end > line.size() || start >= end)
        return false;
    qsizetype digits = 0;
    for (qsizetype i = start; i < end; ++i) {
        if (hexDigitValue(line[i]) >= 0)
            ++digits;
        else if (!line[i].isSpace())
            return false;
    }
    if (digits < 2)
        return false;
    const QVector<Token> tokens = tokenizeLine(line.mid(start, end - start));
    HexRun r = makeRun(line.mid(start, end - start), tokens, 0, tokens.size() - 1);
    r.start += start;
    r.end += start;
    r.column += int(start);
    if (r.oddColumn > 0)
        r.oddColumn += int(start);
    if (run)
        *run = r;
    return true;
}

QVector<Token> tokenizeLine(QStringView line)
{
    QVector<Token> tokens;
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && line[i].isSpace())
            ++i;
        if (i >= n)
            break;
        qsizetype end = i;
        while (end < n && !line[end].isSpace())
            ++end;
        qsizetype coreStart = i;
        qsizetype coreEnd = end;
        while (coreStart < coreEnd && isStripChar(line[coreStart]))
            ++coreStart;
        while (coreEnd > coreStart && isStripChar(line[coreEnd - 1]))
            --coreEnd;
        Token t;
        t.start = coreStart;
        t.length = coreEnd - coreStart;
        t.hex = isHexDigits(line.mid(coreStart, coreEnd - coreStart));
        t.bare = coreStart == i && coreEnd == end;
        tokens.push_back(t);
        i = end;
    }
    return tokens;
}

HexRun makeRun(QStringView line, const QVector<Token>& tokens, qsizetype first, qsizetype last)
{
    HexRun run;
    run.start = tokens.at(first).start;
    run.end = tokens.at(last).start + tokens.at(last).length;
    run.column = int(run.start) + 1;
    int high = -1;
    qsizetype lastDigit = run.start;
    for (qsizetype k = first; k <= last; ++k) {
        const Token& t = tokens.at(k);
        if (run.oddColumn == 0 && (t.length % 2) != 0 && k != last)
            run.oddColumn = int(t.start + t.length); // the token's last digit
        for (qsizetype c = t.start; c < t.start + t.length; ++c) {
            const int v = hexDigitValue(line[c]);
            lastDigit = c;
            if (high < 0) {
                high = v;
            } else {
                run.bytes.append(char((high << 4) | v));
                high = -1;
            }
        }
    }
    if (high >= 0 && run.oddColumn == 0)
        run.oddColumn = int(lastDigit) + 1;
    return run;
}

QString typedCommandBefore(QStringView textBefore, Direction* direction)
{
    QStringView t = textBefore.trimmed();
    while (!t.isEmpty() && (isStripChar(t.back()) || t.back() == QLatin1Char('=') || t.back().isSpace()))
        t.chop(1);
    qsizetype space = t.size();
    while (space > 0 && !t[space - 1].isSpace())
        --space;
    const QStringView word = t.mid(space);
    auto is = [&](const char* name) { return word.compare(QLatin1String(name), Qt::CaseInsensitive) == 0; };
    if (is("uartSendHex") || is("SerialSend") || is("SerialSend1") || is("SerialSend2") || is("SerialSend3")
        || is("SerialSend4") || is("SerialSend5") || is("SerialSend6")) {
        if (direction)
            *direction = Direction::ModuleToMcu;
        return word.toString();
    }
    if (is("fakeTuyaPacket") || is("uartFakeHex")) {
        if (direction)
            *direction = Direction::McuToModule;
        return word.toString();
    }
    return QString();
}

HexLineInfo classifyHexLine(const QString& line)
{
    HexLineInfo info;
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return info;
    if (trimmed.startsWith(QLatin1String("//")) || trimmed.startsWith(QLatin1Char('#'))) {
        info.kind = HexLineInfo::Kind::Comment;
        info.annotation = trimmed;
        return info;
    }
    const QVector<Token> tokens = tokenizeLine(line);

    bool allHex = !tokens.isEmpty();
    bool allEven = true;
    bool hasDigit = false;
    qsizetype digits = 0;
    for (const Token& t : tokens) {
        if (!t.hex || !t.bare) {
            allHex = false;
            break;
        }
        digits += t.length;
        allEven = allEven && (t.length % 2) == 0;
        for (qsizetype c = t.start; c < t.start + t.length && !hasDigit; ++c)
            hasDigit = line[c].isDigit();
    }
    if (allHex && (digits >= 14 || (hasDigit && allEven))) {
        info.kind = HexLineInfo::Kind::Data;
        info.runs.push_back(makeRun(line, tokens, 0, tokens.size() - 1));
        return info;
    }

    // Runs of hex tokens starting with 55 AA inside other text.
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (!startsRun(line, tokens, i))
            continue;
        qsizetype j = i;
        qsizetype runDigits = tokens.at(i).length;
        // Punctuation between tokens (a closing quote, a comma) ends the run.
        while (j + 1 < tokens.size()) {
            const Token& cur = tokens.at(j);
            const Token& next = tokens.at(j + 1);
            if (!next.hex)
                break;
            const qsizetype curEnd = cur.start + cur.length;
            if (curEnd < line.size() && !line[curEnd].isSpace())
                break;
            if (next.start > 0 && !line[next.start - 1].isSpace())
                break;
            runDigits += next.length;
            ++j;
        }
        if (runDigits >= 14) {
            info.runs.push_back(makeRun(line, tokens, i, j));
            i = j;
        }
    }
    if (info.runs.isEmpty()) {
        info.kind = HexLineInfo::Kind::Text;
        info.annotation = trimmed;
        return info;
    }
    info.kind = HexLineInfo::Kind::Embedded;
    QStringList around;
    qsizetype from = 0;
    for (const HexRun& r : info.runs) {
        const QString part = line.mid(from, r.start - from).trimmed();
        if (!part.isEmpty())
            around.push_back(part);
        from = r.end;
    }
    const QString tail = line.mid(from).trimmed();
    if (!tail.isEmpty())
        around.push_back(tail);
    info.annotation = around.join(QLatin1Char(' '));
    Direction d = Direction::Unknown;
    if (!typedCommandBefore(QStringView(line).left(info.runs.first().start), &d).isEmpty()) {
        info.typedCommand = true;
        info.typedDirection = d;
    }
    return info;
}

} // namespace tuyascope::importers
