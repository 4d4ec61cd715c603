#pragma once
// The generic rules for one line of hex text (capture-formats.md sections 4-6):
//  * `//` or `#` lines are comments;
//  * a line whose tokens are all hex is data if it holds >= 7 bytes (the smallest frame) or if
//    it contains a digit and every token has an even digit count ("80", "00", "0080" are data;
//    words made of a-f letters such as "cafe", "Add", "bad" are not);
//  * otherwise, runs of hex tokens of >= 7 bytes that start with 55 AA are data and the text
//    around them is an annotation; a console command in front of a run (uartSendHex,
//    SerialSend5; fakeTuyaPacket/uartFakeHex inject a frame "from the MCU") marks the bytes as
//    typed by a user;
//  * everything else is text, which becomes an annotation for the next data record.

#include "capture/Direction.h"

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QVector>

namespace tuyascope::importers {

struct HexRun {
    QByteArray bytes;      // complete bytes only
    int column = 0;        // 1-based column of the first digit
    int oddColumn = 0;     // 1-based column of the digit that made the count odd, 0 = even
    qsizetype start = 0;   // character range of the run in the line
    qsizetype end = 0;
};

struct HexLineInfo {
    enum class Kind : quint8 { Blank, Comment, Data, Embedded, Text };
    Kind kind = Kind::Blank;
    QVector<HexRun> runs;  // Data: one run; Embedded: one or more
    QString annotation;    // Comment/Text: the trimmed line; Embedded: the text around the runs
    bool typedCommand = false;
    Direction typedDirection = Direction::Unknown;
};

HexLineInfo classifyHexLine(const QString& line);

struct Token {
    qsizetype start = 0;   // of the core (punctuation stripped) in the line
    qsizetype length = 0;
    bool hex = false;      // core is one or more hex digits
    bool bare = false;     // no punctuation was stripped
};
// Whitespace-separated tokens. Quotes, brackets, commas, colons, semicolons and backticks around
// a token are stripped from its core.
QVector<Token> tokenizeLine(QStringView line);

// Concatenates the hex digits of tokens [first, last] into a run; an odd total drops the last
// digit (reported through oddColumn).
HexRun makeRun(QStringView line, const QVector<Token>& tokens, qsizetype first, qsizetype last);

bool isHexDigits(QStringView text);

// line[start, end) holds only hex digits and whitespace (at least 2 digits): fills `run`
// (columns relative to the line). False otherwise.
bool hexField(QStringView line, qsizetype start, qsizetype end, HexRun* run);

// The console command word that turns the following hex into typed bytes, or empty.
// Sets `direction` to the direction of the frame it sends (fakeTuyaPacket and uartFakeHex
// imitate the MCU).
QString typedCommandBefore(QStringView textBefore, Direction* direction);

} // namespace tuyascope::importers
