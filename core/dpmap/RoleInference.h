#pragma once
// Role inference: for every dp a ranked list of hypotheses ("switch", "voltage", ...) with a
// confidence and a one-line reason the user can check against the capture. Pure functions over
// the DpEngine's profiles: deterministic and unit-testable.

#include "dpmap/CategoryPriors.h"
#include "dpmap/DpEngine.h"
#include "dpmap/EnergyLayouts.h"

#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

struct RoleHypothesis {
    QString role;            // "switch", "countdown", "brightness", "colour_hsv", "mode", "temperature_current", ...
    double confidence = 0;   // 0..1
    QString reason;          // one line, checkable
    double scale = 1;        // multiply the raw value by this (0.1 for deci-volt)
    QString unit;            // "V", "A", "W", "°C", "%", "s", ...
};

struct DpRoles {
    quint8 id = 0;
    quint8 type = 0;
    QVector<RoleHypothesis> roles;   // best first
    QStringList notes;               // engine notes (type changes)
    QString changedAfterWrites;      // "dp 2 (3 of 4), ...": writes after which this dp reported a new value
    QVector<EnergyPack> packs;       // raw energy packs decoded from the last value
    const RoleHypothesis* best() const { return roles.isEmpty() ? nullptr : &roles.first(); }
    const RoleHypothesis* find(const QString& role) const;
};

struct EnergyCheck {
    bool found = false;      // a voltage, current and power dp were paired
    bool consistent = false; // V x I ~= P within tolerance
    quint8 voltageDp = 0, currentDp = 0, powerDp = 0;
    double volts = 0, amps = 0, watts = 0;
    double relativeError = 0;
    QString text;            // "V x I = 245.3 V x 0.152 A = 37.3 W ~ dp103 38.2 W (2.4% off)"
};

struct InferenceResult {
    QVector<DpRoles> dps;    // sorted by id
    CategoryMatch category;
    EnergyCheck energy;
    const DpRoles* find(quint8 id) const;
};

InferenceResult inferRoles(const DpEngine& engine);

} // namespace tuyascope::dpmap
