#include "export/McuJson.h"

#include "common/Hex.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/McuDissector.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace tuyascope {

using namespace tuyascope::mcu;

QJsonValue dpValueToJson(quint8 type, QByteArrayView value)
{
    switch (type) {
    case 1:
        if (value.size() == 1)
            return QJsonValue(quint8(value[0]) != 0);
        break;
    case 2:
    case 4:
    case 5:
        if (value.size() >= 1 && value.size() <= 4)
            return QJsonValue(qint64(dpIntegerValue(type, value)));
        break;
    case 3:
        return QJsonValue(QString::fromUtf8(value.data(), value.size()));
    default:
        break;
    }
    return QJsonValue(toHex(value));
}

QString formatTime(qint64 timeUs)
{
    if (timeUs == kUnknownTime)
        return QString();
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeUs / 1000, QTimeZone::utc());
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QStringLiteral(".%1Z").arg(timeUs % 1000000, 6, 10, QLatin1Char('0'));
}

namespace {

QJsonArray dpsToJson(const QByteArray& bytes, Family family, Direction direction)
{
    QJsonArray dps;
    for (const DpUnit& u : frameDpUnits(bytes, family, direction).units) {
        QJsonObject dp;
        dp.insert(QStringLiteral("id"), int(u.id));
        dp.insert(QStringLiteral("type"), dpTypeName(u.type));
        dp.insert(QStringLiteral("value"), dpValueToJson(u.type, QByteArrayView(bytes).sliced(u.valueOffset(), u.length)));
        dps.push_back(dp);
    }
    return dps;
}

// The keys every frame object shares, whether it comes from a file or a live link.
void insertFrameKeys(QJsonObject& o, const QByteArray& bytes, bool isFrame, quint8 version, quint8 command,
                     Family family, const Dissection& d)
{
    o.insert(QStringLiteral("protocol"), QStringLiteral("tuyamcu"));
    o.insert(QStringLiteral("version"), isFrame ? QJsonValue(int(version)) : QJsonValue());
    o.insert(QStringLiteral("cmd"), isFrame ? QJsonValue(int(command)) : QJsonValue());
    o.insert(QStringLiteral("cmd_name"), isFrame ? QJsonValue(commandName(family, command)) : QJsonValue());
    o.insert(QStringLiteral("family"), familyKey(family));
    o.insert(QStringLiteral("checksum"), d.checksum == ChecksumStatus::Good ? QStringLiteral("good")
                                         : d.checksum == ChecksumStatus::Bad ? QStringLiteral("bad")
                                                                             : QStringLiteral("absent"));
    if (d.checksum == ChecksumStatus::Bad)
        o.insert(QStringLiteral("checksum_expected"), d.checksumExpected);
    o.insert(QStringLiteral("summary"), d.summary);
    o.insert(QStringLiteral("diagnostics"), diagnosticsToJson(d));
    o.insert(QStringLiteral("hex"), toHex(bytes));
}

QString kindKey(bool garbage, bool truncated)
{
    return garbage ? QStringLiteral("garbage") : truncated ? QStringLiteral("truncated") : QStringLiteral("frame");
}

} // namespace

QJsonArray diagnosticsToJson(const Dissection& d)
{
    QJsonArray diagnostics;
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity == Severity::Chat)
            continue;
        QJsonObject j;
        j.insert(QStringLiteral("severity"), severityName(diagnostic.severity));
        j.insert(QStringLiteral("code"), diagnostic.code);
        j.insert(QStringLiteral("message"), diagnostic.message);
        diagnostics.push_back(j);
    }
    return diagnostics;
}

QJsonObject itemToJson(const McuSession& session, int index)
{
    const McuItem& it = session.item(index);
    const QByteArray bytes = session.itemBytes(index);
    const Dissection d = session.dissect(index);
    QJsonObject o;
    o.insert(QStringLiteral("index"), index);
    o.insert(QStringLiteral("kind"), kindKey(it.kind == ItemKind::Garbage, it.kind == ItemKind::Truncated));
    o.insert(QStringLiteral("time"), it.timeUs == kUnknownTime ? QJsonValue() : QJsonValue(formatTime(it.timeUs)));
    o.insert(QStringLiteral("time_us"), it.timeUs == kUnknownTime ? QJsonValue() : QJsonValue(qint64(it.timeUs)));
    o.insert(QStringLiteral("dir"), directionKey(it.direction));
    o.insert(QStringLiteral("dir_inferred"), it.directionInferred);
    o.insert(QStringLiteral("channel"), session.capture().channels().value(session.streams().at(it.stream).channel).name);
    o.insert(QStringLiteral("offset"), qint64(it.streamOffset));
    const bool isFrame = it.kind != ItemKind::Garbage && bytes.size() >= kHeaderSize;
    insertFrameKeys(o, bytes, isFrame, it.version, it.command, it.family, d);
    o.insert(QStringLiteral("family_evidence"), session.familyEvidence(index));
    o.insert(QStringLiteral("dps"), it.kind == ItemKind::Frame ? dpsToJson(bytes, it.family, it.direction) : QJsonArray());
    if (it.answerOf >= 0)
        o.insert(QStringLiteral("answer_to"), it.answerOf);
    if (it.firstAnswer >= 0)
        o.insert(QStringLiteral("answered_by"), it.firstAnswer);
    const int annotation = d.findField(QStringLiteral("annotation"));
    if (annotation >= 0)
        o.insert(QStringLiteral("annotation"), d.field(annotation).value);
    return o;
}

QJsonObject liveFrameToJson(const LiveFrameEvent& event, Family family, const QString& familyEvidence,
                            const Dissection& d, const QString& channelName)
{
    QJsonObject o;
    o.insert(QStringLiteral("type"), QStringLiteral("frame"));
    const bool garbage = event.kind == LiveFrameEvent::Kind::Garbage;
    o.insert(QStringLiteral("kind"), kindKey(garbage, event.kind == LiveFrameEvent::Kind::Truncated));
    o.insert(QStringLiteral("time"), formatTime(event.timeUs));
    o.insert(QStringLiteral("time_us"), qint64(event.timeUs));
    o.insert(QStringLiteral("dir"), directionKey(event.direction));
    o.insert(QStringLiteral("channel"), channelName);
    o.insert(QStringLiteral("offset"), qint64(event.streamOffset));
    const bool isFrame = !garbage && event.bytes.size() >= kHeaderSize;
    insertFrameKeys(o, event.bytes, isFrame, isFrame ? quint8(event.bytes[2]) : 0, isFrame ? quint8(event.bytes[3]) : 0,
                    family, d);
    o.insert(QStringLiteral("family_evidence"), familyEvidence);
    const bool complete = event.kind == LiveFrameEvent::Kind::Frame;
    o.insert(QStringLiteral("dps"), complete ? dpsToJson(event.bytes, family, event.direction) : QJsonArray());
    return o;
}

QJsonObject dpProfileToJson(const dpmap::DpProfile& p)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), int(p.id));
    o.insert(QStringLiteral("type"), dpTypeName(p.type));
    o.insert(QStringLiteral("mixed_types"), p.mixedTypes());
    o.insert(QStringLiteral("count"), p.count);
    o.insert(QStringLiteral("distinct"), int(p.distinctValues.size()));
    o.insert(QStringLiteral("distinct_capped"), p.distinctOverflow);
    QJsonArray values;
    for (const QByteArray& v : p.distinctValues)
        values.push_back(dpValueToJson(p.type, v));
    o.insert(QStringLiteral("values"), values);
    o.insert(QStringLiteral("min"), p.numeric ? QJsonValue(qint64(p.min)) : QJsonValue());
    o.insert(QStringLiteral("max"), p.numeric ? QJsonValue(qint64(p.max)) : QJsonValue());
    o.insert(QStringLiteral("first_seen"), p.firstTimeUs == kUnknownTime ? QJsonValue() : QJsonValue(formatTime(p.firstTimeUs)));
    o.insert(QStringLiteral("last_seen"), p.lastTimeUs == kUnknownTime ? QJsonValue() : QJsonValue(formatTime(p.lastTimeUs)));
    o.insert(QStringLiteral("first_index"), p.firstItem);
    o.insert(QStringLiteral("last_index"), p.lastItem);
    o.insert(QStringLiteral("last_value"), dpValueToJson(p.type, p.lastValue));
    o.insert(QStringLiteral("set_by_module"), p.writtenByModule());
    o.insert(QStringLiteral("from_module"), p.writes);
    o.insert(QStringLiteral("from_mcu"), p.reports);
    return o;
}

} // namespace tuyascope
