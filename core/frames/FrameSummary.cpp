#include "frames/FrameSummary.h"

#include "common/Hex.h"
#include "tuyalan/LanCommandCatalogue.h"

namespace tuyascope {

QString protocolKey(FrameProtocol protocol)
{
    return protocol == FrameProtocol::TuyaLan ? QStringLiteral("lan") : QStringLiteral("mcu");
}

QVector<DpUnitView> dpUnitsOf(const Dissection& dissection)
{
    QVector<DpUnitView> units;
    const QVector<Field>& fields = dissection.fields();
    for (int i = 0; i < fields.size(); ++i) {
        if (fields.at(i).key != QLatin1String("dp"))
            continue;
        DpUnitView unit;
        unit.field = i;
        for (int child : fields.at(i).children) {
            const Field& c = fields.at(child);
            if (c.key == QLatin1String("dp.id"))
                unit.id = c.value;
            else if (c.key == QLatin1String("dp.type"))
                unit.type = c.value.section(QLatin1Char(' '), 0, 0);
            else if (c.key == QLatin1String("dp.value"))
                unit.value = c.value;
        }
        if (!unit.id.isEmpty())
            units.push_back(unit);
    }
    return units;
}

namespace {

QString commandNameOf(const FrameFacts& facts, const Dissection& dissection)
{
    if (facts.command < 0)
        return facts.kind == FrameKind::Garbage ? QStringLiteral("garbage") : QStringLiteral("truncated");
    if (facts.protocol == FrameProtocol::TuyaLan)
        return lan::LanCommandCatalogue::instance().label(quint32(facts.command));
    // TuyaMCU: the dissector names the command (in the frame's family) in "tuyamcu.cmd": "0x07 Name".
    const int f = dissection.findField(QStringLiteral("tuyamcu.cmd"));
    if (f >= 0) {
        const QString v = dissection.field(f).value;
        const qsizetype space = v.indexOf(QLatin1Char(' '));
        if (space > 0)
            return v.mid(space + 1);
    }
    return hexByte(quint8(facts.command));
}

QString statusOf(const Dissection& d, const FrameSummary& s)
{
    if (d.checksum == ChecksumStatus::Bad)
        return d.checksumExpected >= 0
                   ? QStringLiteral("BAD checksum (expected %1)").arg(hexByte(quint8(d.checksumExpected)))
                   : QStringLiteral("BAD integrity");
    for (const Diagnostic& diagnostic : d.diagnostics())
        if (diagnostic.severity == s.worst && diagnostic.severity >= Severity::Warning)
            return diagnostic.code;
    if (d.checksum == ChecksumStatus::Good)
        return QStringLiteral("good");
    return checksumStatusName(d.checksum);
}

} // namespace

FrameSummary summarizeFrame(const FrameFacts& facts, const Dissection& dissection)
{
    FrameSummary s;
    s.commandName = commandNameOf(facts, dissection);
    QStringList parts;
    for (const DpUnitView& unit : dpUnitsOf(dissection))
        parts << unit.id + QLatin1Char('=') + unit.value;
    s.dps = parts.join(QLatin1Char(' '));
    s.info = dissection.summary;
    for (const Diagnostic& diagnostic : dissection.diagnostics()) {
        if (diagnostic.severity > Severity::Chat)
            s.hasDiagnostics = true;
        if (diagnostic.severity > s.worst)
            s.worst = diagnostic.severity;
    }
    s.bad = dissection.checksum == ChecksumStatus::Bad || s.worst >= Severity::Error;
    s.status = statusOf(dissection, s);
    return s;
}

} // namespace tuyascope
