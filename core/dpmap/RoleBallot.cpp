#include "dpmap/RoleBallot.h"

#include <algorithm>
#include <cmath>

namespace tuyascope::dpmap {

bool RoleHypothesis::hasSource(EvidenceSource source) const
{
    return strongestFrom(source) > 0;
}

double RoleHypothesis::strongestFrom(EvidenceSource source) const
{
    double best = 0;
    for (const RoleEvidence& e : evidence)
        if (e.source == source)
            best = std::max(best, e.weight);
    return best;
}

RoleBallot::Entry* RoleBallot::entry(quint8 id, const QString& role)
{
    for (Entry& e : m_byDp[id])
        if (e.hypothesis.role == role)
            return &e;
    return nullptr;
}

const RoleBallot::Entry* RoleBallot::entry(quint8 id, const QString& role) const
{
    const auto it = m_byDp.constFind(id);
    if (it == m_byDp.constEnd())
        return nullptr;
    for (const Entry& e : *it)
        if (e.hypothesis.role == role)
            return &e;
    return nullptr;
}

void RoleBallot::deferTo(quint8 id, const QString& role, double factor)
{
    m_deference.insert(id, {role, std::clamp(factor, 0.0, 1.0)});
}

void RoleBallot::add(quint8 id, const QString& role, EvidenceSource source, double weight, const QString& text,
                     double scale, const QString& unit)
{
    Entry* e = entry(id, role);
    if (!e) {
        m_byDp[id].push_back(Entry{});
        e = &m_byDp[id].last();
        e->hypothesis.role = role;
    }
    if (weight > 0 && (source == EvidenceSource::Heuristic || source == EvidenceSource::Category || source == EvidenceSource::Behaviour)) {
        const auto deferred = m_deference.constFind(id);
        if (deferred != m_deference.constEnd() && deferred->first != role)
            weight *= deferred->second;
    }
    // The same finding twice (a check run from two sides) counts once.
    for (const RoleEvidence& known : e->hypothesis.evidence)
        if (known.source == source && known.text == text)
            return;
    e->hypothesis.evidence.push_back({source, weight, text});
    const bool namesScale = scale != 1 || !unit.isEmpty();
    if (weight > 0 && (namesScale || e->scaleWeight < 0) && weight > e->scaleWeight) {
        e->hypothesis.scale = scale;
        e->hypothesis.unit = unit;
        e->scaleWeight = namesScale ? weight : 0;
    }
}

void RoleBallot::boost(quint8 id, const QString& role, EvidenceSource source, double weight, const QString& text)
{
    if (has(id, role))
        add(id, role, source, weight, text);
}

bool RoleBallot::has(quint8 id, const QString& role) const
{
    return entry(id, role) != nullptr;
}

RoleHypothesis RoleBallot::finished(const Entry& e)
{
    RoleHypothesis h = e.hypothesis;
    std::stable_sort(h.evidence.begin(), h.evidence.end(),
                     [](const RoleEvidence& a, const RoleEvidence& b) { return std::abs(a.weight) > std::abs(b.weight); });
    h.confidence = combinedConfidence(h.evidence);
    QStringList parts;
    for (const RoleEvidence& ev : h.evidence)
        parts << QStringLiteral("%1%2: %3")
                     .arg(ev.weight < 0 ? QStringLiteral("against, ") : QString(), evidenceSourceKey(ev.source), ev.text);
    h.reason = parts.join(QStringLiteral("; "));
    return h;
}

std::optional<RoleHypothesis> RoleBallot::get(quint8 id, const QString& role) const
{
    const Entry* e = entry(id, role);
    if (!e)
        return std::nullopt;
    return finished(*e);
}

std::pair<QString, double> RoleBallot::knowledgePrior(quint8 id) const
{
    std::pair<QString, double> best{QString(), 0};
    for (const Entry& e : m_byDp.value(id)) {
        const double w = e.hypothesis.strongestFrom(EvidenceSource::KnowledgeBase);
        if (w > best.second)
            best = {e.hypothesis.role, w};
    }
    return best;
}

QVector<RoleHypothesis> RoleBallot::ranked(quint8 id) const
{
    QVector<RoleHypothesis> list;
    for (const Entry& e : m_byDp.value(id))
        list.push_back(finished(e));
    std::stable_sort(list.begin(), list.end(),
                     [](const RoleHypothesis& a, const RoleHypothesis& b) { return a.confidence > b.confidence; });
    return list;
}

void RoleBallot::note(quint8 id, const QString& text)
{
    QStringList& notes = m_notes[id];
    if (!notes.contains(text))
        notes << text;
}

} // namespace tuyascope::dpmap
