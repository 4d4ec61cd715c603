// Standard protocol commands whose first payload byte is a sub-command: 0x33-0x37, 0x65, 0x72
// (TuyaMCU reference section 7). Sub-command decoders see the whole payload: the sub-command
// byte is at offset 0 and the dissector has already shown it.

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/commands/CommonDecoders.h"

#include "common/Hex.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::mcu {

namespace {

using namespace decoders;

// --- shapes shared by many sub-commands -----------------------------------------------------

// Just the sub-command byte: an acknowledgement or a parameterless request.
void subOnly(PayloadContext& p)
{
    p.expectEnd(1);
}

// `sub result`.
void subResultWith(PayloadContext& p, const ValueTable* table)
{
    if (!p.require(2, QStringLiteral("Result")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 1, table);
    const QString label = table ? table->label(p.u8(1)) : QString();
    p.appendSummary(label.isEmpty() ? QStringLiteral("result %1").arg(hexByte(p.u8(1))) : label);
    p.expectEnd(2);
}

void subResult(PayloadContext& p)
{
    subResultWith(p, nullptr);
}

const ValueTable& zeroIsSuccessTable()
{
    static const ValueTable t{{0x00, "success"}};
    return t;
}

void subResultZeroOk(PayloadContext& p)
{
    subResultWith(p, &zeroIsSuccessTable());
}

// `sub` + JSON text.
void subJson(PayloadContext& p, const QString& what, const QString& key)
{
    if (!p.require(2, what))
        return;
    p.addJson(what, key, 1, p.size() - 1);
    const QByteArrayView b = p.bytes(1, p.size() - 1);
    const QString text = QString::fromUtf8(b.data(), b.size());
    p.appendSummary(text.size() > 60 ? text.left(57) + QStringLiteral("...") : text);
}

// Bytes after the sub-command whose layout no source documents: shown, not judged.
void subOpaque(PayloadContext& p)
{
    if (p.size() > 1)
        p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.sub.data"), 1, p.size() - 1);
}

// --- 0x33 RF remote -------------------------------------------------------------------------

void rfLearnControl(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("RF learning status")))
        return;
    p.addInt(QStringLiteral("Learning status"), QStringLiteral("tuyamcu.rf.status"), 1, 1);
    p.appendSummary(QStringLiteral("status %1").arg(hexByte(p.u8(1))));
    p.expectEnd(2);
}

void rfLearnControlReply(PayloadContext& p)
{
    if (!p.require(3, QStringLiteral("RF learning status and result")))
        return;
    p.addInt(QStringLiteral("Learning status"), QStringLiteral("tuyamcu.rf.status"), 1, 1);
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 2);
    p.appendSummary(QStringLiteral("status %1, result %2").arg(hexByte(p.u8(1)), hexByte(p.u8(2))));
    p.expectEnd(3);
}

void rfSendCode(PayloadContext& p)
{
    static const ValueTable types{{0x00, "code library"}, {0x01, "learned code"}};
    static const ValueTable freqs{{0x00, "315 MHz"}, {0x01, "433.92 MHz"}};
    if (!p.require(7, QStringLiteral("RF send-code header")))
        return;
    p.addU8(QStringLiteral("Code type"), QStringLiteral("tuyamcu.rf.type"), 1, &types);
    p.addInt(QStringLiteral("Key count"), QStringLiteral("tuyamcu.rf.keys"), 2, 1);
    p.addInt(QStringLiteral("Serial"), QStringLiteral("tuyamcu.rf.serial"), 3, 1);
    p.addU8(QStringLiteral("Frequency"), QStringLiteral("tuyamcu.rf.freq"), 4, &freqs);
    p.addInt(QStringLiteral("Rate"), QStringLiteral("tuyamcu.rf.rate"), 5, 2);
    if (p.size() > 7)
        p.addHex(QStringLiteral("Code data"), QStringLiteral("tuyamcu.rf.data"), 7, p.size() - 7);
    p.appendSummary(QStringLiteral("%1, %2, %3 data bytes")
                        .arg(types.label(p.u8(1)).isEmpty() ? hexByte(p.u8(1)) : types.label(p.u8(1)),
                             freqs.label(p.u8(4)).isEmpty() ? hexByte(p.u8(4)) : freqs.label(p.u8(4)))
                        .arg(p.size() - 7));
}

void rfLearnResult(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("RF learning result")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 1);
    if (p.size() > 2)
        p.addHex(QStringLiteral("Learned code"), QStringLiteral("tuyamcu.rf.data"), 2, p.size() - 2);
    p.appendSummary(QStringLiteral("result %1, %2 code bytes").arg(hexByte(p.u8(1))).arg(p.size() - 2));
}

// --- 0x34 extended services -----------------------------------------------------------------

const ValueTable& timeServiceTypeTable()
{
    static const ValueTable t{{0x00, "GMT"}, {0x01, "local time"}};
    return t;
}

void enableTimeService(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Time type")))
        return;
    p.addU8(QStringLiteral("Time type"), QStringLiteral("tuyamcu.time.type"), 1, &timeServiceTypeTable());
    p.appendSummary(timeServiceTypeTable().label(p.u8(1)));
    p.expectEnd(2);
}

void timeServiceNotification(PayloadContext& p)
{
    if (!p.require(9, QStringLiteral("Time-service notification")))
        return;
    p.addU8(QStringLiteral("Time type"), QStringLiteral("tuyamcu.time.type"), 1, &timeServiceTypeTable());
    const int f = addDateFields(p, QStringLiteral("Time"), QStringLiteral("tuyamcu.time"), 2, true);
    p.appendSummary(p.dissection().field(f).value);
    p.expectEnd(9);
}

void mapSessionReply(PayloadContext& p)
{
    static const ValueTable flags{{0x00, "ok"}, {0x01, "map service disabled"}, {0x02, "failed"}};
    if (!p.require(2, QStringLiteral("Map session flag")))
        return;
    p.addU8(QStringLiteral("Flag"), QStringLiteral("tuyamcu.map.flag"), 1, &flags);
    if (p.u8(1) != 0x00 && p.size() == 2) {
        p.appendSummary(flags.label(p.u8(1)));
        return;
    }
    if (!p.require(4, QStringLiteral("Map session id")))
        return;
    p.addInt(QStringLiteral("Session id"), QStringLiteral("tuyamcu.map.session"), 2, 2);
    p.appendSummary(QStringLiteral("session %1").arg(p.uBE(2, 2)));
    p.expectEnd(4);
}

void moduleInfoRequest(PayloadContext& p)
{
    static const ValueTable items{{0xFF, "all"}, {0x01, "SSID"}, {0x02, "country code"}};
    if (!p.require(2, QStringLiteral("Module information items")))
        return;
    QStringList names;
    for (int i = 1; i < p.size(); ++i) {
        p.addU8(QStringLiteral("Item"), QStringLiteral("tuyamcu.modinfo.item"), i, &items);
        names << (items.label(p.u8(i)).isEmpty() ? hexByte(p.u8(i)) : items.label(p.u8(i)));
    }
    p.appendSummary(names.join(QStringLiteral(", ")));
}

void moduleInfoReply(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Module information result")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 1, &zeroIsSuccessTable());
    if (p.size() > 2) {
        // The text format is not documented; validate it as JSON only when it looks like JSON.
        if (p.u8(2) == '{')
            p.addJson(QStringLiteral("Information"), QStringLiteral("tuyamcu.modinfo.text"), 2, p.size() - 2);
        else
            p.addText(QStringLiteral("Information"), QStringLiteral("tuyamcu.modinfo.text"), 2, p.size() - 2);
        const QByteArrayView b = p.bytes(2, p.size() - 2);
        p.appendSummary(QString::fromUtf8(b.data(), b.size()));
    }
}

void moduleResetReply(PayloadContext& p)
{
    subResultWith(p, nullptr);
}

void resetStatus(PayloadContext& p)
{
    static const ValueTable t{{0x00, "reset by hardware"}, {0x01, "reset from the app"}, {0x02, "factory reset from the app"}};
    if (!p.require(2, QStringLiteral("Reset state")))
        return;
    p.addU8(QStringLiteral("Reset state"), QStringLiteral("tuyamcu.reset.state"), 1, &t);
    p.appendSummary(t.label(p.u8(1)));
    p.expectEnd(2);
}

void recordReport(PayloadContext& p)
{
    static const ValueTable timeTypes{{0x00, "module time"}, {0x01, "local time"}, {0x02, "GMT"}};
    // OpenBeken skips exactly these 9 bytes before the DP units; fewer cannot be a record report.
    if (!p.require(9, QStringLiteral("Record report header")))
        return;
    p.addInt(QStringLiteral("Flag (observed 0x01)"), QStringLiteral("tuyamcu.record.flag"), 1, 1);
    p.addU8(QStringLiteral("Time type"), QStringLiteral("tuyamcu.time.type"), 2, &timeTypes);
    const int f = addDateFields(p, QStringLiteral("Time"), QStringLiteral("tuyamcu.time"), 3, false);
    p.appendSummary(p.dissection().field(f).value);
    dpUnitsFrom(p, 9);
}

void recordReportReply(PayloadContext& p)
{
    static const ValueTable t{{0x00, "failure (SniffUART); OpenBeken sends 00 as its normal reply"},
                              {0x01, "success"},
                              {0x02, "invalid data"}};
    if (!p.require(2, QStringLiteral("Record report result")))
        return;
    const int f = p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 1, &t);
    if (p.u8(1) == 0x00)
        p.note(Severity::Note, diag::SourcesDisagree,
               QStringLiteral("0x00 is failure per SniffUART, but OpenBeken always replies 0B 00"), f);
    p.appendSummary(p.u8(1) == 0x01 ? QStringLiteral("success") : t.label(p.u8(1)));
    p.expectEnd(2);
}

// --- 0x35 Bluetooth services ----------------------------------------------------------------

const ValueTable& bluetoothStatusTable()
{
    static const ValueTable t{{0x00, "unbound, not connected"},
                              {0x01, "unbound, connected"},
                              {0x02, "bound, not connected"},
                              {0x03, "bound, connected"},
                              {0x04, "unknown"}};
    return t;
}

void bluetoothTestReply(PayloadContext& p)
{
    if (!p.require(3, QStringLiteral("Bluetooth test result")))
        return;
    addResultAndSignal(p, 1, nullptr);
    p.expectEnd(3);
}

void bluetoothStatus(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Bluetooth status")))
        return;
    p.addU8(QStringLiteral("Bluetooth status"), QStringLiteral("tuyamcu.bt.status"), 1, &bluetoothStatusTable());
    p.appendSummary(bluetoothStatusTable().label(p.u8(1)));
    p.expectEnd(2);
}

void bluetoothRemoteData(PayloadContext& p)
{
    if (!p.require(7, QStringLiteral("Bluetooth remote-control data")))
        return;
    p.addInt(QStringLiteral("Category"), QStringLiteral("tuyamcu.bt.category"), 1, 1);
    p.addInt(QStringLiteral("Command"), QStringLiteral("tuyamcu.bt.command"), 2, 1);
    p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.bt.data"), 3, 4);
    p.appendSummary(QStringLiteral("category %1, command %2, data %3")
                        .arg(p.u8(1))
                        .arg(p.u8(2))
                        .arg(toHex(p.bytes(3, 4))));
    p.expectEnd(7);
}

// --- 0x36 extended DP service ---------------------------------------------------------------

void extendedDpEnable(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Extended DP flag")))
        return;
    p.addInt(QStringLiteral("Flag"), QStringLiteral("tuyamcu.extdp.flag"), 1, 1);
    p.appendSummary(QStringLiteral("flag %1").arg(p.u8(1)));
    p.expectEnd(2);
}

void extendedDpCommand(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Extended DP data source")))
        return;
    p.addU8(QStringLiteral("Data source"), QStringLiteral("tuyamcu.extdp.source"), 1, &dataSourceTable());
    p.appendSummary(QStringLiteral("from %1").arg(dataSourceTable().label(p.u8(1))));
    dpUnitsFrom(p, 2);
}

void extendedDpReport(PayloadContext& p)
{
    static const ValueTable reportTypes{{0x00, "proactive"}, {0x01, "answer to a query"}, {0x02, "answer to an extended command"}};
    if (!p.require(3, QStringLiteral("Extended DP report header")))
        return;
    p.addU8(QStringLiteral("Report type"), QStringLiteral("tuyamcu.extdp.reporttype"), 1, &reportTypes);
    p.addU8(QStringLiteral("Data source"), QStringLiteral("tuyamcu.extdp.source"), 2, &dataSourceTable());
    p.appendSummary(QStringLiteral("%1, %2").arg(reportTypes.label(p.u8(1)), dataSourceTable().label(p.u8(2))));
    dpUnitsFrom(p, 3);
}

// --- 0x37 new-feature notification and file transfer ---------------------------------------

void featureNotification(PayloadContext& p)
{
    static const char* const kAbvBits[] = {"combo module", "RF remote", "Bluetooth remote", "status query"};
    if (!p.require(2, QStringLiteral("Feature JSON")))
        return;
    const int f = p.addJson(QStringLiteral("Features"), QStringLiteral("tuyamcu.features.json"), 1, p.size() - 1);
    const QJsonObject o = QJsonDocument::fromJson(p.bytes(1, p.size() - 1).toByteArray()).object();
    QStringList parts;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString v = it.value().isString() ? it.value().toString() : QString::number(it.value().toDouble());
        QString text = v;
        if (it.key() == QLatin1String("abv")) {
            // abv is a bit set of optional abilities (bit meanings from SniffUART).
            const int bits = it.value().toInt();
            QStringList names;
            for (int b = 0; b < 4; ++b) {
                if (bits & (1 << b))
                    names << QString::fromLatin1(kAbvBits[b]);
            }
            if (!names.isEmpty())
                text += QStringLiteral(" (%1)").arg(names.join(QStringLiteral(", ")));
        } else if (it.key() == QLatin1String("buf")) {
            text += QStringLiteral(" bytes MCU buffer");
        }
        p.add(QStringLiteral("Key \"%1\"").arg(it.key()), QStringLiteral("tuyamcu.features.") + it.key(), text, 1,
              p.size() - 1, f);
        parts << QStringLiteral("%1=%2").arg(it.key(), v);
    }
    p.appendSummary(parts.join(QStringLiteral(", ")));
}

void featureNotificationReply(PayloadContext& p)
{
    static const ValueTable t{{0x00, "success"}, {0x01, "failure (code 1)"}, {0x02, "failure (code 2)"}};
    subResultWith(p, &t);
}

void fileDownloadNotice(PayloadContext& p)
{
    if (p.size() == 1) {
        p.appendSummary(QStringLiteral("acknowledged"));
        return;
    }
    p.addInt(QStringLiteral("Accept"), QStringLiteral("tuyamcu.file.accept"), 1, 1);
    if (p.size() > 2) {
        const int len = p.size() - 2;
        if (len <= 4)
            p.addInt(QStringLiteral("Packet size or status"), QStringLiteral("tuyamcu.file.packetsize"), 2, len);
        else
            p.addHex(QStringLiteral("Packet size or status"), QStringLiteral("tuyamcu.file.packetsize"), 2, len);
    }
    p.appendSummary(QStringLiteral("accept %1").arg(p.u8(1)));
}

void fileInfoSync(PayloadContext& p)
{
    subJson(p, QStringLiteral("File information"), QStringLiteral("tuyamcu.file.info"));
}

void fileTransferRequest(PayloadContext& p)
{
    subJson(p, QStringLiteral("Transfer request"), QStringLiteral("tuyamcu.file.request"));
}

void fileInterrupt(PayloadContext& p)
{
    if (p.size() == 1) {
        p.appendSummary(QStringLiteral("acknowledged"));
        return;
    }
    p.addInt(QStringLiteral("Interrupt state"), QStringLiteral("tuyamcu.file.interrupt"), 1, 1);
    if (p.size() >= 3) {
        p.addU8(QStringLiteral("Exception"), QStringLiteral("tuyamcu.file.exception"), 2, &fileTransferExceptionTable());
        p.appendSummary(fileTransferExceptionTable().label(p.u8(2)));
    }
    p.expectEnd(3);
}

// 0x37/0x07 is both the data packet and its response; only the length tells them apart.
void fileData(PayloadContext& p)
{
    if (p.size() >= 7) {
        p.addInt(QStringLiteral("Transfer id"), QStringLiteral("tuyamcu.file.id"), 1, 2);
        p.addInt(QStringLiteral("Offset"), QStringLiteral("tuyamcu.file.offset"), 3, 4);
        if (p.size() > 7)
            p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.file.data"), 7, p.size() - 7);
        p.appendSummary(QStringLiteral("transfer %1, offset %2, %3 bytes").arg(p.uBE(1, 2)).arg(p.uBE(3, 4)).arg(p.size() - 7));
        return;
    }
    if (!p.require(3, QStringLiteral("File transfer response")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 1);
    p.addU8(QStringLiteral("Status"), QStringLiteral("tuyamcu.file.status"), 2, &fileTransferStatusTable());
    p.appendSummary(fileTransferStatusTable().label(p.u8(2)));
    p.expectEnd(3);
}

void fileTransferResult(PayloadContext& p)
{
    if (p.size() == 1) {
        p.appendSummary(QStringLiteral("acknowledged"));
        return;
    }
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.sub.result"), 1);
    if (p.size() > 2)
        p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.sub.data"), 2, p.size() - 2);
    p.appendSummary(QStringLiteral("result %1").arg(hexByte(p.u8(1))));
}

// --- 0x65 voice extended services -----------------------------------------------------------

void voiceServiceRequest(PayloadContext& p)
{
    if (p.size() > 1) {
        p.addHex(QStringLiteral("Parameters"), QStringLiteral("tuyamcu.voice.params"), 1, p.size() - 1);
        p.appendSummary(QStringLiteral("%1 parameter byte(s)").arg(p.size() - 1));
    }
}

void voiceServiceReply(PayloadContext& p)
{
    // `sub result` (2 bytes) or `sub data...` (reference 7.6).
    if (p.size() == 2) {
        subResultZeroOk(p);
        return;
    }
    subOpaque(p);
}

// --- 0x72 fan functional test ---------------------------------------------------------------

void fanSpeedTest(PayloadContext& p)
{
    if (!p.require(3, QStringLiteral("Fan speed test")))
        return;
    p.addInt(QStringLiteral("Speed"), QStringLiteral("tuyamcu.fan.speed"), 1, 1);
    p.addInt(QStringLiteral("Hold time"), QStringLiteral("tuyamcu.fan.hold"), 2, 1);
    p.appendSummary(QStringLiteral("speed %1, hold %2").arg(p.u8(1)).arg(p.u8(2)));
    p.expectEnd(3);
}

void fanDutyCycle(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Fan duty cycle")))
        return;
    p.addInt(QStringLiteral("Duty cycle"), QStringLiteral("tuyamcu.fan.duty"), 1, 1);
    p.appendSummary(QStringLiteral("duty cycle %1").arg(p.u8(1)));
    p.expectEnd(2);
}

// --- registration helpers -------------------------------------------------------------------

// Command-level roles are only what a frame from each side typically is; the sub-command
// entries say what each frame really is.
CommandSpec subCommandFamily(quint8 command, const QString& name, Sender initiator, Role moduleRole, Role mcuRole)
{
    CommandSpec s = makeCommand(Family::Standard, command, name);
    s.initiator = initiator;
    s.moduleRole = moduleRole;
    s.mcuRole = mcuRole;
    s.hasSubCommands = true;
    return s;
}

// The MCU sends `request`, the module answers with `reply`.
SubCommandSpec mcuSub(quint8 command, quint8 sub, const QString& name, PayloadDecoder request, PayloadDecoder reply)
{
    SubCommandSpec s = makeSubCommand(Family::Standard, command, sub, name);
    s.mcuRole = Role::Request;
    s.moduleRole = Role::Reply;
    s.fromMcu = request;
    s.fromModule = reply;
    return s;
}

// The module sends `request` (a command or notification), the MCU answers with `reply`.
SubCommandSpec moduleSub(quint8 command, quint8 sub, const QString& name, Role moduleRole, PayloadDecoder request,
                         Role mcuRole, PayloadDecoder reply)
{
    SubCommandSpec s = makeSubCommand(Family::Standard, command, sub, name);
    s.moduleRole = moduleRole;
    s.mcuRole = mcuRole;
    s.fromModule = request;
    s.fromMcu = reply;
    return s;
}

// Both sides send the same layout.
SubCommandSpec bothSub(quint8 command, quint8 sub, const QString& name, PayloadDecoder decoder)
{
    SubCommandSpec s = makeSubCommand(Family::Standard, command, sub, name);
    s.moduleRole = Role::Notification;
    s.mcuRole = Role::Notification;
    s.fromModule = decoder;
    s.fromMcu = decoder;
    return s;
}

} // namespace

void registerStandardSubCommands(CommandCatalogue& c)
{
    const Family f = Family::Standard;

    // 0x33 RF remote (7.1)
    c.add(subCommandFamily(0x33, QStringLiteral("RF remote"), Sender::Both, Role::Request, Role::Reply));
    c.addSub(moduleSub(0x33, 0x01, QStringLiteral("RF learning mode"), Role::Request, rfLearnControl, Role::Reply,
                       rfLearnControlReply));
    c.addSub(moduleSub(0x33, 0x02, QStringLiteral("Send RF code"), Role::Request, rfSendCode, Role::Reply, subResult));
    {
        SubCommandSpec s = makeSubCommand(f, 0x33, 0x03, QStringLiteral("RF learning result"));
        s.mcuRole = Role::Report;
        s.fromMcu = rfLearnResult;
        c.addSub(s);
    }

    // 0x34 extended services (7.2)
    c.add(subCommandFamily(0x34, QStringLiteral("Extended services"), Sender::Both, Role::Reply, Role::Request));
    c.addSub(mcuSub(0x34, 0x01, QStringLiteral("Enable time-service notifications"), enableTimeService, subResultZeroOk));
    c.addSub(moduleSub(0x34, 0x02, QStringLiteral("Time-service notification"), Role::Notification,
                       timeServiceNotification, Role::Ack, subOnly));
    {
        SubCommandSpec s = mcuSub(0x34, 0x03, QStringLiteral("Status query / send status / request weather data"), subOnly,
                                  subResult);
        s.note = QStringLiteral("0x34/0x03 is named \"status query\" by the merged command lists, \"send status\" by "
                                "SniffUART and \"request weather data\" by a Tasmota code comment; no capture settles it");
        c.addSub(s);
    }
    c.addSub(mcuSub(0x34, 0x04, QStringLiteral("Module-reset notification"), subOnly, moduleResetReply));
    c.addSub(moduleSub(0x34, 0x05, QStringLiteral("Reset-status notification"), Role::Notification, resetStatus, Role::Ack,
                       subOnly));
    c.addSub(mcuSub(0x34, 0x06, QStringLiteral("Get map session id"), subOnly, mapSessionReply));
    {
        SubCommandSpec s = mcuSub(0x34, 0x07, QStringLiteral("Get module information"), moduleInfoRequest, moduleInfoReply);
        s.note = QStringLiteral("the format of the module's information text is not documented");
        c.addSub(s);
    }
    {
        SubCommandSpec s = makeSubCommand(f, 0x34, 0x0A, QStringLiteral("Update in progress"));
        s.fromModule = subOpaque;
        s.fromMcu = subOpaque;
        s.note = QStringLiteral("named only by ESPHome's Uyat fork; no source documents its sender or layout");
        c.addSub(s);
    }
    {
        SubCommandSpec s = makeSubCommand(f, 0x34, 0x0B, QStringLiteral("Record-type status report"));
        s.mcuRole = Role::Report;
        s.moduleRole = Role::Reply;
        s.fromMcu = recordReport;
        s.fromModule = recordReportReply;
        s.dpOffsetFromMcu = 9;
        s.note = QStringLiteral("reply byte: SniffUART reads 00 failure / 01 success / 02 invalid data, "
                                "while OpenBeken replies 0B 00");
        c.addSub(s);
    }

    // 0x35 Bluetooth services (7.3)
    c.add(subCommandFamily(0x35, QStringLiteral("Bluetooth services"), Sender::Both, Role::Reply, Role::Request));
    c.addSub(mcuSub(0x35, 0x01, QStringLiteral("Bluetooth functional test"), subOnly, bluetoothTestReply));
    c.addSub(moduleSub(0x35, 0x04, QStringLiteral("Bluetooth status"), Role::Notification, bluetoothStatus, Role::Ack,
                       subOnly));
    c.addSub(mcuSub(0x35, 0x05, QStringLiteral("Request Bluetooth connection status"), subOnly, bluetoothStatus));
    c.addSub(moduleSub(0x35, 0x06, QStringLiteral("Bluetooth remote-control data"), Role::Notification,
                       bluetoothRemoteData, Role::Ack, subOnly));

    // 0x36 extended DP service (7.4)
    {
        CommandSpec s = subCommandFamily(0x36, QStringLiteral("Extended DP service"), Sender::Both, Role::Request, Role::Report);
        s.note = QStringLiteral("the HomeKit variant of the protocol uses 0x36 for HomeKit configuration instead");
        c.add(s);
    }
    c.addSub(mcuSub(0x36, 0x01, QStringLiteral("Enable extended DP service"), extendedDpEnable, subResultZeroOk));
    {
        SubCommandSpec s = makeSubCommand(f, 0x36, 0x02, QStringLiteral("Send extended-DP command"));
        s.moduleRole = Role::Request;
        s.fromModule = extendedDpCommand;
        s.dpOffsetFromModule = 2;
        c.addSub(s);
    }
    {
        SubCommandSpec s = makeSubCommand(f, 0x36, 0x03, QStringLiteral("Extended-DP status report"));
        s.mcuRole = Role::Report;
        s.fromMcu = extendedDpReport;
        s.dpOffsetFromMcu = 3;
        c.addSub(s);
    }

    // 0x37 new-feature notification and file transfer (7.5)
    c.add(subCommandFamily(0x37, QStringLiteral("New-feature notification / file transfer"), Sender::Both,
                          Role::Reply,
                           Role::Notification));
    {
        SubCommandSpec s = makeSubCommand(f, 0x37, 0x00, QStringLiteral("New-feature notification"));
        s.mcuRole = Role::Notification;
        s.moduleRole = Role::Reply;
        s.fromMcu = featureNotification;
        s.fromModule = featureNotificationReply;
        c.addSub(s);
    }
    c.addSub(bothSub(0x37, 0x01, QStringLiteral("File-download notification / feature setting"), fileDownloadNotice));
    c.addSub(moduleSub(0x37, 0x02, QStringLiteral("File information sync"), Role::Request, fileInfoSync, Role::Reply,
                       subResult));
    c.addSub(bothSub(0x37, 0x04, QStringLiteral("Interrupt file transfer"), fileInterrupt));
    {
        // The module's answer is not documented: show its bytes without judging them.
        SubCommandSpec s = mcuSub(0x37, 0x06, QStringLiteral("Request file transfer"), fileTransferRequest, subOpaque);
        s.note = QStringLiteral("the module's reply to 0x37/0x06 is not documented");
        c.addSub(s);
    }
    c.addSub(bothSub(0x37, 0x07, QStringLiteral("File data / transfer response"), fileData));
    c.addSub(bothSub(0x37, 0x08, QStringLiteral("File transfer result"), fileTransferResult));

    // 0x65 voice extended services (7.6)
    c.add(subCommandFamily(0x65, QStringLiteral("Voice extended services"), Sender::Mcu, Role::Reply, Role::Request));
    static const struct {
        quint8 sub;
        const char* name;
    } kVoice[] = {{0x00, "Play"},
                  {0x01, "Play list"},
                  {0x02, "Wake up"},
                  {0x03, "ASR on/off"},
                  {0x04, "Query media"},
                  {0x05, "Query playlist"},
                  {0x06, "Call"},
                  {0x07, "Start recording"},
                  {0x08, "Stop recording"},
                  {0x09, "Alarm state"},
                  {0x0A, "Set alarms"},
                  {0x0B, "Query alarms"},
                  {0x0C, "Local alarm on/off"},
                  {0x0D, "Change alarm"},
                  {0x0E, "Number of reminders"},
                  {0x0F, "Alarm data"}};
    for (const auto& v : kVoice)
        c.addSub(mcuSub(0x65, v.sub, QString::fromLatin1(v.name), voiceServiceRequest, voiceServiceReply));

    // 0x72 fan functional test (7.7)
    c.add(subCommandFamily(0x72, QStringLiteral("Fan functional test"), Sender::Mcu, Role::Reply, Role::Request));
    c.addSub(mcuSub(0x72, 0x01, QStringLiteral("Fan speed test"), fanSpeedTest, subResult));
    c.addSub(mcuSub(0x72, 0x02, QStringLiteral("Fan duty-cycle test"), fanDutyCycle, subResult));
}

} // namespace tuyascope::mcu
