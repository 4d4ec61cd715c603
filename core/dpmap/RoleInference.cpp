#include "dpmap/RoleInference.h"

#include "dpmap/DpTypeCodes.h"
#include "tuyamcu/DpUnit.h"

#include <QMap>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace tuyascope::dpmap {

using mcu::DpType;

namespace {

// Mains sags and swells by some percent, not by a factor: a steady supply stays within this ratio
// of its lowest reading over a capture (-15 % .. +10 % around nominal is about 1.3).
constexpr double kMainsSwing = 1.3;

// Collects hypotheses per dp; a role suggested twice keeps the stronger reading and gains a little.
class Ballot {
public:
    void add(quint8 id, const QString& role, double confidence, const QString& reason, double scale = 1,
             const QString& unit = QString())
    {
        QVector<RoleHypothesis>& list = m_byDp[id];
        for (RoleHypothesis& h : list) {
            if (h.role != role)
                continue;
            const bool stronger = confidence > h.confidence;
            h.confidence = std::min(0.97, std::max(h.confidence, confidence) + 0.1);
            h.reason = stronger ? reason + QStringLiteral("; ") + h.reason : h.reason + QStringLiteral("; ") + reason;
            if (stronger) {
                h.scale = scale;
                h.unit = unit;
            }
            return;
        }
        list.push_back({role, std::min(0.97, confidence), reason, scale, unit});
    }
    void boost(quint8 id, const QString& role, double by, const QString& reason)
    {
        for (RoleHypothesis& h : m_byDp[id]) {
            if (h.role == role) {
                h.confidence = std::min(0.97, h.confidence + by);
                h.reason += QStringLiteral("; ") + reason;
            }
        }
    }
    bool has(quint8 id, const QString& role) const
    {
        for (const RoleHypothesis& h : m_byDp.value(id)) {
            if (h.role == role)
                return true;
        }
        return false;
    }
    const RoleHypothesis* get(quint8 id, const QString& role) const
    {
        const auto it = m_byDp.constFind(id);
        if (it == m_byDp.constEnd())
            return nullptr;
        for (const RoleHypothesis& h : *it) {
            if (h.role == role)
                return &h;
        }
        return nullptr;
    }
    QVector<RoleHypothesis> ranked(quint8 id) const
    {
        QVector<RoleHypothesis> list = m_byDp.value(id);
        std::stable_sort(list.begin(), list.end(),
                         [](const RoleHypothesis& a, const RoleHypothesis& b) { return a.confidence > b.confidence; });
        return list;
    }

private:
    QMap<quint8, QVector<RoleHypothesis>> m_byDp;
};

QString num(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

QString rangeText(const DpProfile& p)
{
    return p.min == p.max ? QString::number(p.min) : QStringLiteral("%1..%2").arg(p.min).arg(p.max);
}

qint64 lastNonZero(const DpProfile& p)
{
    const QVector<qint64> values = p.numbers();
    for (auto it = values.crbegin(); it != values.crend(); ++it) {
        if (*it != 0)
            return *it;
    }
    return 0;
}

// Smallest and largest non-zero value of the timeline (0, 0 when there is none).
std::pair<qint64, qint64> nonZeroRange(const DpProfile& p)
{
    qint64 low = 0, high = 0;
    for (const qint64 v : p.numbers()) {
        if (v == 0)
            continue;
        low = low == 0 ? v : qMin(low, v);
        high = high == 0 ? v : qMax(high, v);
    }
    return {low, high};
}

bool nonDecreasing(const DpProfile& p)
{
    const QVector<qint64> values = p.numbers();
    for (int i = 1; i < values.size(); ++i) {
        if (values[i] < values[i - 1])
            return false;
    }
    return true;
}

QString whoText(const DpProfile& p)
{
    if (p.writtenByModule() && p.changesAfterWrite())
        return QStringLiteral("written by the module and echoed back");
    if (p.writtenByModule())
        return QStringLiteral("written by the module");
    return QStringLiteral("only reported by the device");
}

void inferBool(const DpProfile& p, Ballot& ballot)
{
    if (p.writtenByModule()) {
        ballot.add(p.id, QStringLiteral("switch"), p.changesAfterWrite() ? 0.75 : 0.6,
                   QStringLiteral("only 0/1, %1 -> relay/switch?").arg(whoText(p)));
        return;
    }
    const bool toggles = p.distinctValues.size() > 1;
    ballot.add(p.id, QStringLiteral("switch"), 0.4,
               QStringLiteral("only 0/1, reported by the device -> state of a switch?"));
    ballot.add(p.id, QStringLiteral("contact"), toggles ? 0.35 : 0.25,
               QStringLiteral("0/1 only reported by the device, never written%1 -> door/contact?")
                   .arg(toggles ? QStringLiteral(", it toggled") : QString()));
    ballot.add(p.id, QStringLiteral("motion"), toggles ? 0.25 : 0.15,
               QStringLiteral("0/1 only reported by the device -> motion?"));
}

void inferValue(const DpProfile& p, Ballot& ballot)
{
    if (!p.numeric)
        return;
    const bool written = p.writtenByModule();
    const int distinct = int(p.distinctValues.size());
    const qint64 last = lastNonZero(p);

    // Mains voltage as deci-volt (or centi-volt): in the mains band and steady; a value that
    // swings widely (a sensor reading passing through the band) is only a weak hint.
    if (!written && last != 0) {
        const std::pair<qint64, qint64> range = nonZeroRange(p);
        const qint64 low = range.first;
        const qint64 high = range.second;
        const bool steady = low > 0 && double(high) <= double(low) * kMainsSwing;
        const auto vote = [&](double scale, const char* unitName, int decimals, double confidence) {
            const double volts = double(last) * scale;
            if (volts < 90 || volts > 270)
                return false;
            if (steady)
                ballot.add(p.id, QStringLiteral("voltage"), confidence,
                           QStringLiteral("reads %1 V as %2, near mains").arg(num(volts, decimals), QLatin1String(unitName)), scale,
                           QStringLiteral("V"));
            else
                ballot.add(p.id, QStringLiteral("voltage"), 0.2,
                           QStringLiteral("reads %1 V as %2, but swings %3..%4 V, unlike mains")
                               .arg(num(volts, decimals), QLatin1String(unitName), num(double(low) * scale, decimals),
                                    num(double(high) * scale, decimals)),
                           scale, QStringLiteral("V"));
            return true;
        };
        if (!vote(0.1, "deci-volt", 1, 0.5))
            vote(0.01, "centi-volt", 2, 0.4);
    }

    // Mains frequency as x10, x100 or x1000.
    if (!written && last > 0) {
        for (const double scale : {0.1, 0.01, 0.001}) {
            const double hertz = double(last) * scale;
            if (hertz >= 45 && hertz <= 65) {
                ballot.add(p.id, QStringLiteral("frequency"), 0.45,
                           QStringLiteral("reads %1 Hz at x%2, mains frequency").arg(num(hertz, 2)).arg(scale), scale,
                           QStringLiteral("Hz"));
                break;
            }
        }
    }

    // Temperatures: x10 when the values need a decimal to be room-like, x1 otherwise.
    const QString tempRole = written ? QStringLiteral("temperature_target") : QStringLiteral("temperature_current");
    if (p.max <= 600 && p.min >= -300 && p.max >= 100 && last != 0) {
        ballot.add(p.id, tempRole, written ? 0.45 : 0.35,
                   QStringLiteral("%1 reads %2..%3 °C as x10, %4").arg(rangeText(p), num(double(p.min) / 10.0), num(double(p.max) / 10.0), whoText(p)),
                   0.1, QStringLiteral("°C"));
    } else if (p.max <= 60 && p.min >= -30 && p.max >= 5) {
        ballot.add(p.id, tempRole, written ? 0.3 : 0.2,
                   QStringLiteral("%1 fits °C as x1, %2").arg(rangeText(p), whoText(p)), 1, QStringLiteral("°C"));
    }

    if (written) {
        if (p.min >= 0 && p.max > 1 && p.max <= 1000 && distinct >= 2)
            ballot.add(p.id, QStringLiteral("brightness"), p.changesAfterWrite() ? 0.45 : 0.4,
                       QStringLiteral("written, observed range %1 -> dimmer/brightness?").arg(rangeText(p)));
        if (p.min >= 0 && p.max <= 86400)
            ballot.add(p.id, QStringLiteral("countdown"), p.min == 0 ? 0.35 : 0.25,
                       QStringLiteral("written, %1 (0..86400 s allowed) -> countdown/timer in seconds?").arg(rangeText(p)), 1,
                       QStringLiteral("s"));
        return;
    }
    if (p.min >= 0 && p.max <= 100 && p.max > 0) {
        ballot.add(p.id, QStringLiteral("humidity"), 0.2,
                   QStringLiteral("reported %1, fits 0..100 %RH").arg(rangeText(p)), 1, QStringLiteral("%"));
        ballot.add(p.id, QStringLiteral("battery_level"), 0.2,
                   QStringLiteral("reported %1, fits 0..100 %").arg(rangeText(p)), 1, QStringLiteral("%"));
    }
    if (distinct >= 3 && p.min >= 0 && nonDecreasing(p))
        ballot.add(p.id, QStringLiteral("energy"), 0.3,
                   QStringLiteral("reported values only grow (%1) -> energy counter?").arg(rangeText(p)));
}

void inferEnum(const DpProfile& p, Ballot& ballot)
{
    if (!p.numeric)
        return;
    const QString values = rangeText(p);
    if (p.writtenByModule()) {
        ballot.add(p.id, QStringLiteral("mode"), p.changesAfterWrite() ? 0.6 : 0.5,
                   QStringLiteral("enum %1, %2 -> mode/speed/level").arg(values, whoText(p)));
        return;
    }
    ballot.add(p.id, QStringLiteral("mode"), 0.4, QStringLiteral("enum %1, only reported -> mode/state").arg(values));
    if (p.min >= 0 && p.max <= 2)
        ballot.add(p.id, QStringLiteral("battery_state"), 0.3,
                   QStringLiteral("enum %1 only reported -> battery low/middle/high?").arg(values));
}

// Tuya colour strings: 12 hex digits HHHHSSSSVVVV (h 0..360, s/v 0..1000) or the older 14-digit
// RRGGBBHHHHSSVV form.
bool decodeColour(const QByteArray& value, QString* text)
{
    const QByteArray hex = value.trimmed();
    for (char c : hex) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    bool ok = true;
    if (hex.size() == 12) {
        const int h = hex.mid(0, 4).toInt(&ok, 16);
        const int s = hex.mid(4, 4).toInt(&ok, 16);
        const int v = hex.mid(8, 4).toInt(&ok, 16);
        if (h > 360 || s > 1000 || v > 1000)
            return false;
        *text = QStringLiteral("h=%1 s=%2% v=%3%").arg(h).arg(s / 10).arg(v / 10);
        return true;
    }
    if (hex.size() == 14) {
        *text = QStringLiteral("rgb #%1, hsv %2").arg(QString::fromLatin1(hex.left(6)), QString::fromLatin1(hex.mid(6)));
        return true;
    }
    return false;
}

void inferString(const DpProfile& p, Ballot& ballot)
{
    QString colour;
    if (decodeColour(p.lastValue, &colour))
        ballot.add(p.id, QStringLiteral("colour_hsv"), p.writtenByModule() ? 0.75 : 0.6,
                   QStringLiteral("string of %1 hex digits decodes as a Tuya colour (%2)").arg(p.lastValue.size()).arg(colour));
}

bool looksLikeSchedule(const QByteArray& v)
{
    if (v.size() == 0 || v.size() % 3 != 0)
        return false;
    for (int i = 0; i < v.size(); i += 3) {
        const int hour = quint8(v.at(i)) & 0x7F;
        const int minute = quint8(v.at(i + 1));
        if (hour > 23 || minute > 59)
            return false;
    }
    return true;
}

void inferRaw(const DpProfile& p, Ballot& ballot, QVector<EnergyPack>& packs)
{
    packs = decodeEnergyPack(p.lastValue);
    const bool allZero = !p.lastValue.isEmpty() && p.lastValue.count('\0') == p.lastValue.size() && p.distinctValues.size() == 1;
    if (!packs.isEmpty() && allZero)
        ballot.add(p.id, QStringLiteral("energy_pack"), 0.3,
                   QStringLiteral("%1 raw bytes fit the %2 layout but stayed all zero (no load or not measuring?)")
                       .arg(p.lastValue.size()).arg(packs.first().layout));
    for (const EnergyPack& pack : packs) {
        if (!plausibleEnergyPack(pack))
            continue;
        ballot.add(p.id, QStringLiteral("energy_pack"), 0.7,
                   QStringLiteral("%1 raw bytes decode as %2: %3").arg(p.lastValue.size()).arg(pack.layout, pack.text()));
        break;
    }
    if (looksLikeSchedule(p.lastValue))
        ballot.add(p.id, QStringLiteral("schedule"), 0.35,
                   QStringLiteral("%1 bytes read as [hour, minute, value] triples -> program/schedule?").arg(p.lastValue.size()));
}

void inferBitmap(const DpProfile& p, Ballot& ballot)
{
    ballot.add(p.id, QStringLiteral("fault"), p.writtenByModule() ? 0.35 : 0.6,
               QStringLiteral("bitmap %1 -> fault/alarm flags?").arg(whoText(p)));
}

// The V x I ~= P check seed 001 does by hand: over voltage candidates and pairs of other reported
// value dps, current as mA and power as W x1, x0.1 or x0.01.
EnergyCheck checkEnergyTrio(const DpEngine& engine, const Ballot& ballot)
{
    EnergyCheck best;
    double bestError = 1e9;
    for (const DpProfile& v : engine.profiles()) {
        const RoleHypothesis* voltage = ballot.get(v.id, QStringLiteral("voltage"));
        if (!voltage || v.type != kValue)
            continue;
        const double volts = double(lastNonZero(v)) * voltage->scale;
        for (const DpProfile& i : engine.profiles()) {
            if (i.id == v.id || i.type != kValue || i.writtenByModule() || lastNonZero(i) <= 0)
                continue;
            const double amps = double(lastNonZero(i)) / 1000.0;
            for (const DpProfile& w : engine.profiles()) {
                if (w.id == v.id || w.id == i.id || w.type != kValue || w.writtenByModule() || lastNonZero(w) <= 0)
                    continue;
                for (const double scale : {0.1, 1.0, 0.01}) {
                    const double watts = double(lastNonZero(w)) * scale;
                    const double apparent = volts * amps;
                    const double error = std::abs(apparent - watts) / std::max(apparent, watts);
                    if (error < bestError) {
                        bestError = error;
                        best.found = true;
                        best.voltageDp = v.id;
                        best.currentDp = i.id;
                        best.powerDp = w.id;
                        best.volts = volts;
                        best.amps = amps;
                        best.watts = watts;
                        best.relativeError = error;
                    }
                }
            }
        }
    }
    if (!best.found || bestError > 0.35) // beyond a plausible power factor: no pairing at all
        return {};
    best.consistent = bestError <= 0.15;
    best.text = QStringLiteral("V x I = %1 V x %2 A = %3 W %4 dp%5 %6 W (%7% off)")
                    .arg(num(best.volts), num(best.amps, 3), num(best.volts * best.amps))
                    .arg(best.consistent ? QStringLiteral("~") : QStringLiteral("vs"))
                    .arg(best.powerDp)
                    .arg(num(best.watts))
                    .arg(num(best.relativeError * 100.0));
    return best;
}

double powerScaleOf(const EnergyCheck& check, const DpProfile& power)
{
    const double raw = double(lastNonZero(power));
    return raw == 0 ? 1 : std::round(check.watts / raw * 100.0) / 100.0;
}

// Current and target temperatures come in pairs of the same scale: the target is what a user
// writes, or jumps over a wide range; the current value drifts and is reported most often.
void pairTemperatures(const DpEngine& engine, Ballot& ballot)
{
    for (const double scale : {0.1, 1.0}) {
        QVector<const DpProfile*> candidates;
        for (const DpProfile& p : engine.profiles()) {
            const RoleHypothesis* t = ballot.get(p.id, QStringLiteral("temperature_target"));
            const RoleHypothesis* c = ballot.get(p.id, QStringLiteral("temperature_current"));
            if (p.type == kValue && ((t && t->scale == scale) || (c && c->scale == scale)))
                candidates.push_back(&p);
        }
        if (candidates.size() < 2)
            continue;
        const DpProfile* target = nullptr;
        for (const DpProfile* p : candidates) {
            const auto key = [](const DpProfile* q) { return std::make_pair(q->writtenByModule(), q->max - q->min); };
            if (!target || key(p) > key(target))
                target = p;
        }
        const DpProfile* current = nullptr;
        for (const DpProfile* p : candidates) {
            if (p != target && !p->writtenByModule() && (!current || p->reports > current->reports))
                current = p;
        }
        if (!current)
            continue;
        const QString unit = QStringLiteral("°C");
        ballot.add(target->id, QStringLiteral("temperature_target"), 0.45,
                   QStringLiteral("%1 over %2 (%3) -> set-point").arg(target->writtenByModule() ? QStringLiteral("written") : QStringLiteral("the widest range"))
                       .arg(rangeText(*target), scale == 1.0 ? QStringLiteral("x1") : QStringLiteral("x10")),
                   scale, unit);
        ballot.add(current->id, QStringLiteral("temperature_current"), 0.45,
                   QStringLiteral("reported most often (%1 times) -> room temperature").arg(current->reports), scale, unit);
        ballot.boost(target->id, QStringLiteral("temperature_target"), 0.1,
                     QStringLiteral("pairs with dp %1 as current temperature").arg(current->id));
        ballot.boost(current->id, QStringLiteral("temperature_current"), 0.1,
                     QStringLiteral("pairs with dp %1 as target temperature").arg(target->id));
        return;
    }
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

InferenceResult inferRoles(const DpEngine& engine)
{
    InferenceResult result;
    Ballot ballot;
    QMap<quint8, QVector<EnergyPack>> packs;
    QVector<DpSignature> signature;
    for (const DpProfile& p : engine.profiles()) {
        switch (p.type) {
        case kBool: inferBool(p, ballot); break;
        case kValue: inferValue(p, ballot); break;
        case kEnum: inferEnum(p, ballot); break;
        case kString: inferString(p, ballot); break;
        case kRaw: inferRaw(p, ballot, packs[p.id]); break;
        case kBitmap: inferBitmap(p, ballot); break;
        default: break;
        }
        if (p.id == 1 && ballot.has(1, QStringLiteral("switch")))
            ballot.boost(1, QStringLiteral("switch"), 0.1, QStringLiteral("dp 1 is the main power on most Tuya devices"));
    }

    result.energy = checkEnergyTrio(engine, ballot);
    if (result.energy.found) {
        const EnergyCheck& e = result.energy;
        const double bonus = e.consistent ? 0.4 : 0.1;
        const QString check = e.text;
        ballot.add(e.voltageDp, QStringLiteral("voltage"), 0.5 + bonus, check, 0.1, QStringLiteral("V"));
        ballot.add(e.currentDp, QStringLiteral("current"), 0.45 + bonus,
                   QStringLiteral("%1 mA; %2").arg(lastNonZero(*engine.find(e.currentDp))).arg(check), 0.001, QStringLiteral("A"));
        ballot.add(e.powerDp, QStringLiteral("power"), 0.45 + bonus, check, powerScaleOf(e, *engine.find(e.powerDp)),
                   QStringLiteral("W"));
    }
    pairTemperatures(engine, ballot);

    for (const DpProfile& p : engine.profiles()) {
        DpSignature sig{p.id, p.type, {}};
        for (const RoleHypothesis& h : ballot.ranked(p.id))
            sig.roles << h.role;
        signature.push_back(sig);
    }
    result.category = matchCategory(signature, engine.productId());
    if (result.category.profile) {
        const double weight = 0.15 + 0.25 * result.category.score;
        for (const CategoryDp& known : result.category.profile->dps) {
            const DpProfile* p = engine.find(known.id);
            if (!p || p->type != known.type)
                continue;
            const QString role = QString::fromLatin1(known.role);
            const QString reason = QStringLiteral("dp %1 is %2 in the %3 map (%4)")
                                       .arg(known.id).arg(role, result.category.profile->key, result.category.profile->source);
            if (ballot.has(known.id, role))
                ballot.boost(known.id, role, weight, reason);
            else
                ballot.add(known.id, role, weight, reason, known.scale, QString::fromUtf8(known.unit));
        }
    }

    for (const DpProfile& p : engine.profiles()) {
        DpRoles roles;
        roles.id = p.id;
        roles.type = p.type;
        roles.roles = ballot.ranked(p.id);
        roles.notes = engine.findingMessages(p.id);
        roles.changedAfterWrites = writeEffectsText(p, engine);
        roles.packs = packs.value(p.id);
        result.dps.push_back(roles);
    }
    return result;
}

} // namespace tuyascope::dpmap
