#include "dpmap/RoleInference.h"

#include "dpmap/DpHeuristics.h"
#include "dpmap/DpTypeCodes.h"
#include "dpmap/KnowledgePriors.h"
#include "knowledge/DeviceKnowledge.h"

#include <QMap>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tuyascope::dpmap {

namespace {

QString num(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

// A prior from the knowledge base this strong is not outweighed silently by one check.
constexpr double kStrongPrior = 0.5;
// From this prior on, value guesses (heuristics, behaviour, category maps) for other roles defer.
constexpr double kDeferFrom = 0.35;
// How far a knowledge-base prior of weight 1 would silence heuristics naming another role.
constexpr double kDeference = 0.7;
// A temperature that moves this far (°C) within one capture is being set, not measured.
constexpr double kDialledSpan = 8;

// Evidence from a check (physics, pairing) for `role`: when the knowledge base favours another
// role strongly, the check is weighed down and the disagreement is noted on the dp.
void addChecked(RoleBallot& ballot, quint8 id, const QString& role, EvidenceSource source, double weight,
                const QString& text, double scale = 1, const QString& unit = QString())
{
    const auto [priorRole, prior] = ballot.knowledgePrior(id);
    if (!priorRole.isEmpty() && priorRole != role && prior >= kStrongPrior) {
        weight = std::min(weight, prior * 0.5);
        ballot.note(id, QStringLiteral("%1 suggests %2 (%3), but the knowledge base says %4 (%5): the prior stands")
                            .arg(evidenceSourceName(source), role, text, priorRole, num(prior, 2)));
    }
    ballot.add(id, role, source, weight, text, scale, unit);
}

void addEnergyTrio(const DpEngine& engine, RoleBallot& ballot, InferenceResult& result)
{
    QVector<VoltageCandidate> voltages;
    for (const DpProfile& p : engine.profiles())
        if (const std::optional<RoleHypothesis> v = ballot.get(p.id, QStringLiteral("voltage")))
            // x1 only when a model says so (unit V at scale 1); a bare hypothesis reads deci-volt.
            voltages.push_back({p.id, v->scale == 1 && v->unit != QLatin1String("V") ? 0.1 : v->scale});
    // A three-phase (or two-channel) meter has a trio per phase: after the best one, look for
    // more among the dps left, as long as they are consistent.
    QVector<quint8> taken;
    for (int phase = 0; phase < 4; ++phase) {
        const EnergyCheck e = checkEnergyTrio(engine, voltages, taken);
        if (phase == 0)
            result.energy = e;
        const bool mains = e.volts >= 90 && e.volts <= 270;
        if (!e.found || (phase > 0 && !(e.consistent && mains && e.samples >= 3)))
            return;
        taken << e.voltageDp << e.currentDp << e.powerDp;
        // One aligned moment agreeing can be chance; so can a product of readings that hardly
        // move, far from mains. Many moments with a mains voltage are the law at work.
        const double weight = !e.consistent ? 0.1 : e.samples >= 3 && mains ? 0.6 : e.samples >= 3 || mains ? 0.4 : 0.25;
        const DpProfile* current = engine.find(e.currentDp);
        addChecked(ballot, e.voltageDp, QStringLiteral("voltage"), EvidenceSource::Physics, weight, e.text, e.voltageScale,
                   QStringLiteral("V"));
        addChecked(ballot, e.currentDp, QStringLiteral("current"), EvidenceSource::Physics, weight,
                   QStringLiteral("%1 mA; %2").arg(current ? lastNonZero(*current) : 0).arg(e.text), 0.001, QStringLiteral("A"));
        addChecked(ballot, e.powerDp, QStringLiteral("power"), EvidenceSource::Physics, weight, e.text, e.powerScale,
                   QStringLiteral("W"));
    }
}

// °C/°F twins: both are the same kind of temperature (a set-point shown in two units, or the
// room temperature), so they share the role the stronger side already has.
void addTemperaturePairs(const DpEngine& engine, RoleBallot& ballot, InferenceResult& result)
{
    result.temperaturePairs = findTemperaturePairs(engine);
    for (const TemperaturePair& pair : result.temperaturePairs) {
        const DpProfile* c = engine.find(pair.celsiusDp);
        QString role;
        double strongest = 0;
        for (const quint8 id : {pair.celsiusDp, pair.fahrenheitDp})
            for (const char* candidate : {"temperature_target", "temperature_current"})
                if (const std::optional<RoleHypothesis> h = ballot.get(id, QString::fromLatin1(candidate)))
                    if (h->confidence > strongest) {
                        strongest = h->confidence;
                        role = h->role;
                    }
        if (role.isEmpty())
            role = c && c->writtenByModule() ? QStringLiteral("temperature_target") : QStringLiteral("temperature_current");
        // One moment agreeing within 1 °F happens by chance between any two small numbers; a pair
        // that agreed on two or more different temperatures did not.
        const double weight = pair.distinct >= 2 ? 0.45 : 0.2;
        addChecked(ballot, pair.celsiusDp, role, EvidenceSource::Physics, weight, pair.text, pair.celsiusScale, QStringLiteral("°C"));
        addChecked(ballot, pair.fahrenheitDp, role, EvidenceSource::Physics, weight, pair.text, pair.fahrenheitScale,
                   QStringLiteral("°F"));
    }
}

// What values rule out: a counter that went down is no energy total; a percentage above 100 is
// neither humidity nor a battery level.
void addContradictions(const DpEngine& engine, RoleBallot& ballot)
{
    for (const DpProfile& p : engine.profiles()) {
        if (!p.numeric || p.reports == 0)
            continue;
        if (ballot.has(p.id, QStringLiteral("energy")) && !neverDecreases(p))
            ballot.add(p.id, QStringLiteral("energy"), EvidenceSource::Physics, -0.6,
                       QStringLiteral("the reported value went down (%1..%2): an energy total never decreases").arg(p.min).arg(p.max));
        // A supply wanders up and down; one that climbed at every one of many reports is a counter.
        if (p.distinctValues.size() >= 10 && neverDecreases(p))
            for (const char* supply : {"voltage", "frequency"})
                if (ballot.has(p.id, QString::fromLatin1(supply)))
                    ballot.add(p.id, QString::fromLatin1(supply), EvidenceSource::Physics, -0.5,
                               QStringLiteral("climbed at every report (%1 values, %2..%3): a supply wanders, a counter climbs")
                                   .arg(p.distinctValues.size()).arg(p.min).arg(p.max));
        for (const char* percent : {"humidity", "battery_level"}) {
            const std::optional<RoleHypothesis> h = ballot.get(p.id, QString::fromLatin1(percent));
            if (!h)
                continue;
            const double low = double(p.min) * h->scale;
            const double high = double(p.max) * h->scale;
            if (low < 0 || high > 100)
                ballot.add(p.id, h->role, EvidenceSource::Physics, -0.8,
                           QStringLiteral("reads %1..%2 %3 at x%4: outside 0..100").arg(num(low), num(high), h->unit).arg(h->scale));
        }
    }
}

// The low-power protocol is spoken by battery devices (sensors that sleep between reports): a
// boolean they only report is a sensor's state, not a relay's.
void addBatteryDeviceEvidence(const DpEngine& engine, RoleBallot& ballot)
{
    if (!engine.lowPower())
        return;
    for (const DpProfile& p : engine.profiles()) {
        if (p.type != kBool || p.writtenByModule() || !ballot.has(p.id, QStringLiteral("switch")))
            continue;
        ballot.add(p.id, QStringLiteral("switch"), EvidenceSource::Behaviour, -0.4,
                   QStringLiteral("low-power (battery) protocol and never written: a sensor, not a relay"));
    }
}

// Current and target temperatures come in pairs of the same scale: the target is what a user
// writes, or changes seldom (set-points are reported on change); the room temperature is
// reported most often.
void pairTemperatures(const DpEngine& engine, RoleBallot& ballot)
{
    for (const double scale : {0.1, 1.0}) {
        QVector<const DpProfile*> candidates;
        for (const DpProfile& p : engine.profiles()) {
            const std::optional<RoleHypothesis> t = ballot.get(p.id, QStringLiteral("temperature_target"));
            const std::optional<RoleHypothesis> c = ballot.get(p.id, QStringLiteral("temperature_current"));
            if (p.type == kValue && ((t && t->scale == scale) || (c && c->scale == scale)))
                candidates.push_back(&p);
        }
        if (candidates.size() < 2)
            continue;
        // A room does not move by many degrees within a capture; a set-point dialled up or down
        // on the device's panel does (one report per step).
        // A dp that climbed at every one of many reports is a counter, not a dial.
        const auto dialled = [scale](const DpProfile* q) {
            return double(q->max - q->min) * scale >= kDialledSpan && !(q->distinctValues.size() >= 12 && neverDecreases(*q));
        };
        const DpProfile* target = nullptr;
        for (const DpProfile* p : candidates) {
            const auto key = [&](const DpProfile* q) { return std::make_tuple(q->writtenByModule(), dialled(q), -q->reports); };
            if (!target || key(p) > key(target))
                target = p;
        }
        const DpProfile* current = nullptr;
        for (const DpProfile* p : candidates)
            if (p != target && !p->writtenByModule() && (!current || p->reports > current->reports))
                current = p;
        // Nothing tells them apart: neither written nor dialled, and reported as often.
        const bool byDial = !target->writtenByModule() && dialled(target) && current && !dialled(current);
        // A reading reported once (the status dump) is no more the room temperature than a
        // set-point nobody touched.
        if (!current || current->reports < 2 || (!target->writtenByModule() && !byDial && target->reports >= current->reports))
            continue;
        const QString unit = QStringLiteral("°C");
        const QString factor = scale == 1.0 ? QStringLiteral("x1") : QStringLiteral("x10");
        addChecked(ballot, target->id, QStringLiteral("temperature_target"), EvidenceSource::Behaviour, 0.45,
                   QStringLiteral("%1 (%2 report(s), %3) beside dp %4 -> set-point")
                       .arg(target->writtenByModule() ? QStringLiteral("written")
                            : byDial ? QStringLiteral("moved %1..%2 °C, as a dial does").arg(num(double(target->min) * scale), num(double(target->max) * scale))
                                     : QStringLiteral("changes seldom"))
                       .arg(target->reports).arg(factor).arg(current->id),
                   scale, unit);
        addChecked(ballot, current->id, QStringLiteral("temperature_current"), EvidenceSource::Behaviour, 0.45,
                   byDial ? QStringLiteral("stays within %1..%2 °C beside dp %3, which was dialled -> room temperature")
                                .arg(num(double(current->min) * scale), num(double(current->max) * scale)).arg(target->id)
                          : QStringLiteral("reported most often (%1 times, dp %2: %3) -> room temperature")
                                .arg(current->reports).arg(target->id).arg(target->reports),
                   scale, unit);
        return;
    }
}

// Measurements come again and again; a setting is reported when it changes, so one nobody
// touched shows once, in the status dump. A temperature reported once while other dps report
// all along is more likely a set-point than the room.
void addUntouchedSettings(const DpEngine& engine, RoleBallot& ballot)
{
    int periodic = 0;
    quint8 reporter = 0;
    for (const DpProfile& p : engine.profiles())
        if (!p.writtenByModule() && p.reports > periodic) {
            periodic = p.reports;
            reporter = p.id;
        }
    if (periodic < 5)
        return;
    for (const DpProfile& p : engine.profiles()) {
        if (p.type != kValue || p.writtenByModule() || p.reports != 1)
            continue;
        const std::optional<RoleHypothesis> current = ballot.get(p.id, QStringLiteral("temperature_current"));
        if (!current)
            continue;
        addChecked(ballot, p.id, QStringLiteral("temperature_target"), EvidenceSource::Behaviour, 0.4,
                   QStringLiteral("reported once (the status dump) while dp %1 reported %2 times: a setting nobody changed")
                       .arg(reporter).arg(periodic),
                   current->scale, current->unit);
    }
}

void addCategoryPriors(const DpEngine& engine, RoleBallot& ballot, InferenceResult& result)
{
    QVector<DpSignature> signature;
    for (const DpProfile& p : engine.profiles()) {
        DpSignature sig{p.id, p.type, {}};
        for (const RoleHypothesis& h : ballot.ranked(p.id))
            sig.roles << h.role;
        signature.push_back(sig);
    }
    result.category = matchCategory(signature, engine.productId());
    if (!result.category.profile)
        return;
    const double weight = 0.15 + 0.25 * result.category.score;
    for (const CategoryDp& known : result.category.profile->dps) {
        const DpProfile* p = engine.find(known.id);
        if (!p || p->type != known.type)
            continue;
        const QString role = QString::fromLatin1(known.role);
        ballot.add(known.id, role, EvidenceSource::Category, weight,
                   QStringLiteral("dp %1 is %2 in the %3 map (%4)")
                       .arg(known.id).arg(role, result.category.profile->key, result.category.profile->source),
                   known.scale, QString::fromUtf8(known.unit));
    }
}

// Where the leading role is not the one the knowledge base favours, say so.
void noteDisagreements(quint8 id, const RoleBallot& ballot, DpRoles& roles)
{
    const auto [priorRole, prior] = ballot.knowledgePrior(id);
    const RoleHypothesis* best = roles.best();
    if (!best || priorRole.isEmpty() || best->role == priorRole || prior < 0.3)
        return;
    QStringList sources;
    for (const RoleEvidence& e : best->evidence)
        if (e.weight > 0 && !sources.contains(evidenceSourceName(e.source)))
            sources << evidenceSourceName(e.source);
    roles.notes << QStringLiteral("%1 leads on %2; the knowledge base says %3 (%4)")
                       .arg(best->role, sources.join(QStringLiteral(", ")), priorRole, num(prior, 2));
}

// "dp 2 (3 of 4), dp 4 (1 of 6)": after how many of each dp's writes this dp changed, most first.
QString writeEffectsText(const DpProfile& p, const DpEngine& engine)
{
    QVector<std::pair<int, quint8>> byCount;
    for (auto it = p.changesAfterWriteOf.constBegin(); it != p.changesAfterWriteOf.constEnd(); ++it)
        byCount.push_back({-it.value(), it.key()});
    std::sort(byCount.begin(), byCount.end());
    QStringList parts;
    for (const auto& [negativeCount, id] : byCount)
        parts << QStringLiteral("dp %1 (%2 of %3)").arg(id).arg(-negativeCount).arg(engine.find(id) ? engine.find(id)->writes : 0);
    return parts.join(QStringLiteral(", "));
}

} // namespace

const RoleHypothesis* DpRoles::find(const QString& role) const
{
    for (const RoleHypothesis& h : roles) {
        if (h.role == role)
            return &h;
    }
    return nullptr;
}

const DpRoles* InferenceResult::find(quint8 id) const
{
    for (const DpRoles& d : dps) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

InferenceResult inferRoles(const DpEngine& engine, const InferenceOptions& options)
{
    InferenceResult result;
    RoleBallot ballot;
    QMap<quint8, QVector<EnergyPack>> packs;
    const knowledge::DeviceKnowledge& knowledge = options.knowledge ? *options.knowledge : knowledge::DeviceKnowledge::bundled();
    MatchOptions matching;
    matching.limit = 0;       // every model that fits at all votes; the result shows the first few
    matching.minScore = 0.05;
    matching.exclude = options.excludeModel;
    const QVector<ModelMatch> matches = matchModels(engine, knowledge, engine.productId(), matching);
    const QVector<KnowledgeVote> knowledgeVoteList = knowledgeVotes(matches, engine);
    addKnowledgeEvidence(knowledgeVoteList, matches, ballot);
    // What the values alone suggest weighs less where the matching models agree on a role.
    for (const DpProfile& p : engine.profiles()) {
        const auto [priorRole, prior] = ballot.knowledgePrior(p.id);
        if (!priorRole.isEmpty() && prior >= kDeferFrom)
            ballot.deferTo(p.id, priorRole, 1 - kDeference * prior);
        addValueEvidence(p, ballot, packs[p.id]);
    }
    // A dp is "known as" the matching models' name when the match names dps, or when the role
    // they give it is the one that leads.
    QMap<quint8, KnowledgeVote> votes;
    for (const KnowledgeVote& vote : knowledgeVoteList)
        votes.insert(vote.dp, vote);
    const bool matchNamesDps = !matches.isEmpty() && matches.first().namesDps();
    for (const ModelMatch& m : matches) {
        if (result.models.size() >= 5 || (!m.byProductId && m.score < MatchOptions{}.minScore))
            break;
        result.models.push_back(m);
    }

    addCategoryPriors(engine, ballot, result);
    addEnergyTrio(engine, ballot, result);
    addTemperaturePairs(engine, ballot, result);
    pairTemperatures(engine, ballot);
    addUntouchedSettings(engine, ballot);
    addContradictions(engine, ballot);
    addBatteryDeviceEvidence(engine, ballot);

    for (const DpProfile& p : engine.profiles()) {
        DpRoles roles;
        roles.id = p.id;
        roles.type = p.type;
        roles.roles = ballot.ranked(p.id);
        roles.notes = engine.findingMessages(p.id) + ballot.notes(p.id);
        roles.changedAfterWrites = writeEffectsText(p, engine);
        roles.packs = packs.value(p.id);
        if (const auto vote = votes.constFind(p.id); vote != votes.constEnd()
            && (matchNamesDps || (roles.best() && roles.best()->role == vote->role && !vote->role.isEmpty())))
            roles.knownName = vote->name;
        noteDisagreements(p.id, ballot, roles);
        result.dps.push_back(roles);
    }
    for (const quint8 id : engine.requestedOnly()) {
        DpRoles roles;
        roles.id = id;
        roles.type = 0xFF;
        roles.requestOnly = true;
        roles.notes << QStringLiteral("only named in requests (DP cache, queries): no value was seen, so no measurement role");
        result.dps.push_back(roles);
    }
    std::sort(result.dps.begin(), result.dps.end(), [](const DpRoles& a, const DpRoles& b) { return a.id < b.id; });
    return result;
}

} // namespace tuyascope::dpmap
