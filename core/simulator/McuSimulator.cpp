#include "simulator/McuSimulator.h"

#include "common/Clock.h"
#include "common/Hex.h"
#include "simulator/DpState.h"
#include "transport/Transport.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuFrame.h"
#include "tuyamcu/StreamSplitter.h"

#include <QHash>
#include <QPointer>
#include <QTimer>

#include <cmath>
#include <limits>

namespace tuyascope {

namespace {

constexpr int kMaxReportData = 255; // module UART buffers: keep every frame's data this small

QString idList(const QVector<quint8>& ids)
{
    QStringList parts;
    for (quint8 id : ids)
        parts.append(QString::number(id));
    return parts.join(QStringLiteral(", "));
}

QString networkStatusText(quint8 status)
{
    switch (status) {
    case 0: return QStringLiteral("pairing (EZ / smartconfig)");
    case 1: return QStringLiteral("pairing (AP)");
    case 2: return QStringLiteral("configured, not connected to the router");
    case 3: return QStringLiteral("connected to the router");
    case 4: return QStringLiteral("connected to the cloud");
    case 5: return QStringLiteral("module in low-power mode");
    case 6: return QStringLiteral("EZ and AP pairing coexist");
    default: break;
    }
    return QStringLiteral("unknown status %1").arg(hexByte(status));
}

} // namespace

// Everything behind the public API: framing of the module's bytes, the standard and the
// low-power behaviour, and the timers. Signals are emitted through `q`.
class McuSimulator::Engine final : public mcu::StreamSplitter::Sink {
public:
    Engine(McuSimulator* owner, Transport* link, const DeviceProfile& deviceProfile,
           const SimulatorOptions& simulatorOptions);

    void start();
    void stop();
    void restart();
    bool setDpValue(quint8 id, const QByteArray& value);

    McuSimulator* q;
    QPointer<Transport> transport;
    const DeviceProfile profile;
    const SimulatorOptions options;
    DpState state;

private:
    struct Incoming {
        QByteArray bytes;
        bool checksumOk = true;
        quint8 expected = 0;
    };

    // plumbing
    void onEvent(const mcu::StreamSplitter::Event& e) override;
    void onChunk(qint64 timeUs, const QByteArray& bytes);
    void process(const Incoming& frame);
    void send(quint8 command, const QByteArray& data, const QString& note);
    void report(Severity severity, const QString& code, const QString& message);
    int scaled(int ms) const;
    bool lowPower() const { return profile.protocol == mcu::Family::LowPower; }
    // Applies DP units data[start..] as module writes; returns the dpIds to report (applied
    // and rejected-but-known, in order). `malformed` tells that nothing was applied.
    QVector<quint8> applyWrites(const QByteArray& data, int start, const QString& source,
                                bool allowEmpty, bool* malformed);
    void ignored(quint8 command, const QString& why, Severity severity = Severity::Note);

    // standard protocol
    void handleStandard(quint8 command, const QByteArray& data);
    void beginReporting(const QString& trigger);
    void stopReporting();
    void reportStandard(const DpProfile& dp, const QString& note);
    void onReportTimer(quint8 id);

    // low-power protocol
    void handleLowPower(quint8 command, const QByteArray& data);
    void wake(bool handshake);
    void enqueue(const QVector<quint8>& ids);
    void pump();
    void sendInFlight();
    void onAckTimeout();
    void onAck(quint8 result);
    void sleep();
    void stopLowPower();

    mcu::StreamSplitter m_splitter;
    QVector<Incoming> m_inbox;
    QMetaObject::Connection m_chunkConnection;
    bool m_running = false;

    // standard
    bool m_firstHeartbeat = true;
    bool m_initDone = false;
    QHash<quint8, QTimer*> m_reportTimers;

    // low-power
    bool m_awake = false;
    bool m_cloudReady = false;
    bool m_awaitingCache = false;
    bool m_awaitingAck = false;
    int m_attempts = 0;
    QVector<QVector<quint8>> m_queue; // reports waiting; the head is in flight when awaiting an ack
    QByteArray m_inFlight;
    QVector<quint8> m_inFlightIds;
    QTimer* m_ackTimer;
    QTimer* m_wakeTimer;
    QTimer* m_cacheTimer;
};

McuSimulator::Engine::Engine(McuSimulator* owner, Transport* link, const DeviceProfile& deviceProfile,
                             const SimulatorOptions& simulatorOptions)
    : q(owner), transport(link), profile(deviceProfile), options(simulatorOptions),
      state(deviceProfile, simulatorOptions.randomSeed),
      m_ackTimer(new QTimer(owner)), m_wakeTimer(new QTimer(owner)), m_cacheTimer(new QTimer(owner))
{
    for (QTimer* timer : {m_ackTimer, m_wakeTimer, m_cacheTimer})
        timer->setSingleShot(true);
    QObject::connect(m_ackTimer, &QTimer::timeout, q, [this] { onAckTimeout(); });
    QObject::connect(m_wakeTimer, &QTimer::timeout, q, [this] { wake(false); });
    QObject::connect(m_cacheTimer, &QTimer::timeout, q, [this] {
        if (!m_awaitingCache)
            return;
        m_awaitingCache = false;
        report(Severity::Warning, QStringLiteral("DP_CACHE_TIMEOUT"),
               QStringLiteral("no answer to the DP cache request (0x10); reporting anyway"));
        pump();
    });
    if (!lowPower()) {
        for (const DpProfile& dp : profile.dps) {
            if (dp.reporting == DpProfile::Reporting::None)
                continue;
            auto* timer = new QTimer(owner);
            timer->setInterval(scaled(dp.intervalMs));
            const quint8 id = dp.id;
            QObject::connect(timer, &QTimer::timeout, q, [this, id] { onReportTimer(id); });
            m_reportTimers.insert(id, timer);
        }
    }
}

// ---- plumbing ----

int McuSimulator::Engine::scaled(int ms) const
{
    const double factor = options.timeScale > 0.0 && std::isfinite(options.timeScale) ? options.timeScale : 1.0;
    const double v = std::round(double(ms) * factor);
    if (v < 1.0)
        return 1;
    if (v > double(std::numeric_limits<int>::max()))
        return std::numeric_limits<int>::max();
    return int(v);
}

void McuSimulator::Engine::report(Severity severity, const QString& code, const QString& message)
{
    emit q->event(AgentEvent::now(severity, code, message));
}

void McuSimulator::Engine::send(quint8 command, const QByteArray& data, const QString& note)
{
    const QByteArray frame = mcu::encodeFrame(profile.protocolVersion, command, data);
    if (!transport || transport->write(frame) < 0) {
        report(Severity::Warning, QStringLiteral("SEND_FAILED"),
               QStringLiteral("could not send %1 (%2): %3")
                   .arg(note, toHex(frame, true),
                        transport ? transport->errorString() : QStringLiteral("no transport")));
        return;
    }
    emit q->frameSent(nowUs(), frame, note);
}

void McuSimulator::Engine::onEvent(const mcu::StreamSplitter::Event& e)
{
    if (e.kind != mcu::StreamSplitter::EventKind::Frame)
        return; // garbage is normal at power-up and during baud detection
    m_inbox.append({e.bytes.toByteArray(), e.checksumOk, e.expectedChecksum});
}

void McuSimulator::Engine::onChunk(qint64 timeUs, const QByteArray& bytes)
{
    if (!m_running)
        return;
    m_splitter.feed(bytes, timeUs, *this);
    QVector<Incoming> frames;
    frames.swap(m_inbox);
    for (const Incoming& frame : frames) {
        if (!m_running)
            break;
        process(frame);
    }
}

void McuSimulator::Engine::process(const Incoming& frame)
{
    if (!frame.checksumOk) {
        report(Severity::Warning, QStringLiteral("BAD_FRAME_IGNORED"),
               QStringLiteral("frame with a bad checksum ignored (computed %1, found %2): %3")
                   .arg(hexByte(frame.expected), hexByte(quint8(frame.bytes.back())), toHex(frame.bytes, true)));
        return;
    }
    const auto command = quint8(frame.bytes[mcu::kCommandOffset]);
    const QByteArray data = frame.bytes.mid(mcu::kDataOffset, mcu::declaredDataLength(frame.bytes));
    if (lowPower())
        handleLowPower(command, data);
    else
        handleStandard(command, data);
}

void McuSimulator::Engine::ignored(quint8 command, const QString& why, Severity severity)
{
    report(severity, QStringLiteral("COMMAND_IGNORED"),
           QStringLiteral("command %1 ignored: %2").arg(hexByte(command), why));
}

QVector<quint8> McuSimulator::Engine::applyWrites(const QByteArray& data, int start, const QString& source,
                                                  bool allowEmpty, bool* malformed)
{
    *malformed = false;
    const mcu::DpParseResult parsed = mcu::parseDpUnits(data, start, int(data.size()));
    if (!parsed.ok() || (parsed.units.isEmpty() && !allowEmpty)) {
        QString why;
        switch (parsed.problem) {
        case mcu::DpParseResult::Problem::Overrun:
            why = QStringLiteral("a DP unit at byte %1 declares %2 value bytes, %3 remain")
                      .arg(parsed.problemOffset).arg(parsed.declaredLength).arg(parsed.remaining);
            break;
        case mcu::DpParseResult::Problem::TrailingBytes:
            why = QStringLiteral("%1 stray bytes at byte %2 (a DP header needs 4)")
                      .arg(parsed.remaining).arg(parsed.problemOffset);
            break;
        case mcu::DpParseResult::Problem::None:
            why = QStringLiteral("no DP units");
            break;
        }
        report(Severity::Warning, QStringLiteral("MALFORMED_DP_IGNORED"),
               QStringLiteral("%1 ignored, nothing applied: %2").arg(source, why));
        *malformed = true;
        return {};
    }

    QVector<quint8> toReport;
    for (const mcu::DpUnit& unit : parsed.units) {
        const QByteArray value = data.mid(unit.valueOffset(), unit.length);
        const DpProfile* dp = profile.dp(unit.id);
        if (!dp) {
            report(Severity::Warning, QStringLiteral("WRITE_REJECTED"),
                   QStringLiteral("%1: dp %2 is not in the profile (%3 %4)")
                       .arg(source).arg(unit.id).arg(mcu::dpTypeName(unit.type), mcu::dpValueText(unit.type, value)));
            continue;
        }
        QString why;
        if (!dp->settable)
            why = QStringLiteral("read-only");
        else
            dp->accepts(unit.type, value, &why);
        if (!why.isEmpty()) {
            report(Severity::Warning, QStringLiteral("WRITE_REJECTED"),
                   QStringLiteral("%1: %2 = %3 rejected (%4); reporting the current value %5")
                       .arg(source, dp->label(), mcu::dpValueText(unit.type, value), why,
                            dp->valueText(state.value(dp->id))));
        } else {
            const bool changed = state.set(dp->id, value);
            report(Severity::Note, QStringLiteral("WRITE_APPLIED"),
                   QStringLiteral("%1: %2 = %3%4").arg(source, dp->label(), dp->valueText(value),
                                                       changed ? QString() : QStringLiteral(" (unchanged)")));
            if (changed)
                emit q->dpChanged(dp->id, value);
        }
        if (!toReport.contains(dp->id))
            toReport.append(dp->id);
    }
    return toReport;
}

// ---- life cycle ----

void McuSimulator::Engine::start()
{
    if (m_running)
        return;
    if (!transport) {
        report(Severity::Error, QStringLiteral("SEND_FAILED"), QStringLiteral("no transport to run on"));
        return;
    }
    m_running = true;
    m_splitter.reset();
    m_inbox.clear();
    m_chunkConnection = QObject::connect(transport, &Transport::chunkReceived, q,
                                         [this](qint64 timeUs, const QByteArray& bytes) { onChunk(timeUs, bytes); });
    if (lowPower()) {
        wake(true);
    } else {
        m_firstHeartbeat = true;
        m_initDone = false;
    }
}

void McuSimulator::Engine::stop()
{
    if (!m_running)
        return;
    m_running = false;
    QObject::disconnect(m_chunkConnection);
    stopReporting();
    stopLowPower();
    m_awake = false;
}

void McuSimulator::Engine::restart()
{
    if (!m_running) {
        start();
        return;
    }
    m_splitter.reset();
    m_inbox.clear();
    if (lowPower()) {
        stopLowPower();
        report(Severity::Note, QStringLiteral("RESTARTED"), QStringLiteral("MCU reset: a new wake cycle"));
        wake(true);
    } else {
        stopReporting();
        m_firstHeartbeat = true;
        m_initDone = false;
        report(Severity::Note, QStringLiteral("RESTARTED"),
               QStringLiteral("MCU reset: the next heartbeat answer is 00; no reports until the module's init"));
    }
}

bool McuSimulator::Engine::setDpValue(quint8 id, const QByteArray& value)
{
    const DpProfile* dp = profile.dp(id);
    if (!dp || !dp->accepts(quint8(dp->type), value))
        return false;
    if (state.set(id, value))
        emit q->dpChanged(id, value);
    if (!m_running)
        return true;
    if (lowPower())
        enqueue({id});
    else if (m_initDone)
        reportStandard(*dp, QStringLiteral("status report %1 (changed on the device)").arg(dp->label()));
    return true;
}

// ---- standard protocol ----

void McuSimulator::Engine::handleStandard(quint8 command, const QByteArray& data)
{
    switch (command) {
    case 0x00: {
        const char answer = m_firstHeartbeat ? 0x00 : 0x01;
        m_firstHeartbeat = false;
        send(0x00, QByteArray(1, answer),
             answer == 0 ? QStringLiteral("heartbeat reply 00 (first since start)") : QStringLiteral("heartbeat reply 01"));
        return;
    }
    case 0x01:
        send(0x01, profile.productJson(), QStringLiteral("product info"));
        if (!profile.features.isEmpty())
            send(0x37, QByteArray(1, '\0') + profile.features, QStringLiteral("feature notification (0x37/00)"));
        return;
    case 0x02: {
        QString note = QStringLiteral("working mode: cooperative");
        if (!profile.workingMode.isEmpty())
            note = QStringLiteral("working mode: module drives LED/key (GPIOs %1)").arg(toHex(profile.workingMode, true));
        send(0x02, profile.workingMode, note);
        return;
    }
    case 0x03:
        send(0x03, QByteArray(), QStringLiteral("network status ack"));
        report(Severity::Chat, QStringLiteral("NETWORK_STATUS"),
               data.size() == 1 ? QStringLiteral("module network status %1: %2")
                                      .arg(hexByte(quint8(data[0])), networkStatusText(quint8(data[0])))
                                : QStringLiteral("module network status frame with %1 bytes").arg(data.size()));
        beginReporting(QStringLiteral("0x03"));
        return;
    case 0x08:
        for (const DpProfile& dp : profile.dps)
            reportStandard(dp, QStringLiteral("status report %1 (answer to 0x08)").arg(dp.label()));
        beginReporting(QStringLiteral("0x08"));
        return;
    case 0x06: {
        bool malformed = false;
        const QVector<quint8> ids = applyWrites(data, 0, QStringLiteral("set DP (0x06)"), false, &malformed);
        for (quint8 id : ids)
            reportStandard(*profile.dp(id), QStringLiteral("status report %1 (after 0x06)").arg(profile.dp(id)->label()));
        return;
    }
    case 0x37:
        if (!data.isEmpty() && data[0] == 0)
            return; // the module's answer to our feature notification
        ignored(command, QStringLiteral("sub-command not simulated"));
        return;
    default:
        break;
    }
    ignored(command, QStringLiteral("not simulated for a standard-protocol MCU"));
}

void McuSimulator::Engine::beginReporting(const QString& trigger)
{
    if (m_initDone)
        return;
    m_initDone = true;
    for (QTimer* timer : std::as_const(m_reportTimers))
        timer->start();
    if (!m_reportTimers.isEmpty())
        report(Severity::Chat, QStringLiteral("REPORTING_STARTED"),
               QStringLiteral("module init reached %1: %2 DP(s) now report by themselves").arg(trigger).arg(m_reportTimers.size()));
}

void McuSimulator::Engine::stopReporting()
{
    for (QTimer* timer : std::as_const(m_reportTimers))
        timer->stop();
}

void McuSimulator::Engine::reportStandard(const DpProfile& dp, const QString& note)
{
    send(0x07, state.unit(dp), note);
}

void McuSimulator::Engine::onReportTimer(quint8 id)
{
    const DpProfile* dp = profile.dp(id);
    if (!dp || !m_running || !m_initDone)
        return;
    if (state.advance(*dp))
        emit q->dpChanged(id, state.value(id));
    QString why = QStringLiteral("periodic");
    if (dp->reporting == DpProfile::Reporting::RandomWalk)
        why = QStringLiteral("random walk");
    else if (dp->reporting == DpProfile::Reporting::Toggle)
        why = QStringLiteral("toggle");
    reportStandard(*dp, QStringLiteral("status report %1 (%2)").arg(dp->label(), why));
}

// ---- low-power protocol ----

void McuSimulator::Engine::handleLowPower(quint8 command, const QByteArray& data)
{
    switch (command) {
    case 0x01:
        send(0x01, profile.productJson(), QStringLiteral("product info"));
        return;
    case 0x02: {
        if (data.size() != 1) {
            ignored(command, QStringLiteral("network status needs 1 byte, got %1").arg(data.size()), Severity::Warning);
            return;
        }
        const auto status = quint8(data[0]);
        send(0x02, QByteArray(), QStringLiteral("network status ack"));
        report(Severity::Chat, QStringLiteral("NETWORK_STATUS"),
               QStringLiteral("module network status %1: %2").arg(hexByte(status), networkStatusText(status)));
        if (status == 0x04) {
            if (!m_cloudReady) {
                m_cloudReady = true;
                if (profile.requestDpCache && !m_awaitingCache) {
                    m_awaitingCache = true;
                    send(0x10, QByteArray(1, '\0'), QStringLiteral("obtain DP cache (all)"));
                    m_cacheTimer->start(qMax(1, options.ackTimeoutMs));
                }
            }
            pump();
        } else if (!m_awaitingAck) {
            m_cloudReady = false; // the module is (re)connecting: hold reports until 04
        }
        return;
    }
    case 0x05:
        if (data.size() != 1) {
            ignored(command, QStringLiteral("a report ack has 1 byte, got %1").arg(data.size()), Severity::Warning);
            return;
        }
        onAck(quint8(data[0]));
        return;
    case 0x09: {
        send(0x09, QByteArray(), QStringLiteral("send-command ack"));
        bool malformed = false;
        const QVector<quint8> ids = applyWrites(data, 0, QStringLiteral("module command (0x09)"), false, &malformed);
        if (!ids.isEmpty())
            enqueue(ids);
        return;
    }
    case 0x10: {
        // The module's DP cache answer: result(01 ok) count units.
        const bool requested = m_awaitingCache;
        m_awaitingCache = false;
        m_cacheTimer->stop();
        if (data.size() < 2 || data[0] != 0x01) {
            report(Severity::Note, QStringLiteral("DP_CACHE_EMPTY"),
                   data.size() < 2 ? QStringLiteral("malformed DP cache answer (%1 bytes)").arg(data.size())
                                   : QStringLiteral("the module reports no DP cache (result %1)").arg(hexByte(quint8(data[0]))));
        } else {
            bool malformed = false;
            const QVector<quint8> ids = applyWrites(data, 2, QStringLiteral("DP cache (0x10)"), true, &malformed);
            if (!requested && !ids.isEmpty())
                enqueue(ids);
        }
        pump();
        return;
    }
    case 0x06:
        if (data.size() == 8) {
            report(Severity::Chat, QStringLiteral("LOCAL_TIME"),
                   QStringLiteral("local time from the module: %1").arg(toHex(data, true)));
            return;
        }
        ignored(command, QStringLiteral("local time needs 8 bytes, got %1").arg(data.size()), Severity::Warning);
        return;
    case 0x08:
        ignored(command, QStringLiteral("record-report ack, but no record report was sent"));
        return;
    default:
        break;
    }
    ignored(command, QStringLiteral("not simulated for a low-power MCU"));
}

void McuSimulator::Engine::wake(bool handshake)
{
    m_awake = true;
    m_wakeTimer->stop();
    if (handshake) {
        m_cloudReady = false;
        m_awaitingAck = false;
        m_awaitingCache = false;
        m_ackTimer->stop();
        m_cacheTimer->stop();
        m_queue.clear();
        report(Severity::Note, QStringLiteral("WAKE"),
               QStringLiteral("awake: powering the module, waiting for its handshake (0x01, 0x02 .. 04)"));
    } else {
        QStringList changed;
        for (const DpProfile& dp : profile.dps) {
            if (state.advance(dp)) {
                emit q->dpChanged(dp.id, state.value(dp.id));
                changed.append(QStringLiteral("%1 = %2").arg(dp.label(), dp.valueText(state.value(dp.id))));
            }
        }
        report(Severity::Note, QStringLiteral("WAKE"),
               changed.isEmpty() ? QStringLiteral("awake after the sleep interval; reporting")
                                 : QStringLiteral("awake after the sleep interval: %1").arg(changed.join(QStringLiteral(", "))));
    }
    QVector<quint8> all;
    for (const DpProfile& dp : profile.dps)
        all.append(dp.id);
    enqueue(all);
}

void McuSimulator::Engine::enqueue(const QVector<quint8>& ids)
{
    if (ids.isEmpty())
        return;
    m_queue.append(ids);
    if (!m_awake) {
        m_awake = true;
        m_wakeTimer->stop();
        report(Severity::Note, QStringLiteral("WAKE"), QStringLiteral("awake to report dp %1").arg(idList(ids)));
    }
    pump();
}

void McuSimulator::Engine::pump()
{
    if (!m_running || !m_cloudReady || m_awaitingAck || m_awaitingCache)
        return;
    while (!m_queue.isEmpty()) {
        // Take as many DPs of the head as fit one frame; the rest stays queued behind it.
        const QVector<quint8> ids = m_queue.first();
        QByteArray payload;
        QVector<quint8> taken;
        int consumed = 0;
        for (quint8 id : ids) {
            const DpProfile* dp = profile.dp(id);
            if (dp) {
                const QByteArray unit = state.unit(*dp);
                if (!payload.isEmpty() && payload.size() + unit.size() > kMaxReportData)
                    break;
                payload += unit;
                taken.append(id);
            }
            ++consumed;
        }
        m_queue.removeFirst();
        if (consumed < ids.size())
            m_queue.prepend(ids.mid(consumed));
        if (payload.isEmpty())
            continue;
        m_inFlight = payload;
        m_inFlightIds = taken;
        m_attempts = 0;
        m_awaitingAck = true;
        sendInFlight();
        return;
    }
    if (m_awake)
        sleep();
}

void McuSimulator::Engine::sendInFlight()
{
    ++m_attempts;
    QString note = QStringLiteral("real-time report (dp %1)").arg(idList(m_inFlightIds));
    if (m_attempts > 1) {
        note += QStringLiteral(", resend %1/%2").arg(m_attempts - 1).arg(options.ackRetries);
        report(Severity::Note, QStringLiteral("REPORT_RESENT"),
               QStringLiteral("no ack within %1 ms: resending the report of dp %2 (%3/%4)")
                   .arg(options.ackTimeoutMs).arg(idList(m_inFlightIds)).arg(m_attempts - 1).arg(options.ackRetries));
    }
    send(0x05, m_inFlight, note);
    m_ackTimer->start(qMax(1, options.ackTimeoutMs));
}

void McuSimulator::Engine::onAckTimeout()
{
    if (!m_awaitingAck || !m_running)
        return;
    if (m_attempts <= options.ackRetries) {
        sendInFlight();
        return;
    }
    report(Severity::Warning, QStringLiteral("ACK_TIMEOUT"),
           QStringLiteral("the module never acknowledged the report of dp %1 (%2 sends); giving up and sleeping")
               .arg(idList(m_inFlightIds)).arg(m_attempts));
    m_awaitingAck = false;
    m_queue.clear();
    sleep();
}

void McuSimulator::Engine::onAck(quint8 result)
{
    if (!m_awaitingAck) {
        report(Severity::Note, QStringLiteral("UNEXPECTED_ACK"),
               QStringLiteral("report ack %1 while no report was waiting for one").arg(hexByte(result)));
        return;
    }
    m_ackTimer->stop();
    if (result != 0x00) {
        report(Severity::Warning, QStringLiteral("REPORT_FAILED"),
               QStringLiteral("the module answered the report of dp %1 with %2 (failure)")
                   .arg(idList(m_inFlightIds), hexByte(result)));
        onAckTimeout(); // resend now while retries remain
        return;
    }
    report(Severity::Note, QStringLiteral("REPORT_ACKED"),
           QStringLiteral("the module acknowledged the report of dp %1").arg(idList(m_inFlightIds)));
    m_awaitingAck = false; // the in-flight DPs already left the queue
    pump();
}

void McuSimulator::Engine::sleep()
{
    m_awake = false;
    const int ms = scaled(profile.wakeIntervalMs);
    report(Severity::Note, QStringLiteral("SLEEP"), QStringLiteral("asleep; next wake in %1 ms").arg(ms));
    m_wakeTimer->start(ms);
}

void McuSimulator::Engine::stopLowPower()
{
    m_ackTimer->stop();
    m_wakeTimer->stop();
    m_cacheTimer->stop();
    m_awaitingAck = false;
    m_awaitingCache = false;
    m_queue.clear();
}

// ---- public API ----

McuSimulator::McuSimulator(Transport* transport, const DeviceProfile& profile, const SimulatorOptions& options,
                           QObject* parent)
    : QObject(parent), m_engine(new Engine(this, transport, profile, options))
{
}

McuSimulator::~McuSimulator()
{
    m_engine->stop();
    delete m_engine;
    m_engine = nullptr;
}

void McuSimulator::start()
{
    m_engine->start();
}

void McuSimulator::stop()
{
    m_engine->stop();
}

const DeviceProfile& McuSimulator::profile() const
{
    return m_engine->profile;
}

QByteArray McuSimulator::dpValue(quint8 id) const
{
    return m_engine->state.value(id);
}

bool McuSimulator::setDpValue(quint8 id, const QByteArray& value)
{
    return m_engine->setDpValue(id, value);
}

void McuSimulator::restart()
{
    m_engine->restart();
}

} // namespace tuyascope
