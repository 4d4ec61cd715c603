// Tuya LAN sessions: TCP flows built from the shared vectors (Ethernet/IPv4/TCP packets in an
// in-memory pcap, read back through the importer and the net extraction), the 3.4/3.5 handshake
// and session key, the session diagnostics, UDP discovery and LAN log lines.

#include "support/PacketBytes.h"
#include "support/TestSupport.h"

#include "dptable/DpTracker.h"
#include "frames/CaptureFrames.h"
#include "import/CaptureLoader.h"
#include "import/ImporterRegistry.h"
#include "keys/KeyStore.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanSessionKey.h"
#include "tuyalan/session/LanCaptureAnalysis.h"
#include "tuyalan/session/LanSessionDiagnostics.h"
#include "tuyalan/session/LanSessionTracker.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::lan;
namespace ldiag = tuyascope::lan::diag;

namespace {

using test::be16;
using test::be32;
using test::le32;
using test::Pcap;

const QByteArray kKey("0123456789abcdef");
const QString kDeviceId = QStringLiteral("eb0123456789abcdefghij");
const QString kDeviceIp = QStringLiteral("192.168.1.50");
constexpr qint64 kT0 = 1700000000LL * 1000000LL;   // the vectors' t

QJsonObject vectors()
{
    static const QJsonObject v = QJsonDocument::fromJson(test::readFile(test::sharedPath(QStringLiteral("vectors/lan-vectors.json")))).object();
    return v;
}

QByteArray vec(const char* name, const char* field = "hex")
{
    return QByteArray::fromHex(vectors().value(QLatin1String(name)).toObject().value(QLatin1String(field)).toString().toLatin1());
}

// ---- an in-memory pcap of Ethernet/IPv4/TCP+UDP packets ----------------------------------------

QByteArray ipv4(quint32 src, quint32 dst, quint8 protocol, const QByteArray& body)
{
    QByteArray h;
    h.append(char(0x45)).append(char(0));
    h += be16(quint16(20 + body.size())) + be16(1) + be16(0x4000);
    h.append(char(64)).append(char(protocol));
    h += be16(0) + be32(src) + be32(dst);
    quint32 sum = 0;
    for (int i = 0; i < 20; i += 2)
        sum += (quint32(quint8(h[i])) << 8) | quint8(h[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    const quint16 checksum = quint16(~sum);
    h[10] = char(checksum >> 8);
    h[11] = char(checksum & 0xFF);
    return h + body;
}

QByteArray ethernet(const QByteArray& ip)
{
    return QByteArray::fromHex("020000000001020000000002") + be16(0x0800) + ip;
}

constexpr quint8 kSyn = 0x02, kAck = 0x10, kPsh = 0x08;

quint32 ip(const QString& text)
{
    return QHostAddress(text).toIPv4Address();
}

struct Tcp {
    Pcap& pcap;
    qint64 t = kT0;
    quint32 clientIp = ip(QStringLiteral("192.168.1.10"));
    quint32 serverIp = ip(QStringLiteral("192.168.1.50"));
    quint16 clientPort = 50000;
    quint16 serverPort = 6668;
    quint32 cseq = 1000;
    quint32 sseq = 70000;

    QByteArray segment(bool fromClient, quint8 flags, const QByteArray& payload)
    {
        const quint32 seq = fromClient ? cseq : sseq;
        const quint32 ack = fromClient ? sseq : cseq;
        QByteArray tcp = be16(fromClient ? clientPort : serverPort) + be16(fromClient ? serverPort : clientPort) + be32(seq)
                         + be32(ack);
        tcp.append(char(5 << 4)).append(char(flags));
        tcp += be16(65535) + be16(0) + be16(0) + payload;
        return ethernet(ipv4(fromClient ? clientIp : serverIp, fromClient ? serverIp : clientIp, 6, tcp));
    }
    void open()
    {
        pcap.add(t, segment(true, kSyn, {}));
        ++cseq;
        pcap.add(t, segment(false, kSyn | kAck, {}));
        ++sseq;
        pcap.add(t, segment(true, kAck, {}));
    }
    void client(const QByteArray& payload, qint64 dt = 1000)
    {
        t += dt;
        pcap.add(t, segment(true, kAck | kPsh, payload));
        cseq += quint32(payload.size());
    }
    void server(const QByteArray& payload, qint64 dt = 1000)
    {
        t += dt;
        pcap.add(t, segment(false, kAck | kPsh, payload));
        sseq += quint32(payload.size());
    }
    // Bytes the client sent that the capture lost; the server acknowledges them.
    void lostClient(int bytes)
    {
        cseq += quint32(bytes);
        t += 1000;
        pcap.add(t, segment(false, kAck, {}));
    }
};

void udp(Pcap& pcap, qint64 t, const QString& src, quint16 sport, const QString& dst, quint16 dport, const QByteArray& payload)
{
    const QByteArray u = be16(sport) + be16(dport) + be16(quint16(8 + payload.size())) + be16(0) + payload;
    pcap.add(t, ethernet(ipv4(ip(src), ip(dst), 17, u)));
}

Capture load(const Pcap& pcap)
{
    const LoadResult r = loadCaptureData(pcap.data, QStringLiteral("lan.pcap"));
    if (!r.ok)
        qWarning() << r.error;
    return r.capture;
}

keys::KeyStore storeWith(const QString& idOrIp, const QByteArray& key, const QString& version = QString())
{
    keys::KeyStore store;
    if (version.isEmpty()) {
        store.assign(idOrIp, QString::fromLatin1(key));
    } else {
        keys::DeviceEntry e;
        e.id = idOrIp;
        e.key = keys::LocalKey::fromString(QString::fromLatin1(key)).value_or(keys::LocalKey());
        e.ip = QHostAddress(kDeviceIp);
        e.version = version;
        store.addDevices({e});
    }
    return store;
}

LanCaptureAnalysis analyse(const Pcap& pcap, const keys::KeyStore& store)
{
    return analyzeLanCapture(load(pcap), store);
}

const LanItem* findItem(const LanCaptureAnalysis& a, quint32 command, tuyascope::Direction dir, int nth = 0)
{
    for (const LanItem& it : a.items)
        if (it.kind == LanStreamSplitter::EventKind::Frame && it.cmd == command && it.direction == dir && nth-- == 0)
            return &it;
    return nullptr;
}

bool anyHas(const LanCaptureAnalysis& a, const QString& code)
{
    for (const LanItem& it : a.items)
        if (it.dissection.dissection.hasDiagnostic(code))
            return true;
    return false;
}

QByteArray encode(LanVersion version, LanSender sender, quint32 seq, quint32 command, const QByteArray& body,
                  const QByteArray& key, HeaderPolicy header = HeaderPolicy::ByCommand, const QByteArray& iv = {},
                  std::optional<quint32> retcode = std::nullopt)
{
    LanEncodeRequest r;
    r.version = version;
    r.sender = sender;
    r.seq = seq;
    r.cmd = command;
    r.body = body;
    r.key = key;
    r.header = header;
    r.iv = iv.isEmpty() ? QByteArray::fromHex("0a0b0c0d0e0f101112131415") : iv;
    r.retcode = retcode;
    const LanEncodeResult e = encodeLanFrame(r);
    return e.frame;
}

void handshake34(Tcp& c)
{
    c.client(vec("v34_sess_key_neg_start_client"));
    c.server(vec("v34_sess_key_neg_resp_device"));
    c.client(vec("v34_sess_key_neg_finish_client"));
}

void handshake35(Tcp& c)
{
    c.client(vec("v35_sess_key_neg_start_client"));
    c.server(vec("v35_sess_key_neg_resp_device"));
    c.client(vec("v35_sess_key_neg_finish_client"));
}

const auto A2D = tuyascope::Direction::AppToDevice;
const auto D2A = tuyascope::Direction::DeviceToApp;

} // namespace

class TestLanSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(!vectors().isEmpty(), "shared/vectors/lan-vectors.json is missing");
    }

    void v33SessionDecodesToTheVectorDps()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(vec("v33_dp_query_client"));
        c.server(vec("v33_dp_query_response_device"));
        c.client(vec("v33_control_client"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QCOMPARE(a.flows.size(), 1);
        QCOMPARE(a.flows.at(0).version, LanVersion::V33);
        QCOMPARE(a.flows.at(0).versionBasis, VersionBasis::Frames);
        QCOMPARE(a.flows.at(0).keyMatch, QStringLiteral("user ip"));
        QCOMPARE(a.items.size(), 3);
        const LanItem* reply = findItem(a, 0x0a, D2A);
        QVERIFY(reply);
        QCOMPARE(reply->crypto, QStringLiteral("decrypted"));
        QCOMPARE(reply->version, LanVersion::V33);
        QCOMPARE(reply->dissection.info.dps, QJsonDocument::fromJson(R"({"1":true,"2":0})").object());
        const LanItem* control = findItem(a, 0x07, A2D);
        QVERIFY(control);
        QCOMPARE(control->seq, 2u);
        QCOMPARE(control->dissection.info.dps.value(QLatin1String("1")).toBool(), true);
        QVERIFY(!anyHas(a, ldiag::TimestampSkew));
        QVERIFY(!anyHas(a, ldiag::SeqNotIncreasing));
        // Without a key: nothing is decrypted, and the crypto status says why.
        const LanCaptureAnalysis none = analyse(pcap, keys::KeyStore());
        QCOMPARE(findItem(none, 0x0a, D2A)->crypto, QStringLiteral("no-key"));
    }

    void v34HandshakeDerivesTheSessionKeyAndDecrypts()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake34(c);
        c.client(vec("v34_dp_query_new_client"));
        c.server(vec("v34_dp_query_new_response_device"));
        c.client(vec("v34_control_new_client"));
        c.server(vec("v34_status_push_device"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QCOMPARE(a.flows.size(), 1);
        QCOMPARE(a.flows.at(0).version, LanVersion::V34);
        QCOMPARE(a.flows.at(0).handshakes, 1);
        QVERIFY(a.flows.at(0).sessionKeyDerived);
        QVERIFY(!anyHas(a, ldiag::WrongLocalKey));
        QVERIFY(!anyHas(a, ldiag::HandshakeNotCaptured));
        const LanItem* reply = findItem(a, 0x10, D2A);
        QVERIFY(reply);
        QCOMPARE(reply->crypto, QStringLiteral("decrypted"));
        QCOMPARE(reply->dissection.info.keyUsed, KeyRole::Session);
        QCOMPARE(reply->dissection.info.dps, QJsonDocument::fromJson(R"({"1":true,"2":0})").object());
        const LanItem* push = findItem(a, 0x08, D2A);
        QVERIFY(push);
        QCOMPARE(push->dissection.info.dps.value(QLatin1String("1")).toBool(true), false);   // data.dps lifted
        const LanItem* control = findItem(a, 0x0d, A2D);
        QVERIFY(control);
        QCOMPARE(control->crypto, QStringLiteral("decrypted"));

        // The tracker alone: the derived key equals the vector's.
        LanSessionTracker t({kKey, LanVersion::Unknown, VersionBasis::None});
        t.feed(LanSender::Client, vec("v34_sess_key_neg_start_client"), kT0);
        t.feed(LanSender::Device, vec("v34_sess_key_neg_resp_device"), kT0);
        t.feed(LanSender::Client, vec("v34_sess_key_neg_finish_client"), kT0);
        QCOMPARE(t.version(), LanVersion::V34);
        QCOMPARE(t.sessionKey().toHex(), vec("v34_session_key", "session_key").toHex());
    }

    void v35HandshakeDerivesTheSessionKeyAndDecrypts()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake35(c);
        c.client(vec("v35_dp_query_new_client"));
        c.server(vec("v35_dp_query_new_response_device"));
        c.client(vec("v35_control_new_client"));
        c.server(vec("v35_status_push_device"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QCOMPARE(a.flows.at(0).version, LanVersion::V35);
        QVERIFY(a.flows.at(0).sessionKeyDerived);
        QVERIFY(!anyHas(a, ldiag::WrongLocalKey));
        QVERIFY(!anyHas(a, ldiag::GcmIvReused));
        const LanItem* reply = findItem(a, 0x10, D2A);
        QVERIFY(reply);
        QCOMPARE(reply->crypto, QStringLiteral("decrypted"));
        QCOMPARE(reply->dissection.info.dps, QJsonDocument::fromJson(R"({"1":true,"2":0})").object());
        QCOMPARE(findItem(a, 0x08, D2A)->dissection.info.dps.value(QLatin1String("1")).toBool(true), false);

        LanSessionTracker t({kKey, LanVersion::Unknown, VersionBasis::None});
        t.feed(LanSender::Client, vec("v35_sess_key_neg_start_client"), kT0);
        t.feed(LanSender::Device, vec("v35_sess_key_neg_resp_device"), kT0);
        QCOMPARE(t.sessionKey().toHex(), vec("v35_session_key", "session_key").toHex());
    }

    void newStartResetsTheSession()
    {
        LanSessionTracker t({kKey, LanVersion::V34, VersionBasis::User});
        t.feed(LanSender::Client, vec("v34_sess_key_neg_start_client"), kT0);
        t.feed(LanSender::Device, vec("v34_sess_key_neg_resp_device"), kT0);
        QVERIFY(t.hasSessionKey());
        t.feed(LanSender::Client, vec("v34_sess_key_neg_start_client"), kT0);
        QVERIFY(!t.hasSessionKey());
        QCOMPARE(t.handshakes(), 2);
    }

    void wrongLocalKeyOnTheHandshake()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake34(c);
        c.server(vec("v34_dp_query_new_response_device"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, QByteArray("fedcba9876543210"), QStringLiteral("3.4")));
        QVERIFY(anyHas(a, ldiag::WrongLocalKey));
        const LanItem* start = findItem(a, 0x03, A2D);
        QVERIFY(start && start->dissection.dissection.hasDiagnostic(ldiag::WrongLocalKey));
        QCOMPARE(start->crypto, QStringLiteral("hmac-bad"));
        QVERIFY(!a.flows.at(0).sessionKeyDerived);

        Pcap p35;
        Tcp c35{p35};
        c35.open();
        handshake35(c35);
        const LanCaptureAnalysis b = analyse(p35, storeWith(kDeviceIp, QByteArray("fedcba9876543210")));
        QVERIFY(findItem(b, 0x04, D2A)->dissection.dissection.hasDiagnostic(ldiag::WrongLocalKey));
        QCOMPARE(findItem(b, 0x04, D2A)->crypto, QStringLiteral("tag-failed"));
    }

    void wrongLocalKeyOnA33Flow()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(vec("v33_dp_query_client"));
        c.server(vec("v33_dp_query_response_device"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, QByteArray("fedcba9876543210")));
        const LanItem* reply = findItem(a, 0x0a, D2A);
        QVERIFY(reply);
        QVERIFY(reply->dissection.dissection.hasDiagnostic(ldiag::WrongLocalKey));
        QVERIFY(reply->crypto == QStringLiteral("bad-padding") || reply->crypto == QStringLiteral("undecrypted"));
    }

    void hmacAndTagFailuresAfterTheHandshake()
    {
        QByteArray push34 = vec("v34_status_push_device");
        push34[30] = char(push34[30] ^ 0x01);   // a ciphertext byte
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake34(c);
        c.server(push34);
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        const LanItem* bad = findItem(a, 0x08, D2A);
        QVERIFY(bad);
        QCOMPARE(bad->crypto, QStringLiteral("hmac-bad"));
        QVERIFY(bad->dissection.dissection.hasDiagnostic(ldiag::BadHmac));
        QVERIFY(!bad->dissection.dissection.hasDiagnostic(ldiag::HandshakeNotCaptured));

        QByteArray push35 = vec("v35_status_push_device");
        push35[40] = char(push35[40] ^ 0x01);
        Pcap p35;
        Tcp c35{p35};
        c35.open();
        handshake35(c35);
        c35.server(push35);
        const LanCaptureAnalysis b = analyse(p35, storeWith(kDeviceIp, kKey));
        const LanItem* tag = findItem(b, 0x08, D2A);
        QVERIFY(tag);
        QCOMPARE(tag->crypto, QStringLiteral("tag-failed"));
        QVERIFY(tag->dissection.dissection.hasDiagnostic(ldiag::GcmTagFailed));
    }

    void handshakeNotCaptured()
    {
        for (const bool v35 : {false, true}) {
            Pcap pcap;
            Tcp c{pcap};
            c.open();
            c.server(vec(v35 ? "v35_dp_query_new_response_device" : "v34_dp_query_new_response_device"));
            c.server(vec(v35 ? "v35_status_push_device" : "v34_status_push_device"));
            const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
            QCOMPARE(a.flows.at(0).version, v35 ? LanVersion::V35 : LanVersion::V34);
            QVERIFY(!a.items.isEmpty());
            QVERIFY(a.items.at(0).dissection.dissection.hasDiagnostic(ldiag::HandshakeNotCaptured));
            QCOMPARE(a.items.at(0).crypto, QStringLiteral("no-handshake"));
        }
    }

    void wrongVersionAssumed()
    {
        // The key store says 3.3, the flow is a 3.4 handshake.
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake34(c);
        c.server(vec("v34_dp_query_new_response_device"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceId, kKey, QStringLiteral("3.3")));
        QVERIFY(anyHas(a, ldiag::WrongVersion));
        QCOMPARE(a.flows.at(0).version, LanVersion::V34);
        QCOMPARE(findItem(a, 0x10, D2A)->crypto, QStringLiteral("decrypted"));

        // The version from the key store, when it fits, is said to come from there.
        Pcap ok;
        Tcp c2{ok};
        c2.open();
        c2.client(vec("v33_dp_query_client"));
        const LanCaptureAnalysis b = analyse(ok, storeWith(kDeviceId, kKey, QStringLiteral("3.3")));
        QCOMPARE(b.flows.at(0).versionBasis, VersionBasis::KeyStore);
        QVERIFY(!anyHas(b, ldiag::WrongVersion));
    }

    void sessionKeyWithAZeroFirstByte()
    {
        const QJsonObject edge = vectors().value(QLatin1String("v34_session_key_edge_zero_first_byte")).toObject();
        const QByteArray nc = edge.value(QLatin1String("client_nonce")).toString().toLatin1();
        const QByteArray nd = edge.value(QLatin1String("device_nonce")).toString().toLatin1();
        QCOMPARE(nc, kKey);
        const QByteArray resp = encode(LanVersion::V34, LanSender::Device, 1, 0x04, nd + handshakeHmac(kKey, nc), kKey,
                                       HeaderPolicy::Never, {}, 0u);
        const QByteArray finish = encode(LanVersion::V34, LanSender::Client, 2, 0x05, handshakeHmac(kKey, nd), kKey,
                                         HeaderPolicy::Never);
        QVERIFY(!resp.isEmpty() && !finish.isEmpty());
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(vec("v34_sess_key_neg_start_client"));
        c.server(resp);
        c.client(finish);
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QVERIFY(!anyHas(a, ldiag::WrongLocalKey));
        QVERIFY(findItem(a, 0x05, A2D)->dissection.dissection.hasDiagnostic(ldiag::SessionKeyZeroByte));

        LanSessionTracker t({kKey, LanVersion::V34, VersionBasis::User});
        t.feed(LanSender::Client, vec("v34_sess_key_neg_start_client"), kT0);
        t.feed(LanSender::Device, resp, kT0);
        QCOMPARE(t.sessionKey().toHex(), vec("v34_session_key_edge_zero_first_byte", "session_key").toHex());
    }

    void repeatedGcmIv()
    {
        const QByteArray sk = vec("v35_session_key", "session_key");
        const QByteArray iv = QByteArray::fromHex("111111111111111111111111");
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake35(c);
        c.client(encode(LanVersion::V35, LanSender::Client, 3, 0x10, "{}", sk, HeaderPolicy::ByCommand, iv));
        c.client(encode(LanVersion::V35, LanSender::Client, 4, 0x10, "{}", sk, HeaderPolicy::ByCommand, iv));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        const LanItem* first = findItem(a, 0x10, A2D, 0);
        const LanItem* second = findItem(a, 0x10, A2D, 1);
        QVERIFY(first && second);
        QCOMPARE(first->crypto, QStringLiteral("decrypted"));
        QVERIFY(!first->dissection.dissection.hasDiagnostic(ldiag::GcmIvReused));
        QVERIFY(second->dissection.dissection.hasDiagnostic(ldiag::GcmIvReused));
    }

    void nonIncreasingSequenceNumbers()
    {
        const QByteArray body = R"({"gwId":"eb0123456789abcdefghij","devId":"eb0123456789abcdefghij"})";
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(encode(LanVersion::V33, LanSender::Client, 5, 0x09, body, kKey));
        c.client(encode(LanVersion::V33, LanSender::Client, 3, 0x09, body, kKey));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QCOMPARE(a.items.size(), 2);
        QVERIFY(!a.items.at(0).dissection.dissection.hasDiagnostic(ldiag::SeqNotIncreasing));
        QVERIFY(a.items.at(1).dissection.dissection.hasDiagnostic(ldiag::SeqNotIncreasing));
    }

    void deviceSeqEchoesRequestsUpTo34()
    {
        // A 3.3 device answers with the request's seq and numbers its pushes itself: an answer with
        // seq 7 followed by a push with seq 2 is normal, not a sequence fault.
        const QByteArray query = R"({"gwId":"eb0123456789abcdefghij","devId":"eb0123456789abcdefghij"})";
        const QByteArray status = R"({"devId":"eb0123456789abcdefghij","dps":{"1":true}})";
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(encode(LanVersion::V33, LanSender::Client, 7, 0x0a, query, kKey));
        c.server(encode(LanVersion::V33, LanSender::Device, 7, 0x0a, status, kKey, HeaderPolicy::ByCommand, {}, 0));
        c.server(encode(LanVersion::V33, LanSender::Device, 2, 0x08, status, kKey, HeaderPolicy::ByCommand, {}, 0));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey, QStringLiteral("3.3")));
        QCOMPARE(a.items.size(), 3);
        QCOMPARE(a.items.at(2).direction, D2A);
        QCOMPARE(a.items.at(2).seq, 2u);
        QVERIFY(!anyHas(a, ldiag::SeqNotIncreasing));
    }

    void deviceSeqMustIncreaseIn35()
    {
        const QByteArray sk = vec("v35_session_key", "session_key");
        const QByteArray status = R"({"protocol":4,"t":1700000000,"data":{"dps":{"1":true}}})";
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        handshake35(c);
        c.server(encode(LanVersion::V35, LanSender::Device, 0x10010, 0x08, status, sk, HeaderPolicy::ByCommand,
                        QByteArray::fromHex("222222222222222222222222"), 0));
        c.server(encode(LanVersion::V35, LanSender::Device, 0x1000f, 0x08, status, sk, HeaderPolicy::ByCommand,
                        QByteArray::fromHex("333333333333333333333333"), 0));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        const LanItem* first = findItem(a, 0x08, D2A, 0);
        const LanItem* second = findItem(a, 0x08, D2A, 1);
        QVERIFY(first && second);
        QCOMPARE(second->crypto, QStringLiteral("decrypted"));
        QVERIFY(!first->dissection.dissection.hasDiagnostic(ldiag::SeqNotIncreasing));
        QVERIFY(second->dissection.dissection.hasDiagnostic(ldiag::SeqNotIncreasing));
    }

    void versionHeaderMissingAndUnexpected()
    {
        // Seed 000: DP_QUERY without the 15-byte header (136 bytes with a 20-character id),
        // CONTROL with it (151 bytes). The other way round breaks the header rule.
        const QByteArray query = R"({"gwId":"eb0123456789abcdefghij","devId":"eb0123456789abcdefghij","uid":"eb0123456789abcdefghij","t":"1700000000"})";
        const QByteArray control = R"({"devId":"eb0123456789abcdefghij","uid":"eb0123456789abcdefghij","t":"1700000000","dps":{"1":true}})";
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(encode(LanVersion::V33, LanSender::Client, 1, 0x0a, query, kKey, HeaderPolicy::Always));
        c.client(encode(LanVersion::V33, LanSender::Client, 2, 0x07, control, kKey, HeaderPolicy::Never));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey, QStringLiteral("3.3")));
        QCOMPARE(a.items.size(), 2);
        QVERIFY(a.items.at(0).dissection.dissection.hasDiagnostic(ldiag::VersionHeaderUnexpected));
        QVERIFY(a.items.at(1).dissection.dissection.hasDiagnostic(ldiag::VersionHeaderMissing));
    }

    void controlTimestampFarFromTheCaptureTime()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.t = kT0 + 3600LL * 1000000LL;
        c.open();
        c.client(vec("v33_control_client"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QCOMPARE(a.items.size(), 1);
        QVERIFY(a.items.at(0).dissection.dissection.hasDiagnostic(ldiag::TimestampSkew));
    }

    void deviceErrorStringsHintDevice22()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(vec("v33_dp_query_client"));
        c.server(vec("v33_error_json_obj_data_unvalid_device"));
        c.client(vec("v33_device22_query_control_new_client"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        const LanItem* error = findItem(a, 0x0a, D2A);
        QVERIFY(error);
        QVERIFY(error->dissection.dissection.hasDiagnostic(ldiag::DeviceError));
        QVERIFY(error->dissection.dissection.hasDiagnostic(ldiag::Device22Hint));
        QCOMPARE(*error->dissection.info.retcode, 1u);
    }

    void gapResynchronisesTheDecoder()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        c.client(vec("v33_dp_query_client"));
        c.lostClient(int(vec("v33_heartbeat_client").size()));
        c.client(vec("v33_control_client"));
        c.server(vec("v33_dp_query_response_device"));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, kKey));
        QVERIFY(findItem(a, 0x07, A2D));
        QCOMPARE(findItem(a, 0x07, A2D)->crypto, QStringLiteral("decrypted"));
        QVERIFY(findItem(a, 0x0a, D2A));
    }

    void udpDiscoveryDecodesAndTeachesTheDeviceIp()
    {
        Pcap pcap;
        udp(pcap, kT0 + 1, kDeviceIp, 6667, QStringLiteral("255.255.255.255"), 6667, vec("udp6667_v34_boardcast_lpv34_ecb"));
        udp(pcap, kT0 + 2, kDeviceIp, 6666, QStringLiteral("255.255.255.255"), 6666, vec("udp6666_v31_plain"));
        udp(pcap, kT0 + 3, QStringLiteral("192.168.1.10"), 7000, QStringLiteral("255.255.255.255"), 7000,
            vec("udp7000_app_req_devinfo_gcm"));
        udp(pcap, kT0 + 4, kDeviceIp, 7000, QStringLiteral("192.168.1.10"), 7000, vec("udp6667_or_7000_v35_gcm"));
        // The latest broadcast wins: this one says 3.3.
        udp(pcap, kT0 + 5, kDeviceIp, 6667, QStringLiteral("255.255.255.255"), 6667, vec("udp6667_v33_ecb"));
        Tcp c{pcap};
        c.t = kT0 + 10;
        c.open();
        c.client(vec("v33_dp_query_client"));
        c.server(vec("v33_dp_query_response_device"));
        // The key is given for the device id only: the flow finds it through discovery.
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceId, kKey));
        QCOMPARE(a.discovered.size(), 1);
        QCOMPARE(a.discovered.at(0).gwId, kDeviceId);
        QCOMPARE(a.discovered.at(0).ip.toString(), kDeviceIp);
        int udpItems = 0;
        for (const LanItem& it : a.items) {
            if (!it.udp)
                continue;
            ++udpItems;
            QVERIFY2(it.dissection.info.bodyIsJson, qPrintable(it.dissection.dissection.summary));
            if (it.cmd == 0x25) {
                QCOMPARE(it.direction, A2D);
                QVERIFY(it.dissection.dissection.hasDiagnostic(ldiag::AppSolicitation));
            } else {
                QCOMPARE(it.dissection.info.json.value(QLatin1String("gwId")).toString(), kDeviceId);
            }
        }
        QCOMPARE(udpItems, 5);
        QCOMPARE(a.flows.size(), 1);
        QCOMPARE(a.flows.at(0).deviceId, kDeviceId);
        QCOMPARE(a.flows.at(0).versionBasis, VersionBasis::Discovery);
        QCOMPARE(findItem(a, 0x0a, D2A)->crypto, QStringLiteral("decrypted"));
    }

    // A discovery broadcast's productKey is the device's product id: the dp table hands it to role
    // inference, which identifies the model by it.
    void discoveryProductKeyReachesTheDpEngine()
    {
        Pcap pcap;
        udp(pcap, kT0 + 1, kDeviceIp, 6667, QStringLiteral("255.255.255.255"), 6667, vec("udp6667_v33_ecb"));
        Tcp c{pcap};
        c.t = kT0 + 10;
        c.open();
        c.client(vec("v33_dp_query_client"));
        c.server(vec("v33_dp_query_response_device"));
        const CaptureFrames frames(load(pcap), storeWith(kDeviceId, kKey));
        DpTracker tracker;
        for (int row = 0; row < frames.frameCount(); ++row)
            tracker.add(row, frames.facts(row).timeUs, frames.facts(row).direction, frames.dissect(row));
        QCOMPARE(tracker.engine().productId(), QStringLiteral("keyabcdefgh12345"));
        QVERIFY(!tracker.series().isEmpty()); // the query response's dps are in too
    }

    void lanLogLinesImportWithDirections()
    {
        auto spaced = [](const QByteArray& b) { return QString::fromLatin1(b.toHex(' ')); };
        const QByteArray q = vec("v33_dp_query_client");
        const QByteArray r = vec("v33_dp_query_response_device");
        const QString text = QStringLiteral("[SOCKET] connect to ('192.168.1.50', 6668)\n"
                                            "[SOCKET] send %1 bytes: %2\n"
                                            "[SOCKET] recv %3 bytes: %4\n"
                                            "{'dps': {'1': True, '2': 0}}\n")
                                 .arg(q.size())
                                 .arg(spaced(q))
                                 .arg(r.size())
                                 .arg(spaced(r));
        const ProbeResult best = ImporterRegistry::instance().sniff(text.toUtf8(), QStringLiteral("capture.txt"));
        QVERIFY(best.importer);
        QCOMPARE(best.importer->id(), QStringLiteral("tuya-lan-log"));
        const LoadResult loaded = loadCaptureData(text.toUtf8(), QStringLiteral("capture.txt"));
        QVERIFY(loaded.ok);
        QCOMPARE(loaded.capture.recordCount(), 2);
        QCOMPARE(loaded.capture.recordDirection(0), A2D);
        QCOMPARE(loaded.capture.recordDirection(1), D2A);
        QCOMPARE(loaded.capture.recordBytes(0).toByteArray(), q);
        QVERIFY(captureMayHoldLan(loaded.capture));
        const LanCaptureAnalysis a = analyzeLanCapture(loaded.capture, storeWith(kDeviceId, kKey));
        QCOMPARE(a.items.size(), 2);
        QCOMPARE(a.items.at(1).direction, D2A);
        QCOMPARE(a.items.at(1).crypto, QStringLiteral("decrypted"));
        QCOMPARE(a.items.at(1).dissection.info.dps, QJsonDocument::fromJson(R"({"1":true,"2":0})").object());

        // Bare hex lines: direction from a leading word, or guessed from the retcode.
        const QString dump = QStringLiteral("%1\nrecv: %2\n").arg(QString::fromLatin1(q.toHex()), QString::fromLatin1(r.toHex()));
        const LoadResult d = loadCaptureData(dump.toUtf8(), QStringLiteral("frames.txt"));
        QVERIFY(d.ok);
        QCOMPARE(d.files.value(0).importerId, QStringLiteral("tuya-lan-log"));
        QCOMPARE(d.capture.recordCount(), 2);
        QCOMPARE(d.capture.recordDirection(0), A2D);
        QCOMPARE(d.capture.recordDirection(1), D2A);
    }

    void keysNeverReachTheItems()
    {
        Pcap pcap;
        Tcp c{pcap};
        c.open();
        const QByteArray key("s3cr3tK3y!ABCDEF");
        c.client(encode(LanVersion::V33, LanSender::Client, 1, 0x09, R"({"gwId":"x"})", key));
        const LanCaptureAnalysis a = analyse(pcap, storeWith(kDeviceIp, key));
        QCOMPARE(a.items.at(0).crypto, QStringLiteral("decrypted"));
        for (const Field& f : a.items.at(0).dissection.dissection.fields())
            QVERIFY(!f.value.contains(QString::fromLatin1(key)) && !f.value.contains(QString::fromLatin1(key.toHex())));
        for (const Diagnostic& d : a.items.at(0).dissection.dissection.diagnostics())
            QVERIFY(!d.message.contains(QString::fromLatin1(key)));
    }
};

QTEST_GUILESS_MAIN(TestLanSession)
#include "tst_lan_session.moc"
