#include "dpmap/KnowledgePriors.h"

#include "dpmap/DpTypeCodes.h"
#include "knowledge/DeviceKnowledge.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace tuyascope::dpmap {

namespace {

// How fast a model's vote fades with its distance below the best match's score: 0.1 below the
// best counts about a third.
constexpr double kScoreTemperature = 0.07;
// Models further below the best than this do not vote at all.
constexpr double kVotingBand = 0.4;
// The weight of "not known": what a vote has to outweigh before it is near-certain (one model of
// score 0.9 alone gives 0.9 / (0.9 + 0.15) = 0.86).
constexpr double kUnknownMass = 0.15;
// A model that has the dp but names no role for it: its weight counts this much against the vote.
constexpr double kAbstention = 0.5;
// Nothing from the knowledge base alone is certain.
constexpr double kMaxCertainty = 0.9;
// How much a range the values hardly use counts against a model (0.01 of it used: x0.5).
constexpr double kRangeUse = 0.15;
// A role needs this share of the vote to go on the ballot beside the leader.
constexpr double kMinorShare = 0.2;

struct Voter {
    const ModelMatch* match = nullptr;
    double weight = 0;
};

// A product id speaks alone; otherwise every model close enough to the best votes, weighted by
// its score and how close it is to the best.
QVector<Voter> voters(const QVector<ModelMatch>& matches)
{
    QVector<Voter> out;
    if (matches.isEmpty())
        return out;
    if (matches.first().byProductId)
        return {{&matches.first(), 1.0}};
    const double best = matches.first().score;
    for (const ModelMatch& m : matches) {
        if (m.score < best - kVotingBand || m.score <= 0)
            continue;
        out.push_back({&m, m.score * std::exp(-(best - m.score) / kScoreTemperature)});
    }
    return out;
}

} // namespace

namespace {

// The leading role of every dp after a first count, with its share.
using FirstCount = QMap<quint8, std::pair<QString, double>>;

// A model that lacks a capture dp the others agree is `role`, and gives `role` to another dp,
// numbers its dps differently (a firmware variant): its say on that other dp counts less.
constexpr double kRenumbered = 0.3;

QVector<KnowledgeVote> countVotes(const QVector<ModelMatch>& matches, const DpEngine& engine, const FirstCount* first)
{
    QVector<KnowledgeVote> votes;
    const QVector<Voter> who = voters(matches);
    if (who.isEmpty())
        return votes;
    const bool byProductId = who.first().match->byProductId;
    // A signature of two or three dps fits hundreds of models: a match says more the more dps
    // agree with it.
    const ModelMatch& best = matches.first();
    const double specificity = 1 - std::exp(-double(best.agree.size()) / 2.5);
    for (const DpProfile& p : engine.profiles()) {
        if (p.count == 0)
            continue;
        QMap<QString, double> weightByRole;
        QMap<QString, QMap<std::pair<double, QString>, double>> scales;
        QMap<QString, int> modelsByRole;
        QMap<QString, QString> nameByRole; // the strongest voter's name for each role
        double roled = 0, abstained = 0;
        int models = 0;
        for (const Voter& v : who) {
            const knowledge::KnownDp* known = v.match->model->find(p.id);
            if (!known)
                continue;
            const double fit = dpFit(*known, p);
            if (fit <= 0)
                continue;
            double w = v.weight * fit * fit;
            // Of two models whose ranges both hold the values, the one whose range the values use
            // explains them better (10..1000 written fills a 10..1000 dimmer, not a 0..86400 timer).
            if (p.numeric && p.type == kValue && known->min && known->max && *known->max > *known->min) {
                const double width = double(*known->max - *known->min);
                const double used = std::max({double(p.max - p.min), 0.1 * std::abs(double(p.max)), 1.0});
                w *= std::pow(std::clamp(used / width, 0.01, 1.0), kRangeUse);
            }
            if (first && !known->role.isEmpty()) {
                for (const quint8 other : v.match->lacking) {
                    const auto lead = first->constFind(other);
                    if (other != p.id && lead != first->constEnd() && lead->first == known->role && lead->second >= 0.6) {
                        w *= kRenumbered;
                        break;
                    }
                }
            }
            ++models;
            if (known->role.isEmpty()) {
                abstained += w;
                if (!nameByRole.contains(QString()))
                    nameByRole.insert(QString(), known->name);
                continue;
            }
            weightByRole[known->role] += w;
            scales[known->role][{known->scale, known->unit}] += w;
            ++modelsByRole[known->role];
            roled += w;
            if (!nameByRole.contains(known->role))
                nameByRole.insert(known->role, known->name);
        }
        if (models == 0)
            continue;
        KnowledgeVote vote;
        vote.dp = p.id;
        vote.models = models;
        for (auto it = weightByRole.constBegin(); it != weightByRole.constEnd(); ++it) {
            KnowledgeRoleShare share;
            share.role = it.key();
            share.share = it.value() / roled;
            double bestScaleWeight = 0;
            const auto& byScale = scales[it.key()];
            for (auto s = byScale.constBegin(); s != byScale.constEnd(); ++s) {
                if (s.value() > bestScaleWeight) {
                    bestScaleWeight = s.value();
                    share.scale = s.key().first;
                    share.unit = s.key().second;
                }
            }
            vote.roles.push_back(share);
        }
        std::stable_sort(vote.roles.begin(), vote.roles.end(),
                         [](const KnowledgeRoleShare& a, const KnowledgeRoleShare& b) { return a.share > b.share; });
        if (!vote.roles.isEmpty()) {
            const KnowledgeRoleShare& lead = vote.roles.first();
            vote.role = lead.role;
            vote.share = lead.share;
            vote.scale = lead.scale;
            vote.unit = lead.unit;
            vote.agreeing = modelsByRole.value(lead.role);
            if (byProductId) {
                vote.certainty = 0.9;
            } else {
                const double mass = roled + kAbstention * abstained + kUnknownMass;
                vote.certainty = std::min(kMaxCertainty, roled / mass) * specificity;
            }
        }
        vote.name = nameByRole.value(vote.role);
        votes << vote;
    }
    return votes;
}

} // namespace

QVector<KnowledgeVote> knowledgeVotes(const QVector<ModelMatch>& matches, const DpEngine& engine)
{
    const QVector<KnowledgeVote> once = countVotes(matches, engine, nullptr);
    if (once.isEmpty() || matches.first().byProductId)
        return once;
    FirstCount first;
    for (const KnowledgeVote& v : once)
        if (!v.role.isEmpty())
            first.insert(v.dp, {v.role, v.share});
    return countVotes(matches, engine, &first);
}

void addKnowledgeEvidence(const QVector<KnowledgeVote>& votes, const QVector<ModelMatch>& matches, RoleBallot& ballot)
{
    if (matches.isEmpty())
        return;
    const ModelMatch& best = matches.first();
    for (const KnowledgeVote& vote : votes) {
        for (const KnowledgeRoleShare& share : vote.roles) {
            if (share.role != vote.role && share.share < kMinorShare)
                continue;
            const double weight = share.share * vote.certainty;
            if (weight <= 0)
                continue;
            const QString who =
                best.byProductId
                    ? QStringLiteral("product id names %1, where dp %2 is %3").arg(best.displayName()).arg(vote.dp).arg(share.role)
                    : QStringLiteral("%1% of the weight of %2 similar model(s) with dp %3 call it %4 (best match %5, %6)")
                          .arg(qRound(share.share * 100)).arg(vote.models).arg(vote.dp)
                          .arg(share.role, best.displayName(), QString::number(best.score, 'f', 2));
            const QString name = share.role == vote.role ? vote.name : QString();
            ballot.add(vote.dp, share.role, EvidenceSource::KnowledgeBase, weight,
                       name.isEmpty() ? who : QStringLiteral("%1 (\"%2\")").arg(who, name), share.scale, share.unit);
        }
    }
}

void addKnowledgeEvidence(const QVector<ModelMatch>& matches, const DpEngine& engine, RoleBallot& ballot)
{
    addKnowledgeEvidence(knowledgeVotes(matches, engine), matches, ballot);
}

} // namespace tuyascope::dpmap
