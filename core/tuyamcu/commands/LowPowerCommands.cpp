// Low-power ("version 0") protocol, commands 0x01-0x0E and 0x10: TuyaMCU reference section 8.
// Several command words mean something else in the standard protocol (reference 4.4); the
// session's family decides which table a frame is read with.

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/commands/CommonDecoders.h"

#include "common/Hex.h"

namespace tuyascope::mcu {

namespace {

using namespace decoders;

// Table 9.1 restricted to what the low-power protocol uses (0x05/0x06 do not exist there).
const ValueTable& lowPowerNetworkStatusTable()
{
    static const ValueTable t{{0x00, "smartconfig pairing"},
                              {0x01, "AP pairing"},
                              {0x02, "configured, not connected to the router"},
                              {0x03, "connected to the router"},
                              {0x04, "connected to the router and the cloud"}};
    return t;
}

void oneByte(PayloadContext& p, const QString& name, const QString& key, const ValueTable& table)
{
    if (!p.require(1, name))
        return;
    p.addU8(name, key, 0, &table);
    const QString label = table.label(p.u8(0));
    p.appendSummary(label.isEmpty() ? hexByte(p.u8(0)) : label);
    p.expectEnd(1);
}

void networkStatusReport(PayloadContext& p)
{
    oneByte(p, QStringLiteral("Network status"), QStringLiteral("tuyamcu.netstatus"), lowPowerNetworkStatusTable());
}

void resetMode(PayloadContext& p)
{
    static const ValueTable t{{0x00, "smartconfig"}, {0x01, "AP"}};
    oneByte(p, QStringLiteral("Pairing mode"), QStringLiteral("tuyamcu.pairmode"), t);
}

void reportAck(PayloadContext& p)
{
    // The module acks only once the data reached the cloud; then the MCU may cut its power.
    static const ValueTable t{{0x00, "success"}};
    oneByte(p, QStringLiteral("Result"), QStringLiteral("tuyamcu.result"), t);
}

void recordReport(PayloadContext& p)
{
    if (!p.require(7, QStringLiteral("Record report time header")))
        return;
    const int f = p.addDateTime(QStringLiteral("Record time"), QStringLiteral("tuyamcu.time"), 0, false);
    if (p.u8(0) == 0x00)
        p.note(Severity::Note, diag::TimeUnknown, QStringLiteral("the record carries no valid time (flag 0)"), f);
    else
        p.appendSummary(p.dissection().field(f).value);
    dpUnitsFrom(p, 7);
}

void recordAck(PayloadContext& p)
{
    static const ValueTable t{{0x00, "reported"},
                              {0x01, "this record reported, stored records still pending"},
                              {0x02, "report failed"}};
    oneByte(p, QStringLiteral("Result"), QStringLiteral("tuyamcu.result"), t);
}

void upgradeStatus(PayloadContext& p)
{
    oneByte(p, QStringLiteral("Upgrade status"), QStringLiteral("tuyamcu.upgrade"), lowPowerUpgradeTable());
}

void signalStrengthReply(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Signal strength")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.result"), 0, &successFailureTable());
    p.addInt(QStringLiteral("Signal strength"), QStringLiteral("tuyamcu.signal"), 1, 1, false, QStringLiteral("%"));
    if (p.u8(1) > 100)
        p.note(Severity::Warning, diag::UnknownValue,
               QStringLiteral("signal strength %1 is outside 0..100").arg(p.u8(1)));
    p.appendSummary(p.u8(0) == 0x01 ? QStringLiteral("%1 %").arg(p.u8(1)) : QStringLiteral("failed"));
    p.expectEnd(2);
}

void dpCacheRequest(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("DP cache count")))
        return;
    const int count = p.u8(0);
    if (count == 0) {
        p.add(QStringLiteral("Count"), QStringLiteral("tuyamcu.dpcache.count"), QStringLiteral("0 = all cached DPs"), 0, 1);
        p.appendSummary(QStringLiteral("all cached DPs"));
        p.expectEnd(1);
        return;
    }
    p.addInt(QStringLiteral("Count"), QStringLiteral("tuyamcu.dpcache.count"), 0, 1);
    if (!p.require(1 + count, QStringLiteral("DP cache id list")))
        return;
    QStringList ids;
    const int list = p.add(QStringLiteral("dpIds"), QStringLiteral("tuyamcu.dpcache.ids"), QString(), 1, count);
    for (int i = 1; i <= count; ++i) {
        p.addInt(QStringLiteral("dpId"), QStringLiteral("tuyamcu.dpcache.id"), i, 1, false, QString(), list);
        ids << QStringLiteral("dp%1").arg(p.u8(i));
    }
    p.dissection().field(list).value = ids.join(QStringLiteral(", "));
    p.appendSummary(ids.join(QStringLiteral(", ")));
    p.expectEnd(1 + count);
}

void dpCacheReply(PayloadContext& p)
{
    static const ValueTable results{{0x00, "failed"}, {0x01, "ok"}};
    if (!p.require(2, QStringLiteral("DP cache result and count")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.dpcache.result"), 0, &results);
    const int countField = p.addInt(QStringLiteral("Count"), QStringLiteral("tuyamcu.dpcache.count"), 1, 1);
    const int count = p.u8(1);
    if (p.size() == 2) {
        if (count != 0)
            p.note(Severity::Warning, diag::UnknownValue,
                   QStringLiteral("count says %1 unit(s), the frame carries none").arg(count), countField);
        p.appendSummary(p.u8(0) == 0x01 ? QStringLiteral("nothing cached") : QStringLiteral("failed"));
        return;
    }
    p.appendSummary(QStringLiteral("%1, %2 unit(s)").arg(results.label(p.u8(0)).isEmpty() ? hexByte(p.u8(0))
                                                                                            : results.label(p.u8(0)))
                        .arg(count));
    p.addDpUnits(2);
    // The count byte is redundant with the units; a mismatch means one of them is wrong.
    const QByteArrayView units = p.bytes(2, p.size() - 2);
    const DpParseResult r = parseDpUnits(units, 0, int(units.size()));
    if (r.ok() && r.units.size() != count)
        p.note(Severity::Warning, diag::UnknownValue,
               QStringLiteral("count says %1 unit(s), the frame carries %2").arg(count).arg(r.units.size()), countField);
}

CommandSpec lp(quint8 command, const QString& name)
{
    return makeCommand(Family::LowPower, command, name);
}

} // namespace

void registerLowPowerCommands(CommandCatalogue& c)
{
    {
        // Same name as the standard 0x01 on purpose: the command means the same in both.
        CommandSpec s = lp(0x01, QStringLiteral("Product information"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Reply;
        s.fromModule = empty;
        s.fromMcu = productInfo;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x02, QStringLiteral("Network status"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Report;
        s.mcuRole = Role::Ack;
        s.fromModule = networkStatusReport;
        s.fromMcu = empty;
        s.note = QStringLiteral("the ESPHome low-power README names these values by its LED behaviour (00 'SmartConfig AP', "
                                "01 'SmartConfig STA', 02 'WiFi connected', 03 'IP address received', 04 'Connected to "
                                "MQTT'); Tuya's names are shown");
        c.add(s);
    }
    {
        CommandSpec s = lp(0x03, QStringLiteral("Reset Wi-Fi"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Ack; // the module echoes the empty frame
        s.fromMcu = empty;
        s.fromModule = empty;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x04, QStringLiteral("Reset Wi-Fi and select mode"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Ack;
        s.fromMcu = resetMode;
        s.fromModule = empty;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x05, QStringLiteral("Real-time status report"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Report;
        s.moduleRole = Role::Ack;
        s.fromMcu = dpUnits;
        s.fromModule = reportAck;
        s.dpOffsetFromMcu = 0;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x06, QStringLiteral("Obtain local time"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Reply;
        s.fromMcu = empty;
        s.fromModule = localTimeReply;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x07, QStringLiteral("Wi-Fi function test"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Reply;
        s.fromMcu = empty;
        s.fromModule = wifiTestReply;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x08, QStringLiteral("Record-type status report"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Report;
        s.moduleRole = Role::Ack;
        s.fromMcu = recordReport;
        s.fromModule = recordAck;
        s.dpOffsetFromMcu = 7;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x09, QStringLiteral("Send module command"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Ack;
        s.fromModule = dpUnits;
        s.fromMcu = empty;
        s.dpOffsetFromModule = 0;
        s.note = QStringLiteral("Tuya's low-power document example acknowledges 0x09 with version 0x03 (55 AA 03 09 00 00 0B)");
        c.add(s);
    }
    {
        CommandSpec s = lp(0x0A, QStringLiteral("Wi-Fi firmware upgrade"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Reply;
        s.fromMcu = empty;
        s.fromModule = upgradeStatus;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x0B, QStringLiteral("Query signal strength"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Reply;
        s.fromMcu = empty;
        s.fromModule = signalStrengthReply;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x0C, QStringLiteral("MCU firmware-upgrade status"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Reply;
        s.fromMcu = empty;
        s.fromModule = upgradeStatus;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x0D, QStringLiteral("MCU OTA firmware size"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Ack;
        s.fromModule = otaImageSize;
        s.fromMcu = empty;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x0E, QStringLiteral("MCU OTA packet"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Ack;
        s.fromModule = otaPacket;
        s.fromMcu = empty;
        c.add(s);
    }
    {
        CommandSpec s = lp(0x10, QStringLiteral("Obtain DP cache"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Reply;
        s.fromMcu = dpCacheRequest;
        s.fromModule = dpCacheReply;
        s.dpOffsetFromModule = 2;
        c.add(s);
    }
}

} // namespace tuyascope::mcu
