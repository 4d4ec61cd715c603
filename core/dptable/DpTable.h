#pragma once
// The dpId table: what every dpId carried across a capture. The first thing a user needs to
// answer "which dpId is what".

#include "tuyamcu/McuSession.h"

#include <QByteArray>
#include <QVector>

namespace tuyascope {

struct DpStats {
    quint8 id = 0;
    quint8 type = 0;            // type of the last unit seen
    bool mixedTypes = false;    // the dpId appeared with more than one type
    int count = 0;              // units seen
    QVector<QByteArray> distinctValues; // first kMaxDistinct distinct values, in order of appearance
    bool distinctOverflow = false;
    bool numeric = false;       // min/max are meaningful
    qint64 min = 0;
    qint64 max = 0;
    qint64 firstTimeUs = kUnknownTime;
    qint64 lastTimeUs = kUnknownTime;
    int firstItem = -1;
    int lastItem = -1;
    QByteArray lastValue;
    int fromModule = 0;         // units in frames the module sent (set commands)
    int fromMcu = 0;            // units in frames the MCU sent (reports)
    bool setByModule() const { return fromModule > 0; }

    static constexpr int kMaxDistinct = 64;
};

class DpTable {
public:
    static DpTable build(const mcu::McuSession& session);
    const QVector<DpStats>& rows() const { return m_rows; } // sorted by dpId
    const DpStats* find(quint8 id) const;

private:
    QVector<DpStats> m_rows;
};

} // namespace tuyascope
