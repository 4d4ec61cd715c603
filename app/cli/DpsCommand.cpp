#include "CliCommands.h"
#include "CaptureDps.h"
#include "CliSession.h"
#include "KeySources.h"

#include "common/Hex.h"
#include "dpmap/RoleInference.h"
#include "knowledge/DeviceKnowledge.h"
#include "export/McuJson.h"
#include "tuyamcu/DpUnit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace tuyascope::cli {

namespace {

QString valueText(const dpmap::DpProfile& s, const QByteArray& value)
{
    return mcu::dpValueText(s.type, value);
}

QString distinctText(const dpmap::DpProfile& s)
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

QJsonObject rolesToJson(const dpmap::DpRoles& dp, const dpmap::DpEngine& engine)
{
    QJsonArray roles;
    for (const dpmap::RoleHypothesis& h : dp.roles) {
        QJsonArray evidence;
        for (const dpmap::RoleEvidence& e : h.evidence)
            evidence.push_back(QJsonObject{{QStringLiteral("source"), dpmap::evidenceSourceKey(e.source)},
                                           {QStringLiteral("weight"), std::round(e.weight * 100.0) / 100.0},
                                           {QStringLiteral("text"), e.text}});
        roles.push_back(QJsonObject{{QStringLiteral("role"), h.role},
                                    {QStringLiteral("confidence"), std::round(h.confidence * 100.0) / 100.0},
                                    {QStringLiteral("reason"), h.reason},
                                    {QStringLiteral("scale"), h.scale},
                                    {QStringLiteral("unit"), h.unit},
                                    {QStringLiteral("evidence"), evidence}});
    }
    QJsonObject row{{QStringLiteral("id"), int(dp.id)},
                    {QStringLiteral("type"), dp.requestOnly ? QStringLiteral("requested") : mcu::dpTypeName(dp.type)},
                    {QStringLiteral("roles"), roles}};
    if (!dp.knownName.isEmpty())
        row.insert(QStringLiteral("known_name"), dp.knownName);
    if (dp.requestOnly)
        row.insert(QStringLiteral("request_only"), true);
    if (!dp.notes.isEmpty())
        row.insert(QStringLiteral("notes"), QJsonArray::fromStringList(dp.notes));
    if (const dpmap::DpProfile* p = engine.find(dp.id); p && !p->changesAfterWriteOf.isEmpty()) {
        QJsonArray after;
        for (auto it = p->changesAfterWriteOf.constBegin(); it != p->changesAfterWriteOf.constEnd(); ++it)
            after.push_back(QJsonObject{{QStringLiteral("dp"), int(it.key())}, {QStringLiteral("count"), it.value()}});
        row.insert(QStringLiteral("changes_after_writes_of"), after);
    }
    return row;
}

QJsonArray idsToJson(const QVector<quint8>& ids)
{
    QJsonArray out;
    for (const quint8 id : ids)
        out.push_back(int(id));
    return out;
}

QJsonObject modelToJson(const dpmap::ModelMatch& m)
{
    QJsonObject o{{QStringLiteral("name"), m.displayName()},
                  {QStringLiteral("key"), m.model->key},
                  {QStringLiteral("category"), m.model->category},
                  {QStringLiteral("score"), std::round(m.score * 100.0) / 100.0},
                  {QStringLiteral("by_product_id"), m.byProductId},
                  {QStringLiteral("agree"), idsToJson(m.agree)},
                  {QStringLiteral("contradict"), idsToJson(m.contradict)},
                  {QStringLiteral("lacking"), idsToJson(m.lacking)},
                  {QStringLiteral("unseen"), idsToJson(m.unseen)},
                  {QStringLiteral("evidence"), QJsonArray::fromStringList(m.evidence)}};
    QJsonArray products;
    for (const knowledge::KnownProduct& product : m.model->products)
        products.push_back(QJsonObject{{QStringLiteral("id"), product.id},
                                       {QStringLiteral("manufacturer"), product.manufacturer},
                                       {QStringLiteral("model"), product.model}});
    o.insert(QStringLiteral("products"), products);
    return o;
}

void printTextRoles(const dpmap::DpRoles& dp, QTextStream& out)
{
    if (dp.requestOnly) {
        out << QStringLiteral("dp %1 (requested only)\n").arg(dp.id);
    } else {
        out << QStringLiteral("dp %1 (%2)%3\n")
                   .arg(dp.id)
                   .arg(mcu::dpTypeName(dp.type),
                        dp.knownName.isEmpty() ? QString() : QStringLiteral("  known as \"%1\"").arg(dp.knownName));
        if (dp.roles.isEmpty())
            out << QStringLiteral("    no suggestion\n");
    }
    for (const dpmap::RoleHypothesis& h : dp.roles) {
        const QString scale = h.scale != 1 || !h.unit.isEmpty() ? QStringLiteral(" x%1 %2").arg(h.scale).arg(h.unit) : QString();
        out << QStringLiteral("    %1 %2%3  %4\n").arg(h.confidence, 4, 'f', 2).arg(h.role, scale, h.reason);
    }
    for (const QString& note : dp.notes)
        out << QStringLiteral("    note: %1\n").arg(note);
    if (!dp.changedAfterWrites.isEmpty())
        out << QStringLiteral("    changed after writes of %1\n").arg(dp.changedAfterWrites);
}

int printInference(const dpmap::DpEngine& engine, const QString& format, Streams io)
{
    const dpmap::InferenceResult result = dpmap::inferRoles(engine);
    if (format == QLatin1String("json")) {
        QJsonArray rows;
        for (const dpmap::DpRoles& dp : result.dps)
            rows.push_back(rolesToJson(dp, engine));
        QJsonArray models;
        for (const dpmap::ModelMatch& m : result.models)
            models.push_back(modelToJson(m));
        QJsonObject top{{QStringLiteral("dps"), rows}, {QStringLiteral("models"), models}};
        if (!engine.productId().isEmpty())
            top.insert(QStringLiteral("product_id"), engine.productId());
        if (result.energy.found)
            top.insert(QStringLiteral("energy_check"),
                       QJsonObject{{QStringLiteral("text"), result.energy.text},
                                   {QStringLiteral("consistent"), result.energy.consistent},
                                   {QStringLiteral("aligned_reports"), result.energy.samples}});
        QJsonArray pairs;
        for (const dpmap::TemperaturePair& pair : result.temperaturePairs)
            pairs.push_back(QJsonObject{{QStringLiteral("celsius_dp"), int(pair.celsiusDp)},
                                        {QStringLiteral("fahrenheit_dp"), int(pair.fahrenheitDp)},
                                        {QStringLiteral("text"), pair.text}});
        if (!pairs.isEmpty())
            top.insert(QStringLiteral("temperature_pairs"), pairs);
        io.out << QJsonDocument(top).toJson(QJsonDocument::Indented);
        return Ok;
    }
    if (format != QLatin1String("text")) {
        io.err << QStringLiteral("error: dps --infer writes text or json\n");
        return Usage;
    }
    for (const dpmap::ModelMatch& m : result.models)
        io.out << QStringLiteral("-- looks like: %1\n").arg(m.summary());
    for (const dpmap::DpRoles& dp : result.dps)
        printTextRoles(dp, io.out);
    if (result.energy.found)
        io.out << QStringLiteral("-- energy: %1 (%2)\n")
                      .arg(result.energy.text,
                           result.energy.consistent ? QStringLiteral("consistent") : QStringLiteral("NOT consistent"));
    for (const dpmap::TemperaturePair& pair : result.temperaturePairs)
        io.out << QStringLiteral("-- temperature pair: %1\n").arg(pair.text);
    if (result.category.profile)
        io.out << QStringLiteral("-- category prior: %1\n").arg(result.category.reason);
    if (result.dps.isEmpty())
        io.out << QStringLiteral("-- no dp unit in these files: nothing reported or written a dp while they were recorded\n");
    io.out << QStringLiteral("-- %1 dpId(s); confidences are hints to check, not facts\n").arg(result.dps.size());
    return Ok;
}

} // namespace

int runDps(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The dpId table of TuyaMCU captures and Tuya LAN captures (with their keys)."));
    const QCommandLineOption infer(QStringLiteral("infer"), QStringLiteral("Suggest a role for every dpId (text or json)."));
    parser.addOption(infer);
    addLanCaptureOptions(parser);
    mcu::McuSession session;
    QString format;
    Capture capture;
    const int early = openReadingCommand(parser, args, {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("csv")}, QStringLiteral("dps"), io.out, io.err, session, &format, &capture);
    if (early >= 0)
        return early;
    const std::optional<dpmap::DpEngine> loaded = captureDpEngine(parser, session, capture, io.err);
    if (!loaded)
        return BadInput;
    const dpmap::DpEngine& engine = *loaded;
    if (parser.isSet(infer))
        return printInference(engine, format, io);
    const QVector<dpmap::DpProfile>& table = engine.profiles();
    if (format == QLatin1String("json")) {
        QJsonArray rows;
        for (const dpmap::DpProfile& s : table) {
            QJsonObject row = dpProfileToJson(s);
            QJsonArray findings;
            for (const dpmap::DpFinding& f : engine.findings())
                if (f.dp == s.id)
                    findings.push_back(QJsonObject{{QStringLiteral("severity"), severityName(f.diagnostic.severity)},
                                                   {QStringLiteral("code"), f.diagnostic.code},
                                                   {QStringLiteral("message"), f.diagnostic.message},
                                                   {QStringLiteral("index"), f.item}});
            row.insert(QStringLiteral("diagnostics"), findings);
            rows.push_back(row);
        }
        io.out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return Ok;
    }
    if (format == QLatin1String("csv")) {
        io.out << "id,type,count,distinct,min,max,first_seen,last_seen,last_value,set_by_module\n";
        for (const dpmap::DpProfile& s : table) {
            io.out << QStringList{QString::number(s.id), mcu::dpTypeName(s.type), QString::number(s.count),
                                  QString::number(s.distinctValues.size()),
                                  s.numeric ? QString::number(s.min) : QString(), s.numeric ? QString::number(s.max) : QString(),
                                  formatTime(s.firstTimeUs).isEmpty() ? QStringLiteral("#%1").arg(s.firstItem) : formatTime(s.firstTimeUs),
                                  formatTime(s.lastTimeUs).isEmpty() ? QStringLiteral("#%1").arg(s.lastItem) : formatTime(s.lastTimeUs),
                                  csvField(valueText(s, s.lastValue)), s.writtenByModule() ? QStringLiteral("yes") : QStringLiteral("no")}
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
    for (const dpmap::DpProfile& s : table) {
        io.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                      .arg(s.id, -5)
                      .arg(mcu::dpTypeName(s.type) + (s.mixedTypes() ? QStringLiteral("*") : QString()), -7)
                      .arg(s.count, 6)
                      .arg(s.numeric ? QString::number(s.min) : QStringLiteral("-"), 12)
                      .arg(s.numeric ? QString::number(s.max) : QStringLiteral("-"), 12)
                      .arg(QStringLiteral("#%1..#%2").arg(s.firstItem).arg(s.lastItem), -14)
                      .arg(s.writtenByModule() ? QStringLiteral("yes") : QStringLiteral("no"), -4)
                      .arg(valueText(s, s.lastValue), -22)
                      .arg(distinctText(s));
    }
    for (const dpmap::DpFinding& f : engine.findings())
        io.out << QStringLiteral("#%1 %2 %3: %4\n").arg(f.item).arg(severityName(f.diagnostic.severity), f.diagnostic.code, f.diagnostic.message);
    io.out << QStringLiteral("-- %1 dpId(s); '*' after a type: the dpId was seen with more than one type\n").arg(table.size());
    return Ok;
}

} // namespace tuyascope::cli
