#include "dpmap/ModelMatching.h"

#include "dpmap/DpTypeCodes.h"
#include "dpmap/PhysicsChecks.h"
#include "knowledge/DeviceKnowledge.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace tuyascope::dpmap {

using knowledge::KnownDp;
using knowledge::KnownModel;

namespace {

// The physical values a measured role can take in the model's own unit, as (low, high); none
// for roles without a physical bound. Only a clear misfit counts (a "humidity" reading 430 %).
std::optional<std::pair<double, double>> plausibleRange(const KnownDp& known)
{
    const QString& role = known.role;
    const bool fahrenheit = known.unit.contains(QLatin1Char('F'));
    if (role == QLatin1String("temperature_current") || role == QLatin1String("temperature_target"))
        return fahrenheit ? std::make_pair(-40.0, 260.0) : std::make_pair(-50.0, 150.0);
    if (role == QLatin1String("humidity") || role == QLatin1String("battery_level") || role == QLatin1String("humidity_target"))
        return std::make_pair(0.0, 100.0);
    if (role == QLatin1String("voltage") && known.unit == QLatin1String("V"))
        return std::make_pair(0.0, 1000.0);
    if (role == QLatin1String("current") && known.unit == QLatin1String("A"))
        return std::make_pair(0.0, 200.0);
    if (role == QLatin1String("power") && known.unit == QLatin1String("W"))
        return std::make_pair(-50000.0, 50000.0);
    if (role == QLatin1String("power") && known.unit == QLatin1String("kW"))
        return std::make_pair(-50.0, 50.0);
    if (role == QLatin1String("frequency") && known.unit == QLatin1String("Hz"))
        return std::make_pair(0.0, 70.0);
    return std::nullopt;
}

// How well one capture dp fits the model's dp of the same id: 1 = fully, 0 = ruled out.
double fitOf(const KnownDp& known, const DpProfile& seen, QStringList* evidenceOut)
{
    QStringList discard;
    QStringList& evidence = evidenceOut ? *evidenceOut : discard;
    if (!typeFits(known.type, seen.type)) {
        evidence << QStringLiteral("dp %1: %2 on the wire, the model has %3")
                        .arg(seen.id).arg(mcu::dpTypeName(seen.type), mcu::dpTypeName(known.type));
        return 0;
    }
    double fit = 1;
    if (seen.numeric && (known.min || known.max)) {
        const qint64 low = known.min.value_or(seen.min);
        const qint64 high = known.max.value_or(seen.max);
        const double slack = std::max(1.0, 0.05 * double(high - low));
        if (double(seen.min) < double(low) - slack || double(seen.max) > double(high) + slack) {
            fit -= 0.6;
            evidence << QStringLiteral("dp %1: values %2..%3 outside the model's %4..%5")
                            .arg(seen.id).arg(seen.min).arg(seen.max).arg(low).arg(high);
        }
    }
    // Without a range in the description, the role still bounds the values: as the model scales
    // them, they have to be possible for what the model says the dp measures.
    if (seen.numeric && seen.type == kValue && !known.min && !known.max) {
        if (const auto bounds = plausibleRange(known)) {
            const double low = double(seen.min) * known.scale;
            const double high = double(seen.max) * known.scale;
            // A supply's frequency is 0 (no supply) or near nominal, never 20 Hz.
            const bool offNominal = known.role == QLatin1String("frequency") && seen.min > 0 && low < 40;
            if (low < bounds->first || high > bounds->second || offNominal) {
                fit -= 0.5;
                evidence << QStringLiteral("dp %1: %2..%3 at x%4 is no %5 (%6..%7 %8)")
                                .arg(seen.id).arg(low).arg(high).arg(known.scale).arg(known.role)
                                .arg(bounds->first).arg(bounds->second).arg(known.unit);
            }
        }
    }
    // A total the model says it counts never goes down.
    if (seen.numeric && known.role == QLatin1String("energy") && seen.reports >= 3 && !neverDecreases(seen)) {
        fit -= 0.5;
        evidence << QStringLiteral("dp %1: went down (%2..%3), the model counts energy with it").arg(seen.id).arg(seen.min).arg(seen.max);
    }
    if (seen.type == kEnum && seen.numeric && !known.enumLabels.isEmpty() && seen.max >= known.enumLabels.size()) {
        fit -= 0.5;
        evidence << QStringLiteral("dp %1: enum value %2, the model lists %3 labels")
                        .arg(seen.id).arg(seen.max).arg(known.enumLabels.size());
    }
    if (known.readOnly && seen.writes > 0) {
        fit -= 0.3;
        evidence << QStringLiteral("dp %1: written, but read-only in the model").arg(seen.id);
    }
    return std::max(0.0, fit);
}

ModelMatch score(const KnownModel& model, const QVector<const DpProfile*>& seen, bool lowPower)
{
    ModelMatch m;
    m.model = &model;
    double explained = 0;
    int contradictions = 0;
    for (const DpProfile* p : seen) {
        const KnownDp* known = model.find(p->id);
        if (!known) {
            m.lacking << p->id;
            continue;
        }
        const double fit = fitOf(*known, *p, &m.evidence);
        explained += fit;
        if (fit >= 0.6) {
            m.agree << p->id;
        } else {
            m.contradict << p->id;
            ++contradictions;
        }
    }
    for (const KnownDp& known : model.dps) {
        const bool shown = std::any_of(seen.begin(), seen.end(), [&](const DpProfile* p) { return p->id == known.id; });
        if (!shown && !known.optional)
            m.unseen << known.id;
    }
    const double n = double(seen.size());
    const double coverage = explained / n;
    const double present = double(m.agree.size() + m.contradict.size());
    const double completeness = present / std::max(1.0, present + double(m.unseen.size()));
    double score = coverage * (0.5 + 0.5 * completeness) - 0.15 * double(contradictions) / n;
    // The low-power protocol is spoken by battery devices only.
    if (lowPower && !std::any_of(model.dps.begin(), model.dps.end(), [](const KnownDp& d) {
            return d.role == QLatin1String("battery_level") || d.role == QLatin1String("battery_state");
        })) {
        score *= 0.7;
        m.evidence << QStringLiteral("the capture speaks the low-power (battery) protocol; the model has no battery dp");
    }
    m.score = std::clamp(score, 0.0, 1.0);
    return m;
}

} // namespace

double dpFit(const KnownDp& known, const DpProfile& seen)
{
    return fitOf(known, seen, nullptr);
}

bool typeFits(quint8 knownType, quint8 seenType)
{
    if (knownType == seenType)
        return true;
    if (seenType == kString) // LAN JSON: enums as their label, raw values as base64/hex text
        return knownType == kEnum || knownType == kRaw;
    if (seenType == kValue)  // LAN JSON: bitmaps as integers
        return knownType == kBitmap;
    if (seenType == kBitmap)
        return knownType == kValue;
    if (seenType == kEnum) // the descriptions give an enum whose labels they do not list as a string
        return knownType == kString;
    return false;
}

QString ModelMatch::displayName() const
{
    return model ? model->displayName() : QString();
}

QString ModelMatch::summary() const
{
    if (!model)
        return QString();
    return QStringLiteral("%1, %2%3: %4 dp(s) agree, %5 contradict, %6 lacking, %7 unseen")
        .arg(displayName(), QString::number(score, 'f', 2),
             byProductId ? QStringLiteral(" (product id)") : QString())
        .arg(agree.size())
        .arg(contradict.size())
        .arg(lacking.size())
        .arg(unseen.size());
}

QVector<ModelMatch> matchModels(const DpEngine& engine, const knowledge::DeviceKnowledge& knowledge,
                                const QString& productId, const MatchOptions& options)
{
    QVector<const DpProfile*> seen;
    for (const DpProfile& p : engine.profiles())
        if (p.count > 0)
            seen << &p;
    QVector<ModelMatch> matches;
    const KnownModel* identified = productId.isEmpty() ? nullptr : knowledge.byProductId(productId);
    if (identified == options.exclude)
        identified = nullptr;
    if (identified) {
        ModelMatch m = seen.isEmpty() ? ModelMatch{} : score(*identified, seen, engine.lowPower());
        m.model = identified;
        m.score = 1;
        m.byProductId = true;
        m.evidence.prepend(QStringLiteral("product id %1 is this model's").arg(productId));
        matches << m;
    }
    if (seen.isEmpty())
        return matches;
    for (const KnownModel& model : knowledge.models()) {
        if (&model == identified || &model == options.exclude)
            continue;
        ModelMatch m = score(model, seen, engine.lowPower());
        if (m.score >= options.minScore && !m.agree.isEmpty())
            matches << m;
    }
    // Ties: the model that leaves less unseen fits the capture more closely; then by name.
    std::stable_sort(matches.begin() + (identified ? 1 : 0), matches.end(), [](const ModelMatch& a, const ModelMatch& b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.unseen.size() != b.unseen.size())
            return a.unseen.size() < b.unseen.size();
        return a.model->key < b.model->key;
    });
    if (options.limit > 0 && matches.size() > options.limit)
        matches.resize(options.limit);
    return matches;
}

} // namespace tuyascope::dpmap
