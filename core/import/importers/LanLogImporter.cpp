#include "import/importers/LanLogImporter.h"
#include "common/Hex.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexTextImporter.h"
#include "import/importers/TextLines.h"

#include <QRegularExpression>

namespace tuyascope::importers {

namespace {

struct LanLine {
    bool isLan = false;
    bool socketTrace = false;
    Direction direction = Direction::Unknown;
    bool directionGuessed = false;
    QByteArray bytes;
    qint64 declared = -1;       // "N bytes" of a socket trace
    bool oddDigits = false;
};


// Hex digits with optional spaces, ':' or '-' between bytes; stops at the first other character.
QByteArray parseHex(QStringView text, bool* odd)
{
    QByteArray out;
    int pending = -1;
    for (QChar c : text) {
        const int v = hexDigitValue(c);
        if (v >= 0) {
            if (pending < 0) {
                pending = v;
            } else {
                out.append(char((pending << 4) | v));
                pending = -1;
            }
            continue;
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char(':') || c == QLatin1Char('-')) {
            if (pending >= 0)
                break;   // a lone digit: not a byte dump
            continue;
        }
        break;
    }
    *odd = pending >= 0;
    return out;
}

bool hasLanPrefix(const QByteArray& bytes)
{
    return bytes.startsWith(QByteArrayView("\x00\x00\x55\xAA", 4)) || bytes.startsWith(QByteArrayView("\x00\x00\x66\x99", 4));
}

Direction directionWord(const QString& word)
{
    const QString w = word.toLower();
    static const QStringList app = {QStringLiteral("send"),    QStringLiteral("sendall"), QStringLiteral("sent"),
                                    QStringLiteral("tx"),      QStringLiteral("request"), QStringLiteral("app->device"),
                                    QStringLiteral(">>"),      QStringLiteral("->")};
    static const QStringList device = {QStringLiteral("recv"),  QStringLiteral("received"), QStringLiteral("rx"),
                                       QStringLiteral("reply"), QStringLiteral("response"), QStringLiteral("device->app"),
                                       QStringLiteral("<<"),    QStringLiteral("<-")};
    if (app.contains(w))
        return Direction::AppToDevice;
    if (device.contains(w))
        return Direction::DeviceToApp;
    return Direction::Unknown;
}

// 55AA frames from the device carry a retcode 0 or 1 first; the app's never do.
Direction guessDirection(const QByteArray& frame)
{
    if (frame.startsWith(QByteArrayView("\x00\x00\x55\xAA", 4)) && frame.size() >= 20) {
        const QByteArray retcode = frame.mid(16, 4);
        if (retcode == QByteArray("\x00\x00\x00\x00", 4) || retcode == QByteArray("\x00\x00\x00\x01", 4))
            return Direction::DeviceToApp;
    }
    return Direction::AppToDevice;
}

LanLine classify(const QString& text)
{
    LanLine line;
    static const QRegularExpression socket(
        QStringLiteral("\\[SOCKET\\]\\s*(sendall|send|recv)\\s+(\\d{1,9})\\s+bytes\\s*:\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = socket.match(text);
    if (m.hasMatch()) {
        line.socketTrace = true;
        line.direction = m.captured(1).toLower() == QLatin1String("recv") ? Direction::DeviceToApp : Direction::AppToDevice;
        line.declared = m.captured(2).toLongLong();
        line.bytes = parseHex(QStringView(text).sliced(m.capturedEnd()), &line.oddDigits);
        line.isLan = !line.bytes.isEmpty();
        return line;
    }
    // A hex dump: optional direction word, then the frame starting with a LAN prefix.
    static const QRegularExpression dump(QStringLiteral("^\\s*(?:([A-Za-z<>\\-]+)\\s*:?\\s+)?(00\\s?00\\s?(?:55|66)\\s?(?:aa|99))"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch d = dump.match(text);
    if (!d.hasMatch())
        return line;
    line.bytes = parseHex(QStringView(text).sliced(d.capturedStart(2)), &line.oddDigits);
    if (line.bytes.size() < 4 || !hasLanPrefix(line.bytes))
        return {};
    line.isLan = true;
    line.direction = directionWord(d.captured(1));
    if (line.direction == Direction::Unknown) {
        line.direction = guessDirection(line.bytes);
        line.directionGuessed = true;
    }
    return line;
}

} // namespace

int LanLogImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int socketLines = 0;
    int dumpLines = 0;
    for (const TextLine& line : splitLines(head)) {
        const LanLine l = classify(line.text);
        if (!l.isLan)
            continue;
        if (l.socketTrace)
            ++socketLines;
        else if (l.bytes.size() >= 16)
            ++dumpLines;
    }
    if (socketLines > 0)
        return qMin(95, 75 + socketLines);
    if (dumpLines > 0)
        return qMin(75, 60 + dumpLines);
    return 0;
}

bool LanLogImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    const int ch = addTextChannel(out, options, QStringLiteral("Tuya LAN frame log; one record per frame line"));
    for (const TextLine& line : splitLines(data)) {
        const LanLine l = classify(line.text);
        if (!l.isLan)
            continue;
        QString annotation;
        if (l.directionGuessed)
            annotation = QStringLiteral("direction guessed from the frame");
        if (l.declared >= 0 && l.declared != l.bytes.size()) {
            CaptureNote note;
            note.severity = Severity::Warning;
            note.code = QStringLiteral("LAN_LOG_LENGTH");
            note.message = QStringLiteral("the line announces %1 byte(s) but holds %2").arg(l.declared).arg(l.bytes.size());
            note.file = options.fileName;
            note.line = line.number;
            note.column = 1;
            out.addNote(note);
        }
        if (l.oddDigits) {
            CaptureNote note;
            note.severity = Severity::Warning;
            note.code = QStringLiteral("ODD_HEX_DIGITS");
            note.message = QStringLiteral("odd number of hex digits: the last one was ignored");
            note.file = options.fileName;
            note.line = line.number;
            note.column = 1;
            out.addNote(note);
        }
        out.append(kUnknownTime, l.direction, ch, l.bytes, annotation);
    }
    return true;
}

} // namespace tuyascope::importers
