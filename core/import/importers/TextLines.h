#pragma once
// Splits text files into numbered lines. CRLF, LF and lone CR all end a line (mixed endings
// are common in hand-edited notes). Decoded as UTF-8 (a leading byte order mark is skipped);
// invalid bytes become U+FFFD. ANSI colour sequences of terminal logs are removed (columns
// count the remaining characters).

#include <QByteArrayView>
#include <QString>
#include <QVector>

namespace tuyascope::importers {

struct TextLine {
    int number = 0;   // 1-based
    QString text;     // without the line terminator
};

QVector<TextLine> splitLines(QByteArrayView data);

} // namespace tuyascope::importers
