#pragma once
// Collects the evidence for every (dp, role) of a capture and ranks the roles per dp. A role's
// scale and unit come from its strongest evidence that names one.
#include "dpmap/RoleEvidence.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tuyascope::dpmap {

struct RoleHypothesis {
    QString role;                   // "switch", "countdown", "brightness", "colour_hsv", "mode", "temperature_current", ...
    double confidence = 0;          // 0..1, combinedConfidence(evidence)
    QString reason;                 // the evidence as one line: "kb: ...; heuristic: ..."
    double scale = 1;               // multiply the raw value by this (0.1 for deci-volt)
    QString unit;                   // "V", "A", "W", "°C", "%", "s", ...
    QVector<RoleEvidence> evidence; // strongest first
    bool hasSource(EvidenceSource source) const;
    double strongestFrom(EvidenceSource source) const; // 0 when none
};

class RoleBallot {
public:
    // Adds evidence for `role` of dp `id`; a scale or unit (scale != 1 or a unit) is kept when
    // this is the strongest evidence naming one.
    void add(quint8 id, const QString& role, EvidenceSource source, double weight, const QString& text,
             double scale = 1, const QString& unit = QString());
    // Evidence that only strengthens a role already on the ballot (nothing when it is not).
    void boost(quint8 id, const QString& role, EvidenceSource source, double weight, const QString& text);
    bool has(quint8 id, const QString& role) const;
    std::optional<RoleHypothesis> get(quint8 id, const QString& role) const; // combined
    // The role the knowledge base favours for a dp, and how strongly (empty, 0: none).
    std::pair<QString, double> knowledgePrior(quint8 id) const;
    QVector<RoleHypothesis> ranked(quint8 id) const; // best first, ties in order of arrival
    // From now on, heuristic, behaviour and category evidence for dp `id` that names a role other
    // than `role` counts `factor` (0..1) of its weight: a value-range guess ("written 0/1 ->
    // switch?") defers to a device model that matched, it does not outvote it.
    void deferTo(quint8 id, const QString& role, double factor);
    QStringList notes(quint8 id) const { return m_notes.value(id); }
    void note(quint8 id, const QString& text);

private:
    struct Entry {
        RoleHypothesis hypothesis;
        double scaleWeight = -1; // weight of the evidence that set scale/unit
    };
    Entry* entry(quint8 id, const QString& role);
    const Entry* entry(quint8 id, const QString& role) const;
    static RoleHypothesis finished(const Entry& e);

    QMap<quint8, QVector<Entry>> m_byDp;
    QMap<quint8, QStringList> m_notes;
    QMap<quint8, std::pair<QString, double>> m_deference;
};

} // namespace tuyascope::dpmap
