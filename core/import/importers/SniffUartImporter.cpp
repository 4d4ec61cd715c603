#include "import/importers/SniffUartImporter.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexLine.h"
#include "import/importers/RecordWriter.h"
#include "import/importers/TextLines.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <memory>
#include <vector>

namespace tuyascope::importers {

namespace {

struct Field {
    qsizetype start = 0;
    qsizetype end = 0;
};

struct Row {
    bool valid = false;
    bool header = false;
    QVector<Field> fields; // first five fields at most; the rest of the line is free text
    qsizetype restStart = -1;
};

Row splitRow(const QString& line)
{
    Row row;
    qsizetype pos = 0;
    if (line.startsWith(QChar(0xFEFF)))
        pos = 1;
    if (pos >= line.size() || line[pos] != QLatin1Char('"'))
        return row;
    ++pos;
    static const QString sep = QStringLiteral("\";\"");
    while (row.fields.size() < 5) {
        const qsizetype next = line.indexOf(sep, pos);
        if (next < 0) {
            qsizetype end = line.size();
            while (end > pos && line[end - 1].isSpace())
                --end;
            if (end > pos && line[end - 1] == QLatin1Char('"'))
                --end;
            row.fields.push_back({pos, end});
            pos = line.size();
            break;
        }
        row.fields.push_back({pos, next});
        pos = next + sep.size();
    }
    if (pos < line.size())
        row.restStart = pos;
    row.valid = row.fields.size() >= 4;
    row.header = row.valid
                 && QStringView(line).mid(row.fields[0].start, row.fields[0].end - row.fields[0].start)
                            .compare(QLatin1String("PortName"), Qt::CaseInsensitive)
                        == 0;
    return row;
}

bool parseSniffTime(QStringView text, qint64* timeUs)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(\\d{2,4})-(\\d{1,2})-(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,6}))?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return false;
    int year = m.captured(1).toInt();
    if (m.captured(1).size() == 2)
        year += 2000;
    const QDate date(year, m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return false;
    QString frac = m.captured(7);
    while (frac.size() < 6)
        frac += QLatin1Char('0');
    *timeUs = QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() * 1000 + frac.toInt();
    return true;
}

// Index of the field holding spaced hex (3 = where data rows put it, 4 = where the header says).
int hexFieldIndex(const QString& line, const Row& row, HexRun* run)
{
    for (int i : {3, 4}) {
        if (i < row.fields.size() && hexField(line, row.fields[i].start, row.fields[i].end, run))
            return i;
    }
    return -1;
}

} // namespace

Direction SniffUartImporter::directionFromPortName(const QString& port)
{
    static const QRegularExpression mcu(QStringLiteral("mcu"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression module(
        QStringLiteral("wi-?fi|module|esp|tywe|(?:^|[^a-z])(?:cb|wb|wr|cbu|wbr)\\d|bk72|rtl87|ln882|w600|w800|tuya ?module"),
        QRegularExpression::CaseInsensitiveOption);
    const bool isMcu = mcu.match(port).hasMatch();
    const bool isModule = module.match(port).hasMatch();
    if (isMcu && !isModule)
        return Direction::McuToModule;
    if (isModule && !isMcu)
        return Direction::ModuleToMcu;
    return Direction::Unknown;
}

int SniffUartImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int rows = 0;
    bool header = false;
    for (const TextLine& line : splitLines(head)) {
        const Row row = splitRow(line.text);
        if (!row.valid)
            continue;
        if (row.header) {
            header = true;
            continue;
        }
        qint64 t = 0;
        HexRun run;
        if (parseSniffTime(QStringView(line.text).mid(row.fields[1].start, row.fields[1].end - row.fields[1].start), &t)
            && hexFieldIndex(line.text, row, &run) >= 0)
            ++rows;
    }
    if (header && rows > 0)
        return 95;
    if (rows > 0)
        return 88;
    return header ? 60 : 0;
}

bool SniffUartImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    QHash<QString, int> channels;
    QStringList pending;
    int lastChannel = -1;
    std::vector<std::unique_ptr<RecordWriter>> writers;
    auto channelFor = [&](const QString& port) {
        auto it = channels.constFind(port);
        if (it != channels.constEnd())
            return *it;
        ChannelInfo c;
        c.name = port.isEmpty() ? channelNameFor(options.fileName) : port;
        c.direction = directionFromPortName(port);
        if (c.direction == Direction::Unknown)
            c.direction = options.direction;
        c.source = options.fileName;
        c.description = c.direction == Direction::Unknown
                            ? QStringLiteral("SniffUART port \"%1\"; the name does not say which side sent").arg(port)
                            : QStringLiteral("SniffUART port \"%1\"; direction %2 from the port name")
                                  .arg(port, directionLabel(c.direction));
        const int ch = out.addChannel(c);
        channels.insert(port, ch);
        writers.push_back(std::make_unique<RecordWriter>(out, ch, options.fileName));
        return ch;
    };
    auto writerFor = [&](int ch) -> RecordWriter& {
        for (const auto& w : writers) {
            if (w->channel() == ch)
                return *w;
        }
        return *writers.front();
    };

    for (const TextLine& line : splitLines(data)) {
        const QString& text = line.text;
        if (text.trimmed().isEmpty())
            continue;
        const Row row = splitRow(text);
        HexRun run;
        const int hexIndex = row.valid && !row.header ? hexFieldIndex(text, row, &run) : -1;
        if (row.header)
            continue;
        if (hexIndex < 0) {
            pending.push_back(text.trimmed());
            continue;
        }
        const QString port = text.mid(row.fields[0].start, row.fields[0].end - row.fields[0].start);
        const int ch = channelFor(port);
        lastChannel = ch;
        const Direction direction = out.channels().at(ch).direction;
        qint64 time = kUnknownTime;
        qint64 t = 0;
        if (parseSniffTime(QStringView(text).mid(row.fields[1].start, row.fields[1].end - row.fields[1].start), &t))
            time = t;
        RecordWriter& writer = writerFor(ch);
        for (const QString& p : pending)
            writer.addAnnotation(p);
        pending.clear();
        if (run.oddColumn > 0)
            writer.noteOddDigits(line.number, run.oddColumn);
        // The decoded message column (after the ASCII rendering) is kept as the annotation.
        QString message;
        const int messageIndex = hexIndex + 2;
        if (messageIndex < row.fields.size())
            message = text.mid(row.fields[messageIndex].start);
        else if (row.restStart >= 0 && messageIndex == row.fields.size())
            message = text.mid(row.restStart);
        if (message.endsWith(QLatin1Char('"')))
            message.chop(1);
        writer.addRecord(time, direction, run.bytes, message.trimmed());
    }
    if (!pending.isEmpty()) {
        if (lastChannel < 0)
            lastChannel = channelFor(QString());
        RecordWriter& writer = writerFor(lastChannel);
        for (const QString& p : pending)
            writer.addAnnotation(p);
    }
    for (const auto& w : writers)
        w->finish();
    return true;
}

} // namespace tuyascope::importers
