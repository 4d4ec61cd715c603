// Low-power protocol, Wi-Fi module side (TuyaMCU reference 8 and 10.3, seed 003): product query
// every ~3 s until the JSON, the network-status climb 02 -> 03 -> final (each acked with an empty
// 0x02), then acks for reports, DP-cache answers and the other MCU requests.

#include "common/Hex.h"
#include "host/HostEngine.h"
#include "host/HostReplies.h"

namespace tuyascope {

using mcu::Family;

void ModuleHost::Engine::enterLpProductInfo()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::ProductInfo);
    probeTimer.start(3 * options.probeIntervalMs);
    lpProductTick();
}

void ModuleHost::Engine::lpProductTick()
{
    writeFrame(0x01, QByteArray(), QStringLiteral("product information query (low-power)"));
}

void ModuleHost::Engine::enterLpClimb()
{
    stopAllTimers();
    retries = 0;
    climb.clear();
    const quint8 final = options.networkStatus;
    if (final <= 0x02) {
        climb.push_back(final);
    } else {
        const quint8 top = qMin<quint8>(final, 0x04); // the low-power table ends at 04
        for (quint8 s = 0x02; s <= top; ++s)
            climb.push_back(s);
    }
    climbIndex = 0;
    setStage(Stage::LpNetworkClimb);
    sendClimbStep(false);
}

void ModuleHost::Engine::sendClimbStep(bool resend)
{
    if (climbIndex >= climb.size())
        return;
    const quint8 status = climb[climbIndex];
    static const char* const names[] = {"smartconfig", "AP mode", "configured, not connected", "connected to the router",
                                        "connected to the cloud"};
    QString note = QStringLiteral("network status %1 (%2)")
                       .arg(hexByte(status), status <= 4 ? QLatin1String(names[status]) : QLatin1String("unknown"));
    if (resend)
        note += QStringLiteral(" (resend %1)").arg(retries);
    writeFrame(0x02, QByteArray(1, char(status)), note);
    replyTimer.start(options.replyTimeoutMs);
}

void ModuleHost::Engine::lpReplyTimeout()
{
    if (stage != Stage::LpNetworkClimb)
        return;
    if (retries < kMaxResends) {
        ++retries;
        sendClimbStep(true);
        return;
    }
    report(Severity::Warning, hostevent::InitStepTimeout,
           QStringLiteral("the MCU did not acknowledge network status %1 after %2 attempts; querying product information again")
               .arg(hexByte(climb.value(climbIndex)))
               .arg(retries + 1));
    enterLpProductInfo();
}

void ModuleHost::Engine::enterLpReady()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::LpReady);
    completeInit();
}

void ModuleHost::Engine::ackReport(quint8 command, const QString& note)
{
    const QByteArray ok(1, char(0x00));
    if (options.lowPowerAckDelayMs <= 0) {
        writeFrame(command, ok, note);
        return;
    }
    const quint32 gen = generation;
    QTimer::singleShot(options.lowPowerAckDelayMs, q, [this, gen, command, ok, note] {
        if (gen == generation && started)
            writeFrame(command, ok, note + QStringLiteral(" (after %1 ms)").arg(options.lowPowerAckDelayMs));
    });
}

void ModuleHost::Engine::handleLp(quint8 command, const QByteArray& data)
{
    switch (command) {
    case 0x01:
        if (data.isEmpty())
            return;
        {
            const bool waiting = stage == Stage::ProductInfo || stage == Stage::Probing;
            storeProduct(data);
            if (waiting)
                enterLpClimb();
        }
        return;
    case 0x02:
        if (stage == Stage::LpNetworkClimb && data.isEmpty()) {
            replyTimer.stop();
            retries = 0;
            ++climbIndex;
            if (climbIndex < climb.size())
                sendClimbStep(false);
            else
                enterLpReady();
        }
        return;
    case 0x03:
        writeFrame(0x03, QByteArray(), QStringLiteral("echo of low-power 0x03 reset Wi-Fi"));
        report(Severity::Warning, hostevent::WifiResetRequest, QStringLiteral("the MCU asked the module to reset Wi-Fi (low-power 0x03)"));
        return;
    case 0x04: {
        const QString mode = data.isEmpty() ? QStringLiteral("no mode")
                             : quint8(data[0]) == 0 ? QStringLiteral("smartconfig")
                             : quint8(data[0]) == 1 ? QStringLiteral("AP mode")
                                                    : QStringLiteral("mode %1").arg(hexByte(quint8(data[0])));
        writeFrame(0x04, QByteArray(), QStringLiteral("ack of low-power 0x04 reset Wi-Fi (%1)").arg(mode));
        report(Severity::Warning, hostevent::WifiModeResetRequest,
               QStringLiteral("the MCU asked the module to reset Wi-Fi and pair in %1 (low-power 0x04)").arg(mode));
        return;
    }
    case 0x05:
        ackReport(0x05, QStringLiteral("ack of low-power 0x05 status report"));
        return;
    case 0x06:
        writeFrame(0x06, host::localTimePayload(now(), options.timeValid), QStringLiteral("answer to low-power 0x06 local time"));
        return;
    case 0x07:
        writeFrame(0x07, host::bytes({0x01, options.signalPercent}),
                   QStringLiteral("answer to low-power 0x07 Wi-Fi test (signal %1 %)").arg(options.signalPercent));
        return;
    case 0x08:
        ackReport(0x08, QStringLiteral("ack of low-power 0x08 record report"));
        return;
    case 0x0A:
        writeFrame(0x0A, host::bytes({0x01}), QStringLiteral("answer to low-power 0x0A Wi-Fi upgrade (no firmware, power off allowed)"));
        return;
    case 0x0B:
        writeFrame(0x0B, host::bytes({0x01, options.signalPercent}),
                   QStringLiteral("answer to low-power 0x0B signal strength (%1 %)").arg(options.signalPercent));
        return;
    case 0x0C:
        writeFrame(0x0C, host::bytes({0x01}), QStringLiteral("answer to low-power 0x0C MCU upgrade status (no firmware, power off allowed)"));
        return;
    case 0x10: {
        const qsizetype before = dpCache.size();
        const QByteArray reply = host::dpCacheReply(data, dpCache);
        const int sent = int(quint8(reply[1]));
        writeFrame(0x10, reply,
                   sent ? QStringLiteral("answer to low-power 0x10 DP cache (%1 cached DP%2)").arg(sent).arg(sent == 1 ? QString() : QStringLiteral("s"))
                        : QStringLiteral("answer to low-power 0x10 DP cache (nothing cached)"));
        if (sent)
            report(Severity::Note, hostevent::DpCacheSent,
                   QStringLiteral("sent %1 of %2 cached DP writes to the MCU").arg(sent).arg(before));
        return;
    }
    case 0x00: // a heartbeat answer: not part of the low-power protocol
    case 0x09: // the MCU's ack of our module command
    case 0x0D: // OTA acks
    case 0x0E:
        return;
    default:
        break;
    }
    unanswered(command, data);
}

} // namespace tuyascope
