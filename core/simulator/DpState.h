#pragma once
// The simulated MCU's current DP values, and how they change by themselves: random walk and
// toggle (DeviceProfile report modes), driven by a seeded generator so runs are reproducible.

#include "common/Xorshift32.h"
#include "simulator/DeviceProfile.h"

#include <QByteArray>
#include <QHash>

namespace tuyascope {

class DpState {
public:
    DpState(const DeviceProfile& profile, quint32 seed);

    bool has(quint8 id) const { return m_values.contains(id); }
    QByteArray value(quint8 id) const { return m_values.value(id); }
    // Stores a value (unchecked: callers validate with DpProfile::accepts). True when it changed.
    bool set(quint8 id, const QByteArray& value);
    // One step of the DP's own behaviour: random walk or toggle; periodic/none keep the value.
    // True when the value changed.
    bool advance(const DpProfile& dp);
    // The DP as an encoded unit (id, type, length, current value).
    QByteArray unit(const DpProfile& dp) const;

private:
    quint32 nextRandom();
    QHash<quint8, QByteArray> m_values;
    Xorshift32 m_random;
};

} // namespace tuyascope
