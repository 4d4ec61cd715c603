// The LAN client against a scripted device (written here with the codec, over a QTcpServer on
// 127.0.0.1) for 3.1, 3.3, 3.4 and 3.5; errors as data; LAN framing in LiveCapture; the
// discovery scanner on free UDP ports.

#include "lanclient/LanClient.h"
#include "lanclient/LanClientSupervisor.h"
#include "lanclient/LanDiscoveryScanner.h"
#include "lanclient/LanSetConfirmation.h"
#include "lansim/LanDeviceSimulator.h"
#include "live/LiveCapture.h"
#include "simulator/DeviceProfile.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanKeyCandidates.h"
#include "tuyalan/LanSessionKey.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>
#include <QtTest>

#include <memory>

using namespace tuyascope;
using namespace tuyascope::lan;
using namespace tuyascope::lanclient;

namespace {

const QByteArray kKey = QByteArrayLiteral("K(OTq/}aduz<BotO");
const QByteArray kWrongKey = QByteArrayLiteral("0123456789abcdef");
const QString kDevId = QStringLiteral("bf1bd7f0bda4cbc644ichw");
const QByteArray kDeviceNonce = QByteArrayLiteral("5f10e7e59ba65c92");

struct DeviceScript {
    LanVersion version = LanVersion::V33;
    QByteArray key = kKey;
    bool device22 = false;
    QByteArray device22Error = QByteArrayLiteral("json obj data unvalid");
    QByteArray controlError;   // non-empty: CONTROL answered with retcode 1 and this text
    bool silent = false;
    bool reportWrites = true;  // false: CONTROL gets its ack, but no STATUS push follows
    int chunkSize = 0;         // write every reply in pieces of this many bytes (0: whole)
};

// A Tuya device that follows a script: handshake, query, control, heartbeat.
class ScriptedDevice : public QObject {
public:
    explicit ScriptedDevice(const DeviceScript& script) : m_script(script)
    {
        m_dps.insert(QStringLiteral("1"), true);
        m_dps.insert(QStringLiteral("2"), 0);
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_conn = m_server.nextPendingConnection();
            connect(m_conn, &QTcpSocket::readyRead, this, [this] { onData(); });
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QJsonObject dps() const { return m_dps; }
    void setSilent(bool silent) { m_script.silent = silent; }

    QVector<LanFrameInfo> received;   // every client frame, dissected with the device's keys
    QVector<QByteArray> receivedFrames;
    QVector<QByteArray> sentFrames;
    QByteArray clientNonce;
    QByteArray sessionKey;
    bool finishOk = false;

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

    LanContext context() const
    {
        LanContext ctx;
        ctx.version = m_script.version;
        ctx.sender = LanSender::Client;
        ctx.localKey = m_script.key;
        ctx.sessionKey = sessionKey;
        ctx.clientNonce = clientNonce;
        ctx.deviceNonce = kDeviceNonce;
        return ctx;
    }

    void onData()
    {
        Collector c;
        m_splitter.feed(m_conn->readAll(), 0, c);
        for (const QByteArray& frame : std::as_const(c.frames)) {
            const LanFrameInfo info = dissectLanFrame(frame, context()).info;
            received.push_back(info);
            receivedFrames.push_back(frame);
            if (!m_script.silent)
                respond(info);
        }
    }

    QByteArray dpsBody(const QJsonObject& dps, bool push) const
    {
        QJsonObject o;
        if (usesSessionKey(m_script.version)) {
            if (push) {
                o.insert(QStringLiteral("protocol"), 4);
                o.insert(QStringLiteral("t"), QDateTime::currentSecsSinceEpoch());
                o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("dps"), dps}});
            } else {
                o.insert(QStringLiteral("dps"), dps);
            }
        } else {
            o.insert(QStringLiteral("devId"), kDevId);
            o.insert(QStringLiteral("dps"), dps);
            o.insert(QStringLiteral("t"), QDateTime::currentSecsSinceEpoch());
        }
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    void send(quint32 cmd, quint32 retcode, const QByteArray& body, bool handshake = false)
    {
        LanEncodeRequest q;
        q.version = m_script.version;
        q.sender = LanSender::Device;
        q.seq = ++m_seq;
        q.cmd = cmd;
        q.retcode = retcode;
        q.body = body;
        q.key = (handshake || !usesSessionKey(m_script.version)) ? m_script.key : sessionKey;
        const LanEncodeResult r = encodeLanFrame(q);
        QVERIFY2(r.ok(), qPrintable(r.error));
        sentFrames.push_back(r.frame);
        if (m_script.chunkSize <= 0) {
            m_conn->write(r.frame);
        } else {
            for (qsizetype i = 0; i < r.frame.size(); i += m_script.chunkSize) {
                m_conn->write(r.frame.mid(i, m_script.chunkSize));
                m_conn->flush();
            }
        }
        m_conn->flush();
    }

    void respond(const LanFrameInfo& info)
    {
        switch (info.cmd) {
        case cmd::SessKeyNegStart:
            clientNonce = info.handshakeNonce.size() == kNonceSize ? info.handshakeNonce : info.body.left(kNonceSize);
            if (clientNonce.size() != kNonceSize)
                clientNonce = QByteArray(kNonceSize, 'x'); // undecryptable (wrong key): answer anyway
            send(cmd::SessKeyNegResp, 0, kDeviceNonce + handshakeHmac(m_script.key, clientNonce), true);
            return;
        case cmd::SessKeyNegFinish: {
            const QByteArray mac = info.handshakeHmac.isEmpty() ? info.body : info.handshakeHmac;
            finishOk = crypto::equalConstantTime(mac, handshakeHmac(m_script.key, kDeviceNonce));
            sessionKey = deriveSessionKey(m_script.version, m_script.key, clientNonce, kDeviceNonce);
            return;
        }
        case cmd::DpQuery:
        case cmd::DpQueryNew:
            if (m_script.device22)
                send(info.cmd, 1, m_script.device22Error);
            else
                send(info.cmd, 0, dpsBody(m_dps, false));
            return;
        case cmd::Control:
        case cmd::ControlNew: {
            if (!m_script.controlError.isEmpty()) {
                send(info.cmd, 1, m_script.controlError);
                return;
            }
            const QJsonObject asked = info.dps;
            bool query = !asked.isEmpty();
            for (auto it = asked.begin(); it != asked.end(); ++it)
                query = query && it.value().isNull();
            if (query) { // device22 query: the DPs come back as the answer
                send(info.cmd, 0, dpsBody(m_dps, false));
                return;
            }
            for (auto it = asked.begin(); it != asked.end(); ++it)
                m_dps.insert(it.key(), it.value());
            send(info.cmd, 0, QByteArray());
            if (m_script.reportWrites)
                send(cmd::Status, 0, dpsBody(asked, true));
            return;
        }
        case cmd::HeartBeat:
            send(cmd::HeartBeat, 0, QByteArray());
            return;
        default:
            return;
        }
    }

    DeviceScript m_script;
    QTcpServer m_server;
    QTcpSocket* m_conn = nullptr;
    LanStreamSplitter m_splitter;
    quint32 m_seq = 0;
    QJsonObject m_dps;
};

LanClientConfig configFor(LanVersion version, quint16 port, const QByteArray& key = kKey)
{
    LanClientConfig c;
    c.host = QStringLiteral("127.0.0.1");
    c.port = port;
    c.deviceId = kDevId;
    c.localKey = *keys::LocalKey::fromBytes(key);
    c.version = version;
    c.connectTimeoutMs = 3000;
    c.requestTimeoutMs = 3000;
    return c;
}

// Frames LiveCapture announced per direction.
struct FrameLog {
    QVector<QByteArray> toDevice;
    QVector<QByteArray> toApp;
    int other = 0;
};

void logFrames(LiveCapture& live, FrameLog* log)
{
    QObject::connect(&live, &LiveCapture::frameDecoded, &live, [log](const LiveFrameEvent& e) {
        if (e.kind != LiveFrameEvent::Kind::Frame)
            ++log->other;
        else if (e.direction == Direction::AppToDevice)
            log->toDevice.push_back(e.bytes);
        else
            log->toApp.push_back(e.bytes);
    });
}

LanClientError lastError(const QSignalSpy& spy)
{
    return spy.isEmpty() ? LanClientError() : spy.constLast().at(0).value<LanClientError>();
}

} // namespace

class TestLanClient : public QObject {
    Q_OBJECT
private slots:
    void statusAndSet_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("chunk");
        QTest::newRow("3.1") << int(LanVersion::V31) << 0;
        QTest::newRow("3.3") << int(LanVersion::V33) << 0;
        QTest::newRow("3.3 chunked") << int(LanVersion::V33) << 3;
        QTest::newRow("3.4") << int(LanVersion::V34) << 0;
        QTest::newRow("3.4 chunked") << int(LanVersion::V34) << 5;
        QTest::newRow("3.5") << int(LanVersion::V35) << 0;
        QTest::newRow("3.5 chunked") << int(LanVersion::V35) << 1;
    }

    void statusAndSet()
    {
        QFETCH(int, version);
        QFETCH(int, chunk);
        const auto v = LanVersion(version);
        DeviceScript script;
        script.version = v;
        script.chunkSize = chunk;
        ScriptedDevice device(script);
        LiveCapture live;
        FrameLog log;
        logFrames(live, &log);
        LanClient client(configFor(v, device.port()), &live);
        QSignalSpy ready(&client, &LanClient::ready);
        QSignalSpy status(&client, &LanClient::statusReceived);
        QSignalSpy acks(&client, &LanClient::setAcknowledged);
        QSignalSpy pushes(&client, &LanClient::dpsReported);
        QSignalSpy errors(&client, &LanClient::errorOccurred);
        QSignalSpy beats(&client, &LanClient::heartbeatAnswered);

        client.connectToDevice();
        client.queryStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 5000);
        QVERIFY2(errors.isEmpty(), qPrintable(lastError(errors).message));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(status.at(0).at(0).toJsonObject(), device.dps());

        int next = 0;
        if (usesSessionKey(v)) {
            // Negotiation: START carries a fresh 16-byte nonce, FINISH the HMAC of the device nonce.
            QVERIFY(device.received.size() >= 3);
            QCOMPARE(device.received.at(0).cmd, cmd::SessKeyNegStart);
            QCOMPARE(device.clientNonce.size(), kNonceSize);
            QVERIFY(device.clientNonce != QByteArray(kNonceSize, 'x'));
            const QByteArray& start = device.receivedFrames.at(0);
            const QByteArray& finish = device.receivedFrames.at(1);
            if (v == LanVersion::V34) {
                QCOMPARE(readU32(start, kClassicLengthOffset), 0x44u);
                QCOMPARE(readU32(finish, kClassicLengthOffset), 0x54u);
            } else {
                QCOMPARE(readU32(start, kGcmLengthOffset), 0x2cu);
                QCOMPARE(readU32(finish, kGcmLengthOffset), 0x3cu);
            }
            QCOMPARE(device.received.at(0).integrity, ChecksumStatus::Good);
            QCOMPARE(device.received.at(1).cmd, cmd::SessKeyNegFinish);
            QVERIFY(device.finishOk);
            QCOMPARE(client.decodeContext(Direction::AppToDevice).sessionKey.toHex(), device.sessionKey.toHex());
            QCOMPARE(device.received.at(2).cmd, cmd::DpQueryNew);
            QCOMPARE(device.received.at(2).body, QByteArrayLiteral("{}"));
            next = 3;
        } else {
            QCOMPARE(device.received.at(0).cmd, cmd::DpQuery);
            const QJsonObject q = device.received.at(0).json;
            QCOMPARE(q.value(QStringLiteral("gwId")).toString(), kDevId);
            QCOMPARE(q.value(QStringLiteral("devId")).toString(), kDevId);
            QCOMPARE(q.value(QStringLiteral("uid")).toString(), kDevId);
            QVERIFY(q.value(QStringLiteral("t")).isString());
            QVERIFY(qAbs(q.value(QStringLiteral("t")).toString().toLongLong() - QDateTime::currentSecsSinceEpoch()) < 30);
            next = 1;
        }
        QCOMPARE(device.received.at(next - 1).integrity, ChecksumStatus::Good);

        // Set: exact template, acknowledgement, then the push.
        client.setDps({{QStringLiteral("1"), false}, {QStringLiteral("2"), 25}});
        QTRY_COMPARE_WITH_TIMEOUT(pushes.size(), 1, 5000);
        QCOMPARE(acks.size(), 1);
        const QJsonObject expectedDps{{QStringLiteral("1"), false}, {QStringLiteral("2"), 25}};
        QCOMPARE(pushes.at(0).at(0).toJsonObject(), expectedDps);
        const LanFrameInfo& set = device.received.at(next);
        QVERIFY(set.decrypted || v == LanVersion::V31);
        QVERIFY(set.bodyIsJson);
        if (usesSessionKey(v)) {
            QCOMPARE(set.cmd, cmd::ControlNew);
            QCOMPARE(set.json.value(QStringLiteral("protocol")).toInt(), 5);
            QVERIFY(set.json.value(QStringLiteral("t")).isDouble());
            QVERIFY(qAbs(qint64(set.json.value(QStringLiteral("t")).toDouble()) - QDateTime::currentSecsSinceEpoch()) < 30);
            QCOMPARE(set.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("dps")).toObject(), expectedDps);
            QCOMPARE(set.json.size(), 3);
        } else {
            QCOMPARE(set.cmd, cmd::Control);
            QCOMPARE(set.json.value(QStringLiteral("devId")).toString(), kDevId);
            QCOMPARE(set.json.value(QStringLiteral("uid")).toString(), kDevId);
            QVERIFY(set.json.value(QStringLiteral("t")).isString());
            QCOMPARE(set.json.value(QStringLiteral("dps")).toObject(), expectedDps);
            QCOMPARE(set.json.size(), 4);
            QVERIFY(set.body.startsWith("{\"devId\":")); // template order
        }

        client.sendHeartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(beats.size(), 1, 5000);
        QCOMPARE(device.received.constLast().cmd, cmd::HeartBeat);
        QVERIFY(errors.isEmpty());

        // Sequence numbers increase.
        for (int i = 1; i < device.received.size(); ++i)
            QVERIFY(device.received.at(i).seq > device.received.at(i - 1).seq);
        QCOMPARE(client.lastSentSeq(), device.received.constLast().seq);

        // The capture holds both directions, framed by the LAN splitter whatever the chunking.
        QCOMPARE(log.toDevice, device.receivedFrames);
        QCOMPARE(log.toApp, device.sentFrames);
        QCOMPARE(log.other, 0);
        int appRecords = 0;
        int deviceRecords = 0;
        for (int i = 0; i < live.capture().recordCount(); ++i) {
            appRecords += live.capture().recordDirection(i) == Direction::AppToDevice;
            deviceRecords += live.capture().recordDirection(i) == Direction::DeviceToApp;
        }
        QVERIFY(appRecords >= device.receivedFrames.size());
        QVERIFY(deviceRecords >= 1);
        QCOMPARE(live.capture().channels().size(), 2);
        QCOMPARE(live.capture().channels().at(0).name, QStringLiteral("device 127.0.0.1:%1").arg(device.port()));
    }

    void device22Fallback_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("3.3 unvalid") << int(LanVersion::V33) << QByteArrayLiteral("json obj data unvalid");
        QTest::newRow("3.3 format") << int(LanVersion::V33) << QByteArrayLiteral("data format error");
        QTest::newRow("3.4 unvalid") << int(LanVersion::V34) << QByteArrayLiteral("json obj data unvalid");
    }

    void device22Fallback()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, text);
        DeviceScript script;
        script.version = LanVersion(version);
        script.device22 = true;
        script.device22Error = text;
        ScriptedDevice device(script);
        LanClientConfig config = configFor(script.version, device.port());
        config.device22DpIds = {QStringLiteral("1"), QStringLiteral("2")};
        LanClient client(config);
        QSignalSpy status(&client, &LanClient::statusReceived);
        QSignalSpy errors(&client, &LanClient::errorOccurred);
        QSignalSpy events(&client, &LanClient::event);
        client.connectToDevice();
        client.queryStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 5000);
        QVERIFY(errors.isEmpty());
        QVERIFY(client.isDevice22());
        QCOMPARE(status.at(0).at(0).toJsonObject(), device.dps());
        bool sawFallback = false;
        for (const auto& e : events)
            sawFallback = sawFallback || e.at(0).value<AgentEvent>().code == QLatin1String("DEVICE22_FALLBACK");
        QVERIFY(sawFallback);
        const LanFrameInfo& retry = device.received.constLast();
        QCOMPARE(retry.cmd, cmd::ControlNew);
        const QJsonObject nulls{{QStringLiteral("1"), QJsonValue::Null}, {QStringLiteral("2"), QJsonValue::Null}};
        QCOMPARE(retry.dps, nulls);
        if (script.version == LanVersion::V33) {
            QCOMPARE(retry.json.value(QStringLiteral("devId")).toString(), kDevId);
            QCOMPARE(retry.json.value(QStringLiteral("uid")).toString(), kDevId);
            QVERIFY(retry.json.contains(QStringLiteral("t")));
        }
    }

    void deviceErrorIsData()
    {
        DeviceScript script;
        script.controlError = QByteArrayLiteral("parse data error");
        ScriptedDevice device(script);
        LanClient client(configFor(LanVersion::V33, device.port()));
        QSignalSpy errors(&client, &LanClient::errorOccurred);
        client.connectToDevice();
        client.setDps({{QStringLiteral("1"), true}});
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 5000);
        const LanClientError e = lastError(errors);
        QCOMPARE(e.codeName(), QStringLiteral("DEVICE_ERROR"));
        QCOMPARE(e.deviceText, QStringLiteral("parse data error"));
        QVERIFY(!e.fatal);
        QCOMPARE(client.state(), LanClient::State::Ready);
    }

    void refusedPort()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        LanClient client(configFor(LanVersion::V33, port));
        QSignalSpy errors(&client, &LanClient::errorOccurred);
        client.connectToDevice();
        client.queryStatus();
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 5000);
        QCOMPARE(lastError(errors).code, LanErrorCode::ConnectionRefused);
        QVERIFY(lastError(errors).fatal);
        QCOMPARE(client.state(), LanClient::State::Closed);
    }

    void wrongKey_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("3.3") << int(LanVersion::V33);
        QTest::newRow("3.4") << int(LanVersion::V34);
        QTest::newRow("3.5") << int(LanVersion::V35);
    }

    void wrongKey()
    {
        QFETCH(int, version);
        DeviceScript script;
        script.version = LanVersion(version);
        script.key = kWrongKey; // the device has another key than the client
        ScriptedDevice device(script);
        LiveCapture live;
        LanClient client(configFor(script.version, device.port()), &live);
        QSignalSpy errors(&client, &LanClient::errorOccurred);
        QSignalSpy events(&client, &LanClient::event);
        client.connectToDevice();
        client.queryStatus();
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 5000);
        const LanClientError e = lastError(errors);
        QCOMPARE(e.codeName(), QStringLiteral("WRONG_KEY_OR_VERSION"));
        QVERIFY(e.fatal);
        QVERIFY(!e.message.contains(QString::fromLatin1(kKey)));
        QVERIFY(!e.message.contains(QString::fromLatin1(kKey.toHex())));
        for (const auto& ev : events)
            QVERIFY(!ev.at(0).value<AgentEvent>().message.contains(QString::fromLatin1(kKey)));
        QCOMPARE(client.state(), LanClient::State::Closed);
    }

    void silentDevice_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("3.3") << int(LanVersion::V33);
        QTest::newRow("3.5") << int(LanVersion::V35);
    }

    void silentDevice()
    {
        QFETCH(int, version);
        DeviceScript script;
        script.version = LanVersion(version);
        script.silent = true;
        ScriptedDevice device(script);
        LanClientConfig config = configFor(script.version, device.port());
        config.requestTimeoutMs = 300;
        LanClient client(config);
        QSignalSpy errors(&client, &LanClient::errorOccurred);
        client.connectToDevice();
        client.queryStatus();
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 5000);
        QCOMPARE(lastError(errors).code, LanErrorCode::Timeout);
        QVERIFY(!device.received.isEmpty());
    }

    void liveCaptureFramesLanByLength()
    {
        // Frames whose ciphertext holds the suffix bytes, delivered in random pieces.
        QVector<QByteArray> frames;
        for (int i = 0; i < 20; ++i) {
            LanEncodeRequest q;
            q.version = i % 2 ? LanVersion::V35 : LanVersion::V34;
            q.sender = LanSender::Device;
            q.seq = quint32(i + 1);
            q.cmd = cmd::Status;
            q.retcode = 0;
            q.body = QByteArrayLiteral("{\"dps\":{\"1\":true}}") + QByteArray(i * 7, ' ');
            q.key = kKey;
            frames.push_back(encodeLanFrame(q).frame);
        }
        frames.push_back(QByteArray::fromHex("000055aa000000000000000900000010000000000000aa55aabbccdd11223344"));
        QByteArray stream;
        for (const QByteArray& f : frames)
            stream += f;
        const QByteArray noise = QByteArrayLiteral("xx");
        LiveCapture live;
        ChannelInfo lanChannel;
        lanChannel.name = QStringLiteral("device test");
        lanChannel.direction = Direction::DeviceToApp;
        const int ch = live.addChannel(lanChannel);
        QVector<LiveFrameEvent> events;
        connect(&live, &LiveCapture::frameDecoded, this, [&events](const LiveFrameEvent& e) { events.push_back(e); });
        QRandomGenerator rng(42);
        const QByteArray all = noise + stream;
        for (qsizetype pos = 0; pos < all.size();) {
            const qsizetype n = qMin<qsizetype>(all.size() - pos, 1 + rng.bounded(9));
            live.appendChunk(ch, pos, QByteArrayView(all).sliced(pos, n));
            pos += n;
        }
        live.finish();
        QVector<QByteArray> got;
        qint64 garbage = 0;
        for (const LiveFrameEvent& e : events) {
            QVERIFY(e.isLan());
            if (e.kind == LiveFrameEvent::Kind::Frame)
                got.push_back(e.bytes);
            else if (e.kind == LiveFrameEvent::Kind::Garbage)
                garbage += e.bytes.size();
        }
        // The last "frame" announces 16 bytes but no suffix sits where they end: garbage, not a frame.
        QCOMPARE(got.size(), frames.size() - 1);
        for (int i = 0; i < got.size(); ++i)
            QCOMPARE(got.at(i), frames.at(i));
        QCOMPARE(garbage, qint64(noise.size() + frames.constLast().size()));
        QCOMPARE(live.frameCount(), frames.size() - 1);
    }

    void scannerDecodesAnnouncementsOnce()
    {
        QUdpSocket solicitSink;
        QVERIFY(solicitSink.bind(QHostAddress::LocalHost, 0));
        LanScannerConfig config;
        config.ports = {0, 0};
        config.solicitTarget = QHostAddress::LocalHost;
        config.solicitPort = solicitSink.localPort();
        config.solicitIntervalMs = 200;
        config.appIp = QStringLiteral("10.0.0.9");
        LanDiscoveryScanner scanner(config);
        QSignalSpy found(&scanner, &LanDiscoveryScanner::deviceFound);
        QVERIFY(scanner.start());
        const QVector<quint16> ports = scanner.boundPorts();
        QCOMPARE(ports.size(), 2);

        struct Announce {
            LanVersion version;
            quint32 cmd;
            QString gwId;
            QString ip;
        };
        const QVector<Announce> announces = {
            {LanVersion::V31, cmd::Udp, QStringLiteral("002004265ccf7fb1b659"), QStringLiteral("192.168.1.31")},
            {LanVersion::V33, cmd::UdpNew, QStringLiteral("bf1bd7f0bda4cbc644ichw"), QStringLiteral("10.214.2.176")},
            {LanVersion::V35, cmd::UdpNew, QStringLiteral("bf35aaaaaaaaaaaaaaaa35"), QStringLiteral("192.168.1.35")},
        };
        QUdpSocket sender;
        for (int round = 0; round < 2; ++round) {
            for (const Announce& a : announces) {
                QJsonObject o{{QStringLiteral("ip"), a.ip},
                              {QStringLiteral("gwId"), a.gwId},
                              {QStringLiteral("active"), 2},
                              {QStringLiteral("encrypt"), a.version != LanVersion::V31},
                              {QStringLiteral("productKey"), QStringLiteral("keym4vvjhx4sd9kk")},
                              {QStringLiteral("version"), versionName(a.version)}};
                LanEncodeRequest q;
                q.version = a.version;
                q.sender = LanSender::Device;
                q.transport = LanTransport::Udp;
                q.cmd = a.cmd;
                q.retcode = 0;
                q.key = lanUdpKey();
                q.header = HeaderPolicy::Never;
                q.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
                const LanEncodeResult r = encodeLanFrame(q);
                QVERIFY2(r.ok(), qPrintable(r.error));
                DiscoveredDevice direct;
                QVERIFY(LanDiscoveryScanner::decodeAnnouncement(r.frame, &direct));
                QCOMPARE(direct.gwId, a.gwId);
                sender.writeDatagram(r.frame, QHostAddress::LocalHost, ports.at(round));
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 3, 5000);
        QTest::qWait(300);
        QCOMPARE(found.size(), 3); // once each, although each was announced twice
        for (const Announce& a : announces) {
            bool seen = false;
            for (const DiscoveredDevice& d : scanner.devices()) {
                if (d.gwId != a.gwId)
                    continue;
                seen = true;
                QCOMPARE(d.ip, a.ip);
                QCOMPARE(d.version, versionName(a.version));
                QCOMPARE(d.productKey, QStringLiteral("keym4vvjhx4sd9kk"));
            }
            QVERIFY2(seen, qPrintable(a.gwId));
        }

        // The 3.5 solicitation reached the given address, and repeats.
        QTRY_VERIFY_WITH_TIMEOUT(solicitSink.hasPendingDatagrams(), 3000);
        QByteArray datagram(int(solicitSink.pendingDatagramSize()), Qt::Uninitialized);
        solicitSink.readDatagram(datagram.data(), datagram.size());
        LanContext ctx;
        ctx.sender = LanSender::Client;
        ctx.localKey = lanUdpKey();
        const LanFrameInfo info = dissectLanFrame(datagram, ctx).info;
        QCOMPARE(info.kind, LanFrameKind::Gcm6699);
        QCOMPARE(info.cmd, cmd::ReqDevInfo);
        QCOMPARE(info.integrity, ChecksumStatus::Good);
        QCOMPARE(info.json.value(QStringLiteral("from")).toString(), QStringLiteral("app"));
        QCOMPARE(info.json.value(QStringLiteral("ip")).toString(), QStringLiteral("10.0.0.9"));
        QTRY_VERIFY_WITH_TIMEOUT(solicitSink.hasPendingDatagrams(), 3000);
        // Our own solicitation is not a device.
        DiscoveredDevice none;
        QVERIFY(!LanDiscoveryScanner::decodeAnnouncement(datagram, &none));
    }

    // Acknowledged (the CONTROL answer) and confirmed (a report with the values written) are
    // separate: a device that only acknowledges never confirms.
    void setAcknowledgedVersusConfirmed_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("reportWrites");
        QTest::newRow("3.3 reports") << int(LanVersion::V33) << true;
        QTest::newRow("3.3 ack only") << int(LanVersion::V33) << false;
        QTest::newRow("3.5 reports") << int(LanVersion::V35) << true;
        QTest::newRow("3.5 ack only") << int(LanVersion::V35) << false;
    }

    void setAcknowledgedVersusConfirmed()
    {
        QFETCH(int, version);
        QFETCH(bool, reportWrites);
        DeviceScript script;
        script.version = LanVersion(version);
        script.reportWrites = reportWrites;
        ScriptedDevice device(script);
        LanClient client(configFor(script.version, device.port()));
        QSignalSpy acked(&client, &LanClient::setAcknowledged);
        QSignalSpy confirmed(&client, &LanClient::setConfirmed);
        QSignalSpy heartbeat(&client, &LanClient::heartbeatAnswered);
        client.connectToDevice();
        client.setDps({{QStringLiteral("2"), QJsonValue(25)}, {QStringLiteral("1"), QJsonValue(false)}});
        QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 1, 5000);
        // A heartbeat round trip after the ack: any report of the write has arrived by then.
        client.sendHeartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(heartbeat.size(), 1, 5000);
        QCOMPARE(confirmed.size(), reportWrites ? 1 : 0);
        if (reportWrites) {
            const QJsonObject expected{{QStringLiteral("2"), 25}, {QStringLiteral("1"), false}};
            QCOMPARE(confirmed.at(0).at(0).toJsonObject(), expected);
        }
    }

    void setConfirmationRules_data()
    {
        QTest::addColumn<QJsonArray>("reports");
        QTest::addColumn<bool>("confirmed");
        QTest::addColumn<QStringList>("pending");
        const QJsonObject both{{QStringLiteral("1"), false}, {QStringLiteral("2"), 25}};
        QTest::newRow("one report") << QJsonArray{both} << true << QStringList();
        QTest::newRow("double equals int") << QJsonArray{QJsonObject{{QStringLiteral("1"), false}, {QStringLiteral("2"), 25.0}}}
                                           << true << QStringList();
        QTest::newRow("dp by dp") << QJsonArray{QJsonObject{{QStringLiteral("2"), 25}}, QJsonObject{{QStringLiteral("1"), false}}}
                                  << true << QStringList();
        QTest::newRow("other value") << QJsonArray{QJsonObject{{QStringLiteral("1"), false}, {QStringLiteral("2"), 24}}}
                                     << false << QStringList{QStringLiteral("2")};
        QTest::newRow("string is not number") << QJsonArray{QJsonObject{{QStringLiteral("1"), false}, {QStringLiteral("2"), QStringLiteral("25")}}}
                                              << false << QStringList{QStringLiteral("2")};
        QTest::newRow("missing dp") << QJsonArray{QJsonObject{{QStringLiteral("1"), false}, {QStringLiteral("3"), 25}}}
                                    << false << QStringList{QStringLiteral("2")};
        QTest::newRow("changed back") << QJsonArray{QJsonObject{{QStringLiteral("2"), 25}}, QJsonObject{{QStringLiteral("2"), 7}},
                                                    QJsonObject{{QStringLiteral("1"), false}}}
                                      << false << QStringList{QStringLiteral("2")};
        QTest::newRow("nothing") << QJsonArray{} << false << QStringList{QStringLiteral("1"), QStringLiteral("2")};
    }

    void setConfirmationRules()
    {
        QFETCH(QJsonArray, reports);
        QFETCH(bool, confirmed);
        QFETCH(QStringList, pending);
        LanSetConfirmation c({{QStringLiteral("1"), QJsonValue(false)}, {QStringLiteral("2"), QJsonValue(25)}});
        int completions = 0;
        for (const QJsonValue& report : std::as_const(reports))
            completions += c.observe(report.toObject()) ? 1 : 0;
        QCOMPARE(c.isConfirmed(), confirmed);
        QCOMPARE(completions, confirmed ? 1 : 0);
        QCOMPARE(c.pending(), pending);
        QCOMPARE(c.observe(QJsonObject{{QStringLiteral("1"), false}, {QStringLiteral("2"), 25}}), !confirmed);
    }

    void reconnectDelaysDoubleUpToTheCap()
    {
        ReconnectPolicy policy; // 1 s doubling to 30 s
        QVector<int> delays;
        for (int attempt = 1; attempt <= 7; ++attempt)
            delays << policy.delayForAttempt(attempt);
        QCOMPARE(delays, (QVector<int>{1000, 2000, 4000, 8000, 16000, 30000, 30000}));
        policy.initialDelayMs = 50;
        policy.maxDelayMs = 120;
        QCOMPARE(policy.delayForAttempt(1), 50);
        QCOMPARE(policy.delayForAttempt(2), 100);
        QCOMPARE(policy.delayForAttempt(3), 120);
        QCOMPARE(policy.delayForAttempt(1000), 120);
    }

    // The simulated device goes away (listening stopped, the client dropped) and comes back on
    // the same port: the supervisor reports the loss, reconnects, renegotiates and re-queries.
    void supervisorReconnectsAfterDeviceDrop_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("3.3") << int(LanVersion::V33);
        QTest::newRow("3.4") << int(LanVersion::V34);
        QTest::newRow("3.5") << int(LanVersion::V35);
    }

    void supervisorReconnectsAfterDeviceDrop()
    {
        QFETCH(int, version);
        DeviceProfile profile;
        QString error;
        QVERIFY2(loadDeviceProfile(QStringLiteral("energy-plug"), profile, &error), qPrintable(error));
        lansim::LanSimulatorOptions options;
        options.port = 0;
        options.device.version = LanVersion(version);
        options.device.deviceId = kDevId;
        options.device.localKey = kKey;
        options.reporting = false;
        options.seed = 3;
        auto device = std::make_unique<lansim::LanDeviceSimulator>(profile, options);
        QVERIFY2(device->start(&error), qPrintable(error));
        const quint16 port = device->port();

        LanClient client(configFor(LanVersion(version), port));
        ReconnectPolicy policy;
        policy.initialDelayMs = 100;
        policy.maxDelayMs = 400;
        LanClientSupervisor supervisor(client, policy);
        QSignalSpy status(&client, &LanClient::statusReceived);
        QSignalSpy lost(&supervisor, &LanClientSupervisor::connectionLost);
        QSignalSpy reconnected(&supervisor, &LanClientSupervisor::reconnected);
        QSignalSpy failed(&supervisor, &LanClientSupervisor::failed);
        QStringList negotiations;
        connect(&client, &LanClient::event, this, [&negotiations](const AgentEvent& e) { negotiations << e.code; });
        supervisor.start();
        QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 5000);
        QVERIFY(supervisor.hadSession());

        device->stop();
        device.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!lost.isEmpty(), 5000);
        QCOMPARE(lost.at(0).at(0).value<LanClientError>().code, LanErrorCode::ConnectionClosed);
        QCOMPARE(lost.at(0).at(1).toInt(), 100);
        // Let at least one attempt be refused while the device is away: the delay grows.
        QTRY_VERIFY_WITH_TIMEOUT(lost.size() >= 2, 5000);
        QCOMPARE(lost.at(1).at(0).value<LanClientError>().code, LanErrorCode::ConnectionRefused);
        QCOMPARE(lost.at(1).at(1).toInt(), 200);

        options.port = port;
        device = std::make_unique<lansim::LanDeviceSimulator>(profile, options);
        QVERIFY2(device->start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(status.size(), 2, 5000);
        QCOMPARE(status.at(1).at(0).toJsonObject().value(QStringLiteral("1")), device->model().value(1));
        QVERIFY(failed.isEmpty());
        if (usesSessionKey(LanVersion(version)))
            QCOMPARE(negotiations.count(QStringLiteral("SESSION_KEY_NEGOTIATED")), 2);
        supervisor.stop();
        QCOMPARE(client.state(), LanClient::State::Closed);
    }

    // Before any session a refusal is a configuration error: reported once, not retried.
    void supervisorDoesNotRetryBeforeFirstSession()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        LanClient client(configFor(LanVersion::V33, port));
        ReconnectPolicy policy;
        policy.initialDelayMs = 50;
        LanClientSupervisor supervisor(client, policy);
        QSignalSpy lost(&supervisor, &LanClientSupervisor::connectionLost);
        QSignalSpy failed(&supervisor, &LanClientSupervisor::failed);
        supervisor.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QCOMPARE(failed.at(0).at(0).value<LanClientError>().code, LanErrorCode::ConnectionRefused);
        QTest::qWait(200); // four retry periods: nothing may happen
        QCOMPARE(lost.size(), 0);
        QCOMPARE(failed.size(), 1);
    }

    // A device that stops answering without closing: the unanswered heartbeat counts as a loss.
    void supervisorTreatsSilenceAsLoss()
    {
        DeviceScript script;
        ScriptedDevice device(script);
        LanClientConfig config = configFor(LanVersion::V33, device.port());
        config.requestTimeoutMs = 300;
        LanClient client(config);
        ReconnectPolicy policy;
        policy.initialDelayMs = 50;
        LanClientSupervisor supervisor(client, policy);
        QSignalSpy status(&client, &LanClient::statusReceived);
        QSignalSpy lost(&supervisor, &LanClientSupervisor::connectionLost);
        supervisor.start();
        QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 5000);
        device.setSilent(true);
        client.sendHeartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(!lost.isEmpty(), 5000);
        QCOMPARE(lost.at(0).at(0).value<LanClientError>().code, LanErrorCode::Timeout);
        device.setSilent(false);
        QTRY_VERIFY_WITH_TIMEOUT(status.size() >= 2, 5000); // reconnected and queried again
        supervisor.stop();
    }
};

QTEST_GUILESS_MAIN(TestLanClient)
#include "tst_lan_client.moc"
