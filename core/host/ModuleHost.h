#pragma once
// Host mode: TuyaScope plays the Wi-Fi module on a link to a real (or simulated) MCU.
//
// Standard protocol: heartbeat probe every second until the MCU answers, product info, an
// optional 0x37/00 feature notice, working mode, network status (cooperative mode only),
// query DPs, then periodic heartbeats; a heartbeat answer 00 after start-up (MCU restarted)
// or missing heartbeat answers restart the sequence. Low-power protocol: product info, then
// the network-status climb 02 -> 03 -> final, then acks for 0x05/0x08 reports, DP-cache 0x10
// answers, local time 0x06 and the other MCU requests. Family::Unknown ("auto") probes with
// heartbeats and product queries and settles on the protocol the MCU answers.
//
// Every MCU request the host knows is answered (0x1C, 0x0C, 0x24, 0x2B, 0x34 sub-commands,
// 0x22 -> 0x23, 0x20/0x21 weather politely, Wi-Fi resets acknowledged and reported).
// Event codes: host/HostEvents.h.

#include "host/HostEvents.h"
#include "dissect/AgentEvent.h"
#include "tuyamcu/Family.h"
#include "tuyamcu/SendCommand.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>

namespace tuyascope {

class Transport;

struct HostOptions {
    mcu::Family family = mcu::Family::Unknown; // Unknown = detect
    quint8 networkStatus = 0x04;               // reported state: 04 connected to the cloud
    int probeIntervalMs = 1000;                // heartbeat / product query until first answer
    int heartbeatIntervalMs = 15000;           // after init
    int heartbeatTimeoutMs = 3000;             // no answer -> MCU offline, restart
    int replyTimeoutMs = 1000;                 // init steps: resend after this
    int featureWaitMs = 300;                   // wait for an optional 0x37/00 after product info
    int lowPowerAckDelayMs = 0;                // delay before acking lp 0x05/0x08 reports
    qint8 rssiDbm = -60;                       // 0x24 answer
    quint8 signalPercent = 80;                 // lp 0x0B / 0x0E / 0x07 answers
    bool timeValid = true;                     // 0x1C / 0x0C / lp 0x06 flag
    // Clock for time answers; defaults to the system clock. Tests pin it.
    std::function<QDateTime()> clock;
};

class ModuleHost : public QObject {
    Q_OBJECT
public:
    enum class Stage {
        Idle,
        Probing,        // std heartbeats (and product queries in auto mode) until an answer
        ProductInfo,
        Features,       // waiting briefly for 0x37/00
        WorkingMode,
        NetworkStatus,
        QueryDps,
        Running,        // std: periodic heartbeats, answering requests
        LpNetworkClimb, // lp: reporting 02, 03, ... final status, each acked
        LpReady,        // lp: acking reports, answering requests
    };
    Q_ENUM(Stage)

    ModuleHost(Transport* transport, const HostOptions& options, QObject* parent = nullptr);
    ~ModuleHost() override;

    void start();
    void stop();

    Stage stage() const;
    mcu::Family family() const;            // the protocol in use (Unknown while probing)
    QString productInfo() const;           // the MCU's 0x01 JSON text, once received
    bool initComplete() const;             // Running or LpReady reached at least once

    // Sends a user command. Before init completes it is queued and sent when init completes
    // (returns true); lp hosts send DP writes as 0x09. Returns false with `error` when the
    // request cannot be sent in the current protocol.
    bool send(const mcu::SendRequest& request, QString* error = nullptr);

signals:
    void stageChanged(tuyascope::ModuleHost::Stage stage);
    // Every frame the host wrote to the transport, as written. `typed` = from send().
    void frameSent(qint64 timeUs, const QByteArray& frame, bool typed, const QString& note);
    void event(const tuyascope::AgentEvent& event);
    void initCompleted(tuyascope::mcu::Family family);

private:
    class Engine;
    Engine* m_engine; // the state machine; owned
};

} // namespace tuyascope
