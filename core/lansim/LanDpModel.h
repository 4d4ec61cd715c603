#pragma once
// The simulated LAN device's data points: a DeviceProfile's DPs and their current values
// (DpState, shared with the MCU simulator), seen as the LAN JSON values of a "dps" object:
//   bool -> true/false, value -> integer, enum -> its label (the index when the profile has no
//   labels), string -> string, raw -> base64, bitmap -> integer.
// Writes are checked against the profile: known DP, JSON type, range, read-only.

#include "simulator/DeviceProfile.h"
#include "simulator/DpState.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace tuyascope::lansim {

class LanDpModel {
public:
    LanDpModel(const DeviceProfile& profile, quint32 seed);

    const DeviceProfile& profile() const { return m_profile; }
    DpState& state() { return m_state; }

    // Every DP of the profile, keyed by its id as text.
    QJsonObject allDps() const;
    // One DP's current value; Null when the profile has no such DP.
    QJsonValue value(quint8 id) const;

    enum class WriteResult : quint8 { Applied, Unchanged, Rejected };
    // Applies a write from a CONTROL body. `why` says why it was rejected.
    WriteResult write(const QString& id, const QJsonValue& value, QString* why);

    // LAN JSON value <-> encoded DP value bytes (as DpState stores them). Empty on mismatch.
    static QJsonValue toJson(const DpProfile& dp, const QByteArray& bytes);
    static QByteArray fromJson(const DpProfile& dp, const QJsonValue& value, QString* why);

private:
    DeviceProfile m_profile;
    DpState m_state;
};

} // namespace tuyascope::lansim
