#pragma once
// Whether a DP write took effect, from what the device reports afterwards. A CONTROL answer only
// says the device received the frame ("acknowledged"); the write is "confirmed" once DP reports
// (STATUS pushes, status replies, DPs in a CONTROL answer) have carried every written DP with the
// value written. Reports accumulate: a device may report the DPs one by one.

#include <QJsonObject>
#include <QJsonValue>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::lanclient {

using DpList = QVector<QPair<QString, QJsonValue>>;   // DP id -> value, in the caller's order

// Equal DP values: 25 and 25.0 are the same number; everything else compares as JSON.
bool sameDpValue(const QJsonValue& a, const QJsonValue& b);

class LanSetConfirmation {
public:
    LanSetConfirmation() = default;
    explicit LanSetConfirmation(const DpList& written);

    // Takes one report into account; true when it completed the confirmation.
    bool observe(const QJsonObject& reported);
    bool isConfirmed() const { return !m_written.isEmpty() && pending().isEmpty(); }
    // Written DPs not yet reported with the value written, in write order.
    QStringList pending() const;
    // The written DPs as an object (what a confirmation reports).
    QJsonObject written() const;
    // The last value reported for each written DP (only those reported at all).
    QJsonObject reported() const { return m_reported; }

private:
    DpList m_written;
    QJsonObject m_reported;
};

} // namespace tuyascope::lanclient
