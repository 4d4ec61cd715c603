// Suggestions in a live session (issue 13.8): replayed frame by frame as a live capture grows,
// a steady device's suggestions do not flip; a suggestion changes only when new evidence
// outweighs the old, with when and why; a suggestion younger than its evidence window is not
// settled (so "Accept Confident Suggestions" leaves it alone).
#include "capture/Capture.h"
#include "dpmap/DpEngine.h"
#include "dpmap/DpTypeCodes.h"
#include "dpmap/RoleInference.h"
#include "dpmap/SuggestionTracker.h"
#include "import/CaptureLoader.h"
#include "support/TestSupport.h"
#include "tuyamcu/McuSession.h"

#include <QRandomGenerator>
#include <QTest>

using namespace tuyascope;
using namespace tuyascope::dpmap;

namespace {

QByteArray be32(qint64 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((quint32(qint32(v)) >> (24 - 8 * i)) & 0xFF);
    return b;
}

struct LiveFeed {
    DpEngine engine;
    SuggestionTracker tracker;
    int item = 0;
    void unit(quint8 id, quint8 type, const QByteArray& value, qint64 timeUs, bool written = false)
    {
        DpObservation o;
        o.id = id;
        o.type = type;
        o.value = value;
        o.timeUs = timeUs;
        o.item = item;
        o.written = written;
        engine.add(o);
    }
    void endFrame() { ++item; }
    QVector<quint8> refresh(qint64 nowUs) { return tracker.update(inferRoles(engine), engine, nowUs); }
    QString role(quint8 dp) const { return tracker.current(dp) ? tracker.current(dp)->role : QString(); }
};

// Replays recorded files as a live session: the capture grows by `step` records, and the
// suggestions are refreshed after each step, as the window does while it captures.
int replayFlips(const QStringList& files, int step, SuggestionTracker& tracker, QString* error)
{
    const LoadResult loaded = loadCaptureFiles(files);
    if (!loaded.ok) {
        *error = loaded.error;
        return -1;
    }
    const Capture& all = loaded.capture;
    for (int end = step; end < all.recordCount() + step; end += step) {
        Capture prefix;
        for (const ChannelInfo& c : all.channels())
            prefix.addChannel(c);
        const int n = std::min(end, all.recordCount());
        qint64 now = 0;
        for (int i = 0; i < n; ++i) {
            const Record r = all.record(i);
            prefix.append(r.timeUs, r.direction, r.channel, r.bytes);
            now = std::max(now, r.timeUs);
        }
        const DpEngine engine = DpEngine::fromSession(mcu::McuSession::analyze(prefix));
        tracker.update(inferRoles(engine), engine, now);
    }
    return tracker.flips();
}

} // namespace

class TestSuggestions : public QObject {
    Q_OBJECT

private slots:
    // The live energy plug: V, I, P reported each second, a minute and more of it.
    void steadyEnergyPlugDoesNotFlip()
    {
        LiveFeed f;
        QRandomGenerator rng(3);
        qint64 t = 0;
        for (int second = 0; second < 120; ++second) {
            t += 1'000'000 + qint64(rng.bounded(50'000u));
            const qint64 deciVolts = 2290 + rng.bounded(30u);
            const qint64 milliAmps = 400 + rng.bounded(40u);
            f.unit(1, kBool, QByteArray(1, '\1'), t);
            f.unit(18, kValue, be32(milliAmps), t);
            f.unit(19, kValue, be32(deciVolts * milliAmps / 10000), t);
            f.unit(20, kValue, be32(deciVolts), t);
            f.endFrame();
            f.refresh(t);
        }
        QCOMPARE(f.tracker.flips(), 0);
        QCOMPARE(f.role(19), QStringLiteral("power"));
        QCOMPARE(f.role(18), QStringLiteral("current"));
        QCOMPARE(f.role(20), QStringLiteral("voltage"));
        QCOMPARE(f.role(1), QStringLiteral("switch"));
        for (const quint8 dp : {quint8(1), quint8(18), quint8(19), quint8(20)})
            QVERIFY(f.tracker.settled(dp, f.engine, t));
    }

    // The live thermostat: the set-point reported once, the room temperature every
    // few seconds; once the room temperature is seen often, the set-point stays the set-point.
    void liveThermostatKeepsItsSetPoint()
    {
        LiveFeed f;
        qint64 t = 1'000'000;
        f.unit(1, kBool, QByteArray(1, '\1'), t);
        f.unit(2, kValue, be32(215), t);
        f.unit(3, kValue, be32(203), t);
        f.unit(4, kEnum, QByteArray(1, '\0'), t);
        f.unit(6, kBool, QByteArray(1, '\0'), t);
        f.unit(12, kBitmap, QByteArray(1, '\0'), t);
        f.endFrame();
        f.refresh(t);
        // The user raises the set-point once: the module writes it, the MCU echoes it.
        t += 2'000'000;
        f.unit(2, kValue, be32(225), t, true);
        f.endFrame();
        f.unit(2, kValue, be32(225), t + 100'000);
        f.endFrame();
        f.refresh(t);
        for (int i = 0; i < 116; ++i) {
            t += 5'000'000;
            f.unit(3, kValue, be32(203 + (i % 7) - 3), t);
            f.endFrame();
            f.refresh(t);
        }
        const InferenceResult r = inferRoles(f.engine);
        QStringList all;
        for (const DpRoles& d : r.dps)
            for (const RoleHypothesis& h : d.roles)
                all << QStringLiteral("dp%1 %2 %3 [%4]").arg(d.id).arg(h.role).arg(h.confidence).arg(h.reason);
        QVERIFY2(f.role(2) == QLatin1String("temperature_target"), qPrintable(all.join(QLatin1Char('\n'))));
        QCOMPARE(f.role(3), QStringLiteral("temperature_current"));
        QVERIFY2(f.tracker.flips() <= 1, qPrintable(QString::number(f.tracker.flips())));
        for (const SuggestionChange& c : f.tracker.changes())
            QVERIFY(!c.why.isEmpty());
    }

    void replayedRealCapturesHoldTheirSuggestions_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<int>("step");
        QTest::newRow("HY609 thermostat") << QStringList{test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))} << 4;
        QTest::newRow("MTS-700-WB thermostat")
            << QStringList{test::sharedPath(QStringLiteral("captures/tuyamcu-real/MTS-700-WB-TuyaMCU-capture.txt"))} << 10;
        QTest::newRow("TH06 thermometer")
            << QStringList{test::sharedPath(QStringLiteral("captures/tuyamcu-real/th06_capt_on_wb3s_rxd1_timestamps.txt"))} << 4;
    }

    void replayedRealCapturesHoldTheirSuggestions()
    {
        QFETCH(QStringList, files);
        QFETCH(int, step);
        SuggestionTracker tracker;
        QString error;
        const int flips = replayFlips(files, step, tracker, &error);
        QVERIFY2(flips >= 0, qPrintable(error));
        QStringList why;
        for (const SuggestionChange& c : tracker.changes())
            if (!c.from.isEmpty())
                why << QStringLiteral("dp %1 %2 -> %3: %4").arg(c.dp).arg(c.from, c.to, c.why);
        QVERIFY2(flips == 0, qPrintable(why.join(QStringLiteral("; "))));
    }

    // Evidence that outweighs the old changes the suggestion once, and says when and why.
    void newEvidenceChangesTheSuggestionOnce()
    {
        LiveFeed f;
        qint64 t = 1'000'000;
        // First a total that only grows: an energy counter.
        for (int i = 0; i < 15; ++i, t += 2'000'000) {
            f.unit(17, kValue, be32(7000 + 12 * i), t);
            f.endFrame();
            f.refresh(t);
        }
        QCOMPARE(f.role(17), QStringLiteral("energy"));
        QVERIFY(f.tracker.settled(17, f.engine, t));
        // Then it goes up and down: an energy total never decreases, so it is something else.
        for (int i = 0; i < 30; ++i, t += 2'000'000) {
            f.unit(17, kValue, be32(i % 2 ? 20 : 40 + i), t);
            f.endFrame();
            f.refresh(t);
        }
        QVERIFY(f.role(17) != QLatin1String("energy"));
        QCOMPARE(f.tracker.flips(), 1);
        const QVector<SuggestionChange> changes = f.tracker.changesOf(17);
        QCOMPARE(changes.last().from, QStringLiteral("energy"));
        QVERIFY(!changes.last().provisional);
        QVERIFY(changes.last().timeUs > changes.first().timeUs);
        QVERIFY2(changes.last().why.contains(QStringLiteral("outweighs energy")), qPrintable(changes.last().why));
    }

    // A suggestion younger than its evidence window is not settled.
    void youngSuggestionsAreNotSettled()
    {
        LiveFeed f;
        f.unit(1, kBool, QByteArray(1, '\1'), 1'000'000, true);
        f.unit(1, kBool, QByteArray(1, '\1'), 1'100'000);
        f.endFrame();
        f.refresh(1'100'000);
        QCOMPARE(f.role(1), QStringLiteral("switch"));
        QVERIFY(!f.tracker.settled(1, f.engine, 1'100'000));
        QVERIFY(!f.tracker.settled(1, f.engine, 60'000'000)); // old enough, but too few reports
        for (int i = 0; i < 3; ++i) {
            f.unit(1, kBool, QByteArray(1, char(i % 2)), 2'000'000 + i * 1'000'000);
            f.endFrame();
        }
        QVERIFY(!f.tracker.settled(1, f.engine, 5'000'000)); // enough reports, too young
        QVERIFY(f.tracker.settled(1, f.engine, 11'100'000));
    }
};

QTEST_GUILESS_MAIN(TestSuggestions)
#include "tst_suggestions.moc"
