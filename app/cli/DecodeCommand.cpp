#include "CliCommands.h"
#include "CliSession.h"

#include "common/Hex.h"
#include "export/McuJson.h"
#include "tuyamcu/McuDissector.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>

namespace tuyascope::cli {

namespace {

QString timeColumn(qint64 timeUs)
{
    if (timeUs == kUnknownTime)
        return QStringLiteral("-");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeUs / 1000, QTimeZone::utc());
    return t.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(".%1").arg(timeUs % 1000000, 6, 10, QLatin1Char('0'));
}

void printItemText(const mcu::McuSession& session, int index, bool withHex, QTextStream& out)
{
    const mcu::McuItem& it = session.item(index);
    const Dissection d = session.dissect(index);
    QString status;
    if (d.checksum == ChecksumStatus::Good)
        status = QStringLiteral("[good]");
    else if (d.checksum == ChecksumStatus::Bad)
        status = QStringLiteral("[BAD checksum, expected %1]").arg(hexByte(quint8(d.checksumExpected)));
    const QString dir = directionKey(it.direction) + (it.directionInferred ? QStringLiteral("?") : QString());
    const QString cmd = it.kind == mcu::ItemKind::Garbage ? QStringLiteral("    ") : hexByte(it.command);
    out << QStringLiteral("#%1  %2  %3  %4  %5 %6 %7\n")
               .arg(index, -5)
               .arg(timeColumn(it.timeUs), -15)
               .arg(dir, -12)
               .arg(mcu::familyKey(it.family), -7)
               .arg(cmd, d.summary, status);
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity == Severity::Chat)
            continue;
        out << QStringLiteral("        %1 %2: %3\n").arg(severityName(diagnostic.severity), diagnostic.code, diagnostic.message);
    }
    const int annotation = d.findField(QStringLiteral("annotation"));
    if (annotation >= 0)
        out << QStringLiteral("        note: %1\n").arg(d.field(annotation).value.simplified());
    if (withHex)
        out << QStringLiteral("        %1\n").arg(toHex(session.itemBytes(index), true));
}

} // namespace

int runDecode(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Decode TuyaMCU captures: one line (text) or one JSON object per frame."));
    parser.addOption({QStringLiteral("hex"), QStringLiteral("Text format: print the bytes of every item.")});
    mcu::McuSession session;
    QString format;
    const int early = openReadingCommand(parser, args, {QStringLiteral("text"), QStringLiteral("json")}, QStringLiteral("decode"), io.out, io.err, session, &format);
    if (early >= 0)
        return early;
    for (int i = 0; i < session.itemCount(); ++i) {
        if (format == QLatin1String("json"))
            io.out << QJsonDocument(itemToJson(session, i)).toJson(QJsonDocument::Compact) << '\n';
        else
            printItemText(session, i, parser.isSet(QStringLiteral("hex")), io.out);
    }
    if (format == QLatin1String("text"))
        io.out << QStringLiteral("-- %1 frame(s), %2 with a bad checksum, %3 garbage byte(s)\n")
                      .arg(session.frameCount()).arg(session.badChecksumCount()).arg(session.garbageBytes());
    return Ok;
}

} // namespace tuyascope::cli
