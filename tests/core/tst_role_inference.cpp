// Role inference (issue 6): the dp engine's per-dp facts and the ranked role hypotheses, on the
// seeds (001 power metering, 004 HY609 thermostat), the real captures and synthetic dps.

#include "dpmap/CategoryPriors.h"
#include "dpmap/DpEngine.h"
#include "dpmap/EnergyLayouts.h"
#include "dpmap/RoleInference.h"
#include "dptable/DpTracker.h"
#include "import/CaptureLoader.h"
#include "knowledge/DeviceKnowledge.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuSession.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace tuyascope;
using namespace tuyascope::dpmap;
using namespace tuyascope::mcu;

namespace {

QByteArray be32(qint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char(quint32(v) >> (24 - 8 * i));
    return b;
}

// A small synthetic session: units at 100 ms steps, `written` ones from the module.
class Feed {
public:
    Feed& report(quint8 id, DpType type, const QByteArray& value, int frame = -1) { return unit(id, type, value, false, frame); }
    Feed& write(quint8 id, DpType type, const QByteArray& value) { return unit(id, type, value, true, -1); }
    Feed& reportValue(quint8 id, qint32 v, int frame = -1) { return report(id, DpType::Value, be32(v), frame); }
    Feed& writeValue(quint8 id, qint32 v) { return write(id, DpType::Value, be32(v)); }
    Feed& gap(qint64 us) { m_time += us; return *this; }
    const DpEngine& engine() const { return m_engine; }
    // Synthetic feeds test what the values alone say, so by default without the device knowledge
    // base (a two-dp signature fits hundreds of its models); real captures use it.
    InferenceResult infer(bool withKnowledge = false) const
    {
        static const knowledge::DeviceKnowledge none;
        dpmap::InferenceOptions options;
        options.knowledge = withKnowledge ? nullptr : &none;
        return inferRoles(m_engine, options);
    }

private:
    Feed& unit(quint8 id, DpType type, const QByteArray& value, bool written, int frame)
    {
        DpObservation o;
        m_time += 100'000;
        o.timeUs = m_time;
        o.item = frame >= 0 ? frame : ++m_item + 1000;
        o.id = id;
        o.type = quint8(type);
        o.value = value;
        o.written = written;
        m_engine.add(o);
        return *this;
    }
    DpEngine m_engine;
    qint64 m_time = 1'700'000'000'000'000;
    int m_item = 0;
};

QString bestRole(const InferenceResult& r, quint8 id)
{
    const DpRoles* dp = r.find(id);
    return dp && dp->best() ? dp->best()->role : QString();
}

InferenceResult inferFiles(const QStringList& paths, QString* error)
{
    const LoadResult loaded = loadCaptureFiles(paths);
    if (!loaded.ok) {
        *error = loaded.error;
        return {};
    }
    return inferRoles(DpEngine::fromSession(McuSession::analyze(loaded.capture)));
}

QString describe(const InferenceResult& r)
{
    QStringList lines;
    for (const DpRoles& dp : r.dps) {
        QStringList roles;
        for (const RoleHypothesis& h : dp.roles)
            roles << QStringLiteral("%1 %2 x%3").arg(h.role).arg(h.confidence, 0, 'f', 2).arg(h.scale);
        lines << QStringLiteral("dp%1: %2").arg(dp.id).arg(roles.join(QStringLiteral(", ")));
    }
    return lines.join(QStringLiteral(" | "));
}

} // namespace

class TestRoleInference : public QObject {
    Q_OBJECT
private slots:
    // ---- engine ---------------------------------------------------------------------------------

    void engineTracksWritesEchoesTypesAndCoChanges()
    {
        Feed f;
        f.write(1, DpType::Bool, QByteArray(1, '\1'))
            .report(1, DpType::Bool, QByteArray(1, '\1'))
            .gap(5'000'000)
            .reportValue(20, 2300, 7)
            .reportValue(19, 105, 7)
            .report(5, DpType::Enum, QByteArray(1, '\0'))
            .report(5, DpType::Value, be32(3));
        const DpEngine& e = f.engine();
        const dpmap::DpProfile* dp1 = e.find(1);
        QVERIFY(dp1);
        QCOMPARE(dp1->writes, 1);
        QCOMPARE(dp1->reports, 1);
        QCOMPARE(dp1->reportsAfterWrite, 1);
        QCOMPARE(dp1->echoesOfWrittenValue, 1);
        QCOMPARE(dp1->timeline.size(), 2);
        QVERIFY(dp1->timeline.first().written);
        const dpmap::DpProfile* dp20 = e.find(20);
        QVERIFY(dp20);
        QCOMPARE(dp20->coChanges.value(19), 1);
        QCOMPARE(e.find(19)->coChanges.value(20), 1);
        QCOMPARE(dp20->coChanges.value(1), 0); // 5 s earlier: not a co-change
        const dpmap::DpProfile* dp5 = e.find(5);
        QCOMPARE(dp5->typesSeen.size(), 2);
        // The type change is a diagnostic at the frame that showed it, and a note on the dp's roles.
        QCOMPARE(e.findings().size(), 1);
        const DpFinding& change = e.findings().first();
        QCOMPARE(int(change.dp), 5);
        QCOMPARE(change.item, dp5->lastItem);
        QCOMPARE(change.diagnostic.severity, Severity::Warning);
        QCOMPARE(change.diagnostic.code, diag::DpTypeChanged);
        QVERIFY(change.diagnostic.message.contains(QStringLiteral("changed type from enum to value")));
        QCOMPARE(f.infer().find(5)->notes, QStringList{change.diagnostic.message});
        QVERIFY(f.infer().find(1)->notes.isEmpty());
        // First and last sighting per dp.
        QCOMPARE(dp1->firstItem, dp1->timeline.first().item);
        QCOMPARE(dp1->lastTimeUs, dp1->timeline.last().timeUs);
    }

    // "Does it change after a given write": raising the set-point (dp 2) turns the heating output
    // (dp 102) on; the room temperature (dp 3) reports the same value and does not count; a chatty
    // dp counts once per write; a change long after the write does not count.
    void writeEffectsListWhatChangedAfterEachWrite()
    {
        Feed f;
        const QByteArray off(1, '\0'), on(1, '\1');
        f.reportValue(2, 200, 1).reportValue(3, 215, 1).report(102, DpType::Bool, off, 1).reportValue(9, 1, 1);
        f.writeValue(2, 250);                                   // item 1002
        f.reportValue(2, 250, 20).reportValue(3, 215, 20).report(102, DpType::Bool, on, 20);
        f.reportValue(9, 2, 21).reportValue(9, 3, 22).reportValue(9, 4, 23);
        f.gap(10'000'000).report(102, DpType::Bool, off, 30);   // much later: not the write's doing
        const DpEngine& e = f.engine();
        QCOMPARE(e.writeEffects().size(), 1);
        const DpWriteEffect& w = e.writeEffects().first();
        QCOMPARE(int(w.dp), 2);
        QCOMPARE(w.changed, (QVector<quint8>{2, 102, 9}));
        QCOMPARE(e.changedAfterWrite(w.item), w.changed);
        QVERIFY(e.changedAfterWrite(w.item + 1).isEmpty());
        QCOMPARE(e.find(102)->changesAfterWriteOf.value(2), 1);
        QCOMPARE(e.find(9)->changesAfterWriteOf.value(2), 1);  // three new values, one write
        QVERIFY(!e.find(3)->changesAfterWriteOf.contains(2));
        QCOMPARE(e.find(2)->changesAfterWriteOf.value(2), 1);
        QCOMPARE(f.infer().find(102)->changedAfterWrites, QStringLiteral("dp 2 (1 of 1)"));
        QVERIFY(f.infer().find(3)->changedAfterWrites.isEmpty());
    }

    // A dp that flips type on every frame yields a bounded number of findings.
    void typeChangeFindingsAreBounded()
    {
        Feed f;
        for (int i = 0; i < 100; ++i)
            i % 2 ? f.report(7, DpType::Enum, QByteArray(1, '\1')) : f.reportValue(7, i);
        QCOMPARE(f.engine().findings().size(), DpEngine::kMaxFindingsPerDp);
        QCOMPARE(f.engine().find(7)->typeChanges, 99);
    }

    void engineStaysBounded()
    {
        Feed f;
        for (int i = 0; i < 3000; ++i)
            f.reportValue(9, i);
        const dpmap::DpProfile* p = f.engine().find(9);
        QVERIFY(p);
        QCOMPARE(p->count, 3000);
        QCOMPARE(p->timeline.size(), dpmap::DpProfile::kMaxTimeline);
        QVERIFY(p->timelineOverflow);
        QCOMPARE(p->distinctValues.size(), dpmap::DpProfile::kMaxDistinct);
        QVERIFY(p->distinctOverflow);
        QCOMPARE(p->max, 2999);
    }

    // ---- synthetic roles --------------------------------------------------------------------------

    void syntheticRoles_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("dp");
        QTest::addColumn<QString>("role");
        QTest::addColumn<double>("scale");
        QTest::newRow("switch") << "switch" << 1 << "switch" << 1.0;
        QTest::newRow("countdown") << "countdown" << 9 << "countdown" << 1.0;
        QTest::newRow("brightness") << "brightness" << 2 << "brightness" << 1.0;
        QTest::newRow("colour") << "colour" << 24 << "colour_hsv" << 1.0;
        QTest::newRow("mode") << "mode" << 4 << "mode" << 1.0;
        QTest::newRow("fault") << "fault" << 26 << "fault" << 1.0;
        QTest::newRow("energy trio voltage") << "energy" << 20 << "voltage" << 0.1;
        QTest::newRow("energy trio current") << "energy" << 18 << "current" << 0.001;
        QTest::newRow("energy trio power") << "energy" << 19 << "power" << 0.1;
        QTest::newRow("energy counter") << "counter" << 17 << "energy" << 1.0;
        QTest::newRow("energy pack") << "pack" << 6 << "energy_pack" << 1.0;
        QTest::newRow("target temperature") << "thermostat" << 2 << "temperature_target" << 0.1;
        QTest::newRow("current temperature") << "thermostat" << 3 << "temperature_current" << 0.1;
        QTest::newRow("contact") << "contact" << 1 << "contact" << 1.0;
        QTest::newRow("battery level") << "contact" << 2 << "battery_level" << 1.0;
        QTest::newRow("battery state") << "contact" << 3 << "battery_state" << 1.0;
        QTest::newRow("motion") << "pir" << 101 << "motion" << 1.0;
        QTest::newRow("humidity") << "th" << 2 << "humidity" << 1.0;
        QTest::newRow("frequency") << "frequency" << 105 << "frequency" << 0.01;
        QTest::newRow("temperature x10 sensor") << "th" << 1 << "temperature_current" << 0.1;
    }

    void syntheticRoles()
    {
        QFETCH(QString, scenario);
        QFETCH(int, dp);
        QFETCH(QString, role);
        QFETCH(double, scale);
        Feed f;
        const QByteArray on(1, '\1'), off(1, '\0');
        if (scenario == QLatin1String("switch")) {
            f.write(1, DpType::Bool, on).report(1, DpType::Bool, on).write(1, DpType::Bool, off).report(1, DpType::Bool, off);
        } else if (scenario == QLatin1String("countdown")) {
            f.writeValue(9, 0).reportValue(9, 0).writeValue(9, 3600).reportValue(9, 3600);
        } else if (scenario == QLatin1String("brightness")) {
            f.write(1, DpType::Bool, on).writeValue(2, 10).reportValue(2, 10).writeValue(2, 1000).reportValue(2, 1000)
                .writeValue(2, 500).reportValue(2, 500);
        } else if (scenario == QLatin1String("colour")) {
            f.write(24, DpType::String, "00780" "3e803e8").report(24, DpType::String, "007803e803e8");
        } else if (scenario == QLatin1String("mode")) {
            f.write(4, DpType::Enum, QByteArray(1, '\2')).report(4, DpType::Enum, QByteArray(1, '\2'));
        } else if (scenario == QLatin1String("fault")) {
            f.report(26, DpType::Bitmap, QByteArray(1, '\0')).report(26, DpType::Bitmap, QByteArray(1, '\4'));
        } else if (scenario == QLatin1String("energy")) {
            // 230.0 V x 0.500 A = 115 W, reported as 1150 deci-watt; plus a distractor.
            for (int i = 0; i < 3; ++i)
                f.reportValue(18, 500 + i, 10 + i).reportValue(19, 1150 + 2 * i, 10 + i).reportValue(20, 2300 + i, 10 + i)
                    .reportValue(21, 7, 10 + i);
        } else if (scenario == QLatin1String("counter")) {
            f.reportValue(17, 7000).reportValue(17, 7012).reportValue(17, 7100).reportValue(17, 7100);
        } else if (scenario == QLatin1String("pack")) {
            f.report(6, DpType::Raw, QByteArray::fromHex("08FC0001F4000069"));
        } else if (scenario == QLatin1String("thermostat")) {
            f.writeValue(2, 205).reportValue(2, 205).reportValue(3, 213).reportValue(3, 214).writeValue(2, 210).reportValue(2, 210);
        } else if (scenario == QLatin1String("contact")) {
            f.report(1, DpType::Bool, on).report(2, DpType::Value, be32(87)).report(3, DpType::Enum, QByteArray(1, '\2'))
                .report(1, DpType::Bool, off);
        } else if (scenario == QLatin1String("pir")) {
            f.report(101, DpType::Bool, on).report(102, DpType::Enum, QByteArray(1, '\2')).report(101, DpType::Bool, off);
        } else if (scenario == QLatin1String("frequency")) {
            f.reportValue(105, 4998).reportValue(105, 5001);
        } else if (scenario == QLatin1String("th")) {
            f.reportValue(1, 215).reportValue(2, 48).reportValue(1, 217).reportValue(2, 50);
        }
        const InferenceResult r = f.infer();
        const DpRoles* roles = r.find(quint8(dp));
        QVERIFY2(roles, qPrintable(describe(r)));
        QVERIFY2(roles->best(), qPrintable(describe(r)));
        QVERIFY2(roles->best()->role == role, qPrintable(describe(r)));
        QCOMPARE(roles->best()->scale, scale);
        QVERIFY(roles->best()->confidence > 0 && roles->best()->confidence <= 1);
        QVERIFY(!roles->best()->reason.isEmpty());
        // Ranked best first.
        for (int i = 1; i < roles->roles.size(); ++i)
            QVERIFY(roles->roles[i - 1].confidence >= roles->roles[i].confidence);
    }

    // A reading that passes through the mains band but swings widely is no voltage.
    void aSwingingValueIsNotMainsVoltage()
    {
        Feed steady, swinging;
        for (const qint32 v : {2291, 2305, 2288, 2312})
            steady.reportValue(20, v);
        for (const qint32 v : {197, 893, 1520, 1389})
            swinging.reportValue(20, v);
        const InferenceResult steadyRoles = steady.infer();
        const RoleHypothesis* mains = steadyRoles.find(20)->find(QStringLiteral("voltage"));
        QVERIFY(mains);
        QCOMPARE(mains->confidence, 0.5);
        QVERIFY(mains->reason.contains(QStringLiteral("near mains")));
        const InferenceResult swingingRoles = swinging.infer();
        const RoleHypothesis* swing = swingingRoles.find(20)->find(QStringLiteral("voltage"));
        QVERIFY(swing);
        QVERIFY(swing->confidence < 0.5); // below what exports take
        QVERIFY2(swing->reason.contains(QStringLiteral("swings 19.7..152.0 V")), qPrintable(swing->reason));
    }

    // V x I is the same product whichever of two dps that read alike is the voltage (2,290 mA
    // beside 229.0 V as deci-volt): of equal fits the steadier one is the mains.
    void theSteadierOfTwoLookalikesIsTheVoltage()
    {
        Feed f;
        const qint32 amps[] = {1900, 2050, 2200, 2350, 2450, 2100};
        const qint32 volts[] = {2291, 2297, 2302, 2295, 2299, 2293};
        for (int i = 0; i < 6; ++i) // dp 18 is the current; it comes first
            f.reportValue(18, amps[i], 10 + i).reportValue(20, volts[i], 10 + i)
                .reportValue(19, qint32(std::lround(double(volts[i]) * amps[i] / 10000.0)), 10 + i);
        const InferenceResult r = f.infer();
        QVERIFY2(r.energy.consistent, qPrintable(r.energy.text));
        QCOMPARE(int(r.energy.voltageDp), 20);
        QCOMPARE(int(r.energy.currentDp), 18);
        QCOMPARE(bestRole(r, 20), QStringLiteral("voltage"));
        QCOMPARE(bestRole(r, 18), QStringLiteral("current"));
    }

    // Mains frequency is held within a fraction of a hertz: a reading wandering 42..47 is not it.
    void aWanderingReadingIsNoMainsFrequency()
    {
        Feed held, wandering;
        for (const qint32 v : {4998, 5001, 4999, 5002})
            held.reportValue(105, v);
        for (const qint32 v : {4230, 4690, 4410, 4550})
            wandering.reportValue(105, v);
        QVERIFY(held.infer().find(105)->find(QStringLiteral("frequency")));
        QVERIFY(!wandering.infer().find(105)->find(QStringLiteral("frequency")));
    }

    // One moment where two small numbers happen to agree as °C and °F says little; the same
    // pair agreeing on several temperatures is the law.
    void aSingleMomentCelsiusFahrenheitPairWeighsLittle()
    {
        Feed once, often;
        once.reportValue(30, 4, 1).reportValue(46, 40, 1);
        for (int i = 0; i < 4; ++i)
            often.reportValue(30, 20 + i, 1 + i).reportValue(46, qint32(std::lround((20 + i) * 1.8 + 32)), 1 + i);
        const InferenceResult a = once.infer();
        const InferenceResult b = often.infer();
        QCOMPARE(a.temperaturePairs.size(), 1);
        QCOMPARE(b.temperaturePairs.size(), 1);
        const auto physics = [](const InferenceResult& r) {
            double strongest = 0;
            for (const RoleHypothesis& h : r.find(46)->roles)
                strongest = std::max(strongest, h.strongestFrom(EvidenceSource::Physics));
            return strongest;
        };
        QVERIFY(physics(a) > 0);
        QVERIFY(physics(a) < physics(b));
    }

    // A set-point dialled across many degrees on the panel reports more often than the room
    // temperature beside it, but a room does not move 25 °C within a capture (the HY609 seed).
    void aDialledSetPointIsTheTarget()
    {
        Feed f;
        for (const qint32 v : {150, 50, 100, 150, 200, 250, 300, 305})
            f.reportValue(2, v);
        for (const qint32 v : {245, 265, 285})
            f.reportValue(3, v);
        const InferenceResult r = f.infer();
        QCOMPARE(bestRole(r, 2), QStringLiteral("temperature_target"));
        QCOMPARE(bestRole(r, 3), QStringLiteral("temperature_current"));
        QVERIFY2(r.find(2)->best()->reason.contains(QStringLiteral("as a dial does")), qPrintable(r.find(2)->best()->reason));
    }

    // Written values that stay inside a room set-point's window are a set-point, not a dimmer.
    void aWrittenValueInTheSetPointWindowIsNoDimmer()
    {
        Feed f;
        for (const qint32 v : {20, 22, 19, 24, 21}) {
            f.writeValue(4, v);
            f.reportValue(4, v);
        }
        for (const qint32 v : {10, 400, 750, 1000}) { // a real dimmer's levels
            f.writeValue(3, v);
            f.reportValue(3, v);
        }
        const InferenceResult r = f.infer();
        QCOMPARE(bestRole(r, 4), QStringLiteral("temperature_target"));
        QCOMPARE(bestRole(r, 3), QStringLiteral("brightness"));
        const RoleHypothesis* dimmer = nullptr;
        for (const RoleHypothesis& h : r.find(4)->roles)
            if (h.role == QLatin1String("brightness"))
                dimmer = &h;
        QVERIFY(dimmer && dimmer->reason.contains(QStringLiteral("set-point's window")));
    }

    // A value stepping in whole minutes is a timer, even where it would read as a deci-volt supply;
    // a supply that happens to sit on a multiple of 60 once is still a supply.
    void aValueInWholeMinutesIsACountdown()
    {
        Feed f;
        for (const qint32 v : {1800, 900, 2700, 1800, 0, 900})
            f.reportValue(7, v);
        for (const qint32 v : {2300, 2301, 2298, 2300, 2302, 2299})
            f.reportValue(20, v);
        const InferenceResult r = f.infer();
        QCOMPARE(bestRole(r, 7), QStringLiteral("countdown"));
        QVERIFY2(r.find(7)->best()->reason.contains(QStringLiteral("whole minutes")), qPrintable(describe(r)));
        for (const RoleHypothesis& h : r.find(7)->roles)
            QVERIFY2(h.role != QLatin1String("voltage"), qPrintable(describe(r)));
        QCOMPARE(bestRole(r, 20), QStringLiteral("voltage"));
    }

    // A three-phase meter has a V/I/P trio per phase: each is checked, not just the best one.
    void everyPhaseOfAMeterIsChecked()
    {
        Feed f;
        for (int i = 0; i < 5; ++i) {
            const int frame = 10 + i;
            f.reportValue(101, 2301 + i, frame).reportValue(102, 500 + 40 * i, frame)
                .reportValue(103, qint32(std::lround((2301 + i) * (500 + 40 * i) / 10000.0)), frame);
            f.reportValue(111, 2288 - i, frame).reportValue(112, 1500 - 60 * i, frame)
                .reportValue(113, qint32(std::lround((2288 - i) * (1500 - 60 * i) / 10000.0)), frame);
        }
        const InferenceResult r = f.infer();
        QVERIFY2(r.energy.consistent, qPrintable(r.energy.text));
        for (const int v : {101, 111})
            QVERIFY2(r.find(quint8(v))->find(QStringLiteral("voltage")) && r.find(quint8(v))->find(QStringLiteral("voltage"))->hasSource(EvidenceSource::Physics),
                     qPrintable(describe(r)));
        for (const int a : {102, 112})
            QVERIFY2(bestRole(r, quint8(a)) == QLatin1String("current"), qPrintable(describe(r)));
        for (const int w : {103, 113})
            QVERIFY2(bestRole(r, quint8(w)) == QLatin1String("power"), qPrintable(describe(r)));
    }

    // 50 or 60 Hz, held within about a hertz: 46.9 is no grid, and a reading that climbed at
    // every report is a counter, not a supply.
    void aSupplyIsNominalAndWanders()
    {
        Feed off, climbing;
        for (const qint32 v : {4691, 4693, 4690, 4692})
            off.reportValue(105, v);
        QVERIFY(!off.infer().find(105)->find(QStringLiteral("frequency")));
        for (int i = 0; i < 12; ++i)
            climbing.reportValue(20, 2290 + 2 * i);
        const InferenceResult r = climbing.infer();
        const RoleHypothesis* v = r.find(20)->find(QStringLiteral("voltage"));
        QVERIFY(v);
        QVERIFY2(v->reason.contains(QStringLiteral("climbed at every report")), qPrintable(v->reason));
        QCOMPARE(bestRole(r, 20), QStringLiteral("energy"));
    }

    // A setting nobody touched shows once, in the status dump, while measurements report all
    // along: a temperature seen once is no room temperature, even beside a written set-point.
    void aTemperatureReportedOnceIsASetting()
    {
        Feed f;
        f.reportValue(4, 215, 1).reportValue(5, 180, 1); // the dump: dp 4 the room, dp 5 eco set-point
        for (int i = 0; i < 6; ++i)
            f.reportValue(4, 215 + (i % 3), 2 + i);
        f.writeValue(2, 220).reportValue(2, 220);
        const InferenceResult r = f.infer();
        QCOMPARE(bestRole(r, 4), QStringLiteral("temperature_current"));
        QCOMPARE(bestRole(r, 5), QStringLiteral("temperature_target"));
        QVERIFY2(r.find(5)->best()->reason.contains(QStringLiteral("a setting nobody changed")), qPrintable(describe(r)));
        const RoleHypothesis* room5 = r.find(5)->find(QStringLiteral("temperature_current"));
        QVERIFY(!room5 || !room5->reason.contains(QStringLiteral("reported most often (1 times")));
    }

    // 40..60 at x1, only reported: warm for a room, typical of a relative humidity.
    void aWarmReadingIsRatherHumidity()
    {
        Feed f;
        for (const qint32 v : {44, 52, 47, 58, 41})
            f.reportValue(3, v);
        const InferenceResult r = f.infer();
        const RoleHypothesis* humidity = r.find(3)->find(QStringLiteral("humidity"));
        const RoleHypothesis* room = r.find(3)->find(QStringLiteral("temperature_current"));
        QVERIFY(humidity && room);
        QVERIFY2(humidity->confidence > room->confidence, qPrintable(describe(r)));
    }

    void energyTrioInconsistencyLowersConfidence()
    {
        Feed good, bad;
        // dps no category map knows, so only the check itself moves the confidence.
        good.reportValue(118, 500, 1).reportValue(119, 1150, 1).reportValue(120, 2300, 1);
        bad.reportValue(118, 500, 1).reportValue(119, 800, 1).reportValue(120, 2300, 1); // 80 W vs 115 VA
        const InferenceResult g = good.infer();
        const InferenceResult b = bad.infer();
        QVERIFY(g.energy.consistent);
        QVERIFY2(g.energy.text.contains(QStringLiteral("~")), qPrintable(g.energy.text));
        QVERIFY(!b.energy.consistent);
        QVERIFY2(b.energy.text.contains(QStringLiteral(" vs ")), qPrintable(b.energy.text));
        QVERIFY(!g.category.profile && !b.category.profile);
        const RoleHypothesis* gv = g.find(120)->find(QStringLiteral("voltage"));
        const RoleHypothesis* bv = b.find(120)->find(QStringLiteral("voltage"));
        QVERIFY(gv && bv);
        QVERIFY(gv->confidence > bv->confidence);
    }

    void inferenceIsDeterministic()
    {
        Feed f;
        f.reportValue(18, 83).reportValue(19, 200).reportValue(20, 2400).report(1, DpType::Bool, QByteArray(1, '\1'));
        QCOMPARE(describe(f.infer()), describe(f.infer()));
    }

    void energyPackLayouts_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<double>("volts");
        QTest::addColumn<double>("amps");
        QTest::addColumn<double>("watts");
        // The reference example: bytes 2 and 5 are zero, so both readings agree; the 16-bit one leads.
        QTest::newRow("8 bytes (reference example)") << QByteArray("08FC0001F4000069") << "RAW_TAC2121C_VCP" << 230.0 << 0.5 << 105.0;
        QTest::newRow("8 bytes, 24-bit") << QByteArray("08FC0186A00059D8") << "RAW_V2C3P3" << 230.0 << 100.0 << 23000.0;
        QTest::newRow("8 bytes, 16-bit") << QByteArray("0960000053000014") << "RAW_TAC2121C_VCP" << 240.0 << 0.083 << 20.0;
        QTest::newRow("6 bytes") << QByteArray("08FC001400C8") << "RAW_TAC2121C_VCP" << 230.0 << 2.0 << 20.0;
        QTest::newRow("15 bytes VCPPfF") << QByteArray("08FC0001F40000690000000384C350") << "RAW_VCPPfF" << 230.0 << 0.5 << 105.0;
    }

    void energyPackLayouts()
    {
        QFETCH(QByteArray, hex);
        QFETCH(QString, layout);
        QFETCH(double, volts);
        QFETCH(double, amps);
        QFETCH(double, watts);
        const QVector<EnergyPack> packs = decodeEnergyPack(QByteArray::fromHex(hex));
        QVERIFY(!packs.isEmpty());
        QCOMPARE(packs.first().layout, layout);
        QCOMPARE(packs.first().volts, volts);
        QCOMPARE(packs.first().amps, amps);
        QCOMPARE(packs.first().watts, watts);
        QVERIFY(decodeEnergyPack(QByteArray::fromHex("0102")).isEmpty());
    }

    // ---- seeds and real captures --------------------------------------------------------------------

    void seed001PowerMeteringLog()
    {
        QString error;
        const InferenceResult r = inferFiles({test::sharedPath(QStringLiteral("seeds/001_36c5a254ea5fcf82.txt"))}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(bestRole(r, 104) == QLatin1String("voltage"), qPrintable(describe(r)));
        QVERIFY2(bestRole(r, 103) == QLatin1String("power"), qPrintable(describe(r)));
        QVERIFY2(bestRole(r, 102) == QLatin1String("current"), qPrintable(describe(r)));
        QCOMPARE(r.find(104)->best()->scale, 0.1);
        QCOMPARE(r.find(103)->best()->scale, 0.1);
        QCOMPARE(r.find(102)->best()->scale, 0.001);
        QCOMPARE(r.find(102)->best()->unit, QStringLiteral("A"));
        QVERIFY(r.energy.consistent);
        QCOMPARE(int(r.energy.voltageDp), 104);
        QVERIFY2(r.find(104)->best()->reason.contains(QStringLiteral("V x I")), qPrintable(r.find(104)->best()->reason));
        QVERIFY(r.find(104)->best()->confidence >= 0.8);
    }

    void trackerFeedsTheEngineFromFieldTrees()
    {
        const LoadResult loaded = loadCaptureFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))});
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const McuSession session = McuSession::analyze(loaded.capture);
        DpTracker tracker;
        for (int i = 0; i < session.itemCount(); ++i)
            tracker.add(i, session.item(i).timeUs, session.item(i).direction, session.dissect(i));
        const DpEngine direct = DpEngine::fromSession(session);
        QCOMPARE(tracker.engine().profiles().size(), direct.profiles().size());
        for (const dpmap::DpProfile& p : direct.profiles()) {
            const dpmap::DpProfile* fromTree = tracker.engine().find(p.id);
            QVERIFY(fromTree);
            QCOMPARE(fromTree->type, p.type);
            QCOMPARE(fromTree->count, p.count);
            QCOMPARE(fromTree->lastValue, p.lastValue);
        }
        QCOMPARE(describe(inferRoles(tracker.engine())), describe(inferRoles(direct)));
        tracker.clear();
        QVERIFY(tracker.engine().profiles().isEmpty());
    }

    // The 0x01 answer's product id reaches the engine from the raw session and from field trees
    // alike; a known id selects its category outright.
    void productIdsSelectTheirCategory_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("productId");
        QTest::addColumn<QString>("source"); // of the matched category profile
        const QString real = QStringLiteral("captures/tuyamcu-real/");
        QTest::newRow("clamp") << QStringList{test::sharedPath(real + QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_rx.bin")),
                                              test::sharedPath(real + QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_tx.bin"))}
                               << "djfep9s6s3b2qk89" << "PJ-MGW1103 CT clamp (OpenBeken autoexec)";
        QTest::newRow("door click") << QStringList{test::sharedPath(real + QStringLiteral("door_sensor_click_rxd.txt")),
                                                   test::sharedPath(real + QStringLiteral("door_sensor_click_txd.bin"))}
                                    << "e7dny8zvmiyhqerw" << "contact sensor (Tasmota docs)";
        // The TYWE3S files hold the handshake only: no dp unit, yet the product says "door sensor".
        QTest::newRow("door TYWE3S") << QStringList{test::sharedPath(real + QStringLiteral("doorsensor_tywe3s_rxpin_onDoorOpen_hex.txt")),
                                                    test::sharedPath(real + QStringLiteral("doorsensor_tywe3s_txpin_doorOpen_hex.txt"))}
                                     << "3slpirlnlqp0bqo1" << "contact sensor (Tasmota docs)";
        // A product that is not in the table: the category comes from the dp set.
        QTest::newRow("meter") << QStringList{test::sharedPath(real + QStringLiteral("AT4PBW_2.bin"))} << "2gieccf4oefewusc"
                               << "TAC2121C / TOMPD DIN-rail meter (OpenBeken autoexec)";
    }

    void productIdsSelectTheirCategory()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, productId);
        QFETCH(QString, source);
        const LoadResult loaded = loadCaptureFiles(files);
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const McuSession session = McuSession::analyze(loaded.capture);
        const DpEngine direct = DpEngine::fromSession(session);
        QCOMPARE(direct.productId(), productId);
        DpTracker tracker;
        for (int i = 0; i < session.itemCount(); ++i)
            tracker.add(i, session.item(i).timeUs, session.item(i).direction, session.dissect(i));
        QCOMPARE(tracker.engine().productId(), productId);
        const InferenceResult r = inferRoles(direct);
        QVERIFY(r.category.profile);
        QCOMPARE(r.category.profile->source, source);
        const bool known = r.category.profile->productIds.contains(productId);
        QCOMPARE(r.category.score == 1.0, known);
        QCOMPARE(r.category.reason.contains(productId), known);
    }

    // Seed 003's low-power MCU answers {"P": ...}: key case does not matter.
    void productIdKeyIsCaseInsensitive()
    {
        Capture capture;
        capture.append(0, Direction::McuToModule, 0,
                       encodeFrame(0x00, 0x01, QByteArrayLiteral("{\"P\":\"Okurono2XLVRV0fB\",\"v\":\"1.1.0\"}")));
        const McuSession session = McuSession::analyze(capture);
        QCOMPARE(DpEngine::fromSession(session).productId(), QStringLiteral("Okurono2XLVRV0fB"));
        DpTracker tracker;
        tracker.add(0, 0, Direction::McuToModule, session.dissect(0));
        QCOMPARE(tracker.engine().productId(), QStringLiteral("Okurono2XLVRV0fB"));
        // A module's frames never set it.
        DpTracker moduleSide;
        moduleSide.add(0, 0, Direction::ModuleToMcu, session.dissect(0));
        QVERIFY(moduleSide.engine().productId().isEmpty());
    }

    void textUnitsReadBack_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("bool") << "bool" << "true" << true << QByteArray("01");
        QTest::newRow("value negative") << "value" << "-10" << true << QByteArray("fffffff6");
        QTest::newRow("enum") << "enum" << "2" << true << QByteArray("02");
        QTest::newRow("bitmap") << "bitmap" << "0x0004" << true << QByteArray("0004");
        QTest::newRow("string") << "string" << "\"0078\"" << true << QByteArray("30303738");
        QTest::newRow("raw") << "raw" << "08FC00" << true << QByteArray("08fc00");
        QTest::newRow("lan number") << "" << "245" << true << QByteArray("000000f5");
        QTest::newRow("bad value") << "value" << "abc" << false << QByteArray();
        QTest::newRow("unknown type") << "type 0x07" << "00" << false << QByteArray();
    }

    void textUnitsReadBack()
    {
        QFETCH(QString, type);
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QByteArray, hex);
        DpObservation o;
        QCOMPARE(dpObservationFromText(QStringLiteral("7"), type, text, &o), ok);
        if (ok) {
            QCOMPARE(o.id, quint8(7));
            QCOMPARE(o.value.toHex(), hex);
        }
        QVERIFY(!dpObservationFromText(QStringLiteral("300"), QStringLiteral("bool"), QStringLiteral("true"), &o));
    }

    void realCaptures_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<int>("dp");
        QTest::addColumn<QString>("role");
        QTest::addColumn<double>("scale");
        const QString hy609 = test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"));
        QTest::newRow("hy609 power") << QStringList{hy609} << 1 << "switch" << 1.0;
        QTest::newRow("hy609 target") << QStringList{hy609} << 2 << "temperature_target" << 0.1;
        QTest::newRow("hy609 current") << QStringList{hy609} << 3 << "temperature_current" << 0.1;
        QTest::newRow("hy609 mode") << QStringList{hy609} << 4 << "mode" << 1.0;
        QTest::newRow("hy609 fault") << QStringList{hy609} << 12 << "fault" << 1.0;
        QTest::newRow("hy609 schedule") << QStringList{hy609} << 119 << "schedule" << 1.0;
        QTest::newRow("hy609 schedule 122") << QStringList{hy609} << 122 << "schedule" << 1.0;
        QTest::newRow("hy609 program enum") << QStringList{hy609} << 118 << "mode" << 1.0;
        const QString real = QStringLiteral("captures/tuyamcu-real/");
        const QStringList clamp{test::sharedPath(real + QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_rx.bin")),
                                test::sharedPath(real + QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_tx.bin"))};
        QTest::newRow("clamp current") << clamp << 18 << "current" << 0.001;
        QTest::newRow("clamp power") << clamp << 19 << "power" << 0.1;
        QTest::newRow("clamp voltage") << clamp << 20 << "voltage" << 0.1;
        const QStringList th06{test::sharedPath(real + QStringLiteral("th06_capt_on_wb3s_rxd1_timestamps.txt"))};
        QTest::newRow("th06 temperature") << th06 << 1 << "temperature_current" << 0.1;
        QTest::newRow("th06 humidity") << th06 << 2 << "humidity" << 1.0;
        QTest::newRow("colours") << QStringList{test::sharedPath(real + QStringLiteral("TuyaMCUColors.txt"))} << 24 << "colour_hsv" << 1.0;
        const QStringList meter{test::sharedPath(real + QStringLiteral("AT4PBW_2.bin"))};
        QTest::newRow("meter relay") << meter << 16 << "switch" << 1.0;
        QTest::newRow("meter V/I/P pack (idle)") << meter << 6 << "energy_pack" << 1.0;
        QTest::newRow("meter frequency") << meter << 13 << "frequency" << 0.001;
        const QStringList door{test::sharedPath(real + QStringLiteral("door_sensor_click_rxd.txt")),
                               test::sharedPath(real + QStringLiteral("door_sensor_click_txd.bin"))};
        QTest::newRow("door contact") << door << 1 << "contact" << 1.0;
        QTest::newRow("door battery") << door << 3 << "battery_state" << 1.0;
    }

    // Seed 004 (HY609): every dp the reference documents (TuyaMCU reference 13.2), with its type,
    // and nothing else; dp 109 keeps its negative values.
    void hy609DpsAreTheOnesTheReferenceDocuments()
    {
        QString error;
        const InferenceResult r = inferFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QMap<int, DpType> documented{{1, DpType::Bool}, {2, DpType::Value}, {3, DpType::Value}, {4, DpType::Enum},
                                     {6, DpType::Bool}, {12, DpType::Bitmap}, {109, DpType::Value}, {116, DpType::Enum},
                                     {117, DpType::Enum}, {118, DpType::Enum}};
        for (int id : {101, 102, 106, 107, 108})
            documented.insert(id, DpType::Bool);
        for (int id : {103, 104, 105, 110, 111, 112, 113, 114, 115})
            documented.insert(id, DpType::Value);
        for (int id = 119; id <= 122; ++id)
            documented.insert(id, DpType::Raw);
        QCOMPARE(r.dps.size(), documented.size());
        for (const DpRoles& dp : r.dps) {
            QVERIFY2(documented.contains(dp.id), qPrintable(QString::number(dp.id)));
            QCOMPARE(int(dp.type), int(documented.value(dp.id)));
        }
        QVERIFY(r.category.profile);
        QCOMPARE(r.category.profile->key, QStringLiteral("thermostat"));
    }

    void realCaptures()
    {
        QFETCH(QStringList, files);
        QFETCH(int, dp);
        QFETCH(QString, role);
        QFETCH(double, scale);
        QString error;
        const InferenceResult r = inferFiles(files, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const DpRoles* roles = r.find(quint8(dp));
        QVERIFY2(roles && roles->best(), qPrintable(describe(r)));
        QVERIFY2(roles->best()->role == role, qPrintable(describe(r)));
        QCOMPARE(roles->best()->scale, scale);
    }
};

QTEST_GUILESS_MAIN(TestRoleInference)
#include "tst_role_inference.moc"
