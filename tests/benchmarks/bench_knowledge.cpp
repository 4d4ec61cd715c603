// How well role inference names the dps of devices it has never seen, and how fast.
//   (a) leave-one-out over the device knowledge base: each model in turn is hidden from matching,
//       a realistic capture is synthesized from its dp definitions (ranges, scales, enum values,
//       who sends what, measurements reported together and drifting, some dps missing, a stray dp),
//       the whole inference runs, and the top-1 role is compared with the model's own, per role
//       family; the top match's category is compared with the model's;
//   (b) the real captures in ../shared/captures with the roles that are established for them;
//   (c) inference time over a 100,000-frame capture (one core).
// Prints figures; it never fails on them. Build Release for meaningful times:
//   cmake --preset release && cmake --build --preset release --target bench_knowledge
//   ./build-release/tests/benchmarks/bench_knowledge [models]

#include "dpmap/DpEngine.h"
#include "dpmap/DpTypeCodes.h"
#include "dpmap/RoleInference.h"
#include "import/CaptureLoader.h"
#include "knowledge/DeviceKnowledge.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace tuyascope;
using namespace tuyascope::dpmap;
using knowledge::KnownDp;
using knowledge::KnownModel;

namespace {

// The families the accuracy is reported by; a role outside them counts in "all roles" only.
const QMap<QString, QString>& familyOfRole()
{
    static const QMap<QString, QString> families{
        {QStringLiteral("switch"), QStringLiteral("switch")},
        {QStringLiteral("voltage"), QStringLiteral("energy (V/I/P/kWh)")},
        {QStringLiteral("current"), QStringLiteral("energy (V/I/P/kWh)")},
        {QStringLiteral("power"), QStringLiteral("energy (V/I/P/kWh)")},
        {QStringLiteral("energy"), QStringLiteral("energy (V/I/P/kWh)")},
        {QStringLiteral("temperature_current"), QStringLiteral("temperature current/set")},
        {QStringLiteral("temperature_target"), QStringLiteral("temperature current/set")},
        {QStringLiteral("humidity"), QStringLiteral("humidity")},
        {QStringLiteral("battery_level"), QStringLiteral("battery")},
        {QStringLiteral("battery_state"), QStringLiteral("battery")},
        {QStringLiteral("mode"), QStringLiteral("mode/enum")},
        {QStringLiteral("fan_speed"), QStringLiteral("mode/enum")},
        {QStringLiteral("light_mode"), QStringLiteral("mode/enum")},
        {QStringLiteral("countdown"), QStringLiteral("countdown")},
        {QStringLiteral("fault"), QStringLiteral("fault")},
        {QStringLiteral("child_lock"), QStringLiteral("lock")},
        {QStringLiteral("lock"), QStringLiteral("lock")},
    };
    return families;
}

QByteArray be32(qint64 v)
{
    QByteArray b(4, '\0');
    const quint32 u = quint32(qint32(v));
    for (int i = 0; i < 4; ++i)
        b[i] = char((u >> (24 - 8 * i)) & 0xFF);
    return b;
}

// A physical value typical for the role, in the dp's own unit.
double typicalValue(const KnownDp& dp, QRandomGenerator& rng, double load)
{
    const double jitter = rng.generateDouble();
    const bool fahrenheit = dp.unit.contains(QLatin1Char('F'));
    if (dp.role == QLatin1String("voltage"))
        return 228 + 4 * jitter;
    if (dp.role == QLatin1String("current"))
        return load;
    if (dp.role == QLatin1String("power"))
        return 230 * load * 0.98;
    if (dp.role == QLatin1String("frequency"))
        return 49.95 + 0.1 * jitter;
    if (dp.role == QLatin1String("power_factor"))
        return dp.max && double(*dp.max) * dp.scale > 1.5 ? 95 + 4 * jitter : 0.95 + 0.04 * jitter;
    if (dp.role == QLatin1String("temperature_current"))
        return fahrenheit ? 66 + 8 * jitter : 19 + 4 * jitter;
    if (dp.role == QLatin1String("temperature_target"))
        return fahrenheit ? 64 + 12 * std::round(jitter * 4) / 4 : 18 + 6 * std::round(jitter * 4) / 4;
    if (dp.role == QLatin1String("humidity") || dp.role == QLatin1String("humidity_target"))
        return 40 + 20 * jitter;
    if (dp.role == QLatin1String("battery_level"))
        return 60 + 40 * jitter;
    if (dp.role == QLatin1String("countdown"))
        return std::round(jitter * 4) * 900;
    const double low = dp.min ? double(*dp.min) * dp.scale : 0;
    const double high = dp.max ? double(*dp.max) * dp.scale : 100;
    return low + (high - low) * jitter;
}

// How far a slowly changing reading moves between two reports 30 s apart, in its own unit
// (0: the role is not such a reading, or is modelled otherwise).
double driftPerReport(const KnownDp& dp)
{
    const bool fahrenheit = dp.unit.contains(QLatin1Char('F'));
    if (dp.role == QLatin1String("temperature_current"))
        return fahrenheit ? 0.36 : 0.2;
    if (dp.role == QLatin1String("humidity"))
        return 1.0;
    if (dp.role == QLatin1String("voltage"))
        return 1.5;
    if (dp.role == QLatin1String("frequency"))
        return 0.02;
    if (dp.role == QLatin1String("battery_level"))
        return 0.3;
    return 0;
}

qint64 rawOf(const KnownDp& dp, double physical)
{
    qint64 raw = qint64(std::llround(physical / dp.scale));
    if (dp.min)
        raw = std::max(raw, *dp.min);
    if (dp.max)
        raw = std::min(raw, *dp.max);
    return raw;
}

struct Synth {
    DpEngine engine;
    QVector<const KnownDp*> shown; // the model's dps the capture holds
};

// A capture of `model` as a sniffer would record it: a status dump, measurements reported
// together every 30 s (room and supply readings drifting, loads wandering), settings written by
// the module and echoed, 10 minutes in all.
Synth synthesize(const KnownModel& model, quint32 seed)
{
    QRandomGenerator rng(seed);
    Synth s;
    for (const KnownDp& dp : model.dps) {
        const double missing = dp.optional ? 0.5 : 0.12;
        if (rng.generateDouble() >= missing)
            s.shown << &dp;
    }
    int item = 0;
    qint64 t = 1'000'000;
    double load = 0.2 + 2 * rng.generateDouble();
    double energy = 10 + 50 * rng.generateDouble();
    QMap<quint8, qint64> state;
    QMap<quint8, double> physical; // drifting readings, in the dp's unit
    QMap<quint8, int> enumIndex;
    const auto valueBytes = [&](const KnownDp& dp, bool fresh) -> QByteArray {
        switch (dp.type) {
        case kBool:
            if (fresh)
                state[dp.id] = dp.readOnly ? (rng.bounded(4u) == 0 ? 1 : 0) : qint64(rng.bounded(2u));
            return QByteArray(1, char(state.value(dp.id) ? 1 : 0));
        case kValue: {
            if (dp.role == QLatin1String("energy")) {
                energy += 0.001 + 0.01 * rng.generateDouble();
                return be32(rawOf(dp, energy));
            }
            if (fresh || !state.contains(dp.id)) {
                // Readings of the room and the supply drift by a count or two between reports (as
                // in the real TH06 and MTS-700-WB captures), they do not jump across their range.
                const double step = driftPerReport(dp);
                if (step > 0 && physical.contains(dp.id))
                    physical[dp.id] += step * (2 * rng.generateDouble() - 1);
                else
                    physical[dp.id] = typicalValue(dp, rng, load);
                state[dp.id] = rawOf(dp, physical.value(dp.id));
            }
            return be32(state.value(dp.id));
        }
        case kEnum: {
            const int labels = dp.enumLabels.isEmpty() ? 4 : int(dp.enumLabels.size());
            if (fresh || !enumIndex.contains(dp.id))
                enumIndex[dp.id] = int(rng.bounded(quint32(labels)));
            return QByteArray(1, char(enumIndex.value(dp.id)));
        }
        case kBitmap:
            return QByteArray(1, char(rng.bounded(10u) == 0 ? 1 << rng.bounded(3u) : 0));
        case kString:
            return QByteArrayLiteral("auto");
        default: {
            QByteArray raw(8, '\0');
            for (char& c : raw)
                c = char(rng.bounded(256u));
            return raw;
        }
        }
    };
    const auto add = [&](const KnownDp& dp, const QByteArray& value, bool written) {
        DpObservation o;
        o.timeUs = t;
        o.item = item;
        o.id = dp.id;
        o.type = dp.type == kString && !dp.enumLabels.isEmpty() ? kEnum : dp.type;
        o.value = value;
        o.written = written;
        s.engine.add(o);
    };
    // The status dump after the module's query: every dp once, in one frame.
    for (const KnownDp* dp : s.shown)
        add(*dp, valueBytes(*dp, true), false);
    ++item;
    // A stray dp no description lists (firmware extras), sometimes.
    KnownDp stray;
    stray.id = quint8(200 + rng.bounded(40u));
    stray.type = kValue;
    const bool withStray = rng.bounded(3u) == 0 && !model.find(stray.id);
    for (int minute = 0; minute < 20; ++minute) {
        t += 30'000'000 + qint64(rng.bounded(2'000'000u));
        load = std::max(0.05, load + 0.1 * (rng.generateDouble() - 0.5));
        // Measurements of one moment come in one report.
        bool any = false;
        for (const KnownDp* dp : s.shown) {
            if (dp->readOnly && dp->type != kRaw && dp->type != kString) {
                add(*dp, valueBytes(*dp, true), false);
                any = true;
            }
        }
        if (withStray) {
            add(stray, be32(qint64(rng.bounded(1000u))), false);
            any = true;
        }
        if (any)
            ++item;
        // Now and then the user changes a setting: the module writes it, the MCU echoes it.
        if (rng.bounded(3u) == 0) {
            QVector<const KnownDp*> writable;
            for (const KnownDp* dp : s.shown)
                if (!dp->readOnly && dp->type != kRaw && dp->type != kString)
                    writable << dp;
            if (!writable.isEmpty()) {
                const KnownDp* dp = writable.at(int(rng.bounded(quint32(writable.size()))));
                t += 3'000'000;
                const QByteArray v = valueBytes(*dp, true);
                add(*dp, v, true);
                ++item;
                t += 150'000;
                add(*dp, v, false);
                ++item;
            }
        }
    }
    return s;
}

struct Tally {
    int right = 0;
    int total = 0;
    void count(bool ok) { right += ok ? 1 : 0; ++total; }
    double percent() const { return total ? 100.0 * right / total : 0; }
};

void leaveOneOut(int limit)
{
    const knowledge::DeviceKnowledge& kb = knowledge::DeviceKnowledge::bundled();
    QMap<QString, Tally> byFamily;
    Tally all, category, exactModelKnown;
    QMap<QString, QMap<QString, int>> confusions; // family -> "expected -> got" -> count
    QElapsedTimer timer;
    timer.start();
    int models = 0;
    for (int i = 0; i < kb.models().size() && (limit <= 0 || models < limit); ++i) {
        const KnownModel& model = kb.models().at(i);
        const Synth s = synthesize(model, quint32(1000 + i));
        if (s.shown.isEmpty())
            continue;
        ++models;
        InferenceOptions options;
        options.excludeModel = &model;
        const InferenceResult r = inferRoles(s.engine, options);
        if (!r.models.isEmpty())
            category.count(r.models.first().model->category == model.category);
        for (const KnownDp* dp : s.shown) {
            if (dp->role.isEmpty() || dp->role == QLatin1String("energy_pack"))
                continue;
            const DpRoles* roles = r.find(dp->id);
            const QString got = roles && roles->best() ? roles->best()->role : QStringLiteral("(none)");
            const bool ok = got == dp->role;
            all.count(ok);
            const QString family = familyOfRole().value(dp->role);
            if (!family.isEmpty()) {
                byFamily[family].count(ok);
                if (!ok)
                    ++confusions[family][QStringLiteral("%1 -> %2").arg(dp->role, got)];
                // BENCH_MISSES=<family prefix> lists each miss of that family with its model and dp.
                static const QString listed = qEnvironmentVariable("BENCH_MISSES");
                if (!ok && !listed.isEmpty() && family.startsWith(listed))
                    std::printf("  miss %-40s dp %3d %-8s %s%s -> %s%s\n", qPrintable(model.key), dp->id, qPrintable(mcu::dpTypeName(dp->type)),
                                qPrintable(dp->role), dp->readOnly ? " (ro)" : "", qPrintable(got),
                                qPrintable(roles && roles->best() ? QStringLiteral("  [") + roles->best()->reason + QLatin1Char(']') : QString()));
            }
        }
    }
    const double seconds = double(timer.elapsed()) / 1000;
    std::printf("(a) leave-one-out over %d of %d models (each hidden from matching, capture synthesized), %.1f s\n", models,
                int(kb.models().size()), seconds);
    std::printf("  %-28s %8s %8s %8s\n", "role family", "top-1", "right", "dps");
    for (auto it = byFamily.constBegin(); it != byFamily.constEnd(); ++it)
        std::printf("  %-28s %7.1f%% %8d %8d\n", qPrintable(it.key()), it.value().percent(), it.value().right, it.value().total);
    std::printf("  %-28s %7.1f%% %8d %8d\n", "all roles", all.percent(), all.right, all.total);
    std::printf("  %-28s %7.1f%% %8d %8d\n", "model category (top match)", category.percent(), category.right, category.total);
    std::printf("  most common misses per family:\n");
    for (auto it = confusions.constBegin(); it != confusions.constEnd(); ++it) {
        QVector<std::pair<int, QString>> sorted;
        for (auto c = it.value().constBegin(); c != it.value().constEnd(); ++c)
            sorted.push_back({-c.value(), c.key()});
        std::sort(sorted.begin(), sorted.end());
        QStringList top;
        for (int k = 0; k < std::min<int>(3, int(sorted.size())); ++k)
            top << QStringLiteral("%1 (%2)").arg(sorted[k].second).arg(-sorted[k].first);
        std::printf("    %-26s %s\n", qPrintable(it.key()), qPrintable(top.join(QStringLiteral(", "))));
    }
}

struct RealCase {
    const char* name;
    QStringList files;
    QMap<int, QString> roles; // the roles established for this device
};

void realCaptures()
{
    const QString dir = QStringLiteral("captures/tuyamcu-real/");
    const auto files = [&](std::initializer_list<const char*> names) {
        QStringList out;
        for (const char* n : names)
            out << test::sharedPath(dir + QString::fromLatin1(n));
        return out;
    };
    const QVector<RealCase> cases{
        {"MTS-700-WB wall thermostat", files({"MTS-700-WB-TuyaMCU-capture.txt"}),
         {{1, QStringLiteral("switch")}, {16, QStringLiteral("temperature_target")}, {17, QStringLiteral("temperature_target")},
          {24, QStringLiteral("temperature_current")}, {29, QStringLiteral("temperature_current")}, {23, QStringLiteral("temperature_unit")}}},
        {"PJ-MGW1103 energy clamp", files({"PJ-MGW1103_clamp_bulb_20W-0.083A-240V_rx.bin", "PJ-MGW1103_clamp_bulb_20W-0.083A-240V_tx.bin"}),
         {{18, QStringLiteral("current")}, {19, QStringLiteral("power")}, {20, QStringLiteral("voltage")}}},
        {"TH06 thermometer", files({"th06_capt_on_wb3s_rxd1_timestamps.txt"}),
         {{1, QStringLiteral("temperature_current")}, {2, QStringLiteral("humidity")}}},
        {"door sensor (low power)", files({"door_sensor_click_rxd.txt", "door_sensor_click_txd.bin"}),
         {{1, QStringLiteral("contact")}, {3, QStringLiteral("battery_state")}}},
        // An rx/tx pair: _1 is the module's line (version 0x00: queries, the 0x06 write of dp 16),
        // _2 the MCU's (version 0x03: product id, 0x07 reports). Neither carries a dp 1; the relay
        // is dp 16, the bool the module writes and the MCU reports (as tst_role_inference has it).
        {"AT4PBW energy meter", files({"AT4PBW_1.bin", "AT4PBW_2.bin"}), {{16, QStringLiteral("switch")}}},
        {"HY609 thermostat (seed 004)", {test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))},
         {{1, QStringLiteral("switch")}, {2, QStringLiteral("temperature_target")}, {3, QStringLiteral("temperature_current")},
          {4, QStringLiteral("mode")}, {6, QStringLiteral("child_lock")}, {12, QStringLiteral("fault")}}},
    };
    std::printf("\n(b) real captures, the roles established for them\n");
    Tally all;
    for (const RealCase& c : cases) {
        const LoadResult loaded = loadCaptureFiles(c.files);
        if (!loaded.ok) {
            std::printf("  %-30s not readable: %s\n", c.name, qPrintable(loaded.error));
            continue;
        }
        const InferenceResult r = inferRoles(DpEngine::fromSession(mcu::McuSession::analyze(loaded.capture)));
        Tally t;
        QStringList misses;
        for (auto it = c.roles.constBegin(); it != c.roles.constEnd(); ++it) {
            const DpRoles* roles = r.find(quint8(it.key()));
            const QString got = roles && roles->best() ? roles->best()->role : QStringLiteral("(none)");
            t.count(got == it.value());
            all.count(got == it.value());
            if (got != it.value())
                misses << QStringLiteral("dp %1 %2 -> %3").arg(it.key()).arg(it.value(), got);
        }
        std::printf("  %-30s %d/%d  %s%s\n", c.name, t.right, t.total,
                    r.models.isEmpty() ? "" : qPrintable(QStringLiteral("looks like %1 %2").arg(r.models.first().displayName()).arg(r.models.first().score, 0, 'f', 2)),
                    misses.isEmpty() ? "" : qPrintable(QStringLiteral("; missed: ") + misses.join(QStringLiteral(", "))));
    }
    std::printf("  %-30s %d/%d (%.1f%%)\n", "all", all.right, all.total, all.percent());
}

// An energy plug's 100,000 frames: switch, countdown, V/I/P and energy reports.
void speed()
{
    Capture capture;
    const int channel = capture.addChannel({});
    QRandomGenerator rng(7);
    qint64 t = 0;
    for (int i = 0; i < 100'000; ++i) {
        t += 1'000'000;
        QByteArray dps;
        switch (i % 4) {
        case 0: dps = mcu::encodeBoolDp(1, rng.bounded(2u) != 0); break;
        case 1: dps = mcu::encodeValueDp(9, qint32(rng.bounded(3600u))); break;
        default:
            dps = mcu::encodeValueDp(18, qint32(100 + rng.bounded(50u))) + mcu::encodeValueDp(19, qint32(230 + rng.bounded(10u)))
                  + mcu::encodeValueDp(20, qint32(2290 + rng.bounded(20u))) + mcu::encodeValueDp(17, i);
        }
        capture.append(t, Direction::McuToModule, channel, mcu::encodeFrame(0x03, 0x07, dps));
    }
    const mcu::McuSession session = mcu::McuSession::analyze(capture);
    QElapsedTimer timer;
    timer.start();
    const DpEngine engine = DpEngine::fromSession(session);
    const qint64 engineMs = timer.elapsed();
    timer.restart();
    const InferenceResult r = inferRoles(engine);
    const qint64 inferMs = timer.elapsed();
    std::printf("\n(c) inference over a %d-frame capture (one core)\n", session.itemCount());
    std::printf("  %-44s %6lld ms\n", "dp engine from the session (every frame)", static_cast<long long>(engineMs));
    std::printf("  %-44s %6lld ms  (%lld models matched against)\n", "role inference incl. model matching", static_cast<long long>(inferMs),
                static_cast<long long>(knowledge::DeviceKnowledge::bundled().models().size()));
    std::printf("  %-44s %6lld ms  (dp 19: %s)\n", "total", static_cast<long long>(engineMs + inferMs),
                r.find(19) && r.find(19)->best() ? qPrintable(r.find(19)->best()->role) : "-");
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int limit = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 0;
    const auto& kb = knowledge::DeviceKnowledge::bundled();
    if (!kb.isLoaded()) {
        std::printf("device knowledge base not loaded: %s\n", kb.problems().isEmpty() ? "?" : qPrintable(kb.problems().first().message));
        return 1;
    }
    leaveOneOut(limit);
    realCaptures();
    speed();
    return 0;
}
