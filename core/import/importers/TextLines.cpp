#include "import/importers/TextLines.h"

namespace tuyascope::importers {

namespace {

// Removes ANSI escape sequences (terminal colours: ESC [ ... final byte) from a line.
QString withoutAnsi(const QString& line)
{
    if (!line.contains(QChar(0x1B)))
        return line;
    QString out;
    out.reserve(line.size());
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] != QChar(0x1B)) {
            out += line[i];
            continue;
        }
        if (i + 1 < line.size() && line[i + 1] == QLatin1Char('[')) {
            qsizetype j = i + 2;
            while (j < line.size() && (line[j].unicode() < 0x40 || line[j].unicode() > 0x7E))
                ++j;
            i = j; // skip the final byte too
        }
    }
    return out;
}

} // namespace

QVector<TextLine> splitLines(QByteArrayView data)
{
    QVector<TextLine> lines;
    qsizetype start = 0;
    int number = 1;
    const qsizetype n = data.size();
    if (n >= 3 && quint8(data[0]) == 0xEF && quint8(data[1]) == 0xBB && quint8(data[2]) == 0xBF)
        start = 3; // UTF-8 byte order mark
    auto emitLine = [&](qsizetype end) {
        lines.push_back({number++, withoutAnsi(QString::fromUtf8(data.sliced(start, end - start)))});
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char c = data[i];
        if (c == '\n') {
            emitLine(i);
            start = i + 1;
        } else if (c == '\r') {
            emitLine(i);
            if (i + 1 < n && data[i + 1] == '\n')
                ++i;
            start = i + 1;
        }
    }
    if (start < n)
        emitLine(n);
    return lines;
}

} // namespace tuyascope::importers
