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
};

QTEST_GUILESS_MAIN(TestFrames)
#include "tst_frames.moc"
