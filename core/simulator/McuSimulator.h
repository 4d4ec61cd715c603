#pragma once
// TuyaScope plays the MCU, driven by a DeviceProfile: it answers the module per protocol,
// applies 0x06 (lp 0x09) writes to its DP state and reports the result, and reports DPs
// periodically or by random walk. Low-power profiles wake, run the handshake as the MCU,
// report, wait for the module's ack (resending up to 3 times), then sleep until the next wake.

#include "dissect/AgentEvent.h"
#include "simulator/DeviceProfile.h"

#include <QByteArray>
#include <QObject>

namespace tuyascope {

class Transport;

struct SimulatorOptions {
    quint32 randomSeed = 1;      // random-walk reproducibility
    double timeScale = 1.0;      // < 1 speeds up all profile periods (tests, demo)
    int ackTimeoutMs = 1000;     // lp: resend a report after this without ack
    int ackRetries = 3;
};

class McuSimulator : public QObject {
    Q_OBJECT
public:
    McuSimulator(Transport* transport, const DeviceProfile& profile,
                 const SimulatorOptions& options = {}, QObject* parent = nullptr);
    ~McuSimulator() override;

    void start();   // std: waits for the module; lp: wakes and starts the handshake
    void stop();

    const DeviceProfile& profile() const;
    // Current value bytes of a DP (empty when the profile has no such DP).
    QByteArray dpValue(quint8 id) const;
    // Changes a DP as if the device did it (a button, a sensor) and reports it.
    bool setDpValue(quint8 id, const QByteArray& value);
    // Simulates an MCU reset: next heartbeat answer is 00 again (std), a new wake (lp).
    void restart();

signals:
    void frameSent(qint64 timeUs, const QByteArray& frame, const QString& note);
    void event(const tuyascope::AgentEvent& event);
    void dpChanged(quint8 id, const QByteArray& value);

private:
    class Engine;
    Engine* m_engine;
};

} // namespace tuyascope
