#pragma once
// Physical laws checked on values that belong together: samples of two or three dps taken from
// the same report (one frame) or the same report period, never extremes of different moments.
#include "dpmap/DpEngine.h"

#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

// Report values of dps `a` and `b` that belong to one moment: the same frame, or within
// `windowUs` (`windowItems` frames when times are unknown). Each of a's reports pairs at most once.
struct AlignedPair {
    qint64 a = 0, b = 0;
    int item = -1;
};
QVector<AlignedPair> alignedReports(const DpProfile& a, const DpProfile& b, qint64 windowUs, int windowItems);

struct EnergyCheck {
    bool found = false;       // a voltage, current and power dp were paired on aligned samples
    bool consistent = false;  // V x I ~= P within tolerance on most of them
    quint8 voltageDp = 0, currentDp = 0, powerDp = 0;
    double voltageScale = 0.1, currentScale = 0.001, powerScale = 1;
    double volts = 0, amps = 0, watts = 0; // one representative aligned sample (the median one)
    double relativeError = 0; // median over the aligned samples
    int samples = 0;          // aligned samples with a load (I and P not zero)
    QString text;             // "V x I = 245.3 V x 0.152 A = 37.3 W ~ dp103 38.2 W (2.4% off, 12 aligned reports)"
};

struct VoltageCandidate {
    quint8 dp = 0;
    double scale = 0.1;
};

// The V x I ~= P check over voltage candidates and pairs of other reported value dps: current as
// mA, power as W x1, x0.1 or x0.01. Only samples of one moment are multiplied.
// Dps in `taken` (a trio found already: one phase of a three-phase meter) take no part.
EnergyCheck checkEnergyTrio(const DpEngine& engine, const QVector<VoltageCandidate>& voltages,
                            const QVector<quint8>& taken = {});

struct TemperaturePair {
    quint8 celsiusDp = 0, fahrenheitDp = 0;
    double celsiusScale = 1, fahrenheitScale = 1;
    int samples = 0;
    int distinct = 0;         // different °C values among the samples: a pair that moved together says more
    QString text;             // "dp 16 = 28 °C and dp 17 = 82 °F agree (28 x 1.8 + 32 = 82.4), 3 aligned reports"
};

// Dps reporting the same temperature in °C and °F (F = C x 1.8 + 32 within 1 °F on every aligned
// sample, at x1 or x0.1 each).
QVector<TemperaturePair> findTemperaturePairs(const DpEngine& engine);

// True when a counter's reported values never go down (a restart to zero excepted when `allowReset`).
bool neverDecreases(const DpProfile& p);

} // namespace tuyascope::dpmap
