// Standard (Wi-Fi general) protocol, basic commands 0x00-0x08: TuyaMCU reference section 6.1.

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/commands/CommonDecoders.h"

namespace tuyascope::mcu {

namespace {

using namespace decoders;

const ValueTable& heartbeatTable()
{
    static const ValueTable t{{0x00, "first reply after MCU start (module restarts its init)"}, {0x01, "MCU running"}};
    return t;
}

void heartbeatReply(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("Heartbeat reply")))
        return;
    p.addU8(QStringLiteral("State"), QStringLiteral("tuyamcu.heartbeat"), 0, &heartbeatTable());
    p.appendSummary(p.u8(0) == 0 ? QStringLiteral("MCU restarted") : QStringLiteral("running"));
    p.expectEnd(1);
}

void workingModeReply(PayloadContext& p)
{
    if (p.isEmpty()) {
        p.add(QStringLiteral("Working mode"), QStringLiteral("tuyamcu.workmode"),
              QStringLiteral("cooperative: the MCU drives LED and key, the module reports status with 0x03"), 0, 0);
        p.appendSummary(QStringLiteral("cooperative"));
        return;
    }
    if (p.size() != 2 && p.size() != 3) {
        p.note(Severity::Warning, diag::TrailingBytes,
               QStringLiteral("working-mode reply has %1 bytes; 0, 2 or 3 are documented").arg(p.size()));
    }
    p.add(QStringLiteral("Working mode"), QStringLiteral("tuyamcu.workmode"),
          QStringLiteral("module handles LED and key itself"), 0, p.size());
    p.addInt(QStringLiteral("Status LED GPIO"), QStringLiteral("tuyamcu.workmode.led"), 0, 1);
    if (p.size() >= 2)
        p.addInt(QStringLiteral("Reset key GPIO"), QStringLiteral("tuyamcu.workmode.key"), 1, 1);
    if (p.size() >= 3)
        p.addInt(QStringLiteral("Bluetooth LED GPIO"), QStringLiteral("tuyamcu.workmode.btled"), 2, 1);
    p.appendSummary(QStringLiteral("module handles LED/key"));
    p.expectEnd(3);
}

void pairingMode(PayloadContext& p)
{
    static const ValueTable t{{0x00, "EZ (smartconfig)"}, {0x01, "AP"}};
    if (!p.require(1, QStringLiteral("Pairing mode")))
        return;
    p.addU8(QStringLiteral("Pairing mode"), QStringLiteral("tuyamcu.pairmode"), 0, &t);
    p.appendSummary(t.label(p.u8(0)));
    p.expectEnd(1);
}

} // namespace

void registerStandardBasicCommands(CommandCatalogue& c)
{
    const Family f = Family::Standard;
    {
        CommandSpec s = makeCommand(f, 0x00, QStringLiteral("Heartbeat"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Reply;
        s.fromModule = empty;
        s.fromMcu = heartbeatReply;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x01, QStringLiteral("Product information"));
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Reply;
        s.fromModule = empty;
        s.fromMcu = productInfo;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x02, QStringLiteral("Working mode"));
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Reply;
        s.fromModule = empty;
        s.fromMcu = workingModeReply;
        s.note = QStringLiteral("OpenBeken treats an empty reply as 'module handles LED/key' (the opposite of Tuya and Tasmota)");
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x03, QStringLiteral("Network status"));
        s.moduleRole = Role::Report;
        s.mcuRole = Role::Ack;
        s.fromModule = networkStatus;
        s.fromMcu = empty;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x04, QStringLiteral("Reset Wi-Fi"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Ack;
        s.fromMcu = empty;
        s.fromModule = empty;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x05, QStringLiteral("Reset Wi-Fi and select pairing mode"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Request;
        s.moduleRole = Role::Ack;
        s.fromMcu = pairingMode;
        s.fromModule = empty;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x06, QStringLiteral("Set DP"));
        s.moduleRole = Role::Request;
        s.fromModule = dpUnits;
        s.answerCommand = 0x07;
        s.dpOffsetFromModule = 0;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x07, QStringLiteral("Status report"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Report;
        s.fromMcu = dpUnits;
        s.dpOffsetFromMcu = 0;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x08, QStringLiteral("Query DP status"));
        s.moduleRole = Role::Request;
        s.fromModule = empty;
        s.answerCommand = 0x07;
        c.add(s);
    }
}

} // namespace tuyascope::mcu
