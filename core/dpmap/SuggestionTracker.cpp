#include "dpmap/SuggestionTracker.h"

namespace tuyascope::dpmap {

namespace {

int activity(const DpEngine& engine, quint8 dp)
{
    const DpProfile* p = engine.find(dp);
    return p ? p->reports + p->writes : 0;
}

QString strongestEvidence(const RoleHypothesis& h)
{
    for (const RoleEvidence& e : h.evidence)
        if (e.weight > 0)
            return QStringLiteral("%1: %2").arg(evidenceSourceName(e.source), e.text);
    return h.reason;
}

} // namespace

QVector<quint8> SuggestionTracker::update(const InferenceResult& fresh, const DpEngine& engine, qint64 nowUs)
{
    QVector<quint8> changed;
    for (const DpRoles& dp : fresh.dps) {
        const RoleHypothesis* best = dp.best();
        auto it = m_current.find(dp.id);
        if (it == m_current.end()) {
            if (!best)
                continue;
            m_current.insert(dp.id, {best->role, best->confidence, best->scale, best->unit, nowUs, activity(engine, dp.id)});
            if (m_changes.size() < kMaxChanges)
                m_changes.push_back({nowUs, dp.id, QString(), best->role, best->confidence, strongestEvidence(*best)});
            changed << dp.id;
            continue;
        }
        StableSuggestion& incumbent = *it;
        const RoleHypothesis* held = dp.find(incumbent.role);
        const double heldConfidence = held ? held->confidence : 0;
        if (best && best->role != incumbent.role && !settled(dp.id, engine, nowUs)) {
            // Still within the first evidence window: follow the evidence, keep the window.
            if (m_changes.size() < kMaxChanges)
                m_changes.push_back({nowUs, dp.id, incumbent.role, best->role, best->confidence,
                                     QStringLiteral("provisional: %1").arg(strongestEvidence(*best)), true});
            incumbent.role = best->role;
            incumbent.confidence = best->confidence;
            incumbent.scale = best->scale;
            incumbent.unit = best->unit;
            changed << dp.id;
            continue;
        }
        if (best && best->role != incumbent.role && best->confidence >= heldConfidence + m_options.margin) {
            if (m_changes.size() < kMaxChanges)
                m_changes.push_back({nowUs, dp.id, incumbent.role, best->role, best->confidence,
                                     QStringLiteral("%1 (%2) now outweighs %3 (%4)")
                                         .arg(strongestEvidence(*best), QString::number(best->confidence, 'f', 2),
                                              incumbent.role, QString::number(heldConfidence, 'f', 2))});
            ++m_flips;
            incumbent = {best->role, best->confidence, best->scale, best->unit, nowUs, activity(engine, dp.id)};
            changed << dp.id;
            continue;
        }
        // The suggestion stands; its confidence, scale and unit follow the latest evidence.
        incumbent.confidence = heldConfidence;
        if (held) {
            incumbent.scale = held->scale;
            incumbent.unit = held->unit;
        }
    }
    return changed;
}

void SuggestionTracker::clear()
{
    m_current.clear();
    m_changes.clear();
    m_flips = 0;
}

const StableSuggestion* SuggestionTracker::current(quint8 dp) const
{
    const auto it = m_current.constFind(dp);
    return it == m_current.constEnd() ? nullptr : &*it;
}

bool SuggestionTracker::settled(quint8 dp, const DpEngine& engine, qint64 nowUs) const
{
    const StableSuggestion* s = current(dp);
    return s && nowUs - s->sinceUs >= m_options.settleUs && activity(engine, dp) - s->reportsAtStart >= m_options.settleReports;
}

QVector<SuggestionChange> SuggestionTracker::changesOf(quint8 dp) const
{
    QVector<SuggestionChange> out;
    for (const SuggestionChange& c : m_changes)
        if (c.dp == dp)
            out << c;
    return out;
}

} // namespace tuyascope::dpmap
