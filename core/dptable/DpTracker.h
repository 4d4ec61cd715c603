#pragma once
// A dp table that grows frame by frame, for files and live sessions alike and for both wires: it
// reads the dp units of field trees ("dp" fields), so TuyaMCU and LAN dps land in one table. Each
// dp keeps counts, distinct values, numeric range, who sent it, and a bounded numeric timeline
// for plots. It also feeds a dpmap::DpEngine for role inference.
#include "capture/Capture.h"
#include "dissect/Dissection.h"
#include "dpmap/DpEngine.h"
#include "tuyamcu/McuSession.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tuyascope {

struct DpSample {
    qint64 timeUs;
    double value;
};

struct DpSeries {
    QString id;                  // "1", "101" (LAN ids are JSON member names)
    QString type;                // TuyaMCU type name of the last unit; LAN: "json"
    bool mixedTypes = false;
    int count = 0;
    QStringList distinct;        // first kMaxDistinct distinct values
    bool distinctOverflow = false;
    bool numeric = true;         // every value so far reads as a number (bools as 0/1)
    double min = 0;
    double max = 0;
    qint64 firstTimeUs = kUnknownTime;
    qint64 lastTimeUs = kUnknownTime;
    int firstRow = -1;
    int lastRow = -1;
    QString lastValue;
    int fromController = 0;      // units the module or app sent (writes)
    int fromDevice = 0;          // units the MCU or device sent (reports)
    QVector<DpSample> samples;   // numeric values over time, at most kMaxSamples (oldest dropped)
    static constexpr int kMaxDistinct = 64;
    static constexpr int kMaxSamples = 100000;
};

// "150" -> 150, "true" -> 1, "false" -> 0, "21.5" -> 21.5; anything else -> nullopt.
std::optional<double> dpNumericValue(const QString& text);

class DpTracker {
public:
    // Adds the dp units of one frame's field tree; returns the indexes (into series()) it touched.
    QVector<int> add(int row, qint64 timeUs, Direction direction, const Dissection& dissection);
    // The same for one TuyaMCU frame straight from its bytes, without a field tree: what a file's
    // first pass uses so the dp table fills at the speed of the bytes. Gives the table and the
    // engine exactly what add() gives for that frame's dissection (tst_dp_tracker compares them).
    // nullopt: this frame needs its field tree (call add()).
    std::optional<QVector<int>> addMcuFrame(int row, const mcu::McuItem& item, QByteArrayView frame);
    void clear();
    const QVector<DpSeries>& series() const { return m_series; } // in order of first appearance
    int indexOf(const QString& id) const { return m_index.value(id, -1); }
    // The same units for role inference (writes, echoes, co-changes; dpmap::inferRoles).
    const dpmap::DpEngine& engine() const { return m_engine; }

private:
    // One dp unit (as the field tree spells it, with its number when it reads as one) into its
    // series, and its observation (when it has one) into the engine; the series' index.
    int addUnit(int row, qint64 timeUs, Direction direction, const QString& id, const QString& typeName, const QString& value,
                std::optional<double> number, dpmap::DpObservation* observation);

    dpmap::DpEngine m_engine;
    QVector<DpSeries> m_series;
    QHash<QString, int> m_index;
};

} // namespace tuyascope
