#include "export/LanJson.h"

#include "common/Hex.h"
#include "export/McuJson.h"
#include "tuyalan/LanCommandCatalogue.h"

namespace tuyascope {

using lan::LanStreamSplitter;

QString lanKindKey(LanStreamSplitter::EventKind kind)
{
    switch (kind) {
    case LanStreamSplitter::EventKind::Frame:
        return QStringLiteral("frame");
    case LanStreamSplitter::EventKind::Garbage:
        return QStringLiteral("garbage");
    case LanStreamSplitter::EventKind::ImplausibleLength:
        return QStringLiteral("implausible-length");
    case LanStreamSplitter::EventKind::BadSuffix:
        return QStringLiteral("bad-suffix");
    case LanStreamSplitter::EventKind::Truncated:
        return QStringLiteral("truncated");
    }
    return QStringLiteral("garbage");
}

namespace {

QString jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

} // namespace

QJsonArray lanDpsToJson(const QJsonObject& dps)
{
    QJsonArray out;
    for (auto it = dps.begin(); it != dps.end(); ++it) {
        QJsonObject dp;
        bool numeric = false;
        const int id = it.key().toInt(&numeric);
        dp.insert(QStringLiteral("id"), numeric ? QJsonValue(id) : QJsonValue(it.key()));
        dp.insert(QStringLiteral("type"), jsonTypeName(it.value()));
        dp.insert(QStringLiteral("value"), it.value());
        out.push_back(dp);
    }
    return out;
}

QJsonObject lanItemToJson(const lan::LanCaptureAnalysis& analysis, int index, const Capture& capture)
{
    const lan::LanItem& it = analysis.items.at(index);
    const lan::LanFrameInfo& info = it.dissection.info;
    const Dissection& d = it.dissection.dissection;
    const bool isFrame = it.kind == LanStreamSplitter::EventKind::Frame && info.isFrame;
    QJsonObject o;
    o.insert(QStringLiteral("index"), index);
    o.insert(QStringLiteral("kind"), lanKindKey(it.kind));
    o.insert(QStringLiteral("time"), it.timeUs == kUnknownTime ? QJsonValue() : QJsonValue(formatTime(it.timeUs)));
    o.insert(QStringLiteral("time_us"), it.timeUs == kUnknownTime ? QJsonValue() : QJsonValue(qint64(it.timeUs)));
    o.insert(QStringLiteral("dir"), directionKey(it.direction));
    o.insert(QStringLiteral("channel"), it.channel >= 0 ? capture.channels().value(it.channel).name : QString());
    o.insert(QStringLiteral("offset"), qint64(it.offset));
    o.insert(QStringLiteral("protocol"), QStringLiteral("tuya-lan"));
    o.insert(QStringLiteral("transport"), it.udp ? QStringLiteral("udp") : QStringLiteral("tcp"));
    o.insert(QStringLiteral("version"), it.version == lan::LanVersion::Unknown ? QJsonValue() : QJsonValue(lan::versionName(it.version)));
    o.insert(QStringLiteral("flow"), it.flow >= 0 ? QJsonValue(it.flow) : QJsonValue());
    if (it.flow >= 0 && it.flow < analysis.flows.size()) {
        const lan::LanFlowSummary& f = analysis.flows.at(it.flow);
        o.insert(QStringLiteral("flow_label"), f.label);
        o.insert(QStringLiteral("version_basis"), lan::versionBasisName(f.versionBasis));
        if (!f.deviceId.isEmpty())
            o.insert(QStringLiteral("device"), f.deviceId);
    }
    o.insert(QStringLiteral("seq"), isFrame ? QJsonValue(qint64(info.seq)) : QJsonValue());
    o.insert(QStringLiteral("cmd"), isFrame ? QJsonValue(qint64(info.cmd)) : QJsonValue());
    const lan::LanCommandSpec* spec = isFrame ? lan::LanCommandCatalogue::instance().find(info.cmd) : nullptr;
    o.insert(QStringLiteral("cmd_name"), isFrame ? QJsonValue(spec ? spec->name : QStringLiteral("unknown")) : QJsonValue());
    if (info.retcode)
        o.insert(QStringLiteral("retcode"), qint64(*info.retcode));
    o.insert(QStringLiteral("crypto"), it.crypto);
    o.insert(QStringLiteral("integrity"), lan::integrityKindName(info.integrityKind));
    o.insert(QStringLiteral("checksum"), info.integrity == ChecksumStatus::Good  ? QStringLiteral("good")
                                         : info.integrity == ChecksumStatus::Bad ? QStringLiteral("bad")
                                                                                 : QStringLiteral("absent"));
    o.insert(QStringLiteral("summary"), d.summary);
    o.insert(QStringLiteral("diagnostics"), diagnosticsToJson(d));
    o.insert(QStringLiteral("hex"), toHex(it.bytes));
    bool printable = !info.body.isEmpty();
    for (char c : info.body)
        printable = printable && uchar(c) >= 0x20 && uchar(c) < 0x7F;
    if (info.bodyIsJson || printable)
        o.insert(QStringLiteral("body"), QString::fromUtf8(info.body));
    o.insert(QStringLiteral("dps"), lanDpsToJson(info.dps));
    return o;
}

} // namespace tuyascope
