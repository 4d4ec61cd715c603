// `lan status|set` and `scan` as processes against a scripted 3.3 device (a QTcpServer in this
// test process) and datagrams sent by the test.

#include "support/TestSupport.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanKeyCandidates.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::lan;

namespace {

const QString kKey = QStringLiteral("K(OTq/}aduz<BotO");
const QByteArray kWrongKey = QByteArrayLiteral("0123456789abcdef");
const QString kDevId = QStringLiteral("bf1bd7f0bda4cbc644ichw");

// A 3.3 device: answers DP_QUERY with its DPs, CONTROL with an ack and a STATUS push.
class Device33 : public QObject {
public:
    explicit Device33(const QByteArray& key) : m_key(key)
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
                send(conn, cmd::Status,
                     "{\"devId\":\"bf1bd7f0bda4cbc644ichw\",\"dps\":" + QJsonDocument(info.dps).toJson(QJsonDocument::Compact)
                         + ",\"t\":1700000000}");
            } else if (info.cmd == cmd::HeartBeat) {
                send(conn, cmd::HeartBeat, QByteArray());
            }
        }
    }

    QByteArray m_key;
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

// Runs the CLI while this process's event loop serves the scripted device.
Run runCli(const QStringList& args, int timeoutMs = 20000)
{
    QProcess p;
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
};

QTEST_GUILESS_MAIN(TestCliLanClient)
#include "tst_cli_lan_client.moc"
