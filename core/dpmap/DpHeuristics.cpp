#include "dpmap/DpHeuristics.h"

#include "dpmap/DpTypeCodes.h"
#include "dpmap/PhysicsChecks.h"
#include "tuyamcu/DpUnit.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace tuyascope::dpmap {

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

QString whoText(const DpProfile& p)
{
    if (p.writtenByModule() && p.changesAfterWrite())
        return QStringLiteral("written by the module and echoed back");
    if (p.writtenByModule())
        return QStringLiteral("written by the module");
    return QStringLiteral("only reported by the device");
}

namespace {

// Mains sags and swells by some percent, not by a factor: a steady supply stays within this ratio
// of its lowest reading over a capture (-15 % .. +10 % around nominal is about 1.3).
constexpr double kMainsSwing = 1.3;

QString num(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

// Timers are set in whole minutes (or quarters of an hour) and run out at 0: every non-zero value
// a multiple of 60 s, at least two of them, or one beside a 0. A reading that lands on whole
// minutes twice by chance is rare (1 in 3,600).
bool inWholeMinutes(const DpProfile& p)
{
    QVector<qint64> nonZero;
    bool zero = false;
    for (const qint64 v : p.numbers()) {
        if (v == 0) {
            zero = true;
            continue;
        }
        if (v < 0 || v > 86400 || v % 60 != 0)
            return false;
        if (!nonZero.contains(v))
            nonZero << v;
    }
    return nonZero.size() >= 2 || (zero && nonZero.size() == 1 && nonZero.first() % 300 == 0);
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

void inferBool(const DpProfile& p, RoleBallot& ballot)
{
    if (p.writtenByModule()) {
        ballot.add(p.id, QStringLiteral("switch"), EvidenceSource::Behaviour, p.changesAfterWrite() ? 0.75 : 0.6,
                   QStringLiteral("only 0/1, %1 -> relay/switch?").arg(whoText(p)));
        return;
    }
    const bool toggles = p.distinctValues.size() > 1;
    ballot.add(p.id, QStringLiteral("switch"), EvidenceSource::Heuristic, 0.4,
               QStringLiteral("only 0/1, reported by the device -> state of a switch?"));
    ballot.add(p.id, QStringLiteral("contact"), EvidenceSource::Heuristic, toggles ? 0.35 : 0.25,
               QStringLiteral("0/1 only reported by the device, never written%1 -> door/contact?")
                   .arg(toggles ? QStringLiteral(", it toggled") : QString()));
    ballot.add(p.id, QStringLiteral("motion"), EvidenceSource::Heuristic, toggles ? 0.25 : 0.15,
               QStringLiteral("0/1 only reported by the device -> motion?"));
}

void inferValue(const DpProfile& p, RoleBallot& ballot)
{
    if (!p.numeric)
        return;
    const bool written = p.writtenByModule();
    const int distinct = int(p.distinctValues.size());
    const qint64 last = lastNonZero(p);

    const bool minutes = inWholeMinutes(p);
    if (minutes)
        ballot.add(p.id, QStringLiteral("countdown"), EvidenceSource::Heuristic, written ? 0.5 : 0.45,
                   QStringLiteral("%1 in whole minutes, %2 -> countdown/timer in seconds?").arg(rangeText(p), whoText(p)), 1,
                   QStringLiteral("s"));

    // Mains voltage as deci-volt (or centi-volt): in the mains band and steady; a value that
    // swings widely (a sensor reading passing through the band) is only a weak hint. A value
    // that steps in whole minutes is a timer, not a supply.
    if (!written && last != 0 && !minutes) {
        const std::pair<qint64, qint64> range = nonZeroRange(p);
        const qint64 low = range.first;
        const qint64 high = range.second;
        const bool steady = low > 0 && double(high) <= double(low) * kMainsSwing;
        // Within minutes mains moves by a few percent; a reading that stays that close is more
        // likely the supply than a load that happens to read like it.
        const double swing = low > 0 ? double(high) / double(low) - 1 : 1;
        const double steadiness = p.reports >= 5 ? (swing <= 0.05 ? 1.0 : swing <= 0.12 ? 0.85 : 0.7) : 1.0;
        const auto vote = [&](double scale, const char* unitName, int decimals, double confidence) {
            const double volts = double(last) * scale;
            if (volts < 90 || volts > 270)
                return false;
            // Supplies are 100..127 V or 220..240 V nominal; 180 V is a brown-out, or no supply
            // at all. One report is one number that happens to fall in the band.
            const bool nominal = (volts >= 100 && volts <= 130) || (volts >= 200 && volts <= 250);
            const double support = (nominal ? 1.0 : 0.7) * (p.reports >= 2 ? 1.0 : 0.7);
            if (steady)
                ballot.add(p.id, QStringLiteral("voltage"), EvidenceSource::Heuristic, confidence * steadiness * support,
                           QStringLiteral("reads %1 V as %2, near mains%3").arg(num(volts, decimals), QLatin1String(unitName))
                               .arg(p.reports >= 5 ? QStringLiteral(" (%1 reports within %2%)").arg(p.reports).arg(num(swing * 100))
                                                   : QString()),
                           scale, QStringLiteral("V"));
            else
                ballot.add(p.id, QStringLiteral("voltage"), EvidenceSource::Heuristic, 0.2,
                           QStringLiteral("reads %1 V as %2, but swings %3..%4 V, unlike mains")
                               .arg(num(volts, decimals), QLatin1String(unitName), num(double(low) * scale, decimals),
                                    num(double(high) * scale, decimals)),
                           scale, QStringLiteral("V"));
            return true;
        };
        if (!vote(0.1, "deci-volt", 1, 0.5))
            vote(0.01, "centi-volt", 2, 0.4);
    }

    // Mains frequency as x10, x100 or x1000: held within a fraction of a hertz, so a reading that
    // wanders by more than a few percent is something else passing through the band.
    const std::pair<qint64, qint64> frequencyRange = nonZeroRange(p);
    const bool heldLikeMains = frequencyRange.first > 0 && double(frequencyRange.second) <= double(frequencyRange.first) * 1.03;
    if (!written && last > 0 && heldLikeMains) {
        for (const double scale : {0.1, 0.01, 0.001}) {
            const double hertz = double(last) * scale;
            // 50 or 60 Hz nominal; grids hold it within about a hertz.
            if ((hertz >= 48.5 && hertz <= 51.5) || (hertz >= 58.5 && hertz <= 61.5)) {
                ballot.add(p.id, QStringLiteral("frequency"), EvidenceSource::Heuristic, 0.45,
                           QStringLiteral("reads %1 Hz at x%2, mains frequency").arg(num(hertz, 2)).arg(scale), scale,
                           QStringLiteral("Hz"));
                break;
            }
        }
    }

    // Temperatures: x10 when the values need a decimal to be room-like, x1 otherwise.
    const QString tempRole = written ? QStringLiteral("temperature_target") : QStringLiteral("temperature_current");
    if (p.max <= 600 && p.min >= -300 && p.max >= 100 && last != 0) {
        ballot.add(p.id, tempRole, EvidenceSource::Heuristic, written ? 0.45 : 0.35,
                   QStringLiteral("%1 reads %2..%3 °C as x10, %4").arg(rangeText(p), num(double(p.min) / 10.0), num(double(p.max) / 10.0), whoText(p)),
                   0.1, QStringLiteral("°C"));
    } else if (p.max <= 60 && p.min >= -30 && p.max >= 5) {
        // A reading that never drops below 35 is warm for a room, and typical of a humidity.
        const bool warm = !written && p.min >= 35;
        ballot.add(p.id, tempRole, EvidenceSource::Heuristic, written ? 0.3 : warm ? 0.15 : 0.2,
                   QStringLiteral("%1 fits °C as x1, %2").arg(rangeText(p), whoText(p)), 1, QStringLiteral("°C"));
    }

    if (written) {
        // Written values that never leave a room set-point's window (5..35 °C, as x1 or x10) are
        // dialled temperatures far more often than dimmer levels.
        const bool setPointWindow = (p.min >= 5 && p.max <= 35) || (p.min >= 50 && p.max <= 350);
        if (p.min >= 0 && p.max > 1 && p.max <= 1000 && distinct >= 2)
            ballot.add(p.id, QStringLiteral("brightness"), EvidenceSource::Heuristic,
                       setPointWindow ? 0.25 : p.changesAfterWrite() ? 0.45 : 0.4,
                       setPointWindow ? QStringLiteral("written, observed range %1 (inside a set-point's window) -> dimmer/brightness?").arg(rangeText(p))
                                      : QStringLiteral("written, observed range %1 -> dimmer/brightness?").arg(rangeText(p)));
        if (p.min >= 0 && p.max <= 86400)
            ballot.add(p.id, QStringLiteral("countdown"), EvidenceSource::Heuristic, p.min == 0 ? 0.35 : 0.25,
                       QStringLiteral("written, %1 (0..86400 s allowed) -> countdown/timer in seconds?").arg(rangeText(p)), 1,
                       QStringLiteral("s"));
        return;
    }
    if (p.min >= 0 && p.max <= 100 && p.max > 0) {
        ballot.add(p.id, QStringLiteral("humidity"), EvidenceSource::Heuristic, 0.2,
                   QStringLiteral("reported %1, fits 0..100 %RH").arg(rangeText(p)), 1, QStringLiteral("%"));
        ballot.add(p.id, QStringLiteral("battery_level"), EvidenceSource::Heuristic, 0.2,
                   QStringLiteral("reported %1, fits 0..100 %").arg(rangeText(p)), 1, QStringLiteral("%"));
    }
    // A counter: every report at least the one before. The more steps up, the less it looks
    // like a reading that happened to drift one way.
    if (distinct >= 3 && p.min >= 0 && neverDecreases(p))
        ballot.add(p.id, QStringLiteral("energy"), EvidenceSource::Heuristic, 0.3 + 0.3 * (1 - std::exp(-double(distinct - 3) / 6.0)),
                   QStringLiteral("reported values only grow (%1, %2 steps up) -> energy counter?").arg(rangeText(p)).arg(distinct - 1));
}

void inferEnum(const DpProfile& p, RoleBallot& ballot)
{
    if (!p.numeric)
        return;
    const QString values = rangeText(p);
    if (p.writtenByModule()) {
        ballot.add(p.id, QStringLiteral("mode"), EvidenceSource::Behaviour, p.changesAfterWrite() ? 0.6 : 0.5,
                   QStringLiteral("enum %1, %2 -> mode/speed/level").arg(values, whoText(p)));
        return;
    }
    ballot.add(p.id, QStringLiteral("mode"), EvidenceSource::Heuristic, 0.4, QStringLiteral("enum %1, only reported -> mode/state").arg(values));
    if (p.min >= 0 && p.max <= 2)
        ballot.add(p.id, QStringLiteral("battery_state"), EvidenceSource::Heuristic, 0.3,
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

void inferString(const DpProfile& p, RoleBallot& ballot)
{
    QString colour;
    if (decodeColour(p.lastValue, &colour))
        ballot.add(p.id, QStringLiteral("colour_hsv"), EvidenceSource::Heuristic, p.writtenByModule() ? 0.75 : 0.6,
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

void inferRaw(const DpProfile& p, RoleBallot& ballot, QVector<EnergyPack>& packs)
{
    packs = decodeEnergyPack(p.lastValue);
    const bool allZero = !p.lastValue.isEmpty() && p.lastValue.count('\0') == p.lastValue.size() && p.distinctValues.size() == 1;
    if (!packs.isEmpty() && allZero)
        ballot.add(p.id, QStringLiteral("energy_pack"), EvidenceSource::Heuristic, 0.3,
                   QStringLiteral("%1 raw bytes fit the %2 layout but stayed all zero (no load or not measuring?)")
                       .arg(p.lastValue.size()).arg(packs.first().layout));
    for (const EnergyPack& pack : packs) {
        if (!plausibleEnergyPack(pack))
            continue;
        ballot.add(p.id, QStringLiteral("energy_pack"), EvidenceSource::Heuristic, 0.7,
                   QStringLiteral("%1 raw bytes decode as %2: %3").arg(p.lastValue.size()).arg(pack.layout, pack.text()));
        break;
    }
    if (looksLikeSchedule(p.lastValue))
        ballot.add(p.id, QStringLiteral("schedule"), EvidenceSource::Heuristic, 0.35,
                   QStringLiteral("%1 bytes read as [hour, minute, value] triples -> program/schedule?").arg(p.lastValue.size()));
}

void inferBitmap(const DpProfile& p, RoleBallot& ballot)
{
    ballot.add(p.id, QStringLiteral("fault"), EvidenceSource::Heuristic, p.writtenByModule() ? 0.35 : 0.6,
               QStringLiteral("bitmap %1 -> fault/alarm flags?").arg(whoText(p)));
}

} // namespace

void addValueEvidence(const DpProfile& p, RoleBallot& ballot, QVector<EnergyPack>& packs)
{
    switch (p.type) {
    case kBool: inferBool(p, ballot); break;
    case kValue: inferValue(p, ballot); break;
    case kEnum: inferEnum(p, ballot); break;
    case kString: inferString(p, ballot); break;
    case kRaw: inferRaw(p, ballot, packs); break;
    case kBitmap: inferBitmap(p, ballot); break;
    default: break;
    }
    if (p.id == 1 && ballot.has(1, QStringLiteral("switch")))
        ballot.add(1, QStringLiteral("switch"), EvidenceSource::Heuristic, 0.15,
                   QStringLiteral("dp 1 is the main power on most Tuya devices"));
}

} // namespace tuyascope::dpmap
