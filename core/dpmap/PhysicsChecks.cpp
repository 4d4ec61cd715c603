#include "dpmap/PhysicsChecks.h"

#include "dpmap/DpTypeCodes.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tuyascope::dpmap {

namespace {

QString num(double v, int decimals = 1)
{
    return QString::number(v, 'f', decimals);
}

struct Report {
    qint64 timeUs;
    int item;
    qint64 value;
};

QVector<Report> reportsOf(const DpProfile& p)
{
    QVector<Report> out;
    out.reserve(p.timeline.size());
    const bool integer = p.type == kValue || p.type == kEnum || p.type == kBool || p.type == kBitmap;
    for (const DpValuePoint& point : p.timeline) {
        if (point.written || !integer || point.value.isEmpty() || point.value.size() > 4)
            continue;
        out.push_back({point.timeUs, point.item, mcu::dpIntegerValue(p.type, point.value)});
    }
    return out;
}

bool together(const Report& x, const Report& y, qint64 windowUs, int windowItems)
{
    if (x.item == y.item)
        return true;
    if (x.timeUs != kUnknownTime && y.timeUs != kUnknownTime)
        return std::llabs(x.timeUs - y.timeUs) <= windowUs;
    return std::abs(x.item - y.item) <= windowItems;
}

// How far a dp's non-zero reports spread, relative to the smallest: 0 for a constant reading.
double relativeSpread(const DpProfile& p)
{
    qint64 low = 0, high = 0;
    for (const qint64 v : p.numbers()) {
        if (v <= 0)
            continue;
        low = low == 0 ? v : std::min(low, v);
        high = std::max(high, v);
    }
    return low > 0 ? double(high - low) / double(low) : 1.0;
}

} // namespace

QVector<AlignedPair> alignedReports(const DpProfile& a, const DpProfile& b, qint64 windowUs, int windowItems)
{
    const QVector<Report> ra = reportsOf(a);
    const QVector<Report> rb = reportsOf(b);
    QVector<AlignedPair> pairs;
    int j = 0;
    for (const Report& x : ra) {
        // Timelines are in frame order: move b's cursor to the report nearest x.
        while (j + 1 < rb.size() && rb[j + 1].item <= x.item)
            ++j;
        const Report* best = nullptr;
        for (int k = std::max(0, j - 1); k <= std::min(int(rb.size()) - 1, j + 1); ++k) {
            if (!together(x, rb[k], windowUs, windowItems))
                continue;
            if (!best || std::abs(rb[k].item - x.item) < std::abs(best->item - x.item))
                best = &rb[k];
        }
        if (best)
            pairs.push_back({x.value, best->value, x.item});
    }
    return pairs;
}

EnergyCheck checkEnergyTrio(const DpEngine& engine, const QVector<VoltageCandidate>& voltages, const QVector<quint8>& taken)
{
    constexpr qint64 kPeriodUs = 1'500'000; // one report period of a metering chip
    constexpr int kPeriodItems = 4;
    EnergyCheck best;
    double bestError = 1e9;
    const auto reportedValue = [&taken](const DpProfile& p) {
        return p.type == kValue && p.reports > 0 && p.numeric && p.max > 0 && !taken.contains(p.id);
    };
    for (const VoltageCandidate& vc : voltages) {
        const DpProfile* v = engine.find(vc.dp);
        if (!v || !reportedValue(*v))
            continue;
        for (const DpProfile& i : engine.profiles()) {
            if (i.id == v->id || !reportedValue(i) || i.writtenByModule())
                continue;
            // Every pairing is keyed on I's reports: (I, V) and (I, P) of the same moment.
            const QVector<AlignedPair> iv = alignedReports(i, *v, kPeriodUs, kPeriodItems);
            if (iv.isEmpty())
                continue;
            for (const DpProfile& w : engine.profiles()) {
                if (w.id == v->id || w.id == i.id || !reportedValue(w) || w.writtenByModule())
                    continue;
                const QVector<AlignedPair> iw = alignedReports(i, w, kPeriodUs, kPeriodItems);
                if (iw.isEmpty())
                    continue;
                for (const double powerScale : {0.1, 1.0, 0.01}) {
                    QVector<double> errors;
                    QVector<std::array<double, 3>> values;
                    for (int a = 0, b = 0; a < iv.size() && b < iw.size();) {
                        if (iv[a].item < iw[b].item) {
                            ++a;
                            continue;
                        }
                        if (iw[b].item < iv[a].item) {
                            ++b;
                            continue;
                        }
                        const double volts = double(iv[a].b) * vc.scale;
                        const double amps = double(iv[a].a) * 0.001;
                        const double watts = double(iw[b].b) * powerScale;
                        ++a;
                        ++b;
                        if (amps <= 0 || watts <= 0) // no load: nothing to multiply
                            continue;
                        const double apparent = volts * amps;
                        errors.push_back(std::abs(apparent - watts) / std::max(apparent, watts));
                        values.push_back({volts, amps, watts});
                    }
                    if (errors.isEmpty())
                        continue;
                    QVector<int> order(errors.size());
                    for (int k = 0; k < order.size(); ++k)
                        order[k] = k;
                    std::sort(order.begin(), order.end(), [&](int x, int y) { return errors[x] < errors[y]; });
                    const int median = order[order.size() / 2];
                    const double error = errors[median];
                    // More aligned samples make the same error more trustworthy. V x I is the
                    // same product whichever of two dps is the voltage when both read alike
                    // (2283 mA beside 229.7 V as deci-volt): mains is regulated, a load is not,
                    // so of equal fits the steadier dp is the voltage.
                    const double ranked = error - 0.001 * double(std::min<qsizetype>(errors.size(), 20))
                                          + 0.01 * std::min(1.0, relativeSpread(*v));
                    if (ranked < bestError) {
                        bestError = ranked;
                        best.found = true;
                        best.voltageDp = v->id;
                        best.currentDp = i.id;
                        best.powerDp = w.id;
                        best.voltageScale = vc.scale;
                        best.powerScale = powerScale;
                        best.volts = values[median][0];
                        best.amps = values[median][1];
                        best.watts = values[median][2];
                        best.relativeError = error;
                        best.samples = int(errors.size());
                    }
                }
            }
        }
    }
    if (!best.found || best.relativeError > 0.35) // beyond a plausible power factor: no pairing at all
        return {};
    best.consistent = best.relativeError <= 0.15;
    best.text = QStringLiteral("V x I = %1 V x %2 A = %3 W %4 dp%5 %6 W (%7% off, %8 aligned report%9)")
                    .arg(num(best.volts), num(best.amps, 3), num(best.volts * best.amps))
                    .arg(best.consistent ? QStringLiteral("~") : QStringLiteral("vs"))
                    .arg(best.powerDp)
                    .arg(num(best.watts))
                    .arg(num(best.relativeError * 100.0))
                    .arg(best.samples)
                    .arg(best.samples == 1 ? QString() : QStringLiteral("s"));
    return best;
}

QVector<TemperaturePair> findTemperaturePairs(const DpEngine& engine)
{
    QVector<TemperaturePair> pairs;
    const auto candidate = [](const DpProfile& p) { return p.type == kValue && p.numeric && p.count > 0; };
    for (const DpProfile& c : engine.profiles()) {
        if (!candidate(c))
            continue;
        for (const DpProfile& f : engine.profiles()) {
            if (f.id == c.id || !candidate(f))
                continue;
            bool found = false;
            for (const double cs : {1.0, 0.1}) {
                for (const double fs : {1.0, 0.1}) {
                    // Both sides of one moment: reports of the same frame, or written together.
                    QVector<std::pair<double, double>> samples;
                    for (const AlignedPair& a : alignedReports(c, f, 500'000, 2))
                        samples.push_back({double(a.a) * cs, double(a.b) * fs});
                    if (samples.isEmpty()) // set-points may only be written: use the last values
                        samples.push_back({double(c.lastNumber()) * cs, double(f.lastNumber()) * fs});
                    bool agree = true;
                    for (const auto& [celsius, fahrenheit] : samples) {
                        if (celsius < -40 || celsius > 120 || std::abs(celsius * 1.8 + 32 - fahrenheit) > 1.0
                            || std::abs(celsius - fahrenheit) < 1.0) // equal numbers (-40 or a stuck 0) prove nothing
                            agree = false;
                    }
                    if (!agree)
                        continue;
                    const auto& [celsius, fahrenheit] = samples.last();
                    QVector<double> seenCelsius;
                    for (const auto& sample : samples)
                        if (!seenCelsius.contains(sample.first))
                            seenCelsius << sample.first;
                    pairs.push_back({c.id, f.id, cs, fs, int(samples.size()), int(seenCelsius.size()),
                                     QStringLiteral("dp %1 = %2 °C and dp %3 = %4 °F agree (%2 x 1.8 + 32 = %5)%6")
                                         .arg(c.id).arg(num(celsius, cs == 1 ? 0 : 1)).arg(f.id)
                                         .arg(num(fahrenheit, fs == 1 ? 0 : 1), num(celsius * 1.8 + 32))
                                         .arg(samples.size() > 1 ? QStringLiteral(", %1 aligned reports").arg(samples.size()) : QString())});
                    found = true;
                    break;
                }
                if (found)
                    break;
            }
        }
    }
    // Each dp has one twin: the pair seen on more aligned reports wins, so a set-point that
    // happens to equal the room temperature in °F once is not paired with it.
    std::stable_sort(pairs.begin(), pairs.end(), [](const TemperaturePair& a, const TemperaturePair& b) { return a.samples > b.samples; });
    QVector<TemperaturePair> kept;
    QVector<quint8> taken;
    for (const TemperaturePair& pair : pairs) {
        if (taken.contains(pair.celsiusDp) || taken.contains(pair.fahrenheitDp))
            continue;
        taken << pair.celsiusDp << pair.fahrenheitDp;
        kept << pair;
    }
    std::sort(kept.begin(), kept.end(), [](const TemperaturePair& a, const TemperaturePair& b) { return a.celsiusDp < b.celsiusDp; });
    return kept;
}

bool neverDecreases(const DpProfile& p)
{
    const QVector<qint64> values = p.numbers();
    for (int i = 1; i < values.size(); ++i)
        if (values[i] < values[i - 1])
            return false;
    return true;
}

} // namespace tuyascope::dpmap
