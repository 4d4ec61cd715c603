// Interop with third-party Tuya LAN peers (npm packages pinned in tests/interop/package-lock.json,
// installed by packaging/install-deps.sh):
//  - tuyapi as the client against our `simulate lan` for 3.1, 3.3, 3.4 and 3.5 (status and set);
//  - @tuyapi/stub (a 3.1 device) against our `lan status` and `lan set`;
//  - a tcpdump capture of a tuyapi session per version decodes with `decode` to exactly the dps
//    tuyapi sent and received.
// Skipped (never failed) when node, tests/interop/node_modules or tcpdump is missing.

#include "simulator/DeviceProfile.h"
#include "lansim/LanDpModel.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tuyascope;

namespace {

const QString kDevId = QStringLiteral("bf1bd7f0bda4cbc644ichw");
const QString kKey = QStringLiteral("q7Vb2!sZ_k9Lr#4x");

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

QString nodePath()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
    return path;
}

QString interopPath(const QString& relative)
{
    return test::sourcePath(QStringLiteral("tests/interop/") + relative);
}

// Empty when the Node.js side can run; otherwise why not.
QString nodeMissing()
{
    if (nodePath().isEmpty())
        return QStringLiteral("node is not installed (bash packaging/install-deps.sh installs it)");
    for (const QString& module : {QStringLiteral("tuyapi"), QStringLiteral("@tuyapi/stub")}) {
        if (!QFileInfo::exists(interopPath(QStringLiteral("node_modules/%1/package.json").arg(module))))
            return QStringLiteral("tests/interop/node_modules/%1 is missing (bash packaging/install-deps.sh runs npm ci)").arg(module);
    }
    return QString();
}

QString tcpdumpPath()
{
    QString path = QStandardPaths::findExecutable(QStringLiteral("tcpdump"));
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(QStringLiteral("tcpdump"),
                                              {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                               QStringLiteral("/usr/local/sbin")});
    }
    return path;
}

// A child process whose output is collected while the test's event loop runs.
class Child {
public:
    Child()
    {
        QObject::connect(&process, &QProcess::readyReadStandardOutput, [this] { out += process.readAllStandardOutput(); });
        QObject::connect(&process, &QProcess::readyReadStandardError, [this] { err += process.readAllStandardError(); });
    }
    ~Child() { stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    bool start(const QString& program, const QStringList& args)
    {
        process.start(program, args);
        return process.waitForStarted(5000);
    }
    // Runs the event loop until `done` holds or the process ends or `timeoutMs` passes.
    template <typename Done>
    bool waitUntil(Done done, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (!done() && timer.elapsed() < timeoutMs) {
            if (process.state() == QProcess::NotRunning) {
                drain();
                return done();
            }
            QTest::qWait(20);
        }
        return done();
    }
    bool waitForExit(int timeoutMs)
    {
        const bool ended = waitUntil([this] { return process.state() == QProcess::NotRunning; }, timeoutMs);
        drain();
        return ended;
    }
    int exitCode() const
    {
        return process.state() == QProcess::NotRunning && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    // SIGTERM, then SIGKILL if it does not end.
    void stop()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!waitForExit(5000)) {
            process.kill();
            process.waitForFinished(2000);
        }
        drain();
    }
    void drain()
    {
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
    }
    QString diagnostics() const
    {
        return QStringLiteral("stdout:\n%1\nstderr:\n%2").arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }

    QProcess process;
    QByteArray out;
    QByteArray err;
};

// Our device simulator on a free loopback port; port() after start().
class Simulator : public Child {
public:
    bool start(const QString& version)
    {
        const QStringList args{QStringLiteral("simulate"), QStringLiteral("lan"), QStringLiteral("--id"), kDevId,
                               QStringLiteral("--key"), kKey, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                               QStringLiteral("--version"), version, QStringLiteral("--profile"), QStringLiteral("energy-plug"),
                               // No wandering values during a test: report periods times 1000.
                               QStringLiteral("--time-scale"), QStringLiteral("1000"), QStringLiteral("--duration"),
                               QStringLiteral("50"), QStringLiteral("--no-autosave"), QStringLiteral("--format"),
                               QStringLiteral("json")};
        if (!Child::start(QStringLiteral(TUYASCOPE_CLI_PATH), args))
            return false;
        waitUntil([this] { return port() != 0; }, 10000);
        return port() != 0;
    }
    quint16 port() const
    {
        for (const QJsonObject& o : jsonLines(out)) {
            if (o.value(QStringLiteral("code")).toString() == QLatin1String("LISTENING")) {
                const QString message = o.value(QStringLiteral("message")).toString();
                return quint16(message.mid(message.lastIndexOf(QLatin1Char(':')) + 1).toUInt());
            }
        }
        return 0;
    }
    QStringList eventMessages(const QString& code) const
    {
        QStringList messages;
        for (const QJsonObject& o : jsonLines(out)) {
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("event")
                && o.value(QStringLiteral("code")).toString() == code)
                messages << o.value(QStringLiteral("message")).toString();
        }
        return messages;
    }
};

// tcpdump on lo writing pcap to its standard output (no file permissions to worry about when it
// drops privileges); the bytes are written to a file by stopAndSave().
class Tcpdump : public Child {
public:
    // Empty on success, else why the capture cannot run (a reason to skip).
    QString start(quint16 port)
    {
        const QString tcpdump = tcpdumpPath();
        if (tcpdump.isEmpty())
            return QStringLiteral("tcpdump is not installed (bash packaging/install-deps.sh installs it)");
        if (!Child::start(tcpdump, {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-n"), QStringLiteral("-U"),
                                    QStringLiteral("--immediate-mode"), QStringLiteral("-s"), QStringLiteral("0"),
                                    QStringLiteral("-w"), QStringLiteral("-"), QStringLiteral("tcp port %1").arg(port)}))
            return QStringLiteral("tcpdump cannot be started");
        waitUntil([this] { return err.contains("listening on"); }, 10000);
        if (!err.contains("listening on")) {
            stop();
            return QStringLiteral("tcpdump cannot capture on lo: %1").arg(QString::fromLocal8Bit(err).trimmed());
        }
        QTest::qWait(300); // capturing from here on
        return QString();
    }
    bool stopAndSave(const QString& path)
    {
        QTest::qWait(300); // the last segments reach the capture
        stop();
        QFile file(path);
        return out.size() >= 24 && file.open(QIODevice::WriteOnly) && file.write(out) == out.size();
    }
};

// The dps of the energy-plug profile as the simulator starts with them.
QJsonObject profileDps()
{
    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(QStringLiteral("energy-plug"), profile, &error))
        return {};
    return lansim::LanDpModel(profile, 1).allDps();
}

// What one tuyapi run printed.
struct TuyapiRun {
    int exitCode = -1;
    QVector<QJsonObject> lines;
    QString diagnostics;

    QVector<QJsonObject> steps(const QString& name) const
    {
        QVector<QJsonObject> out;
        for (const QJsonObject& o : lines) {
            if (o.value(QStringLiteral("step")).toString() == name)
                out.push_back(o);
        }
        return out;
    }
    // The dps of every frame tuyapi received with dps (its "data" events), in order.
    QVector<QJsonObject> receivedDps() const
    {
        QVector<QJsonObject> out;
        for (const QJsonObject& o : lines) {
            if (o.value(QStringLiteral("event")).toString() != QLatin1String("data"))
                continue;
            const QJsonObject payload = o.value(QStringLiteral("payload")).toObject();
            QJsonObject dps = payload.value(QStringLiteral("dps")).toObject();
            if (dps.isEmpty())
                dps = payload.value(QStringLiteral("data")).toObject().value(QStringLiteral("dps")).toObject();
            if (!dps.isEmpty())
                out.push_back(dps);
        }
        return out;
    }
};

TuyapiRun runTuyapi(quint16 port, const QString& version, const QStringList& steps)
{
    Child node;
    TuyapiRun run;
    QStringList args{interopPath(QStringLiteral("tuyapi-client.js")), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"), QString::number(port), QStringLiteral("--id"), kDevId,
                     QStringLiteral("--key"), kKey, QStringLiteral("--version"), version, QStringLiteral("--timeout"),
                     QStringLiteral("15")};
    args << steps;
    if (!node.start(nodePath(), args)) {
        run.diagnostics = QStringLiteral("node cannot be started");
        return run;
    }
    if (!node.waitForExit(20000))
        node.stop();
    run.exitCode = node.exitCode();
    run.lines = jsonLines(node.out);
    run.diagnostics = node.diagnostics();
    return run;
}

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QString diagnostics;
};

CliRun runCli(const QStringList& args)
{
    Child cli;
    CliRun run;
    if (!cli.start(QStringLiteral(TUYASCOPE_CLI_PATH), args))
        return run;
    if (!cli.waitForExit(20000))
        cli.stop();
    run.exitCode = cli.exitCode();
    run.out = cli.out;
    run.diagnostics = cli.diagnostics();
    return run;
}

QJsonObject dpsObject(const QJsonArray& dps)
{
    QJsonObject out;
    for (const QJsonValue& dp : dps) {
        const QJsonValue id = dp.toObject().value(QStringLiteral("id"));
        out.insert(id.isString() ? id.toString() : QString::number(id.toInteger()), dp.toObject().value(QStringLiteral("value")));
    }
    return out;
}

QString listText(const QVector<QJsonObject>& list)
{
    QJsonArray array;
    for (const QJsonObject& o : list)
        array.append(o);
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// One tuyapi session against the simulator: get, set dp 1 to false, get.
void checkTuyapiSession(const QString& version, const TuyapiRun& run, const Simulator& simulator)
{
    QVERIFY2(run.exitCode == 0, qPrintable(run.diagnostics));
    const QJsonObject expected = profileDps();
    QVERIFY(!expected.isEmpty());
    const QVector<QJsonObject> gets = run.steps(QStringLiteral("get"));
    QVERIFY2(gets.size() == 2, qPrintable(run.diagnostics));
    QCOMPARE(gets.at(0).value(QStringLiteral("dps")).toObject(), expected);
    const QVector<QJsonObject> sets = run.steps(QStringLiteral("set"));
    QVERIFY2(sets.size() == 1, qPrintable(run.diagnostics));
    const QStringList applied = simulator.eventMessages(QStringLiteral("WRITE_APPLIED"));
    // "client 127.0.0.1:PORT: dp 1 = false", once.
    QVERIFY2(applied.size() == 1 && applied.constFirst().endsWith(QLatin1String(": dp 1 = false")),
             qPrintable(QStringLiteral("%1: %2").arg(version, simulator.diagnostics())));
    QJsonObject after = expected;
    after.insert(QStringLiteral("1"), false);
    QCOMPARE(gets.at(1).value(QStringLiteral("dps")).toObject(), after);
}

} // namespace

class TestLanInterop : public QObject {
    Q_OBJECT
private slots:
    void tuyapiAgainstSimulator_data()
    {
        QTest::addColumn<QString>("version");
        for (const char* v : {"3.1", "3.3", "3.4", "3.5"})
            QTest::newRow(v) << QString::fromLatin1(v);
    }

    void tuyapiAgainstSimulator()
    {
        QFETCH(QString, version);
        if (const QString why = nodeMissing(); !why.isEmpty())
            QSKIP(qPrintable(why));
        Simulator simulator;
        QVERIFY2(simulator.start(version), qPrintable(simulator.diagnostics()));
        const TuyapiRun run = runTuyapi(simulator.port(), version,
                                        {QStringLiteral("get"), QStringLiteral("set:1=false"), QStringLiteral("get")});
        simulator.stop();
        checkTuyapiSession(version, run, simulator);
        if (QTest::currentTestFailed())
            return;
    }

    void tuyapiSessionCaptureDecodes_data()
    {
        QTest::addColumn<QString>("version");
        for (const char* v : {"3.1", "3.3", "3.4", "3.5"})
            QTest::newRow(v) << QString::fromLatin1(v);
    }

    void tuyapiSessionCaptureDecodes()
    {
        QFETCH(QString, version);
        if (const QString why = nodeMissing(); !why.isEmpty())
            QSKIP(qPrintable(why));
        Simulator simulator;
        QVERIFY2(simulator.start(version), qPrintable(simulator.diagnostics()));
        Tcpdump dump;
        if (const QString why = dump.start(simulator.port()); !why.isEmpty())
            QSKIP(qPrintable(why));
        const TuyapiRun run = runTuyapi(simulator.port(), version,
                                        {QStringLiteral("get"), QStringLiteral("set:1=false"), QStringLiteral("get")});
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pcap = dir.filePath(QStringLiteral("session.pcap"));
        QVERIFY2(dump.stopAndSave(pcap), qPrintable(dump.diagnostics()));
        simulator.stop();
        checkTuyapiSession(version, run, simulator);
        if (QTest::currentTestFailed())
            return;

        const CliRun decoded = runCli({QStringLiteral("decode"), pcap, QStringLiteral("--key"),
                                       QStringLiteral("%1=%2").arg(kDevId, kKey), QStringLiteral("--port"),
                                       QString::number(simulator.port()), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(decoded.exitCode == 0, qPrintable(decoded.diagnostics));
        QVector<QJsonObject> sent;
        QVector<QJsonObject> received;
        int frames = 0;
        for (const QJsonObject& o : jsonLines(decoded.out)) {
            if (o.value(QStringLiteral("protocol")).toString() != QLatin1String("tuya-lan"))
                continue;
            ++frames;
            const QString crypto = o.value(QStringLiteral("crypto")).toString();
            QVERIFY2(crypto == QLatin1String("plain") || crypto == QLatin1String("decrypted"), qPrintable(decoded.diagnostics));
            // "integrity" names the check (CRC32, HMAC-SHA256, GCM tag); "checksum" is its result.
            QVERIFY2(o.value(QStringLiteral("checksum")).toString() == QLatin1String("good"), qPrintable(decoded.diagnostics));
            const QJsonObject dps = dpsObject(o.value(QStringLiteral("dps")).toArray());
            if (dps.isEmpty())
                continue;
            const QString direction = o.value(QStringLiteral("dir")).toString();
            if (direction == QLatin1String("app->device"))
                sent.push_back(dps);
            else if (direction == QLatin1String("device->app"))
                received.push_back(dps);
            else
                QFAIL(qPrintable(QStringLiteral("unexpected dir %1").arg(direction)));
        }
        QVERIFY2(frames >= 6, qPrintable(decoded.diagnostics));
        QVector<QJsonObject> tuyapiSent;
        for (const QJsonObject& set : run.steps(QStringLiteral("set")))
            tuyapiSent.push_back(set.value(QStringLiteral("sent")).toObject());
        QVERIFY2(sent == tuyapiSent, qPrintable(QStringLiteral("decoded %1, tuyapi sent %2").arg(listText(sent), listText(tuyapiSent))));
        const QVector<QJsonObject> tuyapiReceived = run.receivedDps();
        // At least the two query answers and the STATUS push after the write.
        QVERIFY2(tuyapiReceived.size() >= 3, qPrintable(run.diagnostics));
        QVERIFY2(received == tuyapiReceived,
                 qPrintable(QStringLiteral("decoded %1, tuyapi received %2").arg(listText(received), listText(tuyapiReceived))));
    }

    void ourClientAgainstTuyapiStub()
    {
        if (const QString why = nodeMissing(); !why.isEmpty())
            QSKIP(qPrintable(why));
        const QJsonObject state{{QStringLiteral("1"), true}, {QStringLiteral("2"), 17}, {QStringLiteral("3"), QStringLiteral("auto")}};
        Child stub;
        QVERIFY(stub.start(nodePath(), {interopPath(QStringLiteral("stub-device.js")), QStringLiteral("--id"), kDevId,
                                        QStringLiteral("--key"), kKey, QStringLiteral("--port"), QStringLiteral("0"),
                                        QStringLiteral("--state"),
                                        QString::fromUtf8(QJsonDocument(state).toJson(QJsonDocument::Compact))}));
        const auto stubPort = [&stub]() -> quint16 {
            for (const QByteArray& line : stub.out.split('\n')) {
                if (line.startsWith("ready "))
                    return quint16(line.mid(6).trimmed().toUInt());
            }
            return 0;
        };
        stub.waitUntil([&] { return stubPort() != 0; }, 10000);
        const quint16 port = stubPort();
        QVERIFY2(port != 0, qPrintable(stub.diagnostics()));
        const QStringList common{QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                 QString::number(port), QStringLiteral("--id"), kDevId, QStringLiteral("--key"), kKey,
                                 QStringLiteral("--version"), QStringLiteral("3.1"), QStringLiteral("--timeout"),
                                 QStringLiteral("5"), QStringLiteral("--no-autosave"), QStringLiteral("--format"),
                                 QStringLiteral("json")};

        // status: the dps the stub was given.
        const CliRun status = runCli(QStringList{QStringLiteral("lan"), QStringLiteral("status")} + common);
        QVERIFY2(status.exitCode == 0, qPrintable(status.diagnostics + stub.diagnostics()));
        QJsonObject reported;
        for (const QJsonObject& o : jsonLines(status.out)) {
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("dps")
                && o.value(QStringLiteral("source")).toString() == QLatin1String("status"))
                reported = o.value(QStringLiteral("dps")).toObject();
        }
        QVERIFY2(reported == state, qPrintable(status.diagnostics));

        // set: the CONTROL arrives at the stub and changes its state.
        const CliRun set = runCli(QStringList{QStringLiteral("lan"), QStringLiteral("set")} + common
                                  + QStringList{QStringLiteral("1=false"), QStringLiteral("2=42")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.diagnostics + stub.diagnostics()));
        stub.waitUntil([&] { return stub.out.contains("\"cmd\":7"); }, 5000);
        stub.stop();
        QVector<QJsonObject> controls;
        QJsonObject finalState;
        for (const QJsonObject& o : jsonLines(stub.out)) {
            QVERIFY2(!o.contains(QStringLiteral("error")), qPrintable(stub.diagnostics()));
            const QJsonObject received = o.value(QStringLiteral("received")).toObject();
            if (received.value(QStringLiteral("cmd")).toInt() == 7)
                controls.push_back(received.value(QStringLiteral("payload")).toObject());
            if (o.contains(QStringLiteral("state")))
                finalState = o.value(QStringLiteral("state")).toObject();
        }
        QVERIFY2(controls.size() == 1, qPrintable(stub.diagnostics()));
        const QJsonObject written{{QStringLiteral("1"), false}, {QStringLiteral("2"), 42}};
        QCOMPARE(controls.at(0).value(QStringLiteral("dps")).toObject(), written);
        QCOMPARE(controls.at(0).value(QStringLiteral("devId")).toString(), kDevId);
        QJsonObject expectedState = state;
        expectedState.insert(QStringLiteral("1"), false);
        expectedState.insert(QStringLiteral("2"), 42);
        QCOMPARE(finalState, expectedState);
        // Our client saw the stub's answer: the stub pushes its whole state after each dp it sets
        // (CONTROL, seq 0), so the first push already has dp 1 off.
        bool pushed = false;
        for (const QJsonObject& o : jsonLines(set.out)) {
            const QJsonObject dps = o.value(QStringLiteral("dps")).toObject();
            pushed = pushed || (o.value(QStringLiteral("type")).toString() == QLatin1String("dps")
                                && dps.value(QStringLiteral("1")) == QJsonValue(false)
                                && dps.value(QStringLiteral("3")) == QJsonValue(QStringLiteral("auto")));
        }
        QVERIFY2(pushed, qPrintable(set.diagnostics));
    }
};

QTEST_GUILESS_MAIN(TestLanInterop)
#include "tst_lan_interop.moc"
