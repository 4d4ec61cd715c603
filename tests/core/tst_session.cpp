// Session analysis: timeline, family per session from evidence, inferred directions, links,
// and the dpId table — on the HY609 capture of seed 004 and on built captures.

#include "dpmap/DpEngine.h"
#include "import/CaptureLoader.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuSession.h"

#include <QFile>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

Capture captureOf(const QVector<QPair<Direction, QString>>& frames)
{
    Capture c;
    c.addChannel(ChannelInfo{QStringLiteral("test"), Direction::Unknown, QString(), QString(), 0});
    qint64 t = 1'700'000'000'000'000;
    for (const auto& [direction, hex] : frames) {
        c.append(t, direction, 0, test::fromHex(hex));
        t += 10'000;
    }
    return c;
}

int countDiagnostic(const McuSession& s, const QString& code)
{
    int n = 0;
    for (int i = 0; i < s.itemCount(); ++i)
        n += s.dissect(i).hasDiagnostic(code) ? 1 : 0;
    return n;
}

// The values the seed prints for a dpId, in order, read from its "fnId=N ... V=x" lines.
QVector<qint64> seedValues(const QString& text, int dpId)
{
    QVector<qint64> values;
    const QRegularExpression re(QStringLiteral("fnId=%1 (Bool|Val|Enum|Bitmap) V=(-?\\d+)").arg(dpId));
    auto it = re.globalMatch(text);
    while (it.hasNext())
        values.push_back(it.next().captured(2).toLongLong());
    return values;
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void hy609SeedDecodesToTheDpTableItDescribes()
    {
        const QString seedPath = test::sharedPath(QStringLiteral("seeds/004_cdd815c9710f97b2.txt"));
        const QString seed = QString::fromUtf8(test::readFile(seedPath));
        QVERIFY2(!seed.isEmpty(), qPrintable(seedPath));
        const LoadResult loaded = loadCaptureFiles({seedPath});
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const McuSession session = McuSession::analyze(loaded.capture);
        QCOMPARE(session.badChecksumCount(), 0);
        QCOMPARE(session.frameCount(), int(seed.count(QStringLiteral("\n55 AA "))));
        for (int i = 0; i < session.itemCount(); ++i) {
            if (session.item(i).kind != ItemKind::Frame)
                continue;
            QCOMPARE(session.item(i).family, Family::Standard);
            QCOMPARE(session.item(i).direction, Direction::McuToModule); // inferred from version 0x03
            QVERIFY(session.item(i).directionInferred);
        }

        const dpmap::DpEngine table = dpmap::DpEngine::fromSession(session);
        // dp2: the set-point, 150 -> ... -> 305 (30.5 degC) and down to 50.
        const dpmap::DpProfile* dp2 = table.find(2);
        QVERIFY(dp2);
        QCOMPARE(dp2->type, quint8(DpType::Value));
        const QVector<qint64> dp2Seed = seedValues(seed, 2);
        QCOMPARE(dp2->count, int(dp2Seed.size()));
        QCOMPARE(dp2->min, *std::min_element(dp2Seed.begin(), dp2Seed.end()));
        QCOMPARE(dp2->max, *std::max_element(dp2Seed.begin(), dp2Seed.end()));
        QCOMPARE(dp2->max, qint64(305));
        QCOMPARE(dpIntegerValue(dp2->type, dp2->distinctValues.first()), qint64(150));
        // dp4: mode enum; dp109: signed value -10, 20, 30.
        QCOMPARE(table.find(4)->type, quint8(DpType::Enum));
        const dpmap::DpProfile* dp109 = table.find(109);
        QVERIFY(dp109);
        QCOMPARE(dp109->min, qint64(-10));
        QCOMPARE(dp109->max, qint64(30));
        QCOMPARE(dp109->count, int(seedValues(seed, 109).size()));
        // dp119..122: raw 9-byte schedules.
        for (quint8 id = 119; id <= 122; ++id) {
            const dpmap::DpProfile* raw = table.find(id);
            QVERIFY2(raw, qPrintable(QString::number(id)));
            QCOMPARE(raw->type, quint8(DpType::Raw));
            QCOMPARE(raw->lastValue.size(), 9);
        }
        QCOMPARE(table.find(119)->lastValue, test::fromHex(QStringLiteral("06001408000F0B1E0F")));
        // Every dpId the seed names is in the table, and nothing else.
        QSet<int> seedIds;
        const QRegularExpression idRe(QStringLiteral("fnId=(\\d+)"));
        for (auto it = idRe.globalMatch(seed); it.hasNext();)
            seedIds.insert(it.next().captured(1).toInt());
        QCOMPARE(table.profiles().size(), seedIds.size());
        for (const dpmap::DpProfile& s : table.profiles()) {
            QVERIFY(seedIds.contains(s.id));
            QVERIFY(!s.writtenByModule()); // the teardown only tapped the MCU line
        }
    }

    void embeddedDemoCaptureMatchesTheSeed()
    {
        QFile resource(QStringLiteral(":/tuyascope/captures/hy609-thermostat.txt"));
        QVERIFY(resource.open(QIODevice::ReadOnly));
        const LoadResult loaded = loadCaptureData(resource.readAll(), resource.fileName());
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const McuSession session = McuSession::analyze(loaded.capture);
        QVERIFY(session.frameCount() > 50);
        QCOMPARE(session.badChecksumCount(), 0);
        QCOMPARE(session.garbageBytes(), qint64(0));
        QCOMPARE(dpmap::DpEngine::fromSession(session).find(2)->max, qint64(305));
    }

    void standardSessionIsLockedByVersionAndHeartbeat()
    {
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::ModuleToMcu, QStringLiteral("55AA00000000FF")},
            {Direction::McuToModule, QStringLiteral("55AA030000010003")},
            {Direction::ModuleToMcu, QStringLiteral("55AA0008000007")},
            {Direction::McuToModule, QStringLiteral("55AA03070005010100010112")},
            {Direction::McuToModule, QStringLiteral("55AA030700080202000400000096AF")},
            {Direction::ModuleToMcu, QStringLiteral("55AA0006000501010001000D")},
            {Direction::McuToModule, QStringLiteral("55AA03070005010100010011")},
        }));
        QCOMPARE(s.itemCount(), 7);
        for (const McuItem& it : s.items())
            QCOMPARE(it.family, Family::Standard);
        // The reply 0x00 (MCU just started) opens a power-cycle segment, decided by that frame.
        QCOMPARE(s.segments().size(), 2);
        QVERIFY2(s.familyEvidence(3).contains(QStringLiteral("#1")), qPrintable(s.familyEvidence(3)));
        // Links: heartbeat -> reply, query -> the burst of reports, set -> report.
        QCOMPARE(s.item(1).answerOf, 0);
        QCOMPARE(s.item(0).firstAnswer, 1);
        QCOMPARE(s.item(3).answerOf, 2);
        QCOMPARE(s.item(4).answerOf, 2);
        QCOMPARE(s.item(6).answerOf, 5);
    }

    void lowPowerSessionFromTheHandshakeDecodesAmbiguousCommands()
    {
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::ModuleToMcu, QStringLiteral("55AA0001000000")},
            {Direction::McuToModule, QStringLiteral("55AA000100247B2270223A2261626364313233346566676835363738222C2276223A22312E302E30227D67")},
            {Direction::ModuleToMcu, QStringLiteral("55AA000200010406")},
            {Direction::McuToModule, QStringLiteral("55AA0002000001")},
            {Direction::McuToModule, QStringLiteral("55AA0006000005")},
            {Direction::ModuleToMcu, QStringLiteral("55AA000600080118050E091E000262")},
            {Direction::McuToModule, QStringLiteral("55AA0005000A010100010103040001021C")},
            {Direction::ModuleToMcu, QStringLiteral("55AA000500010005")},
        }));
        for (const McuItem& it : s.items())
            QCOMPARE(it.family, Family::LowPower);
        // 0x06 is "obtain local time" here, not "set DP".
        const Dissection timeReply = s.dissect(5);
        QVERIFY(timeReply.findField(QStringLiteral("tuyamcu.time")) >= 0);
        QVERIFY(timeReply.findField(QStringLiteral("dp")) < 0);
        QVERIFY(s.dissect(5).field(timeReply.findField(QStringLiteral("tuyamcu.family"))).value.contains(QStringLiteral("#2")));
        QCOMPARE(s.item(7).answerOf, 6); // the ack that lets the MCU power the module down
        QCOMPARE(dpmap::DpEngine::fromSession(s).find(3)->type, quint8(DpType::Enum));
    }

    // Only low-power commands, none of them a decisive one: their layouts decide (issue 13.9),
    // so nothing falls back to the standard names or "unknown command".
    void lowPowerOnlyCaptureIsDecidedByLayouts()
    {
        const auto frame = [](quint8 cmd, const QByteArray& data) { return QString::fromLatin1(encodeFrame(0x00, cmd, data).toHex()); };
        const Capture c = captureOf({{Direction::Unknown, frame(0x01, QByteArray())},
                                     {Direction::Unknown, frame(0x0B, QByteArray())},
                                     {Direction::Unknown, frame(0x0B, QByteArray::fromHex("0040"))},
                                     {Direction::Unknown, frame(0x0C, QByteArray::fromHex("01"))},
                                     {Direction::Unknown, frame(0x04, QByteArray::fromHex("00"))},
                                     {Direction::Unknown, frame(0x07, QByteArray::fromHex("0150"))}});
        const McuSession s = McuSession::analyze(c);
        for (int i = 0; i < s.itemCount(); ++i) {
            QCOMPARE(s.item(i).family, Family::LowPower);
            const Dissection d = s.dissect(i);
            QVERIFY2(!d.hasDiagnostic(QStringLiteral("FAMILY_UNDECIDED")), qPrintable(d.summary));
            QVERIFY2(!d.summary.contains(QStringLiteral("std:")), qPrintable(d.summary));
        }
        QVERIFY2(s.familyEvidence(0).contains(QStringLiteral("low-power")), qPrintable(s.familyEvidence(0)));
        QVERIFY(s.dissect(5).summary.contains(QStringLiteral("Wi-Fi function test")));

        // The same commands with standard payloads stay standard (0x07 with DP units).
        const McuSession std = McuSession::analyze(captureOf({{Direction::Unknown, frame(0x07, QByteArray::fromHex("0101000101"))}}));
        QCOMPARE(std.item(0).family, Family::Standard);
    }

    void mcuRequestsAreLinkedToTheModulesReplies()
    {
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::McuToModule, QStringLiteral("55AA031C00001E")},
            {Direction::McuToModule, QStringLiteral("55AA0324000026")},
            {Direction::ModuleToMcu, QStringLiteral("55AA001C00080118050E091E000278")},
            {Direction::ModuleToMcu, QStringLiteral("55AA00240001C4E8")},
            {Direction::McuToModule, QStringLiteral("55AA0322000D0101000100020200040000002A66")},
            {Direction::ModuleToMcu, QStringLiteral("55AA002300010124")},
        }));
        QCOMPARE(s.item(2).answerOf, 0); // local time reply answers 0x1C
        QCOMPARE(s.item(3).answerOf, 1); // RSSI reply answers 0x24, even with another request between
        QCOMPARE(s.item(5).answerOf, 4); // 0x23 acknowledges the synchronous report 0x22
        QCOMPARE(s.item(0).firstAnswer, 2);
    }

    void userOverrideBeatsEvidence()
    {
        McuSession::Options options;
        options.familyOverride = Family::LowPower;
        const McuSession s = McuSession::analyze(captureOf({{Direction::McuToModule, QStringLiteral("55AA030000010104")}}), options);
        QCOMPARE(s.item(0).family, Family::LowPower);
        QVERIFY(s.familyEvidence(0).contains(QStringLiteral("user")));
    }

    void restartStartsANewSegment()
    {
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::McuToModule, QStringLiteral("55AA030000010104")},
            {Direction::McuToModule, QStringLiteral("55AA030000010003")},
            {Direction::McuToModule, QStringLiteral("55AA03070005010100010112")},
        }));
        QCOMPARE(s.segments().size(), 2);
        QCOMPARE(s.item(2).segment, 1);
    }

    void unknownDirectionIsInferredAndFlagged()
    {
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::Unknown, QStringLiteral("55AA00000000FF")},
            {Direction::Unknown, QStringLiteral("55AA030000010104")},
            {Direction::Unknown, QStringLiteral("55AA0006000501010001000D")},
        }));
        QCOMPARE(s.item(0).direction, Direction::ModuleToMcu);
        QCOMPARE(s.item(1).direction, Direction::McuToModule);
        QCOMPARE(s.item(2).direction, Direction::ModuleToMcu);
        for (const McuItem& it : s.items())
            QVERIFY(it.directionInferred);
        QCOMPARE(countDiagnostic(s, QStringLiteral("DIRECTION_INFERRED")), 3);
    }

    void directionIsInferredEvenBeforeTheFamilyIsDecided()
    {
        // Nothing here decides std vs lp, but 0x01 means the same in both: its JSON reply is the MCU's.
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::Unknown, QStringLiteral("55AA000100247B2270223A2261626364313233346566676835363738222C2276223A22312E302E30227D67")},
            {Direction::Unknown, QStringLiteral("55AA0002000001")},
        }));
        QCOMPARE(s.item(0).family, Family::Unknown);
        QCOMPARE(s.item(0).direction, Direction::McuToModule);
        QVERIFY(s.item(0).directionInferred);
        QCOMPARE(s.item(1).direction, Direction::Unknown); // 0x02 differs between the families
        QVERIFY(s.dissect(1).hasDiagnostic(QStringLiteral("FAMILY_UNDECIDED")));
    }

    void framesSpanningRecordsAndGarbageStayInOrder()
    {
        Capture c;
        c.addChannel(ChannelInfo{});
        const QByteArray stream = test::fromHex(QStringLiteral("FF0055AA03000001010412345655AA03070005010100010112"));
        for (int i = 0; i < stream.size(); i += 3)
            c.append(i, Direction::McuToModule, 0, QByteArrayView(stream).sliced(i, qMin(3, int(stream.size()) - i)));
        const McuSession s = McuSession::analyze(c);
        QCOMPARE(s.itemCount(), 4);
        QCOMPARE(s.item(0).kind, ItemKind::Garbage);
        QCOMPARE(s.item(1).kind, ItemKind::Frame);
        QCOMPARE(s.itemBytes(1), test::fromHex(QStringLiteral("55AA030000010104")));
        QCOMPARE(s.item(2).kind, ItemKind::Garbage);
        QCOMPARE(s.itemBytes(3), test::fromHex(QStringLiteral("55AA03070005010100010112")));
        QCOMPARE(s.item(3).timeUs, qint64(12)); // arrival of the record holding its first byte
    }

    void bytesOfEveryFieldStayInsideTheirSource()
    {
        const McuSession s = McuSession::analyze(captureOf({
            {Direction::McuToModule, QStringLiteral("55AA03070018010100010102020004000000D70404000101050300026162DB")},
            {Direction::McuToModule, QStringLiteral("55AA0307000B010100010102020004000020")},
        }));
        for (int i = 0; i < s.itemCount(); ++i) {
            const Dissection d = s.dissect(i);
            for (const Field& f : d.fields()) {
                QVERIFY(f.source >= 0 && f.source < d.sources().size());
                QVERIFY2(f.offset >= 0 && f.offset + f.length <= d.sources().at(f.source).bytes.size(),
                         qPrintable(f.name));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
