#include "export/FrameExportRow.h"

#include "common/Hex.h"
#include "export/McuJson.h"
#include "frames/CaptureFrames.h"

namespace tuyascope {

namespace {

// Files without times (an RX and a TX dump) are merged with made-up, evenly spaced times that
// only keep the order (RecordTimeSynthetic). Exported as times they would read as 1970 timings;
// they are left out. FrameTable's facts do not say so, so a file's records are asked.
bool timeIsOnlyOrder(const FrameTable& table, int row, const FrameFacts& facts)
{
    const auto* file = dynamic_cast<const CaptureFrames*>(&table);
    if (!file || facts.timeUs == kUnknownTime)
        return false;
    const Capture& capture = file->capture();
    const mcu::McuSession& session = file->mcuSession();
    // TuyaMCU-only captures map rows straight onto the session's items.
    if (facts.protocol == FrameProtocol::TuyaMcu && file->lanAnalysis().items.isEmpty()
        && session.itemCount() == table.frameCount()) {
        const int record = session.item(row).firstRecord;
        return record >= 0 && record < capture.recordCount() && (capture.recordFlags(record) & RecordTimeSynthetic);
    }
    return capture.recordCount() > 0 && (capture.recordFlags(0) & RecordTimeSynthetic);
}

} // namespace

FrameExportRow frameExportRow(const FrameTable& table, int row)
{
    FrameExportRow r;
    r.number = row + 1;
    r.facts = table.facts(row);
    r.dissection = table.dissect(row);
    r.summary = summarizeFrame(r.facts, r.dissection);
    r.timeIsOrderOnly = timeIsOnlyOrder(table, row, r.facts);
    r.time = r.timeIsOrderOnly ? QString() : formatTime(r.facts.timeUs);
    r.direction = directionKey(r.facts.direction);
    r.protocol = r.facts.protocol == FrameProtocol::TuyaLan ? QStringLiteral("Tuya LAN") : QStringLiteral("TuyaMCU");
    r.version = r.facts.version;
    if (r.facts.command >= 0)
        r.command = r.facts.command <= 0xFF ? hexByte(quint8(r.facts.command))
                                            : QStringLiteral("0x%1").arg(r.facts.command, 0, 16);
    r.commandName = r.summary.commandName;
    r.length = r.facts.length;
    return r;
}

QStringList frameExportColumns()
{
    return {QStringLiteral("no"),      QStringLiteral("time"),         QStringLiteral("dir"),
            QStringLiteral("protocol"), QStringLiteral("version"),     QStringLiteral("command"),
            QStringLiteral("command_name"), QStringLiteral("length"),  QStringLiteral("dps"),
            QStringLiteral("info"),    QStringLiteral("status")};
}

QStringList frameExportValues(const FrameExportRow& row)
{
    return {QString::number(row.number), row.time, row.direction, row.protocol, row.version, row.command,
            row.commandName, QString::number(row.length), row.summary.dps, row.summary.info, row.summary.status};
}

} // namespace tuyascope
