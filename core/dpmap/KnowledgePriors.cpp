#include "dpmap/KnowledgePriors.h"

#include "knowledge/DeviceKnowledge.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace tuyascope::dpmap {

namespace {

// Matches close to the best one vote; a clearly better match speaks alone.
QVector<const ModelMatch*> voters(const QVector<ModelMatch>& matches)
{
    QVector<const ModelMatch*> out;
    if (matches.isEmpty())
        return out;
    if (matches.first().byProductId)
        return {&matches.first()};
    const double floor = std::max(0.35, matches.first().score - 0.12);
    for (const ModelMatch& m : matches)
        if (m.score >= floor && out.size() < 30)
            out << &m;
    return out;
}

} // namespace

QVector<KnowledgeVote> knowledgeVotes(const QVector<ModelMatch>& matches, const DpEngine& engine)
{
    QVector<KnowledgeVote> votes;
    const QVector<const ModelMatch*> who = voters(matches);
    for (const DpProfile& p : engine.profiles()) {
        if (p.count == 0)
            continue;
        QMap<QString, double> weightByRole;
        QMap<QString, QMap<std::pair<double, QString>, double>> scales;
        double total = 0;
        int models = 0;
        QMap<QString, QString> nameByRole; // the best voter's name for each role
        for (const ModelMatch* m : who) {
            const knowledge::KnownDp* known = m->model->find(p.id);
            if (!known || !typeFits(known->type, p.type))
                continue;
            const double w = std::max(0.05, m->score);
            weightByRole[known->role] += w;
            scales[known->role][{known->scale, known->unit}] += w;
            total += w;
            ++models;
            if (!nameByRole.contains(known->role))
                nameByRole.insert(known->role, known->name);
        }
        if (models == 0)
            continue;
        KnowledgeVote vote;
        vote.dp = p.id;
        vote.models = models;
        for (auto it = weightByRole.constBegin(); it != weightByRole.constEnd(); ++it) {
            if (it.value() / total > vote.share) {
                vote.share = it.value() / total;
                vote.role = it.key();
            }
        }
        vote.name = nameByRole.value(vote.role);
        double bestScaleWeight = 0;
        const auto& byScale = scales[vote.role];
        for (auto it = byScale.constBegin(); it != byScale.constEnd(); ++it) {
            if (it.value() > bestScaleWeight) {
                bestScaleWeight = it.value();
                vote.scale = it.key().first;
                vote.unit = it.key().second;
            }
        }
        votes << vote;
    }
    return votes;
}

void addKnowledgeEvidence(const QVector<ModelMatch>& matches, const DpEngine& engine, RoleBallot& ballot)
{
    if (matches.isEmpty())
        return;
    const ModelMatch& best = matches.first();
    // How much a unanimous vote is worth: the best match's score, or near-certainty for a
    // product id the traffic named.
    // A signature of two or three dps fits hundreds of models: a match says more the more dps
    // agree with it.
    const double specificity = 1 - std::exp(-double(best.agree.size()) / 2.5);
    const double strength = best.byProductId ? 0.9 : (0.25 + 0.6 * best.score) * specificity;
    for (const KnowledgeVote& vote : knowledgeVotes(matches, engine)) {
        if (vote.role.isEmpty())
            continue;
        const QString who = best.byProductId
                                ? QStringLiteral("product id names %1, where dp %2 is %3").arg(best.displayName()).arg(vote.dp).arg(vote.role)
                                : QStringLiteral("%1 of %2 matching model(s) call dp %3 %4 (best match %5, %6)")
                                      .arg(qRound(vote.share * vote.models)).arg(vote.models).arg(vote.dp)
                                      .arg(vote.role, best.displayName(), QString::number(best.score, 'f', 2));
        ballot.add(vote.dp, vote.role, EvidenceSource::KnowledgeBase, vote.share * strength,
                   vote.name.isEmpty() ? who : QStringLiteral("%1 (\"%2\")").arg(who, vote.name), vote.scale, vote.unit);
    }
}

} // namespace tuyascope::dpmap
