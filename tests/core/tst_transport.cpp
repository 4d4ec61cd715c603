// Transports without UI: serial ports over real pseudo-terminals (open, baud rates, 8-bit
// clean data both ways, unplug/replug reconnects), the port list, the loopback pair and the
// pty wire bridge the end-to-end tests build on.

#include "common/Clock.h"
#include "support/Pty.h"
#include "transport/LoopbackLink.h"
#include "transport/SerialPortList.h"
#include "transport/SerialTransport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

using namespace tuyascope;
using namespace tuyascope::test;

namespace {

// Everything a transport delivered, in order, with the arrival stamps.
struct Collector {
    QByteArray bytes;
    QVector<qint64> times;
    QVector<QByteArray> chunks;
    explicit Collector(Transport* transport)
    {
        QObject::connect(transport, &Transport::chunkReceived, transport,
                         [this](qint64 timeUs, const QByteArray& chunk) {
                             bytes += chunk;
                             times.append(timeUs);
                             chunks.append(chunk);
                         });
    }
};

SerialSettings settingsFor(const QString& port, qint32 baud = 115200)
{
    SerialSettings settings;
    settings.port = port;
    settings.baudRate = baud;
    settings.reconnectIntervalMs = 100;
    return settings;
}

QByteArray allByteValues()
{
    QByteArray bytes;
    for (int round = 0; round < 4; ++round)
        for (int value = 0; value < 256; ++value)
            bytes.append(char(value)); // incl. XON/XOFF, CR, ^C: the line must be raw
    return bytes;
}

qint64 processCpuUs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000
        + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

} // namespace

class TestTransport : public QObject {
    Q_OBJECT
private slots:
    void listSerialPorts_entriesHaveLocations();
    void vidPid_formatting();
    void watcher_silentWithoutChanges();

    void serial_opensPtyAndReceives_data();
    void serial_opensPtyAndReceives();
    void serial_writesReachMaster();
    void serial_nonexistentPathFails();
    void serial_writeWhileClosedFails();
    void serial_controlLinesOnPtyDoNotFailOpen();
    void serial_reconnectsAfterUnplug();
    void serial_closeWhileReconnectingStopsRetrying();
    void serial_noReconnectWhenDisabled();

    void loopback_bothWays();
    void loopback_maxChunk();
    void loopback_closedEndDrops();

    void bridge_wireAndTaps();
    void bridge_idleDoesNotSpin();
};

void TestTransport::listSerialPorts_entriesHaveLocations()
{
    const QVector<SerialPortEntry> ports = listSerialPorts();
    for (const SerialPortEntry& port : ports) {
        QVERIFY2(!port.systemLocation.isEmpty(), qPrintable(port.name));
        QVERIFY(!port.name.isEmpty());
        const QString vidPid = port.vidPid();
        QVERIFY(vidPid.isEmpty() || vidPid.size() == 9);
    }
}

void TestTransport::vidPid_formatting()
{
    SerialPortEntry entry;
    QCOMPARE(entry.vidPid(), QString());
    entry.hasVendorId = entry.hasProductId = true;
    entry.vendorId = 0x10C4;
    entry.productId = 0xEA60;
    QCOMPARE(entry.vidPid(), QStringLiteral("10c4:ea60"));
    entry.vendorId = 0x0403;
    entry.productId = 0x6001;
    QCOMPARE(entry.vidPid(), QStringLiteral("0403:6001"));
    entry.hasProductId = false;
    QCOMPARE(entry.vidPid(), QString());
}

void TestTransport::watcher_silentWithoutChanges()
{
    SerialPortWatcher watcher;
    QSignalSpy spy(&watcher, &SerialPortWatcher::portsChanged);
    watcher.refresh();
    const QVector<SerialPortEntry> ports = listSerialPorts();
    // The first look reports whatever is plugged in as added (and nothing when nothing is).
    QCOMPARE(spy.count(), ports.isEmpty() ? 0 : 1);
    if (!ports.isEmpty()) {
        QCOMPARE(spy.at(0).at(0).toStringList().size(), ports.size());
        QVERIFY(spy.at(0).at(1).toStringList().isEmpty());
    }
    QCOMPARE(watcher.ports().size(), ports.size());
    const int before = int(spy.count());
    watcher.refresh();
    watcher.refresh();
    QCOMPARE(int(spy.count()), before);

    watcher.start(60); // the timer must not report changes that did not happen either
    QTest::qWait(150);
    watcher.stop();
    QCOMPARE(int(spy.count()), before);
}

void TestTransport::serial_opensPtyAndReceives_data()
{
    QTest::addColumn<qint32>("baud");
    QTest::newRow("115200") << 115200;
    QTest::newRow("9600") << 9600;
    QTest::newRow("74880 (non-standard)") << 74880;
}

void TestTransport::serial_opensPtyAndReceives()
{
    QFETCH(qint32, baud);
    PtyPair pty;
    QVERIFY(pty.ok());
    SerialTransport serial(settingsFor(pty.slavePath(), baud));
    QSignalSpy states(&serial, &Transport::stateChanged);
    Collector got(&serial);

    QVERIFY2(serial.open(), qPrintable(serial.errorString()));
    QCOMPARE(serial.state(), Transport::State::Open);
    QCOMPARE(states.count(), 1);
    QCOMPARE(states.at(0).at(0).value<Transport::State>(), Transport::State::Open);
    QCOMPARE(serial.baudRate(), quint32(baud));
    QCOMPARE(serial.name(), pty.slavePath());

    const qint64 before = nowUs();
    QCOMPARE(pty.writeMaster("hello"), qint64(5));
    QTRY_COMPARE(got.bytes, QByteArray("hello"));
    const qint64 firstDone = nowUs();
    QVERIFY(got.times.first() >= before);
    QVERIFY(got.times.first() <= firstDone);

    const QByteArray binary = allByteValues();
    QCOMPARE(pty.writeMaster(binary), qint64(binary.size()));
    QTRY_COMPARE(got.bytes, QByteArray("hello") + binary);
    const qint64 allDone = nowUs();
    for (int i = 1; i < got.times.size(); ++i)
        QVERIFY(got.times.at(i) >= got.times.at(i - 1));
    QVERIFY(got.times.last() > got.times.first()); // a later write is stamped later
    QVERIFY(got.times.last() <= allDone);
    QVERIFY(allDone - got.times.first() < 10 * 1000 * 1000);

    serial.close();
    QCOMPARE(serial.state(), Transport::State::Closed);
    QCOMPARE(states.count(), 2);
}

void TestTransport::serial_writesReachMaster()
{
    PtyPair pty;
    QVERIFY(pty.ok());
    SerialTransport serial(settingsFor(pty.slavePath()));
    QVERIFY2(serial.open(), qPrintable(serial.errorString()));
    const QByteArray payload = QByteArray("\x55\xaa\x00\x00\x00\x00\xff", 7) + allByteValues();
    QCOMPARE(serial.write(payload), qint64(payload.size()));
    QByteArray atMaster;
    QTRY_VERIFY((atMaster += pty.readMaster(0)).size() >= payload.size());
    QCOMPARE(atMaster, payload);
}

void TestTransport::serial_nonexistentPathFails()
{
    const QString path = QStringLiteral("/dev/tuyascope-no-such-port");
    SerialTransport serial(settingsFor(path));
    QSignalSpy errors(&serial, &Transport::errorOccurred);
    QSignalSpy states(&serial, &Transport::stateChanged);
    QVERIFY(!serial.open());
    QCOMPARE(serial.state(), Transport::State::Closed);
    QVERIFY2(serial.errorString().contains(path), qPrintable(serial.errorString()));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(states.count(), 0);

    SerialTransport bare(settingsFor(QStringLiteral("ttyTUYASCOPENOPE")));
    QVERIFY(!bare.open());
    QVERIFY2(bare.errorString().contains(QStringLiteral("/dev/ttyTUYASCOPENOPE")),
             qPrintable(bare.errorString()));
}

void TestTransport::serial_writeWhileClosedFails()
{
    PtyPair pty;
    QVERIFY(pty.ok());
    SerialTransport serial(settingsFor(pty.slavePath()));
    QCOMPARE(serial.write("abc"), qint64(-1));
    QVERIFY(serial.errorString().contains(pty.slavePath()));
    QVERIFY(serial.open());
    QCOMPARE(serial.write("abc"), qint64(3));
    QByteArray atMaster;
    QTRY_COMPARE(atMaster += pty.readMaster(0), QByteArray("abc"));
    serial.close();
    QCOMPARE(serial.write("abc"), qint64(-1));
    QCOMPARE(pty.readMaster(50), QByteArray());
}

void TestTransport::serial_controlLinesOnPtyDoNotFailOpen()
{
    PtyPair pty;
    QVERIFY(pty.ok());
    SerialSettings settings = settingsFor(pty.slavePath());
    settings.dataTerminalReady = true;
    settings.requestToSend = false;
    SerialTransport serial(settings);
    QSignalSpy errors(&serial, &Transport::errorOccurred);
    Collector got(&serial);
    QVERIFY2(serial.open(), qPrintable(serial.errorString()));
    QCOMPARE(serial.state(), Transport::State::Open);
    // A pty rejects TIOCMSET: that is reported (once per line), never fatal.
    QCOMPARE(errors.count(), 2);
    for (const QList<QVariant>& error : errors)
        QVERIFY2(error.at(0).toString().contains(QStringLiteral("continuing")),
                 qPrintable(error.at(0).toString()));
    QCOMPARE(pty.writeMaster("still works"), qint64(11));
    QTRY_COMPARE(got.bytes, QByteArray("still works"));
    QCOMPARE(serial.settings().dataTerminalReady.value_or(false), true);
}

void TestTransport::serial_reconnectsAfterUnplug()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PtyPair pty;
    QVERIFY(pty.ok());
    const QString link = dir.filePath(QStringLiteral("ttyTUYA"));
    QVERIFY(pty.setLinkPath(link));

    SerialTransport serial(settingsFor(link));
    QSignalSpy states(&serial, &Transport::stateChanged);
    QSignalSpy errors(&serial, &Transport::errorOccurred);
    Collector got(&serial);
    QVERIFY2(serial.open(), qPrintable(serial.errorString()));
    QCOMPARE(serial.name(), link);

    QCOMPARE(pty.writeMaster("before"), qint64(6));
    QTRY_COMPARE(got.bytes, QByteArray("before"));

    pty.closeMaster(); // unplug
    QTRY_COMPARE(serial.state(), Transport::State::Reconnecting);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("lost")),
             qPrintable(errors.at(0).at(0).toString()));
    QVERIFY(errors.at(0).at(0).toString().contains(link));
    QCOMPARE(serial.write("x"), qint64(-1)); // nothing is buffered across a reconnect
    QCOMPARE(serial.reconnectCount(), 0);
    QTest::qWait(250); // a few failed retries while the device is away: no new errors, state kept
    QCOMPARE(serial.state(), Transport::State::Reconnecting);
    QCOMPARE(errors.count(), 1);

    QVERIFY(pty.recreate()); // plug back in: a new pty behind the same path
    QTRY_COMPARE_WITH_TIMEOUT(serial.state(), Transport::State::Open, 2000);
    QCOMPARE(serial.reconnectCount(), 1);

    QCOMPARE(pty.writeMaster("after"), qint64(5));
    QTRY_COMPARE(got.bytes, QByteArray("beforeafter"));
    QCOMPARE(serial.write("reply"), qint64(5));
    QByteArray atMaster;
    QTRY_COMPARE(atMaster += pty.readMaster(0), QByteArray("reply"));

    QCOMPARE(states.count(), 3);
    QCOMPARE(states.at(0).at(0).value<Transport::State>(), Transport::State::Open);
    QCOMPARE(states.at(1).at(0).value<Transport::State>(), Transport::State::Reconnecting);
    QCOMPARE(states.at(2).at(0).value<Transport::State>(), Transport::State::Open);
    QCOMPARE(errors.count(), 1);
}

void TestTransport::serial_closeWhileReconnectingStopsRetrying()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PtyPair pty;
    QVERIFY(pty.ok());
    const QString link = dir.filePath(QStringLiteral("ttyTUYA"));
    QVERIFY(pty.setLinkPath(link));
    SerialSettings settings = settingsFor(link);
    SerialTransport serial(settings);
    QSignalSpy states(&serial, &Transport::stateChanged);
    QVERIFY(serial.open());

    pty.closeMaster();
    QTRY_COMPARE(serial.state(), Transport::State::Reconnecting);
    serial.close();
    QCOMPARE(serial.state(), Transport::State::Closed);
    QVERIFY(pty.recreate());
    QTest::qWait(3 * settings.reconnectIntervalMs + 50);
    QCOMPARE(serial.state(), Transport::State::Closed);
    QCOMPARE(serial.reconnectCount(), 0);
    QCOMPARE(states.count(), 3); // Open, Reconnecting, Closed - and no reopen
    QCOMPARE(states.last().at(0).value<Transport::State>(), Transport::State::Closed);
    // The device is free: nobody holds it, so a fresh open works.
    QVERIFY2(serial.open(), qPrintable(serial.errorString()));
    QCOMPARE(serial.reconnectCount(), 0);
}

void TestTransport::serial_noReconnectWhenDisabled()
{
    PtyPair pty;
    QVERIFY(pty.ok());
    SerialSettings settings = settingsFor(pty.slavePath());
    settings.reconnect = false;
    SerialTransport serial(settings);
    QSignalSpy errors(&serial, &Transport::errorOccurred);
    QVERIFY(serial.open());
    pty.closeMaster();
    QTRY_COMPARE(serial.state(), Transport::State::Closed);
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("lost")));
}

void TestTransport::loopback_bothWays()
{
    LoopbackLink link;
    Collector atMcu(link.mcuEnd());
    Collector atModule(link.moduleEnd());
    QVERIFY(link.moduleEnd()->open());
    QVERIFY(link.mcuEnd()->open());
    QCOMPARE(link.moduleEnd()->write(QByteArray("\x55\xaa\x00\x01", 4)), qint64(4));
    QCOMPARE(link.mcuEnd()->write("pong"), qint64(4));
    QCOMPARE(atMcu.bytes, QByteArray()); // queued, never delivered inside write()
    QTRY_COMPARE(atMcu.bytes, QByteArray("\x55\xaa\x00\x01", 4));
    QTRY_COMPARE(atModule.bytes, QByteArray("pong"));
    QVERIFY(atMcu.times.first() <= nowUs());
}

void TestTransport::loopback_maxChunk()
{
    LoopbackLink link;
    link.setMaxChunk(3, 7);
    Collector atMcu(link.mcuEnd());
    QVERIFY(link.moduleEnd()->open());
    QVERIFY(link.mcuEnd()->open());
    QByteArray input;
    for (int i = 0; i < 200; ++i)
        input.append(char(i * 7));
    QCOMPARE(link.moduleEnd()->write(input), qint64(input.size()));
    QTRY_COMPARE(atMcu.bytes, input);
    QVERIFY(atMcu.chunks.size() >= input.size() / 3);
    bool sawSmaller = false;
    for (const QByteArray& chunk : atMcu.chunks) {
        QVERIFY(!chunk.isEmpty());
        QVERIFY(chunk.size() <= 3);
        sawSmaller = sawSmaller || chunk.size() < 3;
    }
    QVERIFY(sawSmaller); // really random sizes, not fixed cuts
}

void TestTransport::loopback_closedEndDrops()
{
    LoopbackLink link;
    Collector atMcu(link.mcuEnd());
    Collector atModule(link.moduleEnd());
    QVERIFY(link.moduleEnd()->open());
    QCOMPARE(link.moduleEnd()->write("lost"), qint64(4)); // the MCU end is closed
    QCOMPARE(link.mcuEnd()->write("x"), qint64(-1));
    QTest::qWait(20);
    QCOMPARE(atMcu.bytes, QByteArray());
    QVERIFY(link.mcuEnd()->open());
    QCOMPARE(link.moduleEnd()->write("seen"), qint64(4));
    QTRY_COMPARE(atMcu.bytes, QByteArray("seen"));
    QCOMPARE(atModule.bytes, QByteArray());
}

void TestTransport::bridge_wireAndTaps()
{
    PtyPair a, b, tapAToB, tapBToA;
    QVERIFY(a.ok() && b.ok() && tapAToB.ok() && tapBToA.ok());
    PtyBridge bridge(&a, &b);
    bridge.setTaps(&tapAToB, &tapBToA);

    SerialTransport module(settingsFor(a.slavePath(), 9600));
    SerialTransport mcu(settingsFor(b.slavePath(), 9600));
    SerialTransport snifferTx(settingsFor(tapAToB.slavePath(), 9600));
    SerialTransport snifferRx(settingsFor(tapBToA.slavePath(), 9600));
    Collector atModule(&module), atMcu(&mcu), atTx(&snifferTx), atRx(&snifferRx);
    for (SerialTransport* serial : {&module, &mcu, &snifferTx, &snifferRx})
        QVERIFY2(serial->open(), qPrintable(serial->errorString()));

    const QByteArray heartbeat("\x55\xaa\x00\x00\x00\x00\xff", 7);
    const QByteArray reply("\x55\xaa\x03\x00\x00\x01\x01\x04", 8);
    QCOMPARE(module.write(heartbeat), qint64(heartbeat.size()));
    QTRY_COMPARE(atMcu.bytes, heartbeat);
    QCOMPARE(mcu.write(reply), qint64(reply.size()));
    QTRY_COMPARE(atModule.bytes, reply);

    const QByteArray garbage("\x00\xff\x55", 3);
    bridge.injectAToB(garbage);
    QTRY_COMPARE(atMcu.bytes, heartbeat + garbage);
    const QByteArray binary = allByteValues();
    QCOMPARE(mcu.write(binary), qint64(binary.size()));
    QTRY_COMPARE(atModule.bytes, reply + binary);

    QTRY_COMPARE(atTx.bytes, heartbeat + garbage);
    QTRY_COMPARE(atRx.bytes, reply + binary);
    QTest::qWait(30); // nothing else trickles in, and nothing leaks across lines
    QCOMPARE(atTx.bytes, heartbeat + garbage);
    QCOMPARE(atRx.bytes, reply + binary);
    QCOMPARE(atModule.bytes, reply + binary);
    QCOMPARE(bridge.bytesAToB(), qint64(heartbeat.size() + garbage.size()));
    QCOMPARE(bridge.bytesBToA(), qint64(reply.size() + binary.size()));
}

void TestTransport::bridge_idleDoesNotSpin()
{
    PtyPair a, b;
    QVERIFY(a.ok() && b.ok());
    PtyBridge bridge(&a, &b); // no slave is open: both masters read EIO and poll as hung up
    const qint64 cpuBefore = processCpuUs();
    QElapsedTimer wall;
    wall.start();
    QTest::qWait(300);
    const qint64 cpuUs = processCpuUs() - cpuBefore;
    QVERIFY2(cpuUs < wall.elapsed() * 1000 / 3, qPrintable(QString::number(cpuUs)));

    SerialTransport mcu(settingsFor(b.slavePath()));
    Collector atMcu(&mcu);
    QVERIFY(mcu.open());
    bridge.injectAToB("late");
    QTRY_COMPARE(atMcu.bytes, QByteArray("late"));
    // The module's slave opens after a while: the re-armed notifier picks its bytes up.
    SerialTransport module(settingsFor(a.slavePath()));
    QVERIFY(module.open());
    QCOMPARE(module.write("hi"), qint64(2));
    QTRY_COMPARE(atMcu.bytes, QByteArray("latehi"));
}

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
