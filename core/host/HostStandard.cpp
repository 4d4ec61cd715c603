// Standard protocol, Wi-Fi module side (TuyaMCU reference 10.1): the init sequence
// 00 -> 01 -> [37/00] -> 02 -> [03] -> 08 -> Running, periodic heartbeats, and the answers to
// the MCU's requests.

#include "common/Hex.h"
#include "host/HostEngine.h"
#include "host/HostReplies.h"

namespace tuyascope {

using mcu::Family;

namespace {

QString networkStatusName(quint8 status)
{
    switch (status) {
    case 0x00: return QStringLiteral("pairing in EZ mode");
    case 0x01: return QStringLiteral("pairing in AP mode");
    case 0x02: return QStringLiteral("configured, not connected");
    case 0x03: return QStringLiteral("connected to the router");
    case 0x04: return QStringLiteral("connected to the cloud");
    case 0x05: return QStringLiteral("low-power mode");
    case 0x06: return QStringLiteral("EZ and AP pairing");
    default: break;
    }
    return QStringLiteral("unknown state");
}

} // namespace

// ---- init sequence ---------------------------------------------------------------------------

void ModuleHost::Engine::enterProbing()
{
    stopAllTimers();
    mcuAnswered = false;
    productDuringProbe = false;
    retries = 0;
    setStage(Stage::Probing);
    probeTimer.start(options.probeIntervalMs);
    if (family == Family::Standard)
        stdProbeTick();
    else
        autoProbeTick();
}

void ModuleHost::Engine::stdProbeTick()
{
    writeFrame(0x00, QByteArray(), QStringLiteral("heartbeat probe"));
}

void ModuleHost::Engine::sendStdStep(bool resend)
{
    const QString again = resend ? QStringLiteral(" (resend %1)").arg(retries) : QString();
    switch (stage) {
    case Stage::ProductInfo:
        writeFrame(0x01, QByteArray(), QStringLiteral("product information query") + again);
        break;
    case Stage::WorkingMode:
        writeFrame(0x02, QByteArray(), QStringLiteral("working mode query") + again);
        break;
    case Stage::NetworkStatus:
        writeFrame(0x03, QByteArray(1, char(options.networkStatus)),
                   QStringLiteral("network status %1 (%2)")
                           .arg(hexByte(options.networkStatus), networkStatusName(options.networkStatus))
                       + again);
        break;
    case Stage::QueryDps:
        writeFrame(0x08, QByteArray(), QStringLiteral("DP status query") + again);
        break;
    default:
        return;
    }
    replyTimer.start(options.replyTimeoutMs);
}

void ModuleHost::Engine::enterProductInfo(bool sendNow)
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::ProductInfo);
    if (sendNow)
        sendStdStep(false);
    else
        replyTimer.start(options.replyTimeoutMs);
}

void ModuleHost::Engine::enterFeatures()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::Features);
    featureTimer.start(options.featureWaitMs);
}

void ModuleHost::Engine::enterWorkingMode()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::WorkingMode);
    sendStdStep(false);
}

void ModuleHost::Engine::enterNetworkStatus()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::NetworkStatus);
    sendStdStep(false);
}

void ModuleHost::Engine::enterQueryDps()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::QueryDps);
    sendStdStep(false);
}

void ModuleHost::Engine::enterRunning()
{
    stopAllTimers();
    retries = 0;
    setStage(Stage::Running);
    if (heartbeatsEnabled)
        heartbeatTimer.start(options.heartbeatIntervalMs);
    completeInit();
}

void ModuleHost::Engine::stdReplyTimeout()
{
    if (retries < kMaxResends) {
        ++retries;
        sendStdStep(true);
        return;
    }
    if (stage == Stage::QueryDps) {
        // An MCU without DPs to report (or one that ignores 0x08) must not block the host.
        report(Severity::Warning, hostevent::NoDpReport,
               QStringLiteral("no 0x07 status report after %1 DP queries; continuing").arg(retries + 1));
        enterRunning();
        return;
    }
    const QString step = stage == Stage::ProductInfo   ? QStringLiteral("product information (0x01)")
                         : stage == Stage::WorkingMode ? QStringLiteral("working mode (0x02)")
                                                       : QStringLiteral("network status (0x03)");
    report(Severity::Warning, hostevent::InitStepTimeout,
           QStringLiteral("the MCU did not answer %1 after %2 attempts; restarting with heartbeats").arg(step).arg(retries + 1));
    enterProbing();
}

void ModuleHost::Engine::heartbeatTick()
{
    if (stage != Stage::Running || !heartbeatsEnabled)
        return;
    writeFrame(0x00, QByteArray(), QStringLiteral("heartbeat"));
    if (!heartbeatTimeout.isActive())
        heartbeatTimeout.start(options.heartbeatTimeoutMs);
}

void ModuleHost::Engine::heartbeatTimedOut()
{
    if (stage != Stage::Running)
        return;
    report(Severity::Warning, hostevent::HeartbeatTimeout,
           QStringLiteral("no heartbeat answer within %1 ms; the MCU is offline, probing again").arg(options.heartbeatTimeoutMs));
    enterProbing();
}

// ---- received frames -------------------------------------------------------------------------

void ModuleHost::Engine::handleHeartbeatAnswer(const QByteArray& data)
{
    if (data.size() != 1)
        return;
    const bool firstAfterStart = quint8(data[0]) == 0x00;
    switch (stage) {
    case Stage::Probing:
        mcuAnswered = true;
        if (firstAfterStart && initDone)
            report(Severity::Warning, hostevent::McuRestarted,
                   QStringLiteral("heartbeat answer 00: the MCU restarted; running the init sequence again"));
        enterProductInfo(true);
        break;
    case Stage::Running:
        heartbeatTimeout.stop();
        if (firstAfterStart) {
            report(Severity::Warning, hostevent::McuRestarted,
                   QStringLiteral("heartbeat answer 00 while running: the MCU restarted; running the init sequence again"));
            enterProductInfo(true);
        }
        break;
    default:
        break; // a late answer to a probe: nothing to do
    }
}

void ModuleHost::Engine::handleStd(quint8 command, const QByteArray& data)
{
    switch (command) {
    case 0x00:
        handleHeartbeatAnswer(data);
        return;
    case 0x01:
        if (data.isEmpty())
            return;
        storeProduct(data);
        if (stage == Stage::ProductInfo)
            enterFeatures();
        return;
    case 0x02:
        if (stage == Stage::WorkingMode) {
            if (data.isEmpty()) {
                report(Severity::Chat, hostevent::WorkingMode,
                       QStringLiteral("cooperative mode: the MCU drives LED and key, the host reports network status"));
                enterNetworkStatus();
            } else {
                report(Severity::Chat, hostevent::WorkingMode,
                       QStringLiteral("module handles LED and key (GPIOs %1); no network status report").arg(toHex(data, true)));
                enterQueryDps();
            }
        }
        return;
    case 0x03:
        if (stage == Stage::NetworkStatus && data.isEmpty())
            enterQueryDps();
        return;
    case 0x07:
        if (stage == Stage::QueryDps)
            enterRunning();
        return; // status reports need no answer
    case 0x37:
        if (!data.isEmpty() && quint8(data[0]) == 0x00) {
            report(Severity::Note, hostevent::Features,
                   QStringLiteral("MCU features %1").arg(QString::fromUtf8(data.mid(1))));
            writeFrame(0x37, host::bytes({0x00, 0x00}), QStringLiteral("answer to 0x37/00 feature notification (success)"));
            if (stage == Stage::Features)
                enterWorkingMode();
        }
        return; // file-transfer sub-commands are not offered by the host
    default:
        break;
    }
    if (!mcuAnswered) {
        unanswered(command, data, QStringLiteral("the MCU has not answered a heartbeat yet"));
        return;
    }
    answerStd(command, data);
}

void ModuleHost::Engine::answerStd(quint8 command, const QByteArray& data)
{
    switch (command) {
    case 0x04:
        writeFrame(0x04, QByteArray(), QStringLiteral("ack of 0x04 reset Wi-Fi"));
        report(Severity::Warning, hostevent::WifiResetRequest, QStringLiteral("the MCU asked the module to reset Wi-Fi (0x04)"));
        return;
    case 0x05: {
        const QString mode = data.isEmpty() ? QStringLiteral("no mode")
                             : quint8(data[0]) == 0 ? QStringLiteral("EZ mode")
                             : quint8(data[0]) == 1 ? QStringLiteral("AP mode")
                                                    : QStringLiteral("mode %1").arg(hexByte(quint8(data[0])));
        writeFrame(0x05, QByteArray(), QStringLiteral("ack of 0x05 reset Wi-Fi (%1)").arg(mode));
        report(Severity::Warning, hostevent::WifiModeResetRequest,
               QStringLiteral("the MCU asked the module to reset Wi-Fi and pair in %1 (0x05)").arg(mode));
        return;
    }
    case 0x0C:
        writeFrame(0x0C, host::gmtTimePayload(now(), options.timeValid), QStringLiteral("answer to 0x0C GMT time"));
        return;
    case 0x0E:
        writeFrame(0x0E, host::bytes({0x01, options.signalPercent}),
                   QStringLiteral("answer to 0x0E Wi-Fi test (signal %1 %)").arg(options.signalPercent));
        return;
    case 0x0F:
        writeFrame(0x0F, host::freeMemoryPayload(), QStringLiteral("answer to 0x0F free memory"));
        return;
    case 0x1C:
        writeFrame(0x1C, host::localTimePayload(now(), options.timeValid), QStringLiteral("answer to 0x1C local time"));
        return;
    case 0x20:
        // Weather: say yes and send nothing more (no weather data source).
        writeFrame(0x20, host::bytes({0x01, 0x00}), QStringLiteral("answer to 0x20 weather service (enabled, no data follows)"));
        return;
    case 0x21:
        return; // the MCU's ack of weather data
    case 0x22:
        writeFrame(0x23, QByteArray(1, char(0x01)), QStringLiteral("answer to 0x22 synchronous report (success)"));
        return;
    case 0x24:
        writeFrame(0x24, QByteArray(1, char(options.rssiDbm)),
                   QStringLiteral("answer to 0x24 signal strength (%1 dBm)").arg(options.rssiDbm));
        return;
    case 0x25:
        writeFrame(0x25, QByteArray(), QStringLiteral("ack of 0x25 disable heartbeats"));
        heartbeatsEnabled = false;
        heartbeatTimer.stop();
        heartbeatTimeout.stop();
        report(Severity::Note, hostevent::HeartbeatsDisabled, QStringLiteral("the MCU turned heartbeats off (0x25)"));
        return;
    case 0x2B:
        writeFrame(0x2B, QByteArray(1, char(options.networkStatus)),
                   QStringLiteral("answer to 0x2B network status (%1)").arg(networkStatusName(options.networkStatus)));
        return;
    case 0x2D:
        writeFrame(0x2D, host::macPayload(), QStringLiteral("answer to 0x2D MAC address"));
        return;
    case 0x34:
        answerExtendedServices(data);
        return;
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x06:
    case 0x08:
        return; // late or repeated answers to module commands
    default:
        break;
    }
    unanswered(command, data);
}

void ModuleHost::Engine::answerExtendedServices(const QByteArray& data)
{
    if (data.isEmpty()) {
        unanswered(0x34, data, QStringLiteral("no sub-command"));
        return;
    }
    const quint8 sub = quint8(data[0]);
    switch (sub) {
    case 0x01: {
        const quint8 type = data.size() > 1 ? quint8(data[1]) : quint8(0x01);
        writeFrame(0x34, host::bytes({0x01, 0x00}),
                   QStringLiteral("answer to 0x34/01 enable time service (%1)").arg(type == 0 ? QStringLiteral("GMT") : QStringLiteral("local")));
        writeFrame(0x34, host::timeServicePayload(type, now(), options.timeValid),
                   QStringLiteral("0x34/02 time-service notification"));
        return;
    }
    case 0x02:
    case 0x05:
        return; // the MCU's acks of our notifications
    case 0x03:
        writeFrame(0x34, host::bytes({0x03, 0x00}), QStringLiteral("answer to 0x34/03 status query"));
        return;
    case 0x04:
        writeFrame(0x34, host::bytes({0x04, 0x00}), QStringLiteral("answer to 0x34/04 module-reset notification"));
        return;
    case 0x06:
        writeFrame(0x34, host::bytes({0x06, 0x01, 0x00, 0x00}), QStringLiteral("answer to 0x34/06 map session (service disabled)"));
        return;
    case 0x07:
        writeFrame(0x34, host::moduleInfoPayload(QByteArrayView(data).sliced(1)), QStringLiteral("answer to 0x34/07 module information"));
        return;
    case 0x0B:
        writeFrame(0x34, host::bytes({0x0B, 0x01}), QStringLiteral("answer to 0x34/0B record report (success)"));
        return;
    default:
        break;
    }
    unanswered(0x34, data, QStringLiteral("sub-command %1").arg(hexByte(sub)));
}

} // namespace tuyascope
