#include "import/importers/TasmotaLogImporter.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexLine.h"
#include "import/importers/HexTextImporter.h"
#include "import/importers/RecordWriter.h"
#include "import/importers/TextLines.h"
#include "import/importers/TimeOfDayClock.h"

#include <QRegularExpression>

namespace tuyascope::importers {

namespace {

struct Packet {
    bool found = false;
    Direction direction = Direction::Unknown;
    quint8 flags = RecordNoFlags;
    qsizetype hexStart = 0; // hex field in the line
    qsizetype hexEnd = 0;
    bool keepLine = false;  // the line says more than the bytes (topic, rejection)
};

const QRegularExpression& timeRe()
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?(?=\\s|$)"));
    return re;
}

Packet findPacket(const QString& line)
{
    static const QRegularExpression received(
        QStringLiteral("\"TuyaReceived\"\\s*:\\s*\\{.*?\"Data\"\\s*:\\s*\"([^\"]*)\""));
    static const QRegularExpression rxPacket(QStringLiteral("TYA:\\s*RX Packet:\\s*\"([^\"]*)\""));
    static const QRegularExpression send(QStringLiteral("TYA:\\s*Send\\s*\"([^\"]*)\""));
    static const QRegularExpression debugSend(QStringLiteral("T:>\\s*\"([^\"]*)\""));
    static const QRegularExpression rawData(QStringLiteral("TYA:\\s*Raw Data:?\\s*([0-9A-Fa-f][0-9A-Fa-f\\s]*)"));
    static const QRegularExpression garbage(QStringLiteral("TYA:\\s*E(?:55|AA)\\s+0x([0-9A-Fa-f]{1,2})\\b"));
    static const QRegularExpression serialSend(
        QStringLiteral("^\\s*(?:\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?\\s+)?(?:CMD:\\s*)?SerialSend5\\s+([0-9A-Fa-f]+)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);

    struct Rule {
        const QRegularExpression* re;
        Direction direction;
        quint8 flags;
        bool keepLine;
    };
    const Rule rules[] = {
        {&received, Direction::McuToModule, RecordNoFlags, true},
        {&rxPacket, Direction::McuToModule, RecordNoFlags, false},
        {&send, Direction::ModuleToMcu, RecordNoFlags, false},
        {&debugSend, Direction::ModuleToMcu, RecordNoFlags, false},
        {&rawData, Direction::McuToModule, RecordRejectedByFirmware, true},
        {&garbage, Direction::McuToModule, RecordRejectedByFirmware, true},
        {&serialSend, Direction::ModuleToMcu, RecordTypedCommand, true},
    };
    Packet p;
    for (const Rule& rule : rules) {
        const QRegularExpressionMatch m = rule.re->match(line);
        if (!m.hasMatch())
            continue;
        p.found = true;
        p.direction = rule.direction;
        p.flags = rule.flags;
        p.hexStart = m.capturedStart(1);
        p.hexEnd = m.capturedEnd(1);
        p.keepLine = rule.keepLine;
        return p;
    }
    return p;
}

} // namespace

int TasmotaLogImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int packets = 0;
    int tags = 0;
    for (const TextLine& line : splitLines(head)) {
        if (line.text.contains(QLatin1String("TYA:")) || line.text.contains(QLatin1String("\"TuyaReceived\"")))
            ++tags;
        const Packet p = findPacket(line.text);
        if (p.found && (p.flags & RecordTypedCommand) == 0)
            ++packets;
    }
    if (packets > 0)
        return 85;
    return tags > 0 ? 40 : 0;
}

bool TasmotaLogImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    const int ch = addTextChannel(out, options,
                                  QStringLiteral("Tasmota log; TuyaReceived / RX Packet = MCU -> module, Send = module "
                                                 "-> MCU; console times are times of day on 1970-01-01"));
    RecordWriter writer(out, ch, options.fileName);
    TimeOfDayClock clock;
    for (const TextLine& line : splitLines(data)) {
        const QString& text = line.text;
        if (text.trimmed().isEmpty())
            continue;
        qint64 time = kUnknownTime;
        const QRegularExpressionMatch tm = timeRe().match(text);
        if (tm.hasMatch()) {
            const int h = tm.captured(1).toInt();
            const int m = tm.captured(2).toInt();
            const int s = tm.captured(3).toInt();
            QString frac = tm.captured(4);
            while (!frac.isEmpty() && frac.size() < 3)
                frac += QLatin1Char('0');
            const int ms = frac.isEmpty() ? 0 : frac.toInt();
            if (h < 24 && m < 60 && s < 60)
                time = clock.place(((qint64(h) * 60 + m) * 60 + s) * 1000 + ms);
        }
        const Packet p = findPacket(text);
        HexRun run;
        if (!p.found || !hexField(text, p.hexStart, p.hexEnd, &run)) {
            writer.addAnnotation(text.trimmed());
            continue;
        }
        if (run.oddColumn > 0)
            writer.noteOddDigits(line.number, run.oddColumn);
        QString own;
        if (p.keepLine) {
            own = text.left(p.hexStart) + QStringLiteral("…") + text.mid(p.hexEnd);
            own = own.trimmed();
        }
        writer.addRecord(time, p.direction, run.bytes, own, p.flags);
    }
    writer.finish();
    return true;
}

} // namespace tuyascope::importers
