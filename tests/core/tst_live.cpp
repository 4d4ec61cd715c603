// Live sessions end to end, without hardware: host mode and the MCU simulator over the loopback
// link and over pseudo-terminal wires (openpty), the two-port sniffer on pty taps, garbage and
// bad checksums injected mid-stream, a tap unplugged and plugged back, and autosave read back
// while the session still runs.

#include "host/ModuleHost.h"
#include "live/Autosave.h"
#include "live/LiveCapture.h"
#include "live/LiveDecoder.h"
#include "live/LiveWiring.h"
#include "live/SerialSniffer.h"
#include "pcapng/PcapngReader.h"
#include "simulator/McuSimulator.h"
#include "support/Pty.h"
#include "support/TestSupport.h"
#include "transport/LoopbackLink.h"
#include "transport/SerialTransport.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuFrame.h"
#include "tuyamcu/McuSession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

Q_DECLARE_METATYPE(tuyascope::LiveFrameEvent)

namespace {

HostOptions fastHost(Family family)
{
    HostOptions o;
    o.family = family;
    o.probeIntervalMs = 50;
    o.replyTimeoutMs = 300;
    o.heartbeatIntervalMs = 400;
    o.heartbeatTimeoutMs = 1500;
    o.featureWaitMs = 30;
    return o;
}

struct FrameLog {
    QVector<LiveFrameEvent> events;
    QVector<LiveFrameEvent> frames(Direction direction) const
    {
        QVector<LiveFrameEvent> out;
        for (const LiveFrameEvent& e : events)
            if (e.kind == LiveFrameEvent::Kind::Frame && e.direction == direction)
                out.push_back(e);
        return out;
    }
    int count(Direction direction, quint8 command) const
    {
        int n = 0;
        for (const LiveFrameEvent& e : frames(direction))
            n += quint8(e.bytes[3]) == command ? 1 : 0;
        return n;
    }
    // The value bytes of the last report of `dp` from the MCU, in any DP-carrying frame.
    QByteArray lastDpValue(quint8 dp, Family family) const
    {
        QByteArray value;
        for (const LiveFrameEvent& e : frames(Direction::McuToModule)) {
            const int start = dpUnitsOffset(e.bytes, family, Direction::McuToModule);
            if (start < 0)
                continue;
            const DpParseResult parsed = parseDpUnits(e.bytes, start, kDataOffset + declaredDataLength(e.bytes));
            for (const DpUnit& u : parsed.units)
                if (u.id == dp)
                    value = e.bytes.mid(u.valueOffset(), u.length);
        }
        return value;
    }
};

void logFrames(LiveCapture& live, FrameLog& log)
{
    QObject::connect(&live, &LiveCapture::frameDecoded, &live, [&log](const LiveFrameEvent& e) { log.events.push_back(e); });
}

QByteArray value32(qint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char(quint32(v) >> (24 - 8 * i));
    return b;
}

} // namespace

class TestLive : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<LiveFrameEvent>(); }

    void liveCaptureKeepsChunksAndFramesByFraming()
    {
        LiveCapture live;
        FrameLog log;
        logFrames(live, log);
        const int ch = addLineChannel(live, Direction::McuToModule, QStringLiteral("test"), 9600, QString());
        const QByteArray good1 = encodeFrame(3, 0x07, encodeBoolDp(1, true));
        QByteArray bad = encodeFrame(3, 0x07, encodeValueDp(2, 150));
        bad[bad.size() - 1] = char(bad.back() ^ 0x5A);
        const QByteArray good2 = encodeFrame(3, 0x00, QByteArray(1, '\1'));
        const QByteArray stream = good1 + QByteArray::fromHex("FF00") + bad + good2;
        // Cut the stream at every third byte: frame boundaries must come from the framing.
        qint64 t = 1'000'000;
        int chunks = 0;
        for (int at = 0; at < stream.size(); at += 3, ++chunks)
            live.appendChunk(ch, t += 100, QByteArrayView(stream).sliced(at, qMin<qsizetype>(3, stream.size() - at)));
        live.finish();
        QCOMPARE(live.capture().recordCount(), chunks);
        QCOMPARE(live.capture().totalBytes(), stream.size());
        QCOMPARE(live.frameCount(), 3);
        QCOMPARE(live.badChecksumCount(), 1);
        QVERIFY(live.garbageBytes() >= 2);
        const QVector<LiveFrameEvent> frames = log.frames(Direction::McuToModule);
        QCOMPARE(frames.size(), 3);
        QCOMPARE(frames[0].bytes, good1);
        QVERIFY(!frames[1].checksumOk);
        QCOMPARE(frames[2].bytes, good2);
        QVERIFY(frames[2].checksumOk);
        QVERIFY(frames[0].timeUs < frames[2].timeUs);
        LiveDecoder decoder;
        for (const LiveFrameEvent& e : log.events)
            decoder.decode(e);
        QCOMPARE(decoder.family(), Family::Standard); // version 3 frames lock it
    }

    void hostAndSimulatorOverLoopback_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("maxChunk");
        QTest::newRow("thermostat, whole writes") << QStringLiteral("hy609-thermostat") << 0;
        QTest::newRow("thermostat, 1..3-byte reads") << QStringLiteral("hy609-thermostat") << 3;
        QTest::newRow("energy plug") << QStringLiteral("energy-plug") << 2;
        QTest::newRow("dimmer") << QStringLiteral("dimmer") << 0;
    }

    void hostAndSimulatorOverLoopback()
    {
        QFETCH(QString, profile);
        QFETCH(int, maxChunk);
        LoopbackLink link;
        link.setMaxChunk(maxChunk, 7);
        QVERIFY(link.moduleEnd()->open() && link.mcuEnd()->open());
        const DeviceProfile device = test::profileNamed(profile);
        QVERIFY(!device.dps.isEmpty());
        ModuleHost host(link.moduleEnd(), fastHost(Family::Unknown));
        SimulatorOptions simOptions;
        simOptions.timeScale = 0.01;
        McuSimulator simulator(link.mcuEnd(), device, simOptions);
        LiveCapture live;
        FrameLog log;
        logFrames(live, log);
        recordHost(live, host, *link.moduleEnd());
        QSignalSpy init(&host, &ModuleHost::initCompleted);
        simulator.start();
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(init.size(), 1, 5000);
        QCOMPARE(host.family(), Family::Standard);
        QVERIFY(host.productInfo().contains(device.productId));
        // Every DP of the profile was reported after the query.
        QTRY_VERIFY_WITH_TIMEOUT(log.count(Direction::McuToModule, 0x07) >= 1, 3000);
        for (const DpProfile& dp : device.dps)
            QTRY_VERIFY2_WITH_TIMEOUT(!log.lastDpValue(dp.id, Family::Standard).isEmpty(),
                                      qPrintable(QStringLiteral("dp %1 never reported").arg(dp.id)), 3000);

        // A DP write round-trips: the simulator applies it and reports it back.
        const DpProfile* target = nullptr;
        for (const DpProfile& dp : device.dps)
            if (dp.settable && (dp.type == DpType::Value || dp.type == DpType::Bool)) {
                target = &dp;
                break;
            }
        QVERIFY(target);
        const QByteArray newValue = target->type == DpType::Bool
                                        ? QByteArray(1, simulator.dpValue(target->id).at(0) ? '\0' : '\1')
                                        : value32(qint32(target->minimum + target->step));
        const QString text = target->type == DpType::Bool
                                 ? QStringLiteral("TuyaSend1 %1,%2").arg(target->id).arg(int(newValue.at(0)))
                                 : QStringLiteral("TuyaSend2 %1,%2").arg(target->id).arg(target->minimum + target->step);
        const SendParseResult parsed = parseSendCommand(text);
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QVERIFY(host.send(parsed.request));
        QTRY_COMPARE_WITH_TIMEOUT(simulator.dpValue(target->id), newValue, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(log.lastDpValue(target->id, Family::Standard), newValue, 3000);
        // The typed command is in the capture, flagged as typed.
        bool typedSeen = false;
        for (int i = 0; i < live.capture().recordCount(); ++i)
            typedSeen |= (live.capture().recordFlags(i) & RecordTypedCommand) != 0;
        QVERIFY(typedSeen);
        QCOMPARE(live.badChecksumCount(), 0);
    }

    void lowPowerHandshakeOverLoopback()
    {
        LoopbackLink link;
        link.setMaxChunk(2, 3);
        QVERIFY(link.moduleEnd()->open() && link.mcuEnd()->open());
        const DeviceProfile device = test::profileNamed(QStringLiteral("door-sensor"));
        QCOMPARE(device.protocol, Family::LowPower);
        ModuleHost host(link.moduleEnd(), fastHost(Family::Unknown));
        SimulatorOptions simOptions;
        simOptions.timeScale = 0.01;
        simOptions.ackTimeoutMs = 300;
        McuSimulator simulator(link.mcuEnd(), device, simOptions);
        LiveCapture live;
        FrameLog log;
        logFrames(live, log);
        recordHost(live, host, *link.moduleEnd());
        QSignalSpy init(&host, &ModuleHost::initCompleted);
        QStringList simEvents;
        connect(&simulator, &McuSimulator::event, this, [&simEvents](const AgentEvent& e) { simEvents << e.code; });
        simulator.start();
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(init.size(), 1, 8000);
        QCOMPARE(host.family(), Family::LowPower);
        // The MCU reports with 0x05 and the host acks: the MCU may power the module down.
        QTRY_VERIFY_WITH_TIMEOUT(log.count(Direction::McuToModule, 0x05) >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(simEvents.contains(QStringLiteral("REPORT_ACKED")), 5000);
        QVERIFY(log.count(Direction::ModuleToMcu, 0x05) >= 1);
        // The network-status climb ended at "connected to the cloud".
        QByteArray lastStatus;
        for (const LiveFrameEvent& e : log.frames(Direction::ModuleToMcu))
            if (quint8(e.bytes[3]) == 0x02 && e.bytes.size() == 8)
                lastStatus = e.bytes.mid(6, 1);
        QCOMPARE(lastStatus, QByteArray(1, '\x04'));
        QVERIFY(!log.lastDpValue(1, Family::LowPower).isEmpty());
    }

    void hostAndSimulatorOverPtyWire_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::newRow("standard thermostat") << QStringLiteral("hy609-thermostat");
        QTest::newRow("low-power door sensor") << QStringLiteral("door-sensor");
    }

    // The real thing minus the copper: both agents open serial ports (pty slaves), the bridge
    // copies bytes between the masters, and a sniffer listens on two taps of the wire.
    void hostAndSimulatorOverPtyWire()
    {
        QFETCH(QString, profile);
        test::PtyPair moduleSide, mcuSide, tapModuleTx, tapMcuTx;
        QVERIFY(moduleSide.ok() && mcuSide.ok() && tapModuleTx.ok() && tapMcuTx.ok());
        test::PtyBridge wire(&moduleSide, &mcuSide);
        wire.setTaps(&tapModuleTx, &tapMcuTx);

        SerialSettings hostPort;
        hostPort.port = moduleSide.slavePath();
        hostPort.baudRate = 115200;
        SerialSettings mcuPort = hostPort;
        mcuPort.port = mcuSide.slavePath();
        SerialTransport hostLink(hostPort);
        SerialTransport mcuLink(mcuPort);
        QVERIFY2(hostLink.open(), qPrintable(hostLink.errorString()));
        QVERIFY2(mcuLink.open(), qPrintable(mcuLink.errorString()));

        LiveCapture sniffed;
        FrameLog sniffLog;
        logFrames(sniffed, sniffLog);
        SerialSniffer sniffer(&sniffed);
        SerialSettings rx = hostPort;
        rx.port = tapMcuTx.slavePath();
        SerialSettings tx = hostPort;
        tx.port = tapModuleTx.slavePath();
        QString error;
        QVERIFY2(sniffer.open(rx, tx, &error), qPrintable(error));

        const DeviceProfile device = test::profileNamed(profile);
        ModuleHost host(&hostLink, fastHost(Family::Unknown));
        SimulatorOptions simOptions;
        simOptions.timeScale = 0.01;
        simOptions.ackTimeoutMs = 400;
        McuSimulator simulator(&mcuLink, device, simOptions);
        LiveCapture hostView;
        FrameLog hostLog;
        logFrames(hostView, hostLog);
        recordHost(hostView, host, hostLink);
        QSignalSpy init(&host, &ModuleHost::initCompleted);
        QSignalSpy hostEvents(&host, &ModuleHost::event);
        simulator.start();
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(init.size(), 1, 8000);
        QCOMPARE(host.family(), device.protocol);

        // Glitches on the MCU's line mid-session: flagged, and the session carries on.
        QByteArray bad = encodeFrame(device.protocolVersion, 0x07, encodeBoolDp(1, true));
        bad[bad.size() - 1] = char(bad.back() ^ 0x01);
        wire.injectBToA(QByteArray::fromHex("00FF13") + bad);
        QTRY_VERIFY_WITH_TIMEOUT(hostView.badChecksumCount() >= 1, 3000);
        QTRY_VERIFY_WITH_TIMEOUT(sniffed.badChecksumCount() >= 1, 3000);

        // A DP write after the glitch still round-trips.
        const DpProfile* target = nullptr;
        for (const DpProfile& dp : device.dps)
            if (dp.settable && dp.type != DpType::Raw && dp.type != DpType::String) {
                target = &dp;
                break;
            }
        QVERIFY(target);
        const bool isBoolean = target->type == DpType::Bool;
        const qint64 wanted = isBoolean ? (simulator.dpValue(target->id).at(0) ? 0 : 1)
                              : target->type == DpType::Enum ? (quint8(simulator.dpValue(target->id).at(0)) + 1) % qMax(2, int(target->labels.size()))
                                                             : target->minimum + target->step;
        const QString text = QStringLiteral("tuyaMcu_sendState %1 %2 %3")
                                 .arg(target->id)
                                 .arg(isBoolean ? QStringLiteral("bool") : target->type == DpType::Enum ? QStringLiteral("enum") : QStringLiteral("val"))
                                 .arg(wanted);
        const SendParseResult parsed = parseSendCommand(text);
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QVERIFY(host.send(parsed.request));
        QTRY_COMPARE_WITH_TIMEOUT(dpIntegerValue(quint8(target->type), simulator.dpValue(target->id)), wanted, 4000);
        QTRY_COMPARE_WITH_TIMEOUT(dpIntegerValue(quint8(target->type), hostLog.lastDpValue(target->id, device.protocol)), wanted, 4000);

        // Garbage is reported when the next good frame ends it (the write's report did).
        QTRY_VERIFY_WITH_TIMEOUT(sniffed.garbageBytes() >= 3, 3000);

        // Quiesce both agents so no heartbeat or report is in flight while the logs are compared.
        host.stop();
        simulator.stop();
        QTest::qWait(50);

        // The sniffer saw exactly what each side sent, in order, on the right line.
        QTRY_COMPARE_WITH_TIMEOUT(sniffed.capture().totalBytes(), wire.bytesAToB() + wire.bytesBToA(), 3000);
        // A frame the host wrote may still sit in the pty when the byte totals agree.
        QTRY_COMPARE_WITH_TIMEOUT(sniffLog.frames(Direction::ModuleToMcu).size(), hostLog.frames(Direction::ModuleToMcu).size(), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(sniffLog.frames(Direction::McuToModule).size(), hostLog.frames(Direction::McuToModule).size(), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(sniffed.capture().totalBytes(), wire.bytesAToB() + wire.bytesBToA(), 3000);
        const QVector<LiveFrameEvent> hostSent = hostLog.frames(Direction::ModuleToMcu);
        const QVector<LiveFrameEvent> sniffedModule = sniffLog.frames(Direction::ModuleToMcu);
        QCOMPARE(sniffedModule.size(), hostSent.size());
        for (int i = 0; i < hostSent.size(); ++i)
            QCOMPARE(sniffedModule[i].bytes, hostSent[i].bytes);
        const QVector<LiveFrameEvent> hostReceived = hostLog.frames(Direction::McuToModule);
        const QVector<LiveFrameEvent> sniffedMcu = sniffLog.frames(Direction::McuToModule);
        QCOMPARE(sniffedMcu.size(), hostReceived.size());
        for (int i = 0; i < hostReceived.size(); ++i)
            QCOMPARE(sniffedMcu[i].bytes, hostReceived[i].bytes);

        // Merged by arrival: the session analysis of the sniffed capture links each module request
        // to an MCU answer that comes after it.
        const McuSession session = McuSession::analyze(sniffed.capture());
        QCOMPARE(session.frameCount(), sniffed.frameCount());
        int linked = 0;
        for (int i = 0; i < session.itemCount(); ++i) {
            const McuItem& item = session.item(i);
            if (item.firstAnswer >= 0) {
                QVERIFY(item.firstAnswer > i);
                QVERIFY(session.item(item.firstAnswer).direction != item.direction);
                ++linked;
            }
        }
        QVERIFY2(linked >= 3, qPrintable(QStringLiteral("only %1 request/answer pairs").arg(linked)));
        QCOMPARE(session.item(0).direction, Direction::ModuleToMcu); // the module speaks first
    }

    // An adapter unplugged mid-session and plugged back: the link comes back by itself, what
    // was captured before stays, and the gap is a note in the capture.
    void snifferSurvivesUnplug()
    {
        QTemporaryDir dir;
        test::PtyPair tap;
        QVERIFY(tap.ok());
        const QString link = dir.filePath(QStringLiteral("ttyUSB-tap"));
        QVERIFY(tap.setLinkPath(link));
        LiveCapture live;
        FrameLog log;
        logFrames(live, log);
        SerialSniffer sniffer(&live);
        SerialSettings rx;
        rx.port = link;
        rx.baudRate = 9600;
        rx.reconnectIntervalMs = 50;
        QString error;
        QVERIFY2(sniffer.open(rx, std::nullopt, &error), qPrintable(error));

        const QByteArray before = encodeFrame(3, 0x07, encodeBoolDp(1, true));
        QCOMPARE(tap.writeMaster(before), before.size());
        QTRY_COMPARE(live.frameCount(), 1);
        tap.closeMaster();
        QTRY_COMPARE_WITH_TIMEOUT(sniffer.mcuTxPort()->state(), Transport::State::Reconnecting, 3000);
        QVERIFY(tap.recreate());
        QTRY_COMPARE_WITH_TIMEOUT(sniffer.mcuTxPort()->state(), Transport::State::Open, 3000);
        const QByteArray after = encodeFrame(3, 0x07, encodeValueDp(2, 215));
        QCOMPARE(tap.writeMaster(after), after.size());
        QTRY_COMPARE_WITH_TIMEOUT(live.frameCount(), 2, 3000);
        QCOMPARE(log.frames(Direction::McuToModule).at(0).bytes, before);
        QCOMPARE(log.frames(Direction::McuToModule).at(1).bytes, after);
        QStringList codes;
        for (const CaptureNote& note : live.capture().notes())
            codes << note.code;
        QVERIFY(codes.contains(QStringLiteral("LINK_LOST")));
        QVERIFY(codes.contains(QStringLiteral("LINK_RESUMED")));
        // The gap is also in the records (so a saved file shows it).
        const int last = live.capture().recordCount() - 1;
        QVERIFY(live.capture().record(last).annotation.contains(QStringLiteral("link resumed")));
    }

    // The autosave file is complete blocks at every moment: read it while the session runs.
    void autosaveIsReadableWhileRunning()
    {
        QTemporaryDir dir;
        LiveCapture live;
        const int ch = addLineChannel(live, Direction::McuToModule, QStringLiteral("test"), 9600, QString());
        Autosave autosave(&live);
        autosave.setFlushInterval(50);
        QString error;
        const QString path = Autosave::newFilePath(dir.path(), QStringLiteral("test"));
        QVERIFY2(autosave.start(path, &error), qPrintable(error));
        for (int i = 0; i < 20; ++i)
            live.appendChunk(ch, 1'700'000'000'000'000 + i * 1000, encodeFrame(3, 0x07, encodeValueDp(3, i)));
        QTRY_VERIFY_WITH_TIMEOUT(autosave.bytesWritten() > 0 && QFileInfo(path).size() == autosave.bytesWritten(), 2000);
        QTest::qWait(120);
        Capture back;
        PcapngReader reader;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(reader.read(file.readAll(), back, path), qPrintable(reader.errorString()));
        QCOMPARE(back.recordCount(), 20);
        QCOMPARE(back.recordBytes(19), QByteArrayView(encodeFrame(3, 0x07, encodeValueDp(3, 19))));
        QCOMPARE(back.recordTime(5), live.capture().recordTime(5));
        // A second file name never overwrites the first.
        QVERIFY(Autosave::newFilePath(dir.path(), QStringLiteral("test")) != path);
    }
};

QTEST_GUILESS_MAIN(TestLive)
#include "tst_live.moc"
