// The concrete live sessions against each other: serial host <-> MCU simulator over pseudo-
// terminals (with an adapter unplugged and plugged back), LAN client <-> LAN simulator on
// loopback (3.3 and 3.5, with the simulator going away and coming back).

#include "support/TestSupport.h"

#include "frames/FrameSummary.h"
#include "sessions/LanClientSession.h"
#include "sessions/LanSimulatorSession.h"
#include "sessions/McuSimulatorSession.h"
#include "sessions/SerialHostSession.h"
#include "sessions/SerialSniffSession.h"
#include "simulator/McuSimulator.h"
#include "support/Pty.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tuyascope;

namespace {

const char kDeviceId[] = "bf1234567890abcdefgh";
const char kLocalKey[] = "0123456789abcdef";

bool hasFrameFrom(LiveFrames& frames, Direction direction)
{
    for (int row = 0; row < frames.frameCount(); ++row)
        if (frames.facts(row).direction == direction)
            return true;
    return false;
}

// The dp text of the first LAN frame from the device that carries dps ("1=true 9=0 ..."), or "".
QString firstDeviceDps(LiveFrames& frames)
{
    for (int row = 0; row < frames.frameCount(); ++row) {
        if (frames.facts(row).direction != Direction::DeviceToApp)
            continue;
        const FrameSummary summary = summarizeFrame(frames.facts(row), frames.dissect(row));
        if (!summary.dps.isEmpty())
            return summary.dps;
    }
    return QString();
}

quint16 freeTcpPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

LanSimulatorConfig lanSimulatorConfig(lan::LanVersion version, quint16 port)
{
    LanSimulatorConfig config;
    config.profileSource = QStringLiteral("energy-plug");
    config.profile = test::profileNamed(config.profileSource);
    config.simulator.device.deviceId = QString::fromLatin1(kDeviceId);
    config.simulator.device.localKey = QByteArray(kLocalKey);
    config.simulator.device.version = version;
    config.simulator.port = port;
    config.simulator.seed = 7;
    return config;
}

} // namespace

class TestSessions : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<LiveSession::State>();
    }

    // Host mode drives the simulated MCU over two pseudo-terminals joined like a UART; the
    // host's adapter is unplugged and plugged back and the session follows.
    void serialHostAgainstSimulator()
    {
        QTemporaryDir dir;
        test::PtyPair moduleSide;
        test::PtyPair mcuSide;
        QVERIFY(moduleSide.ok() && mcuSide.ok());
        const QString link = dir.filePath(QStringLiteral("ttyUSB-host"));
        QVERIFY(moduleSide.setLinkPath(link));
        auto bridge = std::make_unique<test::PtyBridge>(&moduleSide, &mcuSide);

        McuSimulatorConfig simConfig;
        simConfig.serial.port = mcuSide.slavePath();
        simConfig.serial.baudRate = 115200;
        simConfig.profileSource = QStringLiteral("hy609-thermostat");
        simConfig.profile = test::profileNamed(simConfig.profileSource);
        simConfig.timeScale = 0.2;
        QVERIFY(!simConfig.profile.dps.isEmpty());
        McuSimulatorSession simulator(simConfig);

        SerialHostConfig hostConfig;
        hostConfig.serial.port = link;
        hostConfig.serial.baudRate = 115200;
        hostConfig.serial.reconnectIntervalMs = 50;
        hostConfig.heartbeatIntervalMs = 500;
        SerialHostSession host(hostConfig);
        QCOMPARE(host.config().serial.port, link);
        QVERIFY(host.canSendMcu());
        QVERIFY(!simulator.canSendMcu());
        QSignalSpy states(&host, &LiveSession::stateChanged);

        simulator.start();
        QCOMPARE(simulator.state(), LiveSession::State::Running);
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), LiveSession::State::Running, 10000);
        QVERIFY(states.count() >= 2); // Starting, ..., Running
        QCOMPARE(states.first().at(0).value<LiveSession::State>(), LiveSession::State::Starting);
        QTRY_VERIFY(hasFrameFrom(host.frames(), Direction::McuToModule));
        QVERIFY(hasFrameFrom(host.frames(), Direction::ModuleToMcu));
        QTRY_VERIFY(hasFrameFrom(simulator.frames(), Direction::ModuleToMcu));
        QVERIFY(hasFrameFrom(simulator.frames(), Direction::McuToModule));

        // A command typed in the window reaches the simulated MCU.
        QSignalSpy dpChanges(&simulator.simulator(), &McuSimulator::dpChanged);
        const bool wasOn = simulator.simulator().dpValue(1) == QByteArray(1, '\x01');
        const mcu::SendParseResult parsed = mcu::parseSendCommand(QStringLiteral("TuyaSend1 1,%1").arg(wasOn ? 0 : 1));
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QString error;
        QVERIFY2(host.sendMcu(parsed.request, &error), qPrintable(error));
        QTRY_VERIFY(!dpChanges.isEmpty());
        QCOMPARE(dpChanges.first().at(0).value<quint8>(), quint8(1));
        QTRY_COMPARE(simulator.simulator().dpValue(1), QByteArray(1, wasOn ? '\x00' : '\x01'));

        // Unplug the host's adapter: Reconnecting with words; plug it back: Running again.
        bridge.reset();
        moduleSide.closeMaster();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), LiveSession::State::Reconnecting, 5000);
        QVERIFY2(host.stateText().contains(QStringLiteral("reconnecting to %1 every 50 ms").arg(link)), qPrintable(host.stateText()));
        QVERIFY(moduleSide.recreate());
        bridge = std::make_unique<test::PtyBridge>(&moduleSide, &mcuSide);
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), LiveSession::State::Running, 5000);
        const int framesBefore = host.frames().frameCount();
        QTRY_VERIFY_WITH_TIMEOUT(host.frames().frameCount() > framesBefore, 5000);

        host.stop();
        simulator.stop();
        QCOMPARE(host.state(), LiveSession::State::Stopped);
        QCOMPARE(simulator.state(), LiveSession::State::Stopped);
        bridge.reset();
    }

    void serialHostFailsOnMissingPort()
    {
        SerialHostConfig config;
        config.serial.port = QStringLiteral("/nonexistent/ttyNOPE");
        SerialHostSession host(config);
        host.start();
        QCOMPARE(host.state(), LiveSession::State::Failed);
        QVERIFY(!host.stateText().isEmpty());
    }

    void sniffSessionRecordsOneLine()
    {
        test::PtyPair tap;
        QVERIFY(tap.ok());
        SerialSniffConfig config;
        config.mcuTxPort = tap.slavePath();
        SerialSniffSession sniff(config);
        QVERIFY(!sniff.canSendMcu());
        QVERIFY(!sniff.canSendLan());
        sniff.start();
        QCOMPARE(sniff.state(), LiveSession::State::Running);
        QVERIFY2(sniff.stateText().contains(QStringLiteral("MCU TX on")), qPrintable(sniff.stateText()));
        // A heartbeat answer from the MCU: 55 aa 03 00 00 01 01 04.
        const QByteArray frame = QByteArray::fromHex("55aa030000010104");
        QCOMPARE(tap.writeMaster(frame), frame.size());
        QTRY_COMPARE(sniff.frames().frameCount(), 1);
        QCOMPARE(sniff.frames().facts(0).direction, Direction::McuToModule);
        QCOMPARE(sniff.frames().frameBytes(0), frame);
        sniff.stop();
        QCOMPARE(sniff.state(), LiveSession::State::Stopped);
    }

    void lanClientAgainstSimulator_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("3.3") << int(lan::LanVersion::V33);
        QTest::newRow("3.5") << int(lan::LanVersion::V35);
    }

    void lanClientAgainstSimulator()
    {
        QFETCH(int, version);
        const auto lanVersion = lan::LanVersion(version);
        const quint16 port = freeTcpPort();
        QVERIFY(port != 0);
        auto simulator = std::make_unique<LanSimulatorSession>(lanSimulatorConfig(lanVersion, port));
        simulator->start();
        QCOMPARE(simulator->state(), LiveSession::State::Running);

        LanClientSessionConfig config;
        config.client.host = QStringLiteral("127.0.0.1");
        config.client.port = port;
        config.client.deviceId = QString::fromLatin1(kDeviceId);
        config.client.localKey = *keys::LocalKey::fromString(QString::fromLatin1(kLocalKey));
        config.client.version = lanVersion;
        config.client.connectTimeoutMs = 2000;
        config.client.requestTimeoutMs = 2000;
        config.reconnect.initialDelayMs = 100;
        config.reconnect.maxDelayMs = 200;
        LanClientSession client(config);
        QVERIFY(client.canSendLan());
        QVERIFY(!client.canSendMcu());
        QString error;
        QVERIFY(!client.queryLanStatus(&error)); // not connected yet
        QVERIFY(!error.isEmpty());
        QSignalSpy events(&client, &LiveSession::agentEvent);

        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), LiveSession::State::Running, 5000);
        // The supervisor's status query is answered; the frames are dissected with the client's keys.
        QTRY_VERIFY_WITH_TIMEOUT(firstDeviceDps(client.frames()).contains(QStringLiteral("1=")), 5000);
        QSignalSpy status(&client.client(), &lanclient::LanClient::statusReceived);
        QVERIFY2(client.queryLanStatus(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(status.count(), 1, 5000);
        QVERIFY(status.first().at(0).toJsonObject().contains(QStringLiteral("1")));

        const bool wasOn = simulator->simulator().model().value(1).toBool();
        QVERIFY2(client.setLanDps(QJsonObject{{QStringLiteral("1"), !wasOn}}, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(simulator->simulator().model().value(1).toBool(), !wasOn, 5000);
        QVERIFY(!client.setLanDps(QJsonObject(), &error));

        // The device goes away: Reconnecting; it comes back on the same port: Running again.
        simulator.reset();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), LiveSession::State::Reconnecting, 5000);
        QVERIFY2(client.stateText().contains(QStringLiteral("reconnecting")), qPrintable(client.stateText()));
        simulator = std::make_unique<LanSimulatorSession>(lanSimulatorConfig(lanVersion, port));
        simulator->start();
        QCOMPARE(simulator->state(), LiveSession::State::Running);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), LiveSession::State::Running, 5000);

        // The simulator recorded the conversation too, dissected with the device's keys.
        QTRY_VERIFY(hasFrameFrom(simulator->frames(), Direction::AppToDevice));
        QTRY_VERIFY_WITH_TIMEOUT(firstDeviceDps(simulator->frames()).contains(QStringLiteral("1=")), 5000);

        // The key never shows up in what the session reports.
        for (const QList<QVariant>& event : std::as_const(events))
            QVERIFY(!event.at(1).value<AgentEvent>().message.contains(QLatin1String(kLocalKey)));
        QVERIFY(!client.stateText().contains(QLatin1String(kLocalKey)));
        client.stop();
        QCOMPARE(client.state(), LiveSession::State::Stopped);
    }

    void lanSimulatorRefusesBusyPort()
    {
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        LanSimulatorSession simulator(lanSimulatorConfig(lan::LanVersion::V33, busy.serverPort()));
        simulator.start();
        QCOMPARE(simulator.state(), LiveSession::State::Failed);
        QVERIFY(!simulator.stateText().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
