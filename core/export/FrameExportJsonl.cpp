// JSON lines: one compact JSON object per frame, one frame per line (LF). The list's columns plus
// typed dps ({id, type, value} as in `decode --format json`), the diagnostics and the frame's hex.
#include "export/FrameExport.h"
#include "export/FrameExportRow.h"
#include "export/McuJson.h"

#include "common/Hex.h"
#include "tuyamcu/DpUnit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope {

namespace {

QString jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return QStringLiteral("bool");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    default: return QStringLiteral("null");
    }
}

// The bytes a field covers in its data source (empty when the range is not inside it).
QByteArrayView fieldBytes(const Dissection& d, const Field& f)
{
    if (f.source < 0 || f.source >= d.sources().size())
        return {};
    const QByteArray& bytes = d.sources().at(f.source).bytes;
    if (f.offset < 0 || f.length < 0 || f.offset + f.length > bytes.size())
        return {};
    return QByteArrayView(bytes).sliced(f.offset, f.length);
}

QJsonObject dpToJson(const Dissection& d, const DpUnitView& unit, FrameProtocol protocol)
{
    QJsonObject dp;
    bool numericId = false;
    const int id = unit.id.toInt(&numericId);
    dp.insert(QStringLiteral("id"), numericId ? QJsonValue(id) : QJsonValue(unit.id));
    int valueField = -1;
    for (int child : d.field(unit.field).children)
        if (d.field(child).key == QLatin1String("dp.value"))
            valueField = child;
    const QByteArrayView raw = valueField >= 0 ? fieldBytes(d, d.field(valueField)) : QByteArrayView();
    mcu::DpType type = mcu::DpType::Raw;
    if (protocol == FrameProtocol::TuyaMcu && mcu::dpTypeFromName(unit.type, type) && valueField >= 0) {
        dp.insert(QStringLiteral("type"), unit.type);
        dp.insert(QStringLiteral("value"), dpValueToJson(quint8(type), raw));
        return dp;
    }
    // LAN: the value is JSON text as the device sent it; anything unparsable stays display text.
    const QJsonDocument parsed = QJsonDocument::fromJson("[" + raw.toByteArray() + "]");
    const QJsonValue value = parsed.isArray() && parsed.array().size() == 1 ? parsed.array().at(0) : QJsonValue(unit.value);
    dp.insert(QStringLiteral("type"), unit.type.isEmpty() ? jsonTypeName(value) : unit.type);
    dp.insert(QStringLiteral("value"), value);
    return dp;
}

class JsonlExporter : public FrameExporter {
public:
    QString id() const override { return QStringLiteral("jsonl"); }
    QString displayName() const override { return QStringLiteral("JSON lines (one object per frame)"); }
    QString extension() const override { return QStringLiteral("jsonl"); }

protected:
    QByteArray frame(const FrameTable& table, int row) const override
    {
        const FrameExportRow r = frameExportRow(table, row);
        const bool known = !r.time.isEmpty();
        QJsonObject o;
        o.insert(QStringLiteral("no"), r.number);
        o.insert(QStringLiteral("time"), known ? QJsonValue(r.time) : QJsonValue());
        o.insert(QStringLiteral("time_us"), known ? QJsonValue(qint64(r.facts.timeUs)) : QJsonValue());
        o.insert(QStringLiteral("dir"), r.direction);
        o.insert(QStringLiteral("protocol"), r.facts.protocol == FrameProtocol::TuyaLan ? QStringLiteral("tuya-lan")
                                                                                        : QStringLiteral("tuyamcu"));
        o.insert(QStringLiteral("version"), r.version.isEmpty() ? QJsonValue() : QJsonValue(r.version));
        o.insert(QStringLiteral("command"), r.facts.command >= 0 ? QJsonValue(qint64(r.facts.command)) : QJsonValue());
        o.insert(QStringLiteral("command_name"), r.commandName);
        o.insert(QStringLiteral("length"), r.length);
        QJsonArray dps;
        for (const DpUnitView& unit : dpUnitsOf(r.dissection))
            dps.push_back(dpToJson(r.dissection, unit, r.facts.protocol));
        o.insert(QStringLiteral("dps"), dps);
        o.insert(QStringLiteral("info"), r.summary.info);
        o.insert(QStringLiteral("status"), r.summary.status);
        o.insert(QStringLiteral("diagnostics"), diagnosticsToJson(r.dissection));
        o.insert(QStringLiteral("hex"), toHex(table.frameBytes(row)));
        return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
};

} // namespace

void registerJsonlExporter(FrameExporterRegistry& registry)
{
    registry.add(std::make_unique<JsonlExporter>());
}

} // namespace tuyascope
