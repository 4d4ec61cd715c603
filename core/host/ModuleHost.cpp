#include "host/ModuleHost.h"

#include "common/Clock.h"
#include "common/Hex.h"
#include "host/HostEngine.h"
#include "host/HostReplies.h"
#include "transport/Transport.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/FamilyEvidence.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuFrame.h"

namespace tuyascope {

using mcu::Family;

// ---------------------------------------------------------------------------------------------
// ModuleHost: thin facade over the engine

ModuleHost::ModuleHost(Transport* transport, const HostOptions& options, QObject* parent)
    : QObject(parent), m_engine(new Engine(this, transport, options))
{
}

ModuleHost::~ModuleHost()
{
    delete m_engine;
}

void ModuleHost::start()
{
    m_engine->start();
}

void ModuleHost::stop()
{
    m_engine->stop();
}

ModuleHost::Stage ModuleHost::stage() const
{
    return m_engine->stage;
}

mcu::Family ModuleHost::family() const
{
    return m_engine->family;
}

QString ModuleHost::productInfo() const
{
    return m_engine->product;
}

bool ModuleHost::initComplete() const
{
    return m_engine->initDone;
}

bool ModuleHost::send(const mcu::SendRequest& request, QString* error)
{
    return m_engine->send(request, error);
}

// ---------------------------------------------------------------------------------------------
// Engine plumbing

ModuleHost::Engine::Engine(ModuleHost* host, Transport* link, const HostOptions& hostOptions)
    : q(host), transport(link), options(hostOptions)
{
    if (!options.clock)
        options.clock = [] { return QDateTime::currentDateTime(); };
    options.probeIntervalMs = qMax(1, options.probeIntervalMs);
    options.replyTimeoutMs = qMax(1, options.replyTimeoutMs);
    options.heartbeatIntervalMs = qMax(1, options.heartbeatIntervalMs);
    options.heartbeatTimeoutMs = qMax(1, options.heartbeatTimeoutMs);
    options.featureWaitMs = qMax(0, options.featureWaitMs);
    options.lowPowerAckDelayMs = qMax(0, options.lowPowerAckDelayMs);

    family = configuredFamily();

    replyTimer.setSingleShot(true);
    featureTimer.setSingleShot(true);
    heartbeatTimeout.setSingleShot(true);

    QObject::connect(&probeTimer, &QTimer::timeout, q, [this] {
        if (family == Family::LowPower)
            lpProductTick();
        else if (family == Family::Standard)
            stdProbeTick();
        else
            autoProbeTick();
    });
    QObject::connect(&replyTimer, &QTimer::timeout, q, [this] {
        if (family == Family::LowPower)
            lpReplyTimeout();
        else
            stdReplyTimeout();
    });
    QObject::connect(&featureTimer, &QTimer::timeout, q, [this] {
        if (stage == Stage::Features)
            enterWorkingMode();
    });
    QObject::connect(&heartbeatTimer, &QTimer::timeout, q, [this] { heartbeatTick(); });
    QObject::connect(&heartbeatTimeout, &QTimer::timeout, q, [this] { heartbeatTimedOut(); });
}

void ModuleHost::Engine::start()
{
    if (started)
        stop();
    if (!transport) {
        report(Severity::Error, hostevent::TransportError, QStringLiteral("no transport to talk to the MCU"));
        return;
    }
    if (!transport->isOpen() && !transport->open()) {
        report(Severity::Error, hostevent::TransportError,
               QStringLiteral("cannot open %1: %2").arg(transport->name(), transport->errorString()));
        return;
    }
    // Connected here, not in the constructor: whoever records the link (LiveCapture) connects
    // before start() and so sees each received chunk before the host answers it.
    chunkConnection = QObject::connect(transport, &Transport::chunkReceived, q,
                                       [this](qint64 timeUs, const QByteArray& bytes) { onChunk(timeUs, bytes); });
    started = true;
    splitter.reset();
    family = configuredFamily();
    mcuAnswered = false;
    productDuringProbe = false;
    heartbeatsEnabled = true;
    retries = 0;
    if (family == Family::LowPower)
        enterLpProductInfo();
    else
        enterProbing();
}

mcu::Family ModuleHost::Engine::configuredFamily() const
{
    // Only the two TuyaMCU protocols can be hosted; anything else means "detect".
    return options.family == Family::LowPower ? Family::LowPower
           : options.family == Family::Standard ? Family::Standard
                                                : Family::Unknown;
}

void ModuleHost::Engine::stop()
{
    ++generation;
    started = false;
    QObject::disconnect(chunkConnection);
    stopAllTimers();
    splitter.reset();
    setStage(Stage::Idle);
}

void ModuleHost::Engine::stopAllTimers()
{
    probeTimer.stop();
    replyTimer.stop();
    featureTimer.stop();
    heartbeatTimer.stop();
    heartbeatTimeout.stop();
}

void ModuleHost::Engine::setStage(Stage next)
{
    if (stage == next)
        return;
    stage = next;
    emit q->stageChanged(next);
}

QDateTime ModuleHost::Engine::now() const
{
    return options.clock();
}

QString ModuleHost::Engine::commandName(quint8 command) const
{
    const Family f = family == Family::Unknown ? Family::Standard : family;
    if (const mcu::CommandSpec* spec = mcu::CommandCatalogue::instance().find(f, command))
        return QStringLiteral("%1 (%2)").arg(hexByte(command), spec->name);
    return hexByte(command);
}

void ModuleHost::Engine::report(Severity severity, const QString& code, const QString& message)
{
    emit q->event(AgentEvent::now(severity, code, message));
}

void ModuleHost::Engine::unanswered(quint8 command, const QByteArray& data, const QString& why)
{
    QString message = QStringLiteral("the host does not answer %1").arg(commandName(command));
    if (!data.isEmpty())
        message += QStringLiteral(" [%1]").arg(toHex(data, true));
    if (!why.isEmpty())
        message += QStringLiteral(": ") + why;
    report(Severity::Note, hostevent::UnansweredRequest, message);
}

bool ModuleHost::Engine::writeFrame(quint8 command, const QByteArray& data, const QString& note, bool typed)
{
    const QByteArray frame = mcu::encodeFrame(0x00, command, data);
    if (!transport || transport->write(frame) < 0) {
        report(Severity::Error, hostevent::TransportError,
               QStringLiteral("cannot write %1 (%2): %3")
                   .arg(toHex(frame, true), note, transport ? transport->errorString() : QStringLiteral("no transport")));
        return false;
    }
    emit q->frameSent(nowUs(), frame, typed, note);
    return true;
}

bool ModuleHost::Engine::writeRequest(const mcu::SendRequest& request)
{
    const bool asLpCommand = family == Family::LowPower && request.dpWrite;
    const quint8 command = asLpCommand ? quint8(0x09) : request.command;
    QString note = request.text.isEmpty() ? QStringLiteral("user command") : QStringLiteral("user: ") + request.text;
    if (asLpCommand && request.command != 0x09)
        note += QStringLiteral(" (DP write sent as low-power 0x09)");
    return writeFrame(command, request.data, note, true);
}

bool ModuleHost::Engine::send(const mcu::SendRequest& request, QString* error)
{
    if (ready()) {
        if (writeRequest(request))
            return true;
        if (error)
            *error = transport ? transport->errorString() : QStringLiteral("no transport");
        return false;
    }
    const QString what = request.text.isEmpty() ? QStringLiteral("command %1").arg(hexByte(request.command)) : request.text;
    if (family == Family::LowPower && request.dpWrite) {
        // The MCU is asleep (or still climbing): keep the units for its next DP-cache request.
        for (const QByteArray& unit : host::splitDpUnits(request.data)) {
            if (!unit.isEmpty()) {
                for (qsizetype i = 0; i < dpCache.size(); ++i) {
                    if (!dpCache[i].isEmpty() && dpCache[i][0] == unit[0]) { // newer value wins
                        dpCache.removeAt(i);
                        break;
                    }
                }
            }
            dpCache.push_back(unit);
        }
        report(Severity::Note, hostevent::QueuedSend,
               QStringLiteral("%1 queued for the MCU's next DP-cache request (0x10)").arg(what));
        return true;
    }
    pending.push_back(request);
    report(Severity::Note, hostevent::QueuedSend,
           QStringLiteral("%1 queued until the MCU completes its init sequence").arg(what));
    return true;
}

void ModuleHost::Engine::completeInit()
{
    initDone = true;
    QString message = QStringLiteral("%1 protocol init complete").arg(mcu::familyLabel(family));
    if (!product.isEmpty())
        message += QStringLiteral("; product %1").arg(product);
    report(Severity::Note, hostevent::InitComplete, message);
    emit q->initCompleted(family);
    // Flush what the user sent while the MCU was not ready, in order.
    const QVector<mcu::SendRequest> queued = pending;
    pending.clear();
    for (const mcu::SendRequest& request : queued) {
        if (!ready()) { // a handler of the signals above restarted the sequence
            pending.push_back(request);
            continue;
        }
        writeRequest(request);
    }
}

void ModuleHost::Engine::storeProduct(const QByteArray& data)
{
    const QString text = QString::fromUtf8(data);
    const bool changed = text != product;
    product = text;
    if (changed || stage == Stage::ProductInfo || stage == Stage::Probing)
        report(Severity::Note, hostevent::ProductInfo, QStringLiteral("product information %1").arg(text));
}

void ModuleHost::Engine::onChunk(qint64 timeUs, const QByteArray& bytes)
{
    if (!started)
        return;
    splitter.feed(bytes, timeUs, *this);
}

void ModuleHost::Engine::onEvent(const mcu::StreamSplitter::Event& event)
{
    if (event.kind != mcu::StreamSplitter::EventKind::Frame)
        return; // garbage between frames is normal at power-up; nothing to answer
    const QByteArray frame = event.bytes.toByteArray();
    if (!event.checksumOk) {
        report(Severity::Warning, hostevent::BadChecksum,
               QStringLiteral("ignored a frame with a bad checksum: %1 (computed %2, found %3)")
                   .arg(toHex(frame, true), hexByte(event.expectedChecksum), hexByte(quint8(frame.back()))));
        return;
    }
    handleFrame(frame);
}

void ModuleHost::Engine::handleFrame(const QByteArray& frame)
{
    if (!started || frame.size() < mcu::kMinFrameSize)
        return;
    const quint8 command = quint8(frame[mcu::kCommandOffset]);
    const QByteArray data = frame.mid(mcu::kDataOffset, frame.size() - mcu::kMinFrameSize);
    switch (family) {
    case Family::Standard:
        handleStd(command, data);
        break;
    case Family::LowPower:
        handleLp(command, data);
        break;
    default:
        handleUndecided(frame, command, data);
        break;
    }
}

// ---------------------------------------------------------------------------------------------
// Auto detection (family Unknown)

void ModuleHost::Engine::autoProbeTick()
{
    if (productDuringProbe && !mcuAnswered) {
        detect(Family::LowPower,
               QStringLiteral("the MCU answered the product query but not the heartbeat"));
        enterLpClimb();
        return;
    }
    writeFrame(0x00, QByteArray(), QStringLiteral("heartbeat probe (auto detection)"));
    writeFrame(0x01, QByteArray(), QStringLiteral("product query probe (auto detection)"));
}

void ModuleHost::Engine::detect(Family detected, const QString& reason)
{
    family = detected;
    report(Severity::Note, hostevent::FamilyDetected,
           QStringLiteral("%1 protocol: %2").arg(mcu::familyLabel(detected), reason));
}

void ModuleHost::Engine::handleUndecided(const QByteArray& frame, quint8 command, const QByteArray& data)
{
    if (command == 0x00 && data.size() == 1 && quint8(data[0]) <= 0x01) {
        detect(Family::Standard, QStringLiteral("the MCU answered a heartbeat"));
        probeTimer.stop();
        mcuAnswered = true;
        if (!product.isEmpty())
            enterFeatures();
        else
            enterProductInfo(false); // the product query of this probe is still on its way
        return;
    }
    const mcu::FamilyVote vote = mcu::familyEvidence(frame, Direction::McuToModule);
    if (vote.strong && vote.family == Family::Standard) {
        detect(Family::Standard, vote.reason);
        probeTimer.stop();
        mcuAnswered = true;
        if (command == 0x01 && !data.isEmpty()) {
            setStage(Stage::ProductInfo);
            storeProduct(data);
            enterFeatures();
            return;
        }
        if (!product.isEmpty())
            enterFeatures();
        else
            enterProductInfo(true);
        handleStd(command, data);
        return;
    }
    if (vote.strong && vote.family == Family::LowPower) {
        detect(Family::LowPower, vote.reason);
        probeTimer.stop();
        handleLp(command, data); // ack the report first: the MCU is waiting for it
        if (stage == Stage::Probing) {
            if (!product.isEmpty())
                enterLpClimb();
            else
                enterLpProductInfo();
        }
        return;
    }
    if (command == 0x01 && !data.isEmpty()) {
        storeProduct(data);
        productDuringProbe = true; // decided at the next probe tick (a std MCU answers the heartbeat first)
        return;
    }
    unanswered(command, data, QStringLiteral("the protocol family is not decided yet"));
}

} // namespace tuyascope
