#include "import/importers/OpenBekenLogImporter.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexLine.h"
#include "import/importers/HexTextImporter.h"
#include "import/importers/RecordWriter.h"
#include "import/importers/TextLines.h"
#include "tuyamcu/FrameEncoder.h"

#include <QRegularExpression>

namespace tuyascope::importers {

namespace {

const QRegularExpression& receivedRe()
{
    static const QRegularExpression re(QStringLiteral(":TuyaMCU:(?:TUYAMCU\\s+)?Received:\\s*"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& skippedRe()
{
    static const QRegularExpression re(QStringLiteral(":TuyaMCU:Skipped data(?:\\s*\\(part\\))?:?\\s*"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression& sendCmdRe()
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(?:backlog\\s+)?tuyaMcu_sendCmd\\s+(0x[0-9A-Fa-f]{1,2}|\\d{1,3})(?:\\s+([0-9A-Fa-f]*))?"
                       "\\s*(?:;.*)?$"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

int parseNumber(const QString& text, bool* ok)
{
    if (text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
        return text.mid(2).toInt(ok, 16);
    return text.toInt(ok, 10);
}

// Hex pairs from `from` up to the first token that is not hex.
bool hexTokensFrom(const QString& line, qsizetype from, HexRun* run)
{
    qsizetype end = from;
    qsizetype pos = from;
    while (pos < line.size()) {
        while (pos < line.size() && line[pos].isSpace())
            ++pos;
        qsizetype e = pos;
        while (e < line.size() && !line[e].isSpace())
            ++e;
        if (e == pos || !isHexDigits(QStringView(line).mid(pos, e - pos)))
            break;
        end = e;
        pos = e;
    }
    return hexField(line, from, end, run);
}

} // namespace

int OpenBekenLogImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int received = 0;
    int tagged = 0;
    int commands = 0;
    for (const TextLine& line : splitLines(head)) {
        if (line.text.contains(QLatin1String(":TuyaMCU:"), Qt::CaseInsensitive))
            ++tagged;
        const QRegularExpressionMatch m = receivedRe().match(line.text);
        HexRun run;
        if (m.hasMatch() && hexTokensFrom(line.text, m.capturedEnd(), &run))
            ++received;
        if (sendCmdRe().match(line.text).hasMatch())
            ++commands;
    }
    if (received > 0)
        return 85;
    if (tagged > 0 || commands > 0)
        return 55;
    return 0;
}

bool OpenBekenLogImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    const int ch = addTextChannel(out, options,
                                  QStringLiteral("OpenBeken log; Received = MCU -> module, console commands = typed "
                                                 "module -> MCU"));
    RecordWriter writer(out, ch, options.fileName);
    for (const TextLine& line : splitLines(data)) {
        const QString& text = line.text;
        HexRun run;
        const QRegularExpressionMatch rec = receivedRe().match(text);
        if (rec.hasMatch() && hexTokensFrom(text, rec.capturedEnd(), &run)) {
            if (run.oddColumn > 0)
                writer.noteOddDigits(line.number, run.oddColumn);
            const QString prefix = text.left(rec.capturedStart()).trimmed();
            const QString rest = text.mid(run.end).trimmed();
            // Keep what a log viewer prepended (a time); the bare level word says nothing.
            static const QRegularExpression bareLevel(QStringLiteral("^[A-Za-z]+$"));
            QString own = bareLevel.match(prefix).hasMatch() ? QString() : prefix;
            if (!rest.isEmpty())
                own += (own.isEmpty() ? QString() : QStringLiteral(" ")) + rest;
            writer.addRecord(kUnknownTime, Direction::McuToModule, run.bytes, own);
            continue;
        }
        const QRegularExpressionMatch skip = skippedRe().match(text);
        if (skip.hasMatch() && hexTokensFrom(text, skip.capturedEnd(), &run)) {
            if (run.oddColumn > 0)
                writer.noteOddDigits(line.number, run.oddColumn);
            writer.addRecord(kUnknownTime, Direction::McuToModule, run.bytes,
                             QStringLiteral("discarded by OpenBeken: %1").arg(text.trimmed()),
                             RecordRejectedByFirmware);
            continue;
        }
        const QRegularExpressionMatch cmd = sendCmdRe().match(text);
        if (cmd.hasMatch()) {
            bool okCmd = false;
            const int command = parseNumber(cmd.captured(1), &okCmd);
            const QString payloadHex = cmd.captured(2);
            if (okCmd && command <= 0xFF && payloadHex.size() % 2 == 0) {
                const QByteArray payload = QByteArray::fromHex(payloadHex.toLatin1());
                writer.addRecord(kUnknownTime, Direction::ModuleToMcu, mcu::encodeFrame(0x00, quint8(command), payload),
                                 QStringLiteral("%1 (frame built from the command; length and checksum computed)")
                                     .arg(text.trimmed()),
                                 RecordTypedCommand);
                continue;
            }
        }
        writer.addHexLine(classifyHexLine(text), line.number, kUnknownTime, options.direction);
    }
    writer.finish();
    return true;
}

} // namespace tuyascope::importers
