// `lan status|set` and `scan` as processes against a scripted 3.3 device (a QTcpServer in this
// test process) and datagrams sent by the test.

#include "lansim/LanDeviceSimulator.h"
#include "simulator/DeviceProfile.h"
#include "support/TestSupport.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanKeyCandidates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <memory>

using namespace tuyascope;
using namespace tuyascope::lan;

namespace {

const QString kKey = QStringLiteral("K(OTq/}aduz<BotO");
const QByteArray kWrongKey = QByteArrayLiteral("0123456789abcdef");
const QString kDevId = QStringLiteral("bf1bd7f0bda4cbc644ichw");

// A 3.3 device: answers DP_QUERY with its DPs, CONTROL with an ack and (unless told not to) a
// STATUS push of the written DPs.
class Device33 : public QObject {
public:
    explicit Device33(const QByteArray& key, bool reportWrites = true) : m_key(key), m_reportWrites(reportWrites)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* conn = m_server.nextPendingConnection();
            connect(conn, &QTcpSocket::readyRead, this, [this, conn] { onData(conn); });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QVector<LanFrameInfo> received;

private:
    class Collector : public LanStreamSplitter::Sink {
    public:
        void onEvent(const LanStreamSplitter::Event& e) override
        {
            if (e.kind == LanStreamSplitter::EventKind::Frame)
                frames.push_back(e.bytes.toByteArray());
        }
        QVector<QByteArray> frames;
    };

    void send(QTcpSocket* conn, quint32 cmd, const QByteArray& body)
    {
        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Device;
        q.seq = ++m_seq;
        q.cmd = cmd;
        q.retcode = 0;
        q.body = body;
        q.key = m_key;
        conn->write(encodeLanFrame(q).frame);
    }

    void onData(QTcpSocket* conn)
    {
        Collector c;
        m_splitter.feed(conn->readAll(), 0, c);
        LanContext ctx;
        ctx.version = LanVersion::V33;
        ctx.sender = LanSender::Client;
        ctx.localKey = m_key;
        for (const QByteArray& frame : std::as_const(c.frames)) {
            const LanFrameInfo info = dissectLanFrame(frame, ctx).info;
            received.push_back(info);
            if (info.cmd == cmd::DpQuery) {
                send(conn, cmd::DpQuery, QByteArrayLiteral("{\"devId\":\"bf1bd7f0bda4cbc644ichw\",\"dps\":{\"1\":true,\"2\":150},\"t\":1700000000}"));
            } else if (info.cmd == cmd::Control) {
                send(conn, cmd::Control, QByteArray());
                if (m_reportWrites)
                    send(conn, cmd::Status,
                     "{\"devId\":\"bf1bd7f0bda4cbc644ichw\",\"dps\":" + QJsonDocument(info.dps).toJson(QJsonDocument::Compact)
                         + ",\"t\":1700000000}");
            } else if (info.cmd == cmd::HeartBeat) {
                send(conn, cmd::HeartBeat, QByteArray());
            }
        }
    }

    QByteArray m_key;
    bool m_reportWrites = true;
    QTcpServer m_server;
    LanStreamSplitter m_splitter;
    quint32 m_seq = 0;
};

QVector<QJsonObject> jsonLines(const QByteArray& text)
{
    QVector<QJsonObject> out;
    for (const QByteArray& line : text.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            out.push_back(doc.object());
    }
    return out;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the CLI while this process's event loop serves the scripted device. `environment`:
// extra variables (NAME=value).
Run runCli(const QStringList& args, int timeoutMs = 20000, const QStringList& environment = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TUYASCOPE_CLI_PATH), args);
    Run r;
    if (!p.waitForStarted(5000))
        return r;
    QElapsedTimer timer;
    timer.start();
    while (p.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished(2000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QStringList eventCodes(const QByteArray& jsonOut)
{
    QStringList codes;
    for (const QJsonObject& o : jsonLines(jsonOut))
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("event"))
            codes << o.value(QStringLiteral("code")).toString();
    return codes;
}

int statusLines(const QByteArray& jsonOut)
{
    int n = 0;
    for (const QJsonObject& o : jsonLines(jsonOut))
        n += o.value(QStringLiteral("type")).toString() == QLatin1String("dps")
             && o.value(QStringLiteral("source")).toString() == QLatin1String("status");
    return n;
}

std::unique_ptr<lansim::LanDeviceSimulator> startSimulator(lan::LanVersion version, quint16 port, QString* error)
{
    DeviceProfile profile;
    if (!loadDeviceProfile(QStringLiteral("energy-plug"), profile, error))
        return nullptr;
    lansim::LanSimulatorOptions options;
    options.port = port;
    options.device.version = version;
    options.device.deviceId = kDevId;
    options.device.localKey = kKey.toLatin1();
    options.reporting = false;
    options.seed = 11;
    auto device = std::make_unique<lansim::LanDeviceSimulator>(profile, options);
    if (!device->start(error))
        return nullptr;
    return device;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray devicesJson(const QString& key, const QString& ip = QStringLiteral("127.0.0.1"))
{
    return QStringLiteral("[{\"name\":\"Desk plug\",\"id\":\"%1\",\"key\":\"%2\",\"ip\":\"%3\",\"version\":\"3.3\"}]")
        .arg(kDevId, key, ip)
        .toUtf8();
}

// lan arguments without --key / --version (and without --id when `id` is false).
QStringList lanArgsWithoutKey(const QString& sub, quint16 port, bool id = true)
{
    QStringList args{QStringLiteral("lan"), sub, QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                     QString::number(port), QStringLiteral("--timeout"), QStringLiteral("3"), QStringLiteral("--no-autosave")};
    if (id)
        args << QStringLiteral("--id") << kDevId;
    return args;
}

QStringList lanArgs(const QString& sub, quint16 port, const QString& key)
{
    return {QStringLiteral("lan"), sub, QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
            QString::number(port), QStringLiteral("--id"), kDevId, QStringLiteral("--key"), key,
            QStringLiteral("--version"), QStringLiteral("3.3"), QStringLiteral("--timeout"), QStringLiteral("3")};
}

} // namespace

class TestCliLanClient : public QObject {
    Q_OBJECT
private slots:
    void statusPrintsDpsAsJson()
    {
        Device33 device(kKey.toLatin1());
        QTemporaryDir autosave;
        QStringList args = lanArgs(QStringLiteral("status"), device.port(), kKey);
        args << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--autosave-dir") << autosave.path();
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QVector<QJsonObject> lines = jsonLines(r.out);
        QJsonObject status;
        int frames = 0;
        for (const QJsonObject& o : lines) {
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("dps"))
                status = o;
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("frame")) {
                ++frames;
                QCOMPARE(o.value(QStringLiteral("protocol")).toString(), QStringLiteral("tuya-lan"));
                QCOMPARE(o.value(QStringLiteral("integrity")).toString(), QStringLiteral("good"));
            }
        }
        QCOMPARE(frames, 2); // the query and its answer, decoded with the client's key
        QCOMPARE(status.value(QStringLiteral("source")).toString(), QStringLiteral("status"));
        const QJsonObject expected{{QStringLiteral("1"), true}, {QStringLiteral("2"), 150}};
        QCOMPARE(status.value(QStringLiteral("dps")).toObject(), expected);
        QVERIFY(!r.out.contains(kKey.toLatin1()));
        QCOMPARE(device.received.size(), 1);
        QCOMPARE(device.received.at(0).cmd, cmd::DpQuery);
        QCOMPARE(QDir(autosave.path()).entryList({QStringLiteral("lan-*.pcapng")}, QDir::Files).size(), 1);
    }

    void setPrintsAckAndPush()
    {
        Device33 device(kKey.toLatin1());
        QStringList args = lanArgs(QStringLiteral("set"), device.port(), kKey);
        args << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--no-autosave")
             << QStringLiteral("1=false") << QStringLiteral("4=\"auto\"");
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(device.received.size(), 1);
        QCOMPARE(device.received.at(0).cmd, cmd::Control);
        const QJsonObject expected{{QStringLiteral("1"), false}, {QStringLiteral("4"), QStringLiteral("auto")}};
        QCOMPARE(device.received.at(0).dps, expected);
        bool push = false;
        for (const QJsonObject& o : jsonLines(r.out))
            push = push || (o.value(QStringLiteral("type")).toString() == QLatin1String("dps")
                            && o.value(QStringLiteral("dps")).toObject() == expected);
        QVERIFY(push);
        const QStringList codes = eventCodes(r.out);
        QVERIFY2(codes.contains(QStringLiteral("SET_ACKNOWLEDGED")), r.out.constData());
        QVERIFY2(codes.contains(QStringLiteral("SET_CONFIRMED")), r.out.constData());
    }

    void monitorPrintsFramesAndHeartbeats()
    {
        Device33 device(kKey.toLatin1());
        QStringList args = lanArgs(QStringLiteral("monitor"), device.port(), kKey);
        args << QStringLiteral("--duration") << QStringLiteral("1.5") << QStringLiteral("--heartbeat")
             << QStringLiteral("0.4") << QStringLiteral("--no-autosave");
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(QLatin1String("DPS (status): {\"1\":true,\"2\":150}")), r.out.constData());
        QVERIFY(text.contains(QLatin1String("app->device")));
        QVERIFY(text.contains(QLatin1String("device->app")));
        QVERIFY(text.contains(QLatin1String("lan-3.3")));
        QVERIFY(text.contains(QLatin1String("[good]")));
        int beats = 0;
        for (const LanFrameInfo& info : std::as_const(device.received))
            beats += info.cmd == cmd::HeartBeat;
        QVERIFY(beats >= 2);
        QVERIFY(!r.out.contains(kKey.toLatin1()));
    }

    void wrongKeyFailsClearly()
    {
        Device33 device(kWrongKey);
        QStringList args = lanArgs(QStringLiteral("status"), device.port(), kKey);
        args << QStringLiteral("--no-autosave");
        const Run r = runCli(args);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("WRONG_KEY_OR_VERSION"), r.err.constData());
        QVERIFY(r.err.contains("check the local key"));
        QVERIFY(!r.out.contains(kKey.toLatin1()));
        QVERIFY(!r.err.contains(kKey.toLatin1()));
    }

    void refusedPortFailsClearly()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QStringList args = lanArgs(QStringLiteral("status"), port, kKey);
        args << QStringLiteral("--no-autosave");
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("CONNECTION_REFUSED"), r.err.constData());
    }

    void badKeyIsUsageErrorWithoutEcho()
    {
        const Run r = runCli(lanArgs(QStringLiteral("status"), 6668, QStringLiteral("secretsecret")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.contains("secretsecret"));
    }

    void scanListsDevicesOnce()
    {
        quint16 port = 0;
        {
            QUdpSocket probe;
            QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
            port = probe.localPort();
        }
        QProcess p;
        p.start(QStringLiteral(TUYASCOPE_CLI_PATH),
                {QStringLiteral("scan"), QStringLiteral("--timeout"), QStringLiteral("2.5"), QStringLiteral("--port"),
                 QString::number(port), QStringLiteral("--no-solicit"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(p.waitForStarted(5000));
        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Device;
        q.transport = LanTransport::Udp;
        q.cmd = cmd::UdpNew;
        q.retcode = 0;
        q.key = lanUdpKey();
        q.header = HeaderPolicy::Never;
        q.body = QByteArrayLiteral("{\"ip\":\"10.214.2.176\",\"gwId\":\"bf1bd7f0bda4cbc644ichw\",\"active\":2,\"ablilty\":0,"
                                   "\"encrypt\":true,\"productKey\":\"keym4vvjhx4sd9kk\",\"version\":\"3.3\"}");
        const QByteArray datagram = encodeLanFrame(q).frame;
        QUdpSocket sender;
        QElapsedTimer timer;
        timer.start();
        while (p.state() != QProcess::NotRunning && timer.elapsed() < 15000) {
            sender.writeDatagram(datagram, QHostAddress::LocalHost, port);
            QTest::qWait(100);
        }
        QCOMPARE(p.exitCode(), 0);
        const QVector<QJsonObject> lines = jsonLines(p.readAllStandardOutput());
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.at(0).value(QStringLiteral("gwId")).toString(), QStringLiteral("bf1bd7f0bda4cbc644ichw"));
        QCOMPARE(lines.at(0).value(QStringLiteral("ip")).toString(), QStringLiteral("10.214.2.176"));
        QCOMPARE(lines.at(0).value(QStringLiteral("version")).toString(), QStringLiteral("3.3"));
        QCOMPARE(lines.at(0).value(QStringLiteral("productKey")).toString(), QStringLiteral("keym4vvjhx4sd9kk"));
    }

    void setAcknowledgedButNotReported()
    {
        Device33 device(kKey.toLatin1(), false);
        QStringList args = lanArgs(QStringLiteral("set"), device.port(), kKey);
        args << QStringLiteral("--timeout") << QStringLiteral("1") << QStringLiteral("--no-autosave") << QStringLiteral("2=30");
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("SET_ACKNOWLEDGED"), r.out.constData());
        QVERIFY2(r.out.contains("acknowledged, the device did not report the new values"), r.out.constData());
        QVERIFY2(r.out.contains("(not reported: 2)"), r.out.constData());
        QVERIFY(!r.out.contains("SET_CONFIRMED"));
    }

    void setConfirmedBySimulator()
    {
        QString error;
        const auto device = startSimulator(lan::LanVersion::V34, 0, &error);
        QVERIFY2(device, qPrintable(error));
        const bool wasOn = device->model().value(1).toBool();
        QStringList args = lanArgs(QStringLiteral("set"), device->port(), kKey);
        args.replace(args.indexOf(QStringLiteral("--version")) + 1, QStringLiteral("3.4"));
        args << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--no-autosave")
             << QStringLiteral("1=%1").arg(wasOn ? QStringLiteral("false") : QStringLiteral("true"));
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList codes = eventCodes(r.out);
        QVERIFY2(codes.contains(QStringLiteral("SET_ACKNOWLEDGED")), r.out.constData());
        QVERIFY2(codes.contains(QStringLiteral("SET_CONFIRMED")), r.out.constData());
        QVERIFY(!codes.contains(QStringLiteral("SET_UNCONFIRMED")));
        QCOMPARE(device->model().value(1), QJsonValue(!wasOn));
        QVERIFY(!r.out.contains(kKey.toLatin1()));
    }

    // lan monitor against our simulator (3.5): the device goes away and comes back on the same
    // port; the monitor says so, reconnects (a new session key) and prints the status again.
    void monitorReconnectsAfterDeviceDrop()
    {
        QString error;
        auto device = startSimulator(lan::LanVersion::V35, 0, &error);
        QVERIFY2(device, qPrintable(error));
        const quint16 port = device->port();
        QStringList args = lanArgs(QStringLiteral("monitor"), port, kKey);
        args.replace(args.indexOf(QStringLiteral("--version")) + 1, QStringLiteral("3.5"));
        args << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--no-autosave")
             << QStringLiteral("--retry-delay") << QStringLiteral("0.2") << QStringLiteral("--duration") << QStringLiteral("60");
        QProcess p;
        p.start(QStringLiteral(TUYASCOPE_CLI_PATH), args);
        QVERIFY(p.waitForStarted(5000));
        QByteArray out;
        const auto read = [&] {
            out += p.readAllStandardOutput();
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(read() && statusLines(out) == 1, 10000);

        device->stop();
        device.reset();
        QTRY_VERIFY_WITH_TIMEOUT(read() && eventCodes(out).contains(QStringLiteral("CONNECTION_LOST")), 10000);
        device = startSimulator(lan::LanVersion::V35, port, &error);
        QVERIFY2(device, qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(read() && statusLines(out) == 2, 15000);
        const QStringList codes = eventCodes(out);
        QVERIFY2(codes.contains(QStringLiteral("RECONNECTED")), out.constData());
        QCOMPARE(codes.count(QStringLiteral("SESSION_KEY_NEGOTIATED")), 2);

        p.terminate(); // SIGTERM: a clean stop, as Ctrl-C
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        read();
        QVERIFY(!out.contains(kKey.toLatin1()));
    }

    void monitorPollsStatus()
    {
        Device33 device(kKey.toLatin1());
        QStringList args = lanArgs(QStringLiteral("monitor"), device.port(), kKey);
        args << QStringLiteral("--duration") << QStringLiteral("1.5") << QStringLiteral("--poll") << QStringLiteral("0.3")
             << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--no-autosave");
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(statusLines(r.out) >= 3, r.out.constData());
    }

    // Without --key: --devices, the key store ($TUYASCOPE_KEYSTORE or --keystore), by id or by
    // the --host address; --key wins; the version may come from the entry.
    void keysFromDevicesAndStore()
    {
        Device33 device(kKey.toLatin1());
        QTemporaryDir dir;
        const QString devices = dir.filePath(QStringLiteral("devices.json"));
        const QString wrongDevices = dir.filePath(QStringLiteral("wrong.json"));
        const QString store = dir.filePath(QStringLiteral("store/keys.json"));
        const QString wrongStore = dir.filePath(QStringLiteral("wrong-store.json"));
        QVERIFY(writeFile(devices, devicesJson(kKey)));
        QVERIFY(writeFile(wrongDevices, devicesJson(QString::fromLatin1(kWrongKey))));
        QVERIFY(runCli({QStringLiteral("keys"), QStringLiteral("import"), QStringLiteral("--keystore"), store, devices}).exitCode == 0);
        QVERIFY(runCli({QStringLiteral("keys"), QStringLiteral("import"), QStringLiteral("--keystore"), wrongStore, wrongDevices}).exitCode == 0);
        const QString env = QStringLiteral("TUYASCOPE_KEYSTORE=") + store;
        const QString wrongEnv = QStringLiteral("TUYASCOPE_KEYSTORE=") + wrongStore;
        const QString status = QStringLiteral("status");

        struct Case {
            const char* name;
            QStringList args;
            QStringList environment;
            QByteArray source;
        };
        const QVector<Case> cases{
            {"devices.json by id", lanArgsWithoutKey(status, device.port()) << QStringLiteral("--devices") << devices,
             {wrongEnv}, "--devices"},
            {"store from the environment", lanArgsWithoutKey(status, device.port()), {env}, "key store"},
            {"store by host address", lanArgsWithoutKey(status, device.port(), false), {env}, "key store"},
            {"--keystore beats the environment",
             lanArgsWithoutKey(status, device.port()) << QStringLiteral("--keystore") << store, {wrongEnv}, "key store"},
            {"--key beats the store",
             lanArgsWithoutKey(status, device.port()) << QStringLiteral("--key") << kKey << QStringLiteral("--version")
                                                      << QStringLiteral("3.3"),
             {wrongEnv}, ""},
        };
        for (const Case& c : cases) {
            const Run r = runCli(c.args, 20000, c.environment);
            QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), QString::fromUtf8(r.err))));
            QVERIFY2(r.out.contains("DPS (status)"), c.name);
            if (!c.source.isEmpty())
                QVERIFY2(r.err.contains("key: device " + kDevId.toUtf8() + " from " + c.source), c.name);
            QVERIFY2(!r.out.contains(kKey.toLatin1()) && !r.err.contains(kKey.toLatin1()), c.name);
        }

        // The wrong store's key is used when nothing better is given: the device rejects it.
        const Run wrong = runCli(lanArgsWithoutKey(status, device.port()), 20000, {wrongEnv});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("WRONG_KEY_OR_VERSION"), wrong.err.constData());
        QVERIFY(!wrong.err.contains(kWrongKey) && !wrong.out.contains(kWrongKey));
    }

    void missingKeyNamesTheDevice()
    {
        QTemporaryDir dir;
        const QString emptyStore = dir.filePath(QStringLiteral("none.json"));
        const Run r = runCli(lanArgsWithoutKey(QStringLiteral("status"), 6668) << QStringLiteral("--version") << QStringLiteral("3.3"),
                             20000, {QStringLiteral("TUYASCOPE_KEYSTORE=") + emptyStore});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no local key for device " + kDevId.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());

        // Known address but no id: asks for --id, names the address.
        const Run noId = runCli(lanArgsWithoutKey(QStringLiteral("status"), 6668, false), 20000,
                                {QStringLiteral("TUYASCOPE_KEYSTORE=") + emptyStore});
        QCOMPARE(noId.exitCode, 2);
        QVERIFY2(noId.err.contains("--id") && noId.err.contains("127.0.0.1"), noId.err.constData());
    }

    // @tuyapi/stub (3.1) answers CONTROL with its state after each dp it sets, seq 0: the first
    // answer is the acknowledgement, the state with every written dp the confirmation.
    void setAgainstTuyapiStubIsConfirmed()
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const QString script = test::sourcePath(QStringLiteral("tests/interop/stub-device.js"));
        if (node.isEmpty() || !QFileInfo::exists(test::sourcePath(QStringLiteral("tests/interop/node_modules/@tuyapi/stub/package.json"))))
            QSKIP("node or tests/interop/node_modules is missing (npm ci --prefix tests/interop)");
        QProcess stub;
        stub.start(node, {script, QStringLiteral("--id"), kDevId, QStringLiteral("--key"), kKey, QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--state"), QStringLiteral("{\"1\":true,\"2\":17}")});
        QVERIFY(stub.waitForStarted(5000));
        QByteArray stubOut;
        quint16 port = 0;
        QTRY_VERIFY_WITH_TIMEOUT((stubOut += stub.readAllStandardOutput(), stubOut.startsWith("ready ")) && stubOut.contains('\n'), 10000);
        port = quint16(stubOut.mid(6, stubOut.indexOf('\n') - 6).trimmed().toUInt());
        QVERIFY(port != 0);
        QStringList args = lanArgs(QStringLiteral("set"), port, kKey);
        args.replace(args.indexOf(QStringLiteral("--version")) + 1, QStringLiteral("3.1"));
        args << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--no-autosave") << QStringLiteral("1=false")
             << QStringLiteral("2=42");
        const Run r = runCli(args);
        stub.terminate();
        stub.waitForFinished(5000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList codes = eventCodes(r.out);
        QVERIFY2(codes.contains(QStringLiteral("SET_ACKNOWLEDGED")), r.out.constData());
        QVERIFY2(codes.contains(QStringLiteral("SET_CONFIRMED")), r.out.constData());
        QVERIFY(codes.indexOf(QStringLiteral("SET_ACKNOWLEDGED")) < codes.indexOf(QStringLiteral("SET_CONFIRMED")));
    }
};

QTEST_GUILESS_MAIN(TestCliLanClient)
#include "tst_cli_lan_client.moc"
