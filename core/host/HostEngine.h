#pragma once
// ModuleHost's state machine (private to core/host). ModuleHost.cpp holds the shared plumbing
// (transport, framing, sending, events, the send queue and family detection), HostStandard.cpp
// the standard-protocol init sequence and answers, HostLowPower.cpp the low-power ones.

#include "host/HostEvents.h"
#include "host/ModuleHost.h"
#include "tuyamcu/StreamSplitter.h"

#include <QByteArray>
#include <QDateTime>
#include <QTimer>
#include <QVector>

namespace tuyascope {

class ModuleHost::Engine : public mcu::StreamSplitter::Sink {
public:
    using Stage = ModuleHost::Stage;

    Engine(ModuleHost* host, Transport* transport, const HostOptions& options);

    // --- plumbing (ModuleHost.cpp) ---
    void start();
    void stop();
    bool send(const mcu::SendRequest& request, QString* error);
    void onChunk(qint64 timeUs, const QByteArray& bytes);
    void onEvent(const mcu::StreamSplitter::Event& event) override;
    void handleFrame(const QByteArray& frame);
    bool writeFrame(quint8 command, const QByteArray& data, const QString& note, bool typed = false);
    bool writeRequest(const mcu::SendRequest& request);
    void report(Severity severity, const QString& code, const QString& message);
    void unanswered(quint8 command, const QByteArray& data, const QString& why = QString());
    void setStage(Stage stage);
    void stopAllTimers();
    bool ready() const { return stage == Stage::Running || stage == Stage::LpReady; }
    void completeInit();
    void storeProduct(const QByteArray& data);
    QDateTime now() const;
    QString commandName(quint8 command) const;
    mcu::Family configuredFamily() const;

    // --- detection (ModuleHost.cpp) ---
    void autoProbeTick();
    void handleUndecided(const QByteArray& frame, quint8 command, const QByteArray& data);
    void detect(mcu::Family detected, const QString& reason);

    // --- standard protocol (HostStandard.cpp) ---
    void enterProbing();
    void stdProbeTick();
    void enterProductInfo(bool sendNow);
    void enterFeatures();
    void enterWorkingMode();
    void enterNetworkStatus();
    void enterQueryDps();
    void enterRunning();
    void stdReplyTimeout();
    void heartbeatTick();
    void heartbeatTimedOut();
    void handleStd(quint8 command, const QByteArray& data);
    void handleHeartbeatAnswer(const QByteArray& data);
    void answerStd(quint8 command, const QByteArray& data);
    void answerExtendedServices(const QByteArray& data);
    void sendStdStep(bool resend);

    // --- low-power protocol (HostLowPower.cpp) ---
    void enterLpProductInfo();
    void lpProductTick();
    void enterLpClimb();
    void sendClimbStep(bool resend);
    void lpReplyTimeout();
    void enterLpReady();
    void handleLp(quint8 command, const QByteArray& data);
    void ackReport(quint8 command, const QString& note);

    ModuleHost* q;
    Transport* transport;
    HostOptions options;
    mcu::StreamSplitter splitter;

    Stage stage = Stage::Idle;
    mcu::Family family = mcu::Family::Unknown;
    bool started = false;
    QMetaObject::Connection chunkConnection;
    bool initDone = false;
    bool mcuAnswered = false;         // std: the MCU answered a heartbeat (or spoke std) this session
    bool productDuringProbe = false;  // auto: product JSON arrived while probing
    bool heartbeatsEnabled = true;    // std 0x25 turns them off
    QString product;
    int retries = 0;
    quint32 generation = 0;           // bumped by stop(): stale delayed acks are dropped

    QVector<quint8> climb;            // lp: the network states to report, in order
    int climbIndex = 0;

    QVector<mcu::SendRequest> pending; // user commands waiting for init
    QVector<QByteArray> dpCache;       // lp: single DP units for the MCU's next 0x10

    QTimer probeTimer;        // periodic: probing heartbeats / product queries
    QTimer replyTimer;        // single shot: init step resend
    QTimer featureTimer;      // single shot: wait for 0x37/00
    QTimer heartbeatTimer;    // periodic: Running heartbeats
    QTimer heartbeatTimeout;  // single shot: first unanswered heartbeat

    static constexpr int kMaxResends = 3;
};

} // namespace tuyascope
