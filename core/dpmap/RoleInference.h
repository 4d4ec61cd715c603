#pragma once
// Role inference: for every dp a ranked list of hypotheses ("switch", "voltage", ...), each with
// the evidence behind it and where that came from: the device models the capture matches
// (knowledge base), physical laws on time-aligned values, how the dp behaved, and heuristics on
// its values. Pure functions over the DpEngine's profiles: deterministic and unit-testable.

#include "dpmap/CategoryPriors.h"
#include "dpmap/DpEngine.h"
#include "dpmap/EnergyLayouts.h"
#include "dpmap/ModelMatching.h"
#include "dpmap/PhysicsChecks.h"
#include "dpmap/RoleBallot.h"

#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

struct DpRoles {
    quint8 id = 0;
    quint8 type = 0;
    QVector<RoleHypothesis> roles;   // best first
    QStringList notes;               // engine notes (type changes), disagreements between sources
    QString changedAfterWrites;      // "dp 2 (3 of 4), ...": writes after which this dp reported a new value
    QVector<EnergyPack> packs;       // raw energy packs decoded from the last value
    QString knownName;               // the best matching model's name for the dp ("current_temperature")
    bool requestOnly = false;        // only named by requests (DP cache): no value, no measurement role
    const RoleHypothesis* best() const { return roles.isEmpty() ? nullptr : &roles.first(); }
    const RoleHypothesis* find(const QString& role) const;
};

struct InferenceResult {
    QVector<DpRoles> dps;            // sorted by id
    QVector<ModelMatch> models;      // the best matching device models, best first (at most 5)
    CategoryMatch category;
    EnergyCheck energy;
    QVector<TemperaturePair> temperaturePairs;
    const DpRoles* find(quint8 id) const;
};

struct InferenceOptions {
    // The device models to match; null: the bundled knowledge base.
    const knowledge::DeviceKnowledge* knowledge = nullptr;
    const knowledge::KnownModel* excludeModel = nullptr; // hidden from matching (accuracy benchmark)
};

InferenceResult inferRoles(const DpEngine& engine, const InferenceOptions& options = {});

} // namespace tuyascope::dpmap
