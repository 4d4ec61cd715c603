// The LAN device simulator end to end over real loopback sockets, with a client written here
// from the codec: negotiation, query, writes, rejections, heartbeat, sequence and timestamp
// rules, client limits, heartbeat timeout, device22, discovery datagrams and the live capture.

#include "lansim/LanDeviceSimulator.h"
#include "lansim/LanDiscoveryBroadcaster.h"
#include "live/LiveCapture.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanKeyCandidates.h"
#include "tuyalan/LanSessionKey.h"
#include "tuyalan/LanStreamSplitter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

using namespace tuyascope;
using namespace tuyascope::lan;
using namespace tuyascope::lansim;

namespace {

const QByteArray kKey("0123456789abcdef");
const QByteArray kWrongKey("fedcba9876543210");
const QString kDeviceId = QStringLiteral("eb0123456789abcdefghij");

QByteArray compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

qint64 nowS() { return QDateTime::currentSecsSinceEpoch(); }

DeviceProfile plugProfile()
{
    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(QStringLiteral("energy-plug"), profile, &error))
        qFatal("energy-plug: %s", qPrintable(error));
    return profile;
}

LanSimulatorOptions options(LanVersion version)
{
    LanSimulatorOptions o;
    o.device.version = version;
    o.device.deviceId = kDeviceId;
    o.device.localKey = kKey;
    o.port = 0;
    o.reporting = false;
    o.heartbeatTimeoutMs = 0;
    return o;
}

class Client {
public:
    explicit Client(LanVersion version) : m_version(version) {}

    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        for (int i = 0; i < 200 && m_socket.state() != QAbstractSocket::ConnectedState; ++i)
            QTest::qWait(5);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // True when the device closed the connection within `ms`.
    bool waitClosed(int ms)
    {
        for (int i = 0; i < ms / 5 && m_socket.state() == QAbstractSocket::ConnectedState; ++i) {
            QTest::qWait(5);
            m_socket.readAll();
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

    QByteArray frame(quint32 command, const QByteArray& body, const QByteArray& key, std::optional<quint32> seq = {},
                     HeaderPolicy header = HeaderPolicy::ByCommand)
    {
        LanEncodeRequest r;
        r.version = m_version;
        r.sender = LanSender::Client;
        if (seq)
            m_seq = *seq + 1;
        r.seq = seq ? *seq : m_seq++;
        r.cmd = command;
        r.body = body;
        r.key = key;
        r.header = header;
        const LanEncodeResult result = encodeLanFrame(r);
        if (!result.ok())
            qWarning("encode: %s", qPrintable(result.error));
        return result.frame;
    }
    QByteArray dataKey() const { return usesSessionKey(m_version) ? m_sessionKey : kKey; }
    void send(const QByteArray& bytes) { m_socket.write(bytes); m_socket.flush(); }
    void send(quint32 command, const QByteArray& body, std::optional<quint32> seq = {})
    {
        send(frame(command, body, dataKey(), seq));
    }

    // Frames the device sent, waiting up to `ms` for at least `count` of them.
    QVector<LanFrameInfo> read(int count, int ms = 2000)
    {
        for (int waited = 0; m_frames.size() < count && waited < ms; waited += 5) {
            QTest::qWait(5);
            pump();
        }
        pump();
        return std::exchange(m_frames, {});
    }

    bool negotiate()
    {
        if (!usesSessionKey(m_version))
            return true;
        const QByteArray nc = QByteArray("0123456789abcdef");
        send(frame(cmd::SessKeyNegStart, nc, kKey));
        const QVector<LanFrameInfo> resp = read(1);
        if (resp.size() != 1 || resp[0].cmd != cmd::SessKeyNegResp || resp[0].handshakeHmac != handshakeHmac(kKey, nc))
            return false;
        const QByteArray nd = resp[0].handshakeNonce;
        send(frame(cmd::SessKeyNegFinish, handshakeHmac(kKey, nd), kKey));
        m_sessionKey = deriveSessionKey(m_version, kKey, nc, nd);
        return m_sessionKey.size() == 16;
    }

    QByteArray controlBody(const QJsonObject& dps, qint64 t) const
    {
        QJsonObject o;
        if (usesSessionKey(m_version)) {
            o.insert(QStringLiteral("protocol"), 5);
            o.insert(QStringLiteral("t"), double(t));
            o.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("dps"), dps}});
        } else {
            o.insert(QStringLiteral("devId"), kDeviceId);
            o.insert(QStringLiteral("uid"), kDeviceId);
            o.insert(QStringLiteral("t"), QString::number(t));
            o.insert(QStringLiteral("dps"), dps);
        }
        return compact(o);
    }
    quint32 controlCmd() const { return usesSessionKey(m_version) ? cmd::ControlNew : cmd::Control; }
    quint32 queryCmd() const { return usesSessionKey(m_version) ? cmd::DpQueryNew : cmd::DpQuery; }
    QByteArray queryBody() const
    {
        if (usesSessionKey(m_version))
            return QByteArray("{}");
        return compact({{QStringLiteral("gwId"), kDeviceId}, {QStringLiteral("devId"), kDeviceId},
                        {QStringLiteral("uid"), kDeviceId}, {QStringLiteral("t"), QString::number(nowS())}});
    }
    void setControl(const QJsonObject& dps, qint64 t = 0) { send(controlCmd(), controlBody(dps, t ? t : nowS())); }

private:
    void pump()
    {
        const QByteArray bytes = m_socket.readAll();
        if (bytes.isEmpty())
            return;
        struct Sink : LanStreamSplitter::Sink {
            QVector<QByteArray> frames;
            void onEvent(const LanStreamSplitter::Event& e) override
            {
                if (e.kind == LanStreamSplitter::EventKind::Frame)
                    frames.push_back(e.bytes.toByteArray());
            }
        } sink;
        m_splitter.feed(bytes, 0, sink);
        LanContext context;
        context.version = m_version;
        context.sender = LanSender::Device;
        context.localKey = kKey;
        context.sessionKey = m_sessionKey;
        for (const QByteArray& f : std::as_const(sink.frames))
            m_frames.push_back(dissectLanFrame(f, context).info);
    }

    LanVersion m_version;
    QTcpSocket m_socket;
    LanStreamSplitter m_splitter;
    QVector<LanFrameInfo> m_frames;
    QByteArray m_sessionKey;
    quint32 m_seq = 1;
};

struct Events {
    QVector<AgentEvent> all;
    bool has(const QString& code) const
    {
        return std::any_of(all.begin(), all.end(), [&code](const AgentEvent& e) { return e.code == code; });
    }
    void watch(QObject* source)
    {
        if (auto* sim = qobject_cast<LanDeviceSimulator*>(source))
            QObject::connect(sim, &LanDeviceSimulator::event, sim, [this](const AgentEvent& e) { all.push_back(e); });
    }
};

void addVersions()
{
    QTest::addColumn<int>("version");
    for (LanVersion v : {LanVersion::V31, LanVersion::V32, LanVersion::V33, LanVersion::V34, LanVersion::V35})
        QTest::newRow(qPrintable(versionName(v))) << int(v);
}

} // namespace

class TestLanSimulator : public QObject {
    Q_OBJECT
private slots:
    void conversation_data() { addVersions(); }
    void conversation();
    void wrongKey_data() { addVersions(); }
    void wrongKey();
    void framesBeforeNegotiationDropped();
    void badFinishCloses();
    void sequenceRules();
    void staleTimestampIgnored();
    void device22();
    void singleClientRefusesSecond();
    void dropOldestMode();
    void heartbeatTimeout();
    void writesPushedToOtherClients();
    void reportingPushesStatus();
    void broadcaster_data() { addVersions(); }
    void broadcaster();
    void solicitationAnswered();
    void dpModelMapping();
};

void TestLanSimulator::conversation()
{
    QFETCH(int, version);
    const auto v = LanVersion(version);
    LanDeviceSimulator sim(plugProfile(), options(v));
    LiveCapture live;
    recordLanSimulator(live, sim);
    Events events;
    events.watch(&sim);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    QCOMPARE(sim.address(), QHostAddress(QHostAddress::LocalHost));

    Client client(v);
    QVERIFY(client.connectTo(sim.port()));
    QVERIFY(client.negotiate());
    if (usesSessionKey(v))
        QTRY_VERIFY_WITH_TIMEOUT(events.has(event::Negotiated), 2000);

    // Query: every dp with its LAN value.
    client.send(client.queryCmd(), client.queryBody(), 7);
    QVector<LanFrameInfo> frames = client.read(1);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames[0].integrity, ChecksumStatus::Good);
    QCOMPARE(frames[0].cmd, client.queryCmd());
    QCOMPARE(frames[0].retcode.value_or(99), 0u);
    if (v != LanVersion::V35)
        QCOMPARE(frames[0].seq, 7u);
    QCOMPARE(frames[0].dps, sim.model().allDps());
    QCOMPARE(frames[0].dps.size(), plugProfile().dps.size());
    QCOMPARE(frames[0].dps.value(QStringLiteral("1")), QJsonValue(true));
    QCOMPARE(frames[0].dps.value(QStringLiteral("18")), QJsonValue(250));
    QCOMPARE(frames[0].dps.value(QStringLiteral("21")), QJsonValue(QStringLiteral("memory")));

    // Write: empty ack, then a STATUS push with the new values.
    client.setControl({{QStringLiteral("1"), false}, {QStringLiteral("21"), QStringLiteral("off")}});
    frames = client.read(2);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0].cmd, client.controlCmd());
    QCOMPARE(frames[0].retcode.value_or(99), 0u);
    QVERIFY(frames[0].body.isEmpty());
    QCOMPARE(frames[1].cmd, cmd::Status);
    QCOMPARE(frames[1].integrity, ChecksumStatus::Good);
    QCOMPARE(frames[1].dps.value(QStringLiteral("1")), QJsonValue(false));
    QCOMPARE(frames[1].dps.value(QStringLiteral("21")), QJsonValue(QStringLiteral("off")));
    QCOMPARE(sim.model().value(1), QJsonValue(false));
    QCOMPARE(sim.model().value(21), QJsonValue(QStringLiteral("off")));
    QVERIFY(events.has(event::WriteApplied));

    // Read-only dp and out-of-range value: acked, nothing pushed, state unchanged.
    client.setControl({{QStringLiteral("17"), 5}, {QStringLiteral("25"), 99999}});
    frames = client.read(2, 200);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames[0].cmd, client.controlCmd());
    QCOMPARE(sim.model().value(17), QJsonValue(0));
    QCOMPARE(sim.model().value(25), QJsonValue(30));
    QVERIFY(events.has(event::WriteRejected));

    // Heartbeat.
    client.send(cmd::HeartBeat, compact({{QStringLiteral("gwId"), kDeviceId}, {QStringLiteral("devId"), kDeviceId}}), 40);
    frames = client.read(1);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames[0].cmd, cmd::HeartBeat);
    QCOMPARE(frames[0].integrity, ChecksumStatus::Good);
    if (v != LanVersion::V35)
        QCOMPARE(frames[0].seq, 40u);

    // The live capture holds the conversation, in both directions, on the client's channels.
    QTRY_VERIFY(live.capture().recordCount() >= 8);
    bool in = false, out = false;
    for (const ChannelInfo& c : live.capture().channels())
        QVERIFY2(c.name.startsWith(QStringLiteral("client 127.0.0.1:")), qPrintable(c.name));
    for (int i = 0; i < live.capture().recordCount(); ++i) {
        const Record r = live.capture().record(i);
        in = in || r.direction == Direction::AppToDevice;
        out = out || r.direction == Direction::DeviceToApp;
    }
    QVERIFY(in && out);
    sim.stop();
}

void TestLanSimulator::wrongKey()
{
    QFETCH(int, version);
    const auto v = LanVersion(version);
    LanDeviceSimulator sim(plugProfile(), options(v));
    Events events;
    events.watch(&sim);
    QVERIFY(sim.start(nullptr));
    Client client(v);
    QVERIFY(client.connectTo(sim.port()));
    QVERIFY(client.negotiate());
    client.send(client.frame(client.controlCmd(), client.controlBody({{QStringLiteral("1"), false}}, nowS()), kWrongKey));
    const QVector<LanFrameInfo> frames = client.read(1, 300);
    QCOMPARE(sim.model().value(1), QJsonValue(true));
    if (usesSessionKey(v)) {
        // HMAC / GCM tag does not verify: ignored, like a device.
        QCOMPARE(frames.size(), 0);
        QVERIFY(events.has(event::BadIntegrity));
    } else {
        // CRC fine, the payload does not decrypt: retcode 1 and an error text.
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].retcode.value_or(0), 1u);
        QVERIFY(frames[0].body.contains("error"));
    }
    QVERIFY(client.connected());
}

void TestLanSimulator::framesBeforeNegotiationDropped()
{
    for (LanVersion v : {LanVersion::V34, LanVersion::V35}) {
        LanDeviceSimulator sim(plugProfile(), options(v));
        Events events;
        events.watch(&sim);
        QVERIFY(sim.start(nullptr));
        Client client(v);
        QVERIFY(client.connectTo(sim.port()));
        for (int i = 0; i < 3; ++i)
            client.send(client.frame(cmd::DpQueryNew, "{}", kKey));
        QCOMPARE(client.read(1, 200).size(), 0);
        QVERIFY(client.connected());
        QVERIFY(events.has(event::NotNegotiated));
        client.send(client.frame(cmd::DpQueryNew, "{}", kKey));
        QVERIFY(client.waitClosed(2000));
    }
}

void TestLanSimulator::badFinishCloses()
{
    LanDeviceSimulator sim(plugProfile(), options(LanVersion::V34));
    QVERIFY(sim.start(nullptr));
    Client client(LanVersion::V34);
    QVERIFY(client.connectTo(sim.port()));
    client.send(client.frame(cmd::SessKeyNegStart, "0123456789abcdef", kKey));
    QCOMPARE(client.read(1).size(), 1);
    client.send(client.frame(cmd::SessKeyNegFinish, QByteArray(32, 'x'), kKey));
    QVERIFY(client.waitClosed(2000));
}

void TestLanSimulator::sequenceRules()
{
    // 3.5: a seq that does not increase is dropped.
    {
        LanDeviceSimulator sim(plugProfile(), options(LanVersion::V35));
        Events events;
        events.watch(&sim);
        QVERIFY(sim.start(nullptr));
        Client client(LanVersion::V35);
        QVERIFY(client.connectTo(sim.port()));
        QVERIFY(client.negotiate());
        client.send(cmd::HeartBeat, {}, 100);
        QCOMPARE(client.read(1).size(), 1);
        client.send(cmd::HeartBeat, {}, 100);
        QCOMPARE(client.read(1, 200).size(), 0);
        QVERIFY(events.has(event::SeqNotIncreasing));
        client.send(cmd::HeartBeat, {}, 101);
        const QVector<LanFrameInfo> frames = client.read(1);
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].cmd, cmd::HeartBeat);
    }
    // 3.3: no check; the reply echoes the request seq.
    {
        LanDeviceSimulator sim(plugProfile(), options(LanVersion::V33));
        QVERIFY(sim.start(nullptr));
        Client client(LanVersion::V33);
        QVERIFY(client.connectTo(sim.port()));
        for (int i = 0; i < 2; ++i) {
            client.send(cmd::HeartBeat, {}, 5);
            const QVector<LanFrameInfo> frames = client.read(1);
            QCOMPARE(frames.size(), 1);
            QCOMPARE(frames[0].seq, 5u);
        }
    }
}

void TestLanSimulator::staleTimestampIgnored()
{
    for (LanVersion v : {LanVersion::V33, LanVersion::V35}) {
        LanSimulatorOptions o = options(v);
        o.device.timestampToleranceS = 10;
        LanDeviceSimulator sim(plugProfile(), o);
        Events events;
        events.watch(&sim);
        QVERIFY(sim.start(nullptr));
        Client client(v);
        QVERIFY(client.connectTo(sim.port()));
        QVERIFY(client.negotiate());
        client.setControl({{QStringLiteral("1"), false}}, nowS() - 3600);
        QCOMPARE(client.read(1, 200).size(), 0);
        QCOMPARE(sim.model().value(1), QJsonValue(true));
        QVERIFY(events.has(event::StaleTimestamp));
        client.setControl({{QStringLiteral("1"), false}}, nowS() - 2);
        QCOMPARE(client.read(2).size(), 2);
        QCOMPARE(sim.model().value(1), QJsonValue(false));
    }
}

void TestLanSimulator::device22()
{
    LanSimulatorOptions o = options(LanVersion::V33);
    o.device.device22 = true;
    LanDeviceSimulator sim(plugProfile(), o);
    QVERIFY(sim.start(nullptr));
    Client client(LanVersion::V33);
    QVERIFY(client.connectTo(sim.port()));
    client.send(cmd::DpQuery, client.queryBody());
    QVector<LanFrameInfo> frames = client.read(1);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames[0].retcode.value_or(0), 1u);
    QCOMPARE(frames[0].body, QByteArray("json obj data unvalid"));
    // tinytuya's device22 query: CONTROL_NEW with null dps.
    client.send(cmd::ControlNew, compact({{QStringLiteral("devId"), kDeviceId}, {QStringLiteral("uid"), kDeviceId},
                                          {QStringLiteral("t"), QString::number(nowS())},
                                          {QStringLiteral("dps"), QJsonObject{{QStringLiteral("1"), QJsonValue::Null}}}}));
    frames = client.read(2);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[1].cmd, cmd::Status);
    QCOMPARE(frames[1].dps, sim.model().allDps());
}

void TestLanSimulator::singleClientRefusesSecond()
{
    LanDeviceSimulator sim(plugProfile(), options(LanVersion::V33));
    Events events;
    events.watch(&sim);
    QVERIFY(sim.start(nullptr));
    Client first(LanVersion::V33);
    QVERIFY(first.connectTo(sim.port()));
    QTRY_COMPARE(sim.clientCount(), 1);
    Client second(LanVersion::V33);
    second.connectTo(sim.port());
    QVERIFY(second.waitClosed(2000));
    QVERIFY(events.has(event::ClientRefused));
    QCOMPARE(sim.clientCount(), 1);
    first.send(cmd::HeartBeat, {});
    QCOMPARE(first.read(1).size(), 1);
}

void TestLanSimulator::dropOldestMode()
{
    LanSimulatorOptions o = options(LanVersion::V33);
    o.dropOldest = true;
    LanDeviceSimulator sim(plugProfile(), o);
    QVERIFY(sim.start(nullptr));
    Client first(LanVersion::V33);
    QVERIFY(first.connectTo(sim.port()));
    QTRY_COMPARE(sim.clientCount(), 1);
    Client second(LanVersion::V33);
    QVERIFY(second.connectTo(sim.port()));
    QVERIFY(first.waitClosed(2000));
    second.send(cmd::HeartBeat, {});
    QCOMPARE(second.read(1).size(), 1);
}

void TestLanSimulator::heartbeatTimeout()
{
    LanSimulatorOptions o = options(LanVersion::V33);
    o.heartbeatTimeoutMs = 150;
    LanDeviceSimulator sim(plugProfile(), o);
    Events events;
    events.watch(&sim);
    QVERIFY(sim.start(nullptr));
    Client client(LanVersion::V33);
    QVERIFY(client.connectTo(sim.port()));
    // A client that keeps talking stays connected past the timeout ...
    for (int i = 0; i < 6; ++i) {
        client.send(cmd::HeartBeat, {});
        QCOMPARE(client.read(1).size(), 1);
        QTest::qWait(50);
    }
    QVERIFY(client.connected());
    // ... a silent one is closed.
    QVERIFY(client.waitClosed(2000));
    QVERIFY(events.has(event::ClientTimeout));
}

void TestLanSimulator::writesPushedToOtherClients()
{
    LanSimulatorOptions o = options(LanVersion::V34);
    o.maxClients = 3;
    LanDeviceSimulator sim(plugProfile(), o);
    QVERIFY(sim.start(nullptr));
    Client a(LanVersion::V34), b(LanVersion::V34);
    QVERIFY(a.connectTo(sim.port()) && a.negotiate());
    QVERIFY(b.connectTo(sim.port()) && b.negotiate());
    QTRY_COMPARE(sim.clientCount(), 2);
    QTest::qWait(20);
    a.setControl({{QStringLiteral("9"), 120}});
    QCOMPARE(a.read(2).size(), 2);
    const QVector<LanFrameInfo> pushed = b.read(1);
    QCOMPARE(pushed.size(), 1);
    QCOMPARE(pushed[0].cmd, cmd::Status);
    QCOMPARE(pushed[0].dps.value(QStringLiteral("9")), QJsonValue(120));
}

void TestLanSimulator::reportingPushesStatus()
{
    LanSimulatorOptions o = options(LanVersion::V33);
    o.reporting = true;
    o.timeScale = 0.01; // dp 17 is periodic every 10 s -> 100 ms
    LanDeviceSimulator sim(plugProfile(), o);
    QVERIFY(sim.start(nullptr));
    Client client(LanVersion::V33);
    QVERIFY(client.connectTo(sim.port()));
    const QVector<LanFrameInfo> frames = client.read(1, 3000);
    QVERIFY(!frames.isEmpty());
    QCOMPARE(frames[0].cmd, cmd::Status);
    QVERIFY(!frames[0].dps.isEmpty());
}

void TestLanSimulator::broadcaster()
{
    QFETCH(int, version);
    const auto v = LanVersion(version);
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress(QHostAddress::LocalHost), 0));
    LanDiscoveryOptions o;
    o.version = v;
    o.deviceId = kDeviceId;
    o.productKey = QStringLiteral("plugSimEnergy020");
    o.port = receiver.localPort();
    o.intervalMs = 50;
    LanDiscoveryBroadcaster broadcaster(o);
    QVERIFY(broadcaster.start(nullptr));
    QTRY_VERIFY_WITH_TIMEOUT(receiver.hasPendingDatagrams(), 2000);
    const QByteArray datagram = receiver.receiveDatagram().data();
    LanContext context;
    context.version = v;
    context.sender = LanSender::Device;
    context.localKey = lanUdpKey();
    const LanFrameInfo info = dissectLanFrame(datagram, context).info;
    QCOMPARE(info.integrity, ChecksumStatus::Good);
    QCOMPARE(info.cmd, v == LanVersion::V31 ? cmd::Udp : v == LanVersion::V34 ? cmd::BoardcastLpv34 : cmd::UdpNew);
    QCOMPARE(info.json.value(QStringLiteral("gwId")).toString(), kDeviceId);
    QCOMPARE(info.json.value(QStringLiteral("version")).toString(), versionName(v));
    QCOMPARE(info.json.value(QStringLiteral("productKey")).toString(), o.productKey);
    QCOMPARE(info.json.value(QStringLiteral("ip")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(LanDiscoveryBroadcaster::defaultPort(v), quint16(v == LanVersion::V31 ? 6666 : v == LanVersion::V35 ? 7000 : 6667));
}

void TestLanSimulator::solicitationAnswered()
{
    LanDiscoveryOptions o;
    o.version = LanVersion::V35;
    o.deviceId = kDeviceId;
    o.intervalMs = 0;
    o.listenForSolicitations = true;
    o.listenPort = 0;
    LanDiscoveryBroadcaster broadcaster(o);
    QString error;
    QVERIFY2(broadcaster.start(&error), qPrintable(error));
    QVERIFY(broadcaster.listenPort() != 0);
    QUdpSocket app;
    QVERIFY(app.bind(QHostAddress(QHostAddress::LocalHost), 0));
    LanEncodeRequest r;
    r.version = LanVersion::V35;
    r.sender = LanSender::Client;
    r.transport = LanTransport::Udp;
    r.cmd = cmd::ReqDevInfo;
    r.body = compact({{QStringLiteral("from"), QStringLiteral("app")}, {QStringLiteral("ip"), QStringLiteral("127.0.0.1")}});
    r.key = lanUdpKey();
    const LanEncodeResult solicitation = encodeLanFrame(r);
    QVERIFY(solicitation.ok());
    app.writeDatagram(solicitation.frame, QHostAddress(QHostAddress::LocalHost), broadcaster.listenPort());
    QTRY_VERIFY_WITH_TIMEOUT(app.hasPendingDatagrams(), 2000);
    LanContext context;
    context.version = LanVersion::V35;
    context.sender = LanSender::Device;
    context.localKey = lanUdpKey();
    const LanFrameInfo info = dissectLanFrame(app.receiveDatagram().data(), context).info;
    QCOMPARE(info.integrity, ChecksumStatus::Good);
    QCOMPARE(info.cmd, cmd::UdpNew);
    QCOMPARE(info.json.value(QStringLiteral("gwId")).toString(), kDeviceId);
}

void TestLanSimulator::dpModelMapping()
{
    DeviceProfile profile;
    QString error;
    QVERIFY(loadDeviceProfile(QStringLiteral("hy609-thermostat"), profile, &error));
    LanDpModel model(profile, 1);
    const QJsonObject dps = model.allDps();
    QCOMPARE(dps.value(QStringLiteral("1")), QJsonValue(false));
    QCOMPARE(dps.value(QStringLiteral("2")), QJsonValue(150));
    QCOMPARE(dps.value(QStringLiteral("4")), QJsonValue(QStringLiteral("manual")));
    QCOMPARE(dps.value(QStringLiteral("116")), QJsonValue(0));        // enum without labels: index
    QCOMPARE(dps.value(QStringLiteral("12")), QJsonValue(0));         // bitmap: integer
    QCOMPARE(dps.value(QStringLiteral("119")),
             QJsonValue(QString::fromLatin1(QByteArray::fromHex("06001408000F0B1E0F").toBase64()))); // raw: base64
    QCOMPARE(dps.value(QStringLiteral("109")), QJsonValue(-10));
    QString why;
    QCOMPARE(model.write(QStringLiteral("2"), 400, &why), LanDpModel::WriteResult::Rejected);
    QCOMPARE(model.write(QStringLiteral("2"), QStringLiteral("200"), &why), LanDpModel::WriteResult::Rejected);
    QCOMPARE(model.write(QStringLiteral("3"), 200, &why), LanDpModel::WriteResult::Rejected);
    QVERIFY(why.contains(QStringLiteral("read-only")));
    QCOMPARE(model.write(QStringLiteral("99"), true, &why), LanDpModel::WriteResult::Rejected);
    QCOMPARE(model.write(QStringLiteral("4"), QStringLiteral("holiday"), &why), LanDpModel::WriteResult::Applied);
    QCOMPARE(model.write(QStringLiteral("4"), 2, &why), LanDpModel::WriteResult::Unchanged);
    QCOMPARE(model.write(QStringLiteral("4"), QStringLiteral("nope"), &why), LanDpModel::WriteResult::Rejected);
    QCOMPARE(model.write(QStringLiteral("2"), 200, &why), LanDpModel::WriteResult::Applied);
    QCOMPARE(model.value(2), QJsonValue(200));
}

QTEST_MAIN(TestLanSimulator)
#include "tst_lan_simulator.moc"
