// The frame tables the window reads: a file's TuyaMCU and LAN items in one timeline, a live
// session's frames as they arrive, the derived list columns and the incremental dp table.
#include "support/TestSupport.h"

#include "dptable/DpTracker.h"
#include "frames/CaptureFrames.h"
#include "frames/FrameSummary.h"
#include "frames/LiveFrames.h"
#include "import/CaptureLoader.h"
#include "keys/KeyAssignment.h"
#include "tuyamcu/FrameEncoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace tuyascope;

namespace {

QByteArray lanVector(const QString& name)
{
    const QJsonObject all = QJsonDocument::fromJson(test::readFile(test::sharedPath(QStringLiteral("vectors/lan-vectors.json")))).object();
    return QByteArray::fromHex(all.value(name).toObject().value(QStringLiteral("hex")).toString().toLatin1());
}

keys::KeyStore storeWithVectorKey()
{
    keys::KeyStore store;
    const auto assignment = keys::parseKeyAssignment(QStringLiteral("eb0123456789abcdefghij=0123456789abcdef"));
    if (assignment)
        store.assign(*assignment);
    return store;
}

// Everything a dp table and its engine hold, as text, so two of them compare in one QCOMPARE.
QString fingerprint(const DpTracker& tracker)
{
    QStringList out;
    for (const DpSeries& s : tracker.series()) {
        QStringList samples;
        for (const DpSample& p : s.samples)
            samples << QStringLiteral("%1@%2").arg(p.value).arg(p.timeUs);
        out << QStringLiteral("series %1 %2 mixed=%3 n=%4 [%5]%6 numeric=%7 %8..%9 t=%10..%11 rows=%12..%13 last=%14 c=%15 d=%16 {%17}")
                   .arg(s.id, s.type).arg(s.mixedTypes).arg(s.count).arg(s.distinct.join(QLatin1Char('|'))).arg(s.distinctOverflow)
                   .arg(s.numeric).arg(s.min).arg(s.max).arg(s.firstTimeUs).arg(s.lastTimeUs).arg(s.firstRow).arg(s.lastRow)
                   .arg(s.lastValue).arg(s.fromController).arg(s.fromDevice).arg(samples.join(QLatin1Char(' ')));
    }
    const dpmap::DpEngine& e = tracker.engine();
    out << QStringLiteral("product %1 lowPower %2").arg(e.productId()).arg(e.lowPower());
    QStringList requested;
    for (quint8 id : e.requestedOnly())
        requested << QString::number(id);
    out << QStringLiteral("requested ") + requested.join(QLatin1Char(','));
    for (const dpmap::DpProfile& p : e.profiles()) {
        QStringList timeline;
        for (const dpmap::DpValuePoint& v : p.timeline)
            timeline << QStringLiteral("%1:%2:%3:%4").arg(v.item).arg(v.timeUs).arg(QString::fromLatin1(v.value.toHex())).arg(v.written);
        out << QStringLiteral("profile %1 type=%2 n=%3 w=%4 r=%5 echo=%6/%7 %8..%9 len=%10..%11 last=%12 items=%13..%14 change=%15 {%16}")
                   .arg(p.id).arg(p.type).arg(p.count).arg(p.writes).arg(p.reports).arg(p.reportsAfterWrite).arg(p.echoesOfWrittenValue)
                   .arg(p.min).arg(p.max).arg(p.minLength).arg(p.maxLength).arg(QString::fromLatin1(p.lastValue.toHex()))
                   .arg(p.firstItem).arg(p.lastItem).arg(p.lastChangeItem).arg(timeline.join(QLatin1Char(' ')));
    }
    for (const dpmap::DpFinding& f : e.findings())
        out << QStringLiteral("finding dp%1 row %2 %3").arg(f.dp).arg(f.item).arg(f.diagnostic.message);
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestFrames : public QObject {
    Q_OBJECT
private slots:
    void mcuCaptureRowsAreTheSessionItems()
    {
        const LoadResult loaded = loadCaptureFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))});
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const CaptureFrames frames(loaded.capture, keys::KeyStore());
        QVERIFY(frames.frameCount() > 10);
        QCOMPARE(frames.frameCount(), frames.mcuSession().itemCount());
        int withDps = 0;
        for (int row = 0; row < frames.frameCount(); ++row) {
            const FrameFacts f = frames.facts(row);
            const mcu::McuItem& it = frames.mcuSession().item(row);
            QCOMPARE(f.protocol, FrameProtocol::TuyaMcu);
            QCOMPARE(f.direction, it.direction);
            QCOMPARE(f.length, int(frames.frameBytes(row).size()));
            if (it.kind == mcu::ItemKind::Frame) {
                QCOMPARE(f.command, qint64(it.command));
                QCOMPARE(f.version, QString::number(it.version));
            } else {
                QCOMPARE(f.command, qint64(-1));
            }
            const FrameSummary s = summarizeFrame(f, frames.dissect(row));
            QVERIFY(!s.commandName.isEmpty());
            withDps += s.dps.isEmpty() ? 0 : 1;
        }
        QVERIFY(withDps > 0);
    }

    void lanLogRowsAreDecryptedLanItems()
    {
        const QByteArray control = lanVector(QStringLiteral("v33_control_client"));
        const QByteArray reply = lanVector(QStringLiteral("v33_dp_query_response_device"));
        QVERIFY(!control.isEmpty() && !reply.isEmpty());
        const QByteArray log = "[SOCKET] send " + QByteArray::number(control.size()) + " bytes: " + control.toHex() + "\n"
                             + "[SOCKET] recv " + QByteArray::number(reply.size()) + " bytes: " + reply.toHex() + "\n";
        const LoadResult loaded = loadCaptureData(log, QStringLiteral("session.log"));
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const CaptureFrames frames(loaded.capture, storeWithVectorKey());
        QCOMPARE(frames.frameCount(), 2);
        const FrameFacts sent = frames.facts(0);
        QCOMPARE(sent.protocol, FrameProtocol::TuyaLan);
        QCOMPARE(sent.direction, Direction::AppToDevice);
        QCOMPARE(sent.command, qint64(7));
        QCOMPARE(sent.version, QStringLiteral("3.3"));
        const FrameSummary answer = summarizeFrame(frames.facts(1), frames.dissect(1));
        QCOMPARE(answer.dps, QStringLiteral("1=true 2=0"));
        QVERIFY(!answer.bad);
        QCOMPARE(frames.dissect(0).sources().size(), 2); // wire bytes and decrypted plaintext
    }

    void summaryFlagsABadChecksum()
    {
        QByteArray frame = mcu::encodeFrame(0x03, 0x07, QByteArray::fromHex("0101000101"));
        frame[frame.size() - 1] = char(frame.at(frame.size() - 1) + 1);
        const LoadResult loaded = loadCaptureData(frame.toHex(' ') + "\n", QStringLiteral("bad.txt"));
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const CaptureFrames frames(loaded.capture, keys::KeyStore());
        QCOMPARE(frames.frameCount(), 2); // the bad frame, and its bytes as "belonging to no good frame"
        QCOMPARE(frames.facts(1).kind, FrameKind::Garbage);
        const FrameSummary s = summarizeFrame(frames.facts(0), frames.dissect(0));
        QVERIFY(s.bad);
        QVERIFY2(s.status.startsWith(QLatin1String("BAD checksum")), qPrintable(s.status));
    }

    void liveFramesAnnounceEachFrameWithItsTree()
    {
        LiveCapture live;
        ChannelInfo rx;
        rx.name = QStringLiteral("mcu-tx");
        rx.direction = Direction::McuToModule;
        const int channel = live.addChannel(rx);
        LiveFrames frames(live);
        QSignalSpy spy(&frames, &LiveFrames::frameAppended);
        const QByteArray report = mcu::encodeFrame(0x03, 0x07, QByteArray::fromHex("020200040000009a"));
        live.appendChunk(channel, 1000, report.left(3));
        QCOMPARE(spy.count(), 0);
        live.appendChunk(channel, 2000, report.mid(3) + QByteArray::fromHex("ff"));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(frames.frameCount(), 1);
        const FrameFacts f = frames.facts(0);
        QCOMPARE(f.command, qint64(0x07));
        QCOMPARE(f.timeUs, qint64(1000));
        QCOMPARE(frames.frameBytes(0), report);
        const Dissection announced = spy.at(0).at(1).value<Dissection>();
        QCOMPARE(dpUnitsOf(announced).size(), 1);
        QCOMPARE(dpUnitsOf(frames.dissect(0)).at(0).value, QStringLiteral("154"));
        live.finish();
        QCOMPARE(frames.frameCount(), 2); // the dangling 0xff
        QCOMPARE(frames.facts(1).kind, FrameKind::Garbage);
        QCOMPARE(frames.facts(1).command, qint64(-1));
    }

    void dpTrackerCountsRangesAndSenders()
    {
        DpTracker tracker;
        auto dissectionWith = [](const QString& id, const QString& type, const QString& value) {
            Dissection d;
            const int unit = d.addField(-1, QStringLiteral("DP"), QStringLiteral("dp"), QString(), 0, 1);
            d.addField(unit, QStringLiteral("dpId"), QStringLiteral("dp.id"), id, 0, 1);
            if (!type.isEmpty())
                d.addField(unit, QStringLiteral("Type"), QStringLiteral("dp.type"), type + QStringLiteral(" (0x02)"), 0, 1);
            d.addField(unit, QStringLiteral("Value"), QStringLiteral("dp.value"), value, 0, 1);
            return d;
        };
        QCOMPARE(tracker.add(0, 10, Direction::McuToModule, dissectionWith(QStringLiteral("2"), QStringLiteral("value"), QStringLiteral("150"))),
                 QVector<int>{0});
        tracker.add(1, 20, Direction::ModuleToMcu, dissectionWith(QStringLiteral("2"), QStringLiteral("value"), QStringLiteral("305")));
        tracker.add(2, 30, Direction::McuToModule, dissectionWith(QStringLiteral("1"), QStringLiteral("bool"), QStringLiteral("true")));
        tracker.add(3, 40, Direction::McuToModule, dissectionWith(QStringLiteral("2"), QStringLiteral("value"), QStringLiteral("150")));
        QCOMPARE(tracker.series().size(), 2);
        const DpSeries& two = tracker.series().at(tracker.indexOf(QStringLiteral("2")));
        QCOMPARE(two.count, 3);
        QCOMPARE(two.distinct, (QStringList{QStringLiteral("150"), QStringLiteral("305")}));
        QCOMPARE(two.min, 150.0);
        QCOMPARE(two.max, 305.0);
        QCOMPARE(two.fromController, 1);
        QCOMPARE(two.fromDevice, 2);
        QCOMPARE(two.samples.size(), 3);
        QCOMPARE(two.lastRow, 3);
        QCOMPARE(two.type, QStringLiteral("value"));
        tracker.add(4, 50, Direction::McuToModule, dissectionWith(QStringLiteral("2"), QStringLiteral("string"), QStringLiteral("\"x\"")));
        QVERIFY(tracker.series().at(tracker.indexOf(QStringLiteral("2"))).mixedTypes);
        QVERIFY(!tracker.series().at(tracker.indexOf(QStringLiteral("2"))).numeric);
        QCOMPARE(dpNumericValue(QStringLiteral("true")), std::optional<double>(1.0));
        QCOMPARE(dpNumericValue(QStringLiteral("0x0a")), std::optional<double>());
    }

    // A file's dp table is filled from the frame bytes (DpTracker::addMcuFrame) and must come out
    // exactly as the field trees give it: the real captures, both families, both directions.
    void mcuFramesFromBytesFillTheSameTableAsTheirFieldTrees_data()
    {
        QTest::addColumn<QStringList>("files");
        const auto real = [](std::initializer_list<const char*> names) {
            QStringList out;
            for (const char* n : names)
                out << test::sharedPath(QStringLiteral("captures/tuyamcu-real/") + QString::fromLatin1(n));
            return out;
        };
        QTest::newRow("MTS-700-WB thermostat") << real({"MTS-700-WB-TuyaMCU-capture.txt"});
        QTest::newRow("PJ-MGW1103 clamp rx+tx") << real({"PJ-MGW1103_clamp_bulb_20W-0.083A-240V_rx.bin", "PJ-MGW1103_clamp_bulb_20W-0.083A-240V_tx.bin"});
        QTest::newRow("AT4PBW meter") << real({"AT4PBW_1.bin", "AT4PBW_2.bin"});
        QTest::newRow("radar rx+tx") << real({"Radar_RX_DUMP.bin", "Radar_TX_DUMP.bin"});
        QTest::newRow("TH06 (low power)") << real({"th06_capt_on_wb3s_rxd1_timestamps.txt"});
        QTest::newRow("door sensor (low power)") << real({"door_sensor_click_rxd.txt", "door_sensor_click_txd.bin"});
        QTest::newRow("second try power-on") << real({"secondTry_rxd1_hex_powerOn.txt", "secondTry_txd1_hex_powerOn.txt"});
        QTest::newRow("esp no touching") << real({"on_esp_rx_noTouching.txt", "on_esp_tx_noTouching1.txt"});
        QTest::newRow("colours") << real({"TuyaMCUColors.txt"});
        QTest::newRow("HY609 (bundled)") << QStringList{test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))};
    }

    void mcuFramesFromBytesFillTheSameTableAsTheirFieldTrees()
    {
        QFETCH(QStringList, files);
        const LoadResult loaded = loadCaptureFiles(files);
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        const CaptureFrames frames(loaded.capture, keys::KeyStore());
        DpTracker fromTrees;
        DpTracker fromBytes;
        int straight = 0;
        for (int row = 0; row < frames.frameCount(); ++row) {
            const FrameFacts facts = frames.facts(row);
            fromTrees.add(row, facts.timeUs, facts.direction, frames.dissect(row));
            const int item = frames.mcuItemOfRow(row);
            QVERIFY(item >= 0); // TuyaMCU only
            if (fromBytes.addMcuFrame(row, frames.mcuSession().item(item), frames.mcuSession().itemBytes(item)))
                ++straight;
            else
                fromBytes.add(row, facts.timeUs, facts.direction, frames.dissect(row));
        }
        QVERIFY(!fromTrees.series().isEmpty());
        QCOMPARE(fingerprint(fromBytes), fingerprint(fromTrees));
        // Most frames go straight from their bytes (the point of the fast path).
        QVERIFY2(straight * 2 > frames.frameCount(), qPrintable(QStringLiteral("%1 of %2").arg(straight).arg(frames.frameCount())));
    }
};

QTEST_GUILESS_MAIN(TestFrames)
#include "tst_frames.moc"
