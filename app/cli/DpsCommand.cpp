#include "CliCommands.h"
#include "CliSession.h"

#include "common/Hex.h"
#include "dptable/DpTable.h"
#include "export/McuJson.h"
#include "tuyamcu/DpUnit.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tuyascope::cli {

namespace {

QString valueText(const DpStats& s, const QByteArray& value)
{
    return mcu::dpValueText(s.type, value);
}

QString distinctText(const DpStats& s)
{
    QStringList values;
    for (const QByteArray& v : s.distinctValues)
        values << valueText(s, v);
    QString text = values.join(QLatin1Char(','));
    if (text.size() > 40)
        text = text.left(37) + QStringLiteral("...");
    return QStringLiteral("%1%2 {%3}").arg(s.distinctValues.size()).arg(s.distinctOverflow ? QStringLiteral("+") : QString(), text);
}

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

int runDps(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The dpId table of TuyaMCU captures."));
    mcu::McuSession session;
    QString format;
    const int early = openReadingCommand(parser, args, {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("csv")}, QStringLiteral("dps"), io.out, io.err, session, &format);
    if (early >= 0)
        return early;
    const DpTable table = DpTable::build(session);
    if (format == QLatin1String("json")) {
        QJsonArray rows;
        for (const DpStats& s : table.rows())
            rows.push_back(dpStatsToJson(s));
        io.out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return Ok;
    }
    if (format == QLatin1String("csv")) {
        io.out << "id,type,count,distinct,min,max,first_seen,last_seen,last_value,set_by_module\n";
        for (const DpStats& s : table.rows()) {
            io.out << QStringList{QString::number(s.id), mcu::dpTypeName(s.type), QString::number(s.count),
                                  QString::number(s.distinctValues.size()),
                                  s.numeric ? QString::number(s.min) : QString(), s.numeric ? QString::number(s.max) : QString(),
                                  formatTime(s.firstTimeUs).isEmpty() ? QStringLiteral("#%1").arg(s.firstItem) : formatTime(s.firstTimeUs),
                                  formatTime(s.lastTimeUs).isEmpty() ? QStringLiteral("#%1").arg(s.lastItem) : formatTime(s.lastTimeUs),
                                  csvField(valueText(s, s.lastValue)), s.setByModule() ? QStringLiteral("yes") : QStringLiteral("no")}
                          .join(QLatin1Char(','))
                   << '\n';
        }
        return Ok;
    }
    io.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                  .arg(QStringLiteral("dpId"), -5).arg(QStringLiteral("type"), -7).arg(QStringLiteral("count"), 6)
                  .arg(QStringLiteral("min"), 12).arg(QStringLiteral("max"), 12)
                  .arg(QStringLiteral("first..last"), -14).arg(QStringLiteral("set"), -4)
                  .arg(QStringLiteral("last value"), -22).arg(QStringLiteral("distinct values"));
    for (const DpStats& s : table.rows()) {
        io.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                      .arg(s.id, -5)
                      .arg(mcu::dpTypeName(s.type) + (s.mixedTypes ? QStringLiteral("*") : QString()), -7)
                      .arg(s.count, 6)
                      .arg(s.numeric ? QString::number(s.min) : QStringLiteral("-"), 12)
                      .arg(s.numeric ? QString::number(s.max) : QStringLiteral("-"), 12)
                      .arg(QStringLiteral("#%1..#%2").arg(s.firstItem).arg(s.lastItem), -14)
                      .arg(s.setByModule() ? QStringLiteral("yes") : QStringLiteral("no"), -4)
                      .arg(valueText(s, s.lastValue), -22)
                      .arg(distinctText(s));
    }
    io.out << QStringLiteral("-- %1 dpId(s); '*' after a type: the dpId was seen with more than one type\n").arg(table.rows().size());
    return Ok;
}

} // namespace tuyascope::cli
