// The Tuya LAN codec: every vector of shared/vectors/lan-vectors.json encoded byte-exactly from
// its inputs and decoded back; the crypto primitives against published values; wrong keys,
// corrupt and truncated frames, garbage and chunking invariance of the stream decoder.

#include "support/TestSupport.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanEnvelope31.h"
#include "tuyalan/LanFastPath.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanJsonSpans.h"
#include "tuyalan/LanRetcode.h"
#include "tuyalan/LanSessionKey.h"
#include "tuyalan/LanStreamDecoder.h"
#include "tuyalan/LanStreamSplitter.h"
#include "tuyalan/LanVersionHeader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <iterator>

using namespace tuyascope;
using namespace tuyascope::lan;

Q_DECLARE_METATYPE(tuyascope::lan::LanVersion)
Q_DECLARE_METATYPE(tuyascope::lan::LanSender)
Q_DECLARE_METATYPE(tuyascope::lan::FastFrame)
Q_DECLARE_METATYPE(tuyascope::lan::FastDecrypt)
Q_DECLARE_METATYPE(tuyascope::ChecksumStatus)

namespace {

const QByteArray kLocalKey("0123456789abcdef");

QJsonObject loadVectors()
{
    const QByteArray text = test::readFile(test::sharedPath(QStringLiteral("vectors/lan-vectors.json")));
    return QJsonDocument::fromJson(text).object();
}

QByteArray hexField(const QJsonObject& o, const char* name)
{
    return test::fromHex(o.value(QLatin1String(name)).toString());
}

QByteArray latin1Field(const QJsonObject& o, const char* name)
{
    return o.value(QLatin1String(name)).toString().toLatin1();
}

enum class KeyKind { Local, Session34, Session35, Udp };
enum class BodyKind { Plaintext, ClientNonce, DeviceNonceAndHmac, HmacDeviceNonce, Resp35Plaintext };

// What the test knows about each frame vector, from the vector README (not from the decoder).
struct FrameCase {
    const char* name;
    LanVersion version;
    LanSender sender;
    LanTransport transport;
    quint32 seq;
    quint32 cmd;
    int retcode;          // -1: none (an explicit "retcode" field in the vector overrides 0)
    KeyKind key;
    const char* header;   // 15-byte block hex where the README gives it outside the vector; "" otherwise
    BodyKind body;
};

const LanTransport Tcp = LanTransport::Tcp;
const LanTransport Udp = LanTransport::Udp;
const LanSender Client = LanSender::Client;
const LanSender Device = LanSender::Device;

const FrameCase kFrameCases[] = {
    {"v31_dp_query_client", LanVersion::V31, Client, Tcp, 1, 0x0a, -1, KeyKind::Local, "", BodyKind::Plaintext},
    {"v31_control_client", LanVersion::V31, Client, Tcp, 2, 0x07, -1, KeyKind::Local, "", BodyKind::Plaintext},
    {"v31_dp_query_response_device", LanVersion::V31, Device, Tcp, 1, 0x0a, 0, KeyKind::Local, "", BodyKind::Plaintext},
    {"v33_dp_query_client", LanVersion::V33, Client, Tcp, 1, 0x0a, -1, KeyKind::Local, "", BodyKind::Plaintext},
    {"v33_control_client", LanVersion::V33, Client, Tcp, 2, 0x07, -1, KeyKind::Local, "", BodyKind::Plaintext},
    {"v33_heartbeat_client", LanVersion::V33, Client, Tcp, 3, 0x09, -1, KeyKind::Local, "", BodyKind::Plaintext},
    {"v33_dp_query_response_device", LanVersion::V33, Device, Tcp, 1, 0x0a, 0, KeyKind::Local, "", BodyKind::Plaintext},
    {"v33_status_push_device_with_source_header", LanVersion::V33, Device, Tcp, 7, 0x08, 0, KeyKind::Local, "",
     BodyKind::Plaintext},
    {"v33_error_json_obj_data_unvalid_device", LanVersion::V33, Device, Tcp, 1, 0x0a, 0, KeyKind::Local, "",
     BodyKind::Plaintext},
    {"v33_device22_query_control_new_client", LanVersion::V33, Client, Tcp, 4, 0x0d, -1, KeyKind::Local, "",
     BodyKind::Plaintext},
    {"v34_sess_key_neg_start_client", LanVersion::V34, Client, Tcp, 1, 0x03, -1, KeyKind::Local, "", BodyKind::ClientNonce},
    {"v34_sess_key_neg_resp_device", LanVersion::V34, Device, Tcp, 1, 0x04, 0, KeyKind::Local, "",
     BodyKind::DeviceNonceAndHmac},
    {"v34_sess_key_neg_finish_client", LanVersion::V34, Client, Tcp, 2, 0x05, -1, KeyKind::Local, "",
     BodyKind::HmacDeviceNonce},
    {"v34_dp_query_new_client", LanVersion::V34, Client, Tcp, 3, 0x10, -1, KeyKind::Session34, "", BodyKind::Plaintext},
    {"v34_control_new_client", LanVersion::V34, Client, Tcp, 4, 0x0d, -1, KeyKind::Session34, "", BodyKind::Plaintext},
    {"v34_dp_query_new_response_device", LanVersion::V34, Device, Tcp, 3, 0x10, 0, KeyKind::Session34, "",
     BodyKind::Plaintext},
    {"v34_status_push_device", LanVersion::V34, Device, Tcp, 9, 0x08, 0, KeyKind::Session34,
     "332e34000000000000000300000001", BodyKind::Plaintext},
    {"v35_sess_key_neg_start_client", LanVersion::V35, Client, Tcp, 1, 0x03, -1, KeyKind::Local, "", BodyKind::ClientNonce},
    {"v35_sess_key_neg_resp_device", LanVersion::V35, Device, Tcp, 0x1234, 0x04, 0, KeyKind::Local, "",
     BodyKind::Resp35Plaintext},
    {"v35_sess_key_neg_finish_client", LanVersion::V35, Client, Tcp, 2, 0x05, -1, KeyKind::Local, "",
     BodyKind::HmacDeviceNonce},
    {"v35_dp_query_new_client", LanVersion::V35, Client, Tcp, 3, 0x10, -1, KeyKind::Session35, "", BodyKind::Plaintext},
    {"v35_control_new_client", LanVersion::V35, Client, Tcp, 4, 0x0d, -1, KeyKind::Session35, "", BodyKind::Plaintext},
    {"v35_dp_query_new_response_device", LanVersion::V35, Device, Tcp, 0x1235, 0x10, 0, KeyKind::Session35, "",
     BodyKind::Plaintext},
    {"v35_status_push_device", LanVersion::V35, Device, Tcp, 0x1236, 0x08, 0, KeyKind::Session35,
     "332e35000000000000002a00000001", BodyKind::Plaintext},
    {"udp6666_v31_plain", LanVersion::V31, Device, Udp, 0, 0x00, 0, KeyKind::Udp, "", BodyKind::Plaintext},
    {"udp6667_v33_ecb", LanVersion::V33, Device, Udp, 0, 0x13, 0, KeyKind::Udp, "", BodyKind::Plaintext},
    {"udp6667_v34_boardcast_lpv34_ecb", LanVersion::V34, Device, Udp, 0, 0x23, 0, KeyKind::Udp, "", BodyKind::Plaintext},
    {"udp6667_or_7000_v35_gcm", LanVersion::V35, Device, Udp, 0, 0x13, 0, KeyKind::Udp, "", BodyKind::Plaintext},
    {"udp7000_app_req_devinfo_gcm", LanVersion::V35, Client, Udp, 0, 0x25, -1, KeyKind::Udp, "", BodyKind::Plaintext},
};

// Objects that are not frames; each has its own test below.
const char* const kOtherVectors[] = {"tuyapi_v31_vector", "v34_session_key", "v35_session_key",
                                     "v34_session_key_edge_zero_first_byte", "udp_key"};

// Every field a frame vector may have; each is checked by decodesVector().
const char* const kKnownFrameFields[] = {"hex", "plaintext", "payload_ascii", "ciphertext", "source_header", "retcode",
                                         "client_nonce", "device_nonce", "hmac_client_nonce", "hmac_device_nonce", "iv",
                                         "aad", "plaintext_with_retcode", "encrypted_block_plaintext", "note"};

const FrameCase* findCase(const QString& name)
{
    for (const FrameCase& c : kFrameCases) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

struct Resolved {
    QByteArray frame;
    QByteArray key;
    QByteArray sessionKey;   // for the decode context
    QByteArray body;
    QByteArray header;       // expected 15-byte block, empty when none
    std::optional<quint32> retcode;
    QByteArray iv;
};

// Inputs of one frame vector, from the vector itself and the README's common inputs.
Resolved resolve(const QJsonObject& all, const FrameCase& c)
{
    const QJsonObject v = all.value(QLatin1String(c.name)).toObject();
    Resolved r;
    r.frame = hexField(v, "hex");
    r.iv = hexField(v, "iv");
    const QByteArray sk34 = hexField(all.value(QLatin1String("v34_session_key")).toObject(), "session_key");
    const QByteArray sk35 = hexField(all.value(QLatin1String("v35_session_key")).toObject(), "session_key");
    switch (c.key) {
    case KeyKind::Local: r.key = kLocalKey; break;
    case KeyKind::Session34: r.key = r.sessionKey = sk34; break;
    case KeyKind::Session35: r.key = r.sessionKey = sk35; break;
    case KeyKind::Udp: r.key = test::fromHex(all.value(QLatin1String("udp_key")).toString()); break;
    }
    const QByteArray hmacNd =
        hexField(all.value(QLatin1String("v34_sess_key_neg_finish_client")).toObject(), "hmac_device_nonce");
    switch (c.body) {
    case BodyKind::Plaintext: r.body = v.value(QLatin1String("plaintext")).toString().toUtf8(); break;
    case BodyKind::ClientNonce: r.body = hexField(v, "client_nonce"); break;
    case BodyKind::DeviceNonceAndHmac: r.body = hexField(v, "device_nonce") + hexField(v, "hmac_client_nonce"); break;
    case BodyKind::HmacDeviceNonce: r.body = hmacNd; break;
    case BodyKind::Resp35Plaintext: r.body = hexField(v, "plaintext_with_retcode").mid(4); break;
    }
    if (c.retcode >= 0)
        r.retcode = quint32(v.contains(QLatin1String("retcode")) ? v.value(QLatin1String("retcode")).toInt() : c.retcode);
    if (v.contains(QLatin1String("source_header")))
        r.header = hexField(v, "source_header");
    else if (*c.header)
        r.header = test::fromHex(QString::fromLatin1(c.header));
    else if (LanCommandCatalogue::instance().headerRule(c.cmd, c.version, c.sender) == HeaderRule::VersionHeader)
        r.header = makeVersionHeader(c.version);
    return r;
}

LanEncodeRequest requestFor(const FrameCase& c, const Resolved& r)
{
    LanEncodeRequest q;
    q.version = c.version;
    q.sender = c.sender;
    q.transport = c.transport;
    q.seq = c.seq;
    q.cmd = c.cmd;
    q.retcode = r.retcode;
    q.body = r.body;
    q.key = r.key;
    q.iv = r.iv;
    if (!r.header.isEmpty() && r.header != makeVersionHeader(c.version))
        q.headerBlock = r.header;
    return q;
}

LanContext contextFor(const FrameCase& c, const Resolved& r)
{
    LanContext ctx;
    ctx.version = c.version;
    ctx.sender = c.sender;
    ctx.localKey = kLocalKey;  // discovery frames must find the UDP key on their own
    ctx.sessionKey = r.sessionKey;
    return ctx;
}

QStringList codesAtLeast(const Dissection& d, Severity severity)
{
    QStringList out;
    for (const Diagnostic& g : d.diagnostics()) {
        if (int(g.severity) >= int(severity))
            out << g.code;
    }
    return out;
}

QByteArray fieldBytes(const Dissection& d, int index)
{
    const Field& f = d.fields().at(index);
    return d.sources().at(f.source).bytes.mid(f.offset, f.length);
}

QByteArray fieldBytes(const Dissection& d, const QString& key)
{
    const int i = d.findField(key);
    return i < 0 ? QByteArray() : fieldBytes(d, i);
}

// A 3.3 client DP_QUERY built here, for the negative tests.
QByteArray v33Query(quint32 seq, const QByteArray& key = kLocalKey)
{
    LanEncodeRequest q;
    q.version = LanVersion::V33;
    q.seq = seq;
    q.cmd = cmd::DpQuery;
    q.body = QByteArrayLiteral("{\"gwId\":\"x\",\"devId\":\"x\",\"uid\":\"x\",\"t\":\"1700000000\"}");
    q.key = key;
    return encodeLanFrame(q).frame;
}

struct Recorded {
    LanStreamSplitter::EventKind kind;
    qint64 offset;
    QByteArray bytes;
    QString summary;
    QStringList codes;
    bool operator==(const Recorded& o) const
    {
        return kind == o.kind && offset == o.offset && bytes == o.bytes && summary == o.summary && codes == o.codes;
    }
};

QVector<Recorded> record(const QVector<LanStreamDecoder::Item>& items)
{
    QVector<Recorded> out;
    for (const LanStreamDecoder::Item& i : items)
        out.push_back({i.kind, i.offset, i.bytes, i.dissection.dissection.summary, codesAtLeast(i.dissection.dissection, Severity::Chat)});
    return out;
}

QVector<Recorded> decodeInPieces(const QByteArray& stream, const QVector<int>& cuts, const LanContext& context)
{
    LanStreamDecoder decoder(context);
    QVector<Recorded> out;
    int from = 0;
    for (int cut : cuts) {
        out += record(decoder.feed(QByteArrayView(stream).sliced(from, cut - from)));
        from = cut;
    }
    out += record(decoder.feed(QByteArrayView(stream).sliced(from)));
    out += record(decoder.finish());
    return out;
}

int countKind(const QVector<Recorded>& events, LanStreamSplitter::EventKind kind)
{
    int n = 0;
    for (const Recorded& r : events)
        n += r.kind == kind ? 1 : 0;
    return n;
}


// -- fast path vs dissector -------------------------------------------------------------------

// The dissector's decrypt verdict in the fast path's terms; "not decrypted" outcomes map to
// NoKey and are compared as a group.
FastDecrypt dissectorDecrypt(const LanFrameInfo& info)
{
    if (!info.encrypted)
        return FastDecrypt::NotEncrypted;
    if (!info.decrypted)
        return FastDecrypt::NoKey;
    if (info.integrityKind == IntegrityKind::GcmTag && info.integrity == ChecksumStatus::Bad)
        return FastDecrypt::Unauthenticated;
    return info.paddingOk ? FastDecrypt::Ok : FastDecrypt::BadPadding;
}

bool notDecrypted(FastDecrypt d)
{
    return d == FastDecrypt::NoKey || d == FastDecrypt::BadLength || d == FastDecrypt::Failed;
}

// What the fast path says about frame, checked against the full dissection. Records failures
// through QTest; the caller checks QTest::currentTestFailed().
void checkFastAgreesWithDissector(const QByteArray& frame, const LanContext& context, const QString& where)
{
    const LanDissection full = dissectLanFrame(frame, context);
    const LanFrameInfo& info = full.info;
    LanFastDecoder decoder(context);
    const LanFastResult& fast = decoder.decode(frame);
    const QByteArray w = where.toUtf8();

    if (!info.isFrame) {
        QVERIFY2(fast.frame == FastFrame::NotAFrame || fast.frame == FastFrame::Truncated, w.constData());
        return;
    }
    if (!info.complete) {
        QVERIFY2(fast.frame == FastFrame::Truncated || fast.frame == FastFrame::Corrupt, w.constData());
        return;
    }
    QVERIFY2(fast.frame == FastFrame::Decoded, w.constData());
    QCOMPARE(fast.seq, info.seq);
    QCOMPARE(fast.cmd, info.cmd);
    QVERIFY2(fast.version == info.version, w.constData());
    QVERIFY2(fast.integrityKind == info.integrityKind, w.constData());
    QVERIFY2(fast.integrity == info.integrity, w.constData());
    if (fast.decrypt == FastDecrypt::Skipped) {
        // The fast path does not decrypt what does not verify; the dissector shows it anyway.
        QVERIFY2(info.integrity == ChecksumStatus::Bad && info.kind == LanFrameKind::Classic55AA, w.constData());
        QVERIFY(fast.dps.empty());
        return;
    }
    const FastDecrypt expected = dissectorDecrypt(info);
    if (notDecrypted(expected))
        QVERIFY2(notDecrypted(fast.decrypt), w.constData());
    else
        QVERIFY2(fast.decrypt == expected, w.constData());
    if (fast.decrypt == FastDecrypt::Unauthenticated) {
        QCOMPARE(fast.plaintext.toByteArray().toHex(), info.plaintext.toHex());
        QVERIFY(fast.dps.empty());
        return;
    }
    if (fast.decrypt != FastDecrypt::Ok && fast.decrypt != FastDecrypt::BadPadding
        && fast.decrypt != FastDecrypt::NotEncrypted)
        return;
    QVERIFY2(fast.keyUsed == info.keyUsed, w.constData());
    QCOMPARE(fast.hasRetcode, bool(info.retcode));
    if (info.retcode)
        QCOMPARE(fast.retcode, *info.retcode);
    if (info.decrypted)
        QCOMPARE(fast.plaintext.toByteArray().toHex(), info.plaintext.toHex());
    QCOMPARE(fast.body.toByteArray(), info.body);
    QVERIFY2(fast.bodyIsJson == info.bodyIsJson, w.constData());
    QCOMPARE(qsizetype(fast.dps.size()), qsizetype(info.dps.size()));
    for (const JsonDpSpan& dp : fast.dps) {
        const QString id = QString::fromUtf8(dp.id);
        QVERIFY2(info.dps.contains(id), qPrintable(where + QStringLiteral(": dp ") + id));
        const QJsonDocument value = QJsonDocument::fromJson("[" + dp.value.toByteArray() + "]");
        QVERIFY2(value.isArray(), qPrintable(where + QStringLiteral(": dp value ") + QString::fromUtf8(dp.value)));
        QCOMPARE(value.array().at(0), info.dps.value(id));
    }
}

// A 55AA frame from its parts: header, payload (retcode included), CRC32 or HMAC-SHA256 trailer.
QByteArray classicFrame(quint32 seq, quint32 cmd, const QByteArray& payload, const QByteArray& hmacKey = QByteArray())
{
    const int trailer = hmacKey.isEmpty() ? kCrcSize : kHmacSize;
    QByteArray f;
    appendU32(f, kPrefix55AA);
    appendU32(f, seq);
    appendU32(f, cmd);
    appendU32(f, quint32(payload.size() + trailer + kSuffixSize));
    f += payload;
    if (hmacKey.isEmpty())
        appendU32(f, crypto::crc32(f));
    else
        f += crypto::hmacSha256(hmacKey, f);
    appendU32(f, kSuffix55AA);
    return f;
}

QByteArray u32Bytes(quint32 v)
{
    QByteArray out;
    appendU32(out, v);
    return out;
}

// A random JSON value: the shapes devices send, and some that stress a scanner.
QByteArray randomJsonValue(QRandomGenerator& rng, int depth = 0)
{
    switch (rng.bounded(depth < 2 ? 9 : 6)) {
    case 0: return rng.bounded(2) ? "true" : "false";
    case 1: return QByteArray::number(int(rng.bounded(200000)) - 100000);
    case 2: return QByteArray::number(double(rng.bounded(100000)) / 8.0, 'g', 10);
    case 3: return "\"colour\"";
    case 4: return "\"esc \\\" \\\\ \\u00e9 \\n \xc3\xa9 {,}[]:\"";
    case 5: return "null";
    case 6: return "[1, \"a\", {\"x\": [true]}]";
    case 7: return "{\"h\":" + randomJsonValue(rng, depth + 1) + ", \"s\": 2}";
    default: return "[]";
    }
}

// A STATUS-like body: 3.3 "dps" at the top, 3.4/3.5 "data.dps"; sometimes decoys.
QByteArray randomBody(QRandomGenerator& rng, bool wrapped)
{
    QByteArray dps = "{";
    const int count = int(rng.bounded(7)); // 0..6
    for (int i = 0; i < count; ++i)
        dps += (i ? "," : "") + QByteArray(" \"") + QByteArray::number(1 + i * 3 + int(rng.bounded(3))) + "\" : "
               + randomJsonValue(rng);
    dps += "}";
    const QByteArray decoy = rng.bounded(3) == 0 ? QByteArray("\"x\":{\"dps\":{\"99\":1}},") : QByteArray();
    if (!wrapped)
        return "{" + decoy + "\"devId\":\"bf3a\",\"dps\":" + dps + ",\"t\":1700000000}";
    return "{\"protocol\":4," + decoy + "\"t\":1700000000,\"data\":{\"dps\":" + dps + ",\"cid\":\"a4\"}}";
}

} // namespace

class TestLanCodec : public QObject {
    Q_OBJECT

private:
    QJsonObject m_vectors;

private slots:
    void initTestCase()
    {
        m_vectors = loadVectors();
        QVERIFY2(m_vectors.size() >= 30, "shared/vectors/lan-vectors.json missing or unreadable");
    }

    // -- the vector file, all of it ------------------------------------------------------------

    void everyVectorIsCovered()
    {
        QSet<QString> known;
        for (const FrameCase& c : kFrameCases)
            known.insert(QLatin1String(c.name));
        for (const char* name : kOtherVectors)
            known.insert(QLatin1String(name));
        QSet<QString> inFile;
        for (auto it = m_vectors.constBegin(); it != m_vectors.constEnd(); ++it) {
            inFile.insert(it.key());
            QVERIFY2(known.contains(it.key()), qPrintable(QStringLiteral("vector %1 has no test").arg(it.key())));
            const QJsonObject v = it.value().toObject();
            QCOMPARE(v.contains(QLatin1String("hex")), findCase(it.key()) != nullptr);
        }
        QCOMPARE(inFile, known);
    }

    void frameVectors_data()
    {
        QTest::addColumn<QString>("name");
        for (const FrameCase& c : kFrameCases)
            QTest::newRow(c.name) << QString::fromLatin1(c.name);
    }

    void encodesVectorByteExactly_data() { frameVectors_data(); }
    void encodesVectorByteExactly()
    {
        QFETCH(QString, name);
        const FrameCase& c = *findCase(name);
        const Resolved r = resolve(m_vectors, c);
        QVERIFY(!r.frame.isEmpty());
        const LanEncodeResult built = encodeLanFrame(requestFor(c, r));
        QVERIFY2(built.ok(), qPrintable(built.error));
        QCOMPARE(built.frame.toHex(), r.frame.toHex());
    }

    void decodesVector_data() { frameVectors_data(); }
    void decodesVector()
    {
        QFETCH(QString, name);
        const FrameCase& c = *findCase(name);
        const QJsonObject v = m_vectors.value(name).toObject();
        for (auto it = v.constBegin(); it != v.constEnd(); ++it) {
            bool known = false;
            for (const char* f : kKnownFrameFields)
                known = known || it.key() == QLatin1String(f);
            QVERIFY2(known, qPrintable(QStringLiteral("unchecked vector field %1").arg(it.key())));
        }
        const Resolved r = resolve(m_vectors, c);
        const LanDissection out = dissectLanFrame(r.frame, contextFor(c, r));
        const LanFrameInfo& info = out.info;
        const Dissection& d = out.dissection;

        QVERIFY(info.isFrame && info.complete);
        QCOMPARE(info.kind, frameKindFor(c.version));
        QCOMPARE(info.version, c.version);
        QCOMPARE(info.seq, c.seq);
        QCOMPARE(info.cmd, c.cmd);
        QCOMPARE(info.retcode, r.retcode);
        QCOMPARE(info.integrity, ChecksumStatus::Good);
        QCOMPARE(d.checksum, ChecksumStatus::Good);
        QCOMPARE(info.header.toHex(), r.header.toHex());
        QCOMPARE(info.body, r.body);
        QVERIFY(info.paddingOk);

        // Nothing above a note, except the device's own error report.
        const QStringList serious = codesAtLeast(d, Severity::Warning);
        if (name == QLatin1String("v33_error_json_obj_data_unvalid_device"))
            QCOMPARE(serious, QStringList({lan::diag::DeviceError}));
        else
            QVERIFY2(serious.isEmpty(), qPrintable(serious.join(QLatin1Char(','))));

        // The frame fields point at the frame, the plaintext fields at source 1.
        const bool gcm = info.kind == LanFrameKind::Gcm6699;
        QCOMPARE(fieldBytes(d, QStringLiteral("tuyalan.seq")), r.frame.mid(gcm ? kGcmSeqOffset : kClassicSeqOffset, 4));
        QCOMPARE(fieldBytes(d, QStringLiteral("tuyalan.cmd")), r.frame.mid(gcm ? kGcmCmdOffset : kClassicCmdOffset, 4));
        QCOMPARE(d.fields().at(d.findField(QStringLiteral("tuyalan.seq"))).source, 0);
        if (info.retcode) {
            const int rc = d.findField(QStringLiteral("tuyalan.retcode"));
            QVERIFY(rc >= 0);
            QCOMPARE(d.fields().at(rc).source, gcm ? 1 : 0);
            QCOMPARE(info.retcodeInPlaintext, gcm);
        }
        QVERIFY(d.sources().size() >= 2);
        QCOMPARE(d.sources().at(1).bytes, info.plaintext);

        // Optional fields of the vector.
        if (v.contains(QLatin1String("plaintext")) && c.body == BodyKind::Plaintext) {
            const QJsonDocument expected = QJsonDocument::fromJson(r.body);
            QCOMPARE(info.bodyIsJson, expected.isObject());
            if (expected.isObject()) {
                QCOMPARE(info.json, expected.object());
                QCOMPARE(fieldBytes(d, QStringLiteral("tuyalan.json")), r.body);
            }
        }
        if (v.contains(QLatin1String("payload_ascii")))
            QCOMPARE(r.frame.mid(kClassicHeaderSize, r.frame.size() - kClassicHeaderSize - 8), latin1Field(v, "payload_ascii"));
        if (v.contains(QLatin1String("ciphertext")))
            QCOMPARE(fieldBytes(d, QStringLiteral("tuyalan.ciphertext")).toHex(), hexField(v, "ciphertext").toHex());
        if (v.contains(QLatin1String("encrypted_block_plaintext")))
            QCOMPARE((info.header + info.body).toHex(), hexField(v, "encrypted_block_plaintext").toHex());
        if (v.contains(QLatin1String("iv")))
            QCOMPARE(fieldBytes(d, QStringLiteral("tuyalan.iv")).toHex(), hexField(v, "iv").toHex());
        if (v.contains(QLatin1String("aad")))
            QCOMPARE(r.frame.mid(kGcmAadOffset, kGcmAadSize).toHex(), hexField(v, "aad").toHex());
        if (v.contains(QLatin1String("plaintext_with_retcode")))
            QCOMPARE(info.plaintext.toHex(), hexField(v, "plaintext_with_retcode").toHex());
        if (v.contains(QLatin1String("client_nonce")))
            QCOMPARE(info.handshakeNonce.toHex(), hexField(v, "client_nonce").toHex());
        if (v.contains(QLatin1String("device_nonce")))
            QCOMPARE(info.handshakeNonce.toHex(), hexField(v, "device_nonce").toHex());
        if (v.contains(QLatin1String("hmac_client_nonce")))
            QCOMPARE(info.handshakeHmac.toHex(), hexField(v, "hmac_client_nonce").toHex());
        if (v.contains(QLatin1String("hmac_device_nonce")))
            QCOMPARE(info.handshakeHmac.toHex(), hexField(v, "hmac_device_nonce").toHex());
        if (v.contains(QLatin1String("source_header")))
            QVERIFY(parseVersionHeader(info.header).isSourceHeader());
    }

    // Each DP is a field in the plaintext source whose bytes are the DP's JSON value.
    void dpFieldsPointIntoThePlaintext_data() { frameVectors_data(); }
    void dpFieldsPointIntoThePlaintext()
    {
        QFETCH(QString, name);
        const FrameCase& c = *findCase(name);
        const Resolved r = resolve(m_vectors, c);
        const LanDissection out = dissectLanFrame(r.frame, contextFor(c, r));
        const Dissection& d = out.dissection;
        int dpFields = 0;
        for (int i = 0; i < d.fields().size(); ++i) {
            const Field& f = d.fields().at(i);
            if (f.key == QLatin1String("dp.value")) {
                ++dpFields;
                QCOMPARE(f.source, 1);
                QCOMPARE(d.fields().at(f.parent).key, QStringLiteral("dp"));
                const QString id = d.fields().at(f.parent).children.isEmpty()
                                       ? QString() : d.fields().at(d.fields().at(f.parent).children.first()).value;
                const QByteArray raw = fieldBytes(d, i);
                const QJsonValue value = QJsonDocument::fromJson("[" + raw + "]").array().at(0);
                QCOMPARE(value, out.info.dps.value(id));
                QCOMPARE(fieldBytes(d, d.fields().at(f.parent).children.first()), QByteArray("\"" + id.toUtf8() + "\""));
            } else if (f.key.startsWith(QLatin1String("tuyalan.json."))) {
                QCOMPARE(f.source, 1);
                QVERIFY2(fieldBytes(d, i).startsWith("\"" + f.name.toUtf8() + "\":"), qPrintable(f.key));
            }
        }
        QCOMPARE(dpFields, int(out.info.dps.size()));
    }

    // Without version or sender the frame still decodes: version, retcode and key are inferred.
    void decodesVectorWithoutVersionOrSender_data() { frameVectors_data(); }
    void decodesVectorWithoutVersionOrSender()
    {
        QFETCH(QString, name);
        const FrameCase& c = *findCase(name);
        const Resolved r = resolve(m_vectors, c);
        LanContext ctx;
        ctx.localKey = kLocalKey;
        ctx.sessionKey = r.sessionKey;
        const LanDissection out = dissectLanFrame(r.frame, ctx);
        QCOMPARE(out.info.version, c.version);
        QCOMPARE(out.info.retcode, r.retcode);
        QCOMPARE(out.info.integrity, ChecksumStatus::Good);
        QCOMPARE(out.info.body, r.body);
    }

    void tuyapiV31Vector()
    {
        const QJsonObject v = m_vectors.value(QLatin1String("tuyapi_v31_vector")).toObject();
        const QByteArray key = latin1Field(v, "key");
        const QByteArray message = latin1Field(v, "message");
        const QByteArray json = latin1Field(v, "decrypted");
        QCOMPARE(encodeEnvelope31(json, key), message);
        QCOMPARE(envelope31Signature(message.mid(kEnvelope31Base64Offset), key), latin1Field(v, "md5_slice"));

        // As the payload of a 3.1 device push, decoded with the key.
        LanEncodeRequest q;
        q.version = LanVersion::V31;
        q.sender = LanSender::Device;
        q.cmd = cmd::Status;
        q.retcode = 0;
        q.body = json;
        q.key = key;
        const QByteArray frame = encodeLanFrame(q).frame;
        QVERIFY(frame.contains(message));
        LanContext ctx;
        ctx.version = LanVersion::V31;
        ctx.sender = LanSender::Device;
        ctx.localKey = key;
        const LanDissection out = dissectLanFrame(frame, ctx);
        QCOMPARE(out.info.body, json);
        QVERIFY(out.info.decrypted);
        QVERIFY(!out.dissection.hasDiagnostic(lan::diag::BadSignature));
        QCOMPARE(out.info.dps.value(QLatin1String("1")).toBool(true), false);

        // A different key: the signature and the padding both give it away.
        ctx.localKey = "0123456789abcdef";
        const LanDissection wrong = dissectLanFrame(frame, ctx);
        QVERIFY(wrong.dissection.hasDiagnostic(lan::diag::BadSignature));
        QVERIFY(wrong.dissection.hasDiagnostic(lan::diag::BadPadding));
    }

    void sessionKeyObjects_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("version");
        QTest::newRow("v34_session_key") << QStringLiteral("v34_session_key") << int(LanVersion::V34);
        QTest::newRow("v35_session_key") << QStringLiteral("v35_session_key") << int(LanVersion::V35);
        QTest::newRow("v34_session_key_edge_zero_first_byte")
            << QStringLiteral("v34_session_key_edge_zero_first_byte") << int(LanVersion::V34);
    }
    void sessionKeyObjects()
    {
        QFETCH(QString, name);
        QFETCH(int, version);
        const QJsonObject v = m_vectors.value(name).toObject();
        const QByteArray k = latin1Field(v, "real_key");
        const QByteArray nc = latin1Field(v, "client_nonce");
        const QByteArray nd = latin1Field(v, "device_nonce");
        const QByteArray sk = hexField(v, "session_key");
        QCOMPARE(sk.size(), 16);
        QCOMPARE(deriveSessionKey(LanVersion(version), k, nc, nd).toHex(), sk.toHex());
        if (v.contains(QLatin1String("xor")))
            QCOMPARE(xorNonces(nc, nd).toHex(), hexField(v, "xor").toHex());
        if (v.contains(QLatin1String("gcm_nonce")))
            QCOMPARE(nc.left(crypto::kGcmIvSize), latin1Field(v, "gcm_nonce"));
        if (LanVersion(version) == LanVersion::V35) {
            // Closed form: SK = X XOR AES-ECB(K, Nc[0:12] || 00000002).
            const QByteArray block = nc.left(12) + QByteArray::fromHex("00000002");
            const QByteArray stream = crypto::aesEcbEncrypt(k, block, crypto::Padding::None).ciphertext;
            QCOMPARE(xorNonces(xorNonces(nc, nd), stream).toHex(), sk.toHex());
        }
        QCOMPARE(sessionKeyLooksUnkeyed(sk), name.contains(QLatin1String("zero_first_byte")));
        QCOMPARE(deriveSessionKey(LanVersion::V33, k, nc, nd), QByteArray());
    }

    // The handshake frames carry what the session-key objects say, checked with the crypto only.
    void handshakeFramesMatchTheSessionKeys()
    {
        const QByteArray nc = latin1Field(m_vectors.value(QLatin1String("v34_session_key")).toObject(), "client_nonce");
        const QByteArray nd = latin1Field(m_vectors.value(QLatin1String("v34_session_key")).toObject(), "device_nonce");
        const QJsonObject start34 = m_vectors.value(QLatin1String("v34_sess_key_neg_start_client")).toObject();
        const QJsonObject resp34 = m_vectors.value(QLatin1String("v34_sess_key_neg_resp_device")).toObject();
        const QJsonObject finish34 = m_vectors.value(QLatin1String("v34_sess_key_neg_finish_client")).toObject();
        QCOMPARE(hexField(start34, "client_nonce"), nc);
        QCOMPARE(hexField(resp34, "device_nonce"), nd);
        QCOMPARE(crypto::hmacSha256(kLocalKey, nc).toHex(), hexField(resp34, "hmac_client_nonce").toHex());
        QCOMPARE(crypto::hmacSha256(kLocalKey, nd).toHex(), hexField(finish34, "hmac_device_nonce").toHex());

        // 3.4 START: ECB(K, Nc + 16 x 0x10), HMAC(K) over the frame.
        const QByteArray frame = hexField(start34, "hex");
        const QByteArray payload = frame.mid(16, 32);
        QCOMPARE(crypto::aesEcbEncrypt(kLocalKey, nc).ciphertext, payload);
        QCOMPARE(crypto::hmacSha256(kLocalKey, frame.left(48)), frame.mid(48, 32));
        QCOMPARE(readU32(frame, kClassicLengthOffset), 0x44u);

        // 3.5 RESP: GCM(K, iv, aad = frame[4:18]) gives retcode + Nd + HMAC(Nc).
        const QJsonObject resp35 = m_vectors.value(QLatin1String("v35_sess_key_neg_resp_device")).toObject();
        const QByteArray f35 = hexField(resp35, "hex");
        const crypto::GcmDecryption opened = crypto::aesGcmDecrypt(kLocalKey, f35.mid(18, 12), f35.mid(4, 14),
                                                                   f35.mid(30, f35.size() - 30 - 20), f35.right(20).left(16));
        QVERIFY(opened.ok());
        QCOMPARE(opened.plaintext.toHex(), (QByteArray(4, '\0') + nd + crypto::hmacSha256(kLocalKey, nc)).toHex());

        // The dissector checks RESP and FINISH when the flow's nonces are known.
        LanContext ctx;
        ctx.version = LanVersion::V34;
        ctx.localKey = kLocalKey;
        ctx.clientNonce = nc;
        ctx.deviceNonce = nd;
        ctx.sender = LanSender::Device;
        QVERIFY(!dissectLanFrame(hexField(resp34, "hex"), ctx).dissection.hasDiagnostic(lan::diag::HandshakeBadHmac));
        ctx.sender = LanSender::Client;
        QVERIFY(!dissectLanFrame(hexField(finish34, "hex"), ctx).dissection.hasDiagnostic(lan::diag::HandshakeBadHmac));
        QVERIFY(!dissectLanFrame(hexField(finish34, "hex"), ctx).dissection.hasDiagnostic(lan::diag::SessionKeyZeroByte));
        // The edge case of the vector file: a device nonce whose session key starts with 0x00.
        ctx.deviceNonce = latin1Field(m_vectors.value(QLatin1String("v34_session_key_edge_zero_first_byte")).toObject(),
                                      "device_nonce");
        const LanDissection edge = dissectLanFrame(hexField(finish34, "hex"), ctx);
        QVERIFY(edge.dissection.hasDiagnostic(lan::diag::HandshakeBadHmac)); // FINISH was made for the other Nd
        QVERIFY(edge.dissection.hasDiagnostic(lan::diag::SessionKeyZeroByte));
    }

    void udpKeyIsTheMd5OfTheSecret()
    {
        const QByteArray key = test::fromHex(m_vectors.value(QLatin1String("udp_key")).toString());
        QCOMPARE(key.size(), 16);
        QCOMPARE(crypto::md5(QByteArrayView("yGAdlopoPVldABfn")).toHex(), key.toHex());
        QCOMPARE(lanUdpKey().toHex(), key.toHex());
    }

    // -- third-party values from the reference (section 16) and known answers -------------------

    void referenceThirdPartyVectors()
    {
        const QByteArray heartbeat = test::fromHex(QStringLiteral("000055aa00000000000000090000000c00000000b051ab030000aa55"));
        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Device;
        q.cmd = cmd::HeartBeat;
        q.retcode = 0;
        q.key = kLocalKey;
        QCOMPARE(encodeLanFrame(q).frame.toHex(), heartbeat.toHex()); // an empty body stays empty
        QCOMPARE(crypto::crc32(heartbeat.left(20)), 0xB051AB03u);
        const QByteArray ack = test::fromHex(QStringLiteral("000055aa00000001000000070000000c00000000a505a9140000aa55"));
        q.seq = 1;
        q.cmd = cmd::Control;
        QCOMPARE(encodeLanFrame(q).frame.toHex(), ack.toHex());
        for (const QByteArray& f : {heartbeat, ack}) {
            LanContext ctx;
            ctx.sender = LanSender::Device;
            const LanDissection out = dissectLanFrame(f, ctx);
            QCOMPARE(out.info.integrity, ChecksumStatus::Good);
            QCOMPARE(out.info.retcode, std::optional<quint32>(0));
            QVERIFY(out.info.body.isEmpty());
        }

        // tinytuya-kotlin.
        const QByteArray kk("JvEuI)cyLCdpGFf:");
        const QByteArray nc("0123456789abcdef");
        const QByteArray nd("abcdef0123456789");
        QCOMPARE(deriveSessionKey(LanVersion::V34, kk, nc, nd).toHex(), QByteArray("74a78f53509872490e78048a8c6c45f2"));
        QCOMPARE(deriveSessionKey(LanVersion::V35, kk, nc, nd).toHex(), QByteArray("864a1aee47bc070f79ecc471e1c1ec1c"));
        QCOMPARE(crypto::hmacSha256(kk, nc).toHex(),
                 QByteArray("00c9e4c5af08815ac00cad4f100aafb1e8534d6092778a4047ff86df64058239"));
        QCOMPARE(crypto::hmacSha256(kk, nd).toHex(),
                 QByteArray("2f9c07bb840c020193e8cd18deadf37e3fc102f48c389ba1dd1f33ce52b3a8e9"));
        const QByteArray status = test::fromHex(QStringLiteral(
            "000055aa00000007000000080000005800000000c253bd6a4db8481844b219147c365ab1c7dbfbf381cba171cf8f7b645b0aa85fe94fc8"
            "cdea7a11a92bdce7626311942a99c5df078e885dba9153e6ee22e1c8f1386ba5b131fd73d6ee12a6bf5f77ce4d0000aa55"));
        LanContext ctx;
        ctx.version = LanVersion::V34;
        ctx.sender = LanSender::Device;
        ctx.localKey = kk;
        const LanDissection out = dissectLanFrame(status, ctx);
        QCOMPARE(out.info.integrity, ChecksumStatus::Good);
        QCOMPARE(out.info.keyUsed, KeyRole::Local);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::KeyFallback));
        QCOMPARE(out.info.header, makeVersionHeader(LanVersion::V34));
        QCOMPARE(out.info.body, QByteArray("{\"dps\":{\"1\":true}}"));

        // Raw GCM.
        const QByteArray key = QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10");
        const crypto::GcmEncryption sealed = crypto::aesGcmEncrypt(key, "0123456789ab", {}, "{\"dps\":{\"1\":true}}");
        QVERIFY(sealed.ok());
        QCOMPARE((sealed.ciphertext + sealed.tag).toHex(),
                 QByteArray("6da7c50a5add53c61f7c0404d6796860f6fd1b12a0a2902215ba9a6784adfcac3aa5"));
    }

    void cryptoKnownAnswers()
    {
        QCOMPARE(crypto::crc32("123456789"), 0xCBF43926u);
        QCOMPARE(crypto::md5Hex(""), QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
        // RFC 4231 test case 2.
        QCOMPARE(crypto::hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        // FIPS-197 C.1 (AES-128), as one ECB block without padding.
        const QByteArray key = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");
        const QByteArray block = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        QCOMPARE(crypto::aesEcbEncrypt(key, block, crypto::Padding::None).ciphertext.toHex(),
                 QByteArray("69c4e0d86a7b0430d8cdb78070b4c55a"));
        QCOMPARE(crypto::randomBytes(12).size(), 12);
        QVERIFY(crypto::randomBytes(16) != crypto::randomBytes(16));
    }

    void ecbPaddingIsVerifiedAndReportedDistinctly()
    {
        const QByteArray sixteen("0123456789abcdef");
        const crypto::EcbEncryption e = crypto::aesEcbEncrypt(kLocalKey, sixteen);
        QCOMPARE(e.ciphertext.size(), 32); // a whole block of padding
        crypto::EcbDecryption d = crypto::aesEcbDecrypt(kLocalKey, e.ciphertext);
        QCOMPARE(d.status, crypto::Status::Ok);
        QCOMPARE(d.plaintext, sixteen);
        QCOMPARE(d.paddingLength, 16);

        d = crypto::aesEcbDecrypt(QByteArray("fedcba9876543210"), e.ciphertext);
        QCOMPARE(d.status, crypto::Status::BadPadding);
        QCOMPARE(d.raw.size(), 32);   // the bytes are still there to show

        // A padding byte that claims too much, built by encrypting without padding.
        const QByteArray forged = sixteen.left(15) + '\x11';
        const QByteArray ct = crypto::aesEcbEncrypt(kLocalKey, forged, crypto::Padding::None).ciphertext;
        QCOMPARE(crypto::aesEcbDecrypt(kLocalKey, ct).status, crypto::Status::BadPadding);
        // Every padding byte counts, not only the last one.
        const QByteArray mixed = sixteen.left(13) + QByteArray::fromHex("030203");
        const QByteArray ct2 = crypto::aesEcbEncrypt(kLocalKey, mixed, crypto::Padding::None).ciphertext;
        QCOMPARE(crypto::aesEcbDecrypt(kLocalKey, ct2).status, crypto::Status::BadPadding);
        const QByteArray fine = sixteen.left(13) + QByteArray::fromHex("030303");
        const crypto::EcbDecryption ok = crypto::aesEcbDecrypt(
            kLocalKey, crypto::aesEcbEncrypt(kLocalKey, fine, crypto::Padding::None).ciphertext);
        QCOMPARE(ok.status, crypto::Status::Ok);
        QCOMPARE(ok.plaintext, sixteen.left(13));
        QCOMPARE(crypto::aesEcbDecrypt(kLocalKey, ct.left(15)).status, crypto::Status::BadLength);
        QCOMPARE(crypto::aesEcbDecrypt("short", ct).status, crypto::Status::BadKey);
        QCOMPARE(crypto::aesEcbEncrypt(kLocalKey, "x", crypto::Padding::None).status, crypto::Status::BadLength);
    }

    void gcmTagFailureKeepsTheUnauthenticatedPlaintext()
    {
        const QByteArray iv("0123456789ab");
        const crypto::GcmEncryption e = crypto::aesGcmEncrypt(kLocalKey, iv, "aad", "hello");
        QVERIFY(e.ok());
        QCOMPARE(crypto::aesGcmDecrypt(kLocalKey, iv, "aad", e.ciphertext, e.tag).plaintext, QByteArray("hello"));
        QByteArray badTag = e.tag;
        badTag[0] = char(badTag[0] ^ 1);
        const crypto::GcmDecryption bad = crypto::aesGcmDecrypt(kLocalKey, iv, "aad", e.ciphertext, badTag);
        QCOMPARE(bad.status, crypto::Status::TagMismatch);
        QCOMPARE(bad.plaintext, QByteArray("hello"));
        QCOMPARE(crypto::aesGcmDecrypt(kLocalKey, iv, "AAD", e.ciphertext, e.tag).status, crypto::Status::TagMismatch);
        QCOMPARE(crypto::aesGcmDecrypt(kLocalKey, iv.left(8), "aad", e.ciphertext, e.tag).status, crypto::Status::BadLength);
    }

    // -- negative cases ---------------------------------------------------------------------------

    void wrongKeyOn33GivesBadPadding()
    {
        const FrameCase& c = *findCase(QStringLiteral("v33_dp_query_response_device"));
        Resolved r = resolve(m_vectors, c);
        LanContext ctx = contextFor(c, r);
        ctx.localKey = "fedcba9876543210";
        const LanDissection out = dissectLanFrame(r.frame, ctx);
        QCOMPARE(out.info.integrity, ChecksumStatus::Good);   // CRC is keyless
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::BadPadding));
        QVERIFY(!out.info.paddingOk);
        QVERIFY(!out.info.bodyIsJson);
        QVERIFY(codesAtLeast(out.dissection, Severity::Error).contains(lan::diag::BadPadding));
    }

    void wrongKeyOn34GivesBadHmac()
    {
        for (const char* name : {"v34_sess_key_neg_resp_device", "v34_dp_query_new_response_device"}) {
            const FrameCase& c = *findCase(QString::fromLatin1(name));
            const Resolved r = resolve(m_vectors, c);
            LanContext ctx = contextFor(c, r);
            ctx.localKey = "fedcba9876543210";
            if (!ctx.sessionKey.isEmpty())
                ctx.sessionKey = QByteArray(16, 'z');
            const LanDissection out = dissectLanFrame(r.frame, ctx);
            QCOMPARE(out.info.integrity, ChecksumStatus::Bad);
            QCOMPARE(out.info.integrityKind, IntegrityKind::HmacSha256);
            QVERIFY(out.dissection.hasDiagnostic(lan::diag::BadHmac));
            QCOMPARE(out.info.integrityFound, r.frame.mid(r.frame.size() - 36, 32));
            QCOMPARE(out.info.integrityExpected.size(), 32);
            QVERIFY(out.info.integrityExpected != out.info.integrityFound);
        }
    }

    void wrongKeyOn35GivesTagFailureAndUnauthenticatedPlaintext()
    {
        const FrameCase& c = *findCase(QStringLiteral("v35_dp_query_new_response_device"));
        const Resolved r = resolve(m_vectors, c);
        LanContext ctx = contextFor(c, r);
        ctx.sessionKey = QByteArray(16, 'z');
        ctx.localKey = "fedcba9876543210";
        const LanDissection out = dissectLanFrame(r.frame, ctx);
        QCOMPARE(out.info.integrity, ChecksumStatus::Bad);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::GcmTagFailed));
        QVERIFY(out.dissection.sources().at(1).name.contains(QLatin1String("unauthenticated")));
        QCOMPARE(out.info.integrityExpected.size(), 16);

        // A flipped tag bit with the right key: unauthenticated, but the plaintext is the real one.
        QByteArray tampered = r.frame;
        tampered[tampered.size() - 5] = char(tampered[tampered.size() - 5] ^ 0x01);
        const LanDissection flipped = dissectLanFrame(tampered, contextFor(c, r));
        QVERIFY(flipped.dissection.hasDiagnostic(lan::diag::GcmTagFailed));
        QCOMPARE(flipped.info.body, r.body);
        QCOMPARE(flipped.info.integrityExpected, r.frame.mid(r.frame.size() - 20, 16));
    }

    void withoutKeysIntegrityIsUnverified()
    {
        for (const char* name : {"v34_dp_query_new_client", "v35_dp_query_new_client"}) {
            const FrameCase& c = *findCase(QString::fromLatin1(name));
            const Resolved r = resolve(m_vectors, c);
            LanContext ctx;
            ctx.version = c.version;
            ctx.sender = c.sender;
            const LanDissection out = dissectLanFrame(r.frame, ctx);
            QCOMPARE(out.info.integrity, ChecksumStatus::Unverified);
            QVERIFY(out.dissection.hasDiagnostic(lan::diag::NoKey));
            QVERIFY(!out.info.decrypted);
            QCOMPARE(out.info.seq, c.seq);
        }
    }

    void badCrcIsReportedWithTheExpectedValue()
    {
        QByteArray frame = v33Query(5);
        const quint32 good = readU32(frame, frame.size() - 8);
        frame[frame.size() - 8] = char(frame[frame.size() - 8] ^ 0x80);
        LanContext ctx;
        ctx.version = LanVersion::V33;
        ctx.sender = LanSender::Client;
        ctx.localKey = kLocalKey;
        const LanDissection out = dissectLanFrame(frame, ctx);
        QCOMPARE(out.info.integrity, ChecksumStatus::Bad);
        QCOMPARE(out.dissection.checksum, ChecksumStatus::Bad);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::BadCrc));
        QCOMPARE(readU32(out.info.integrityExpected, 0), good);
        QCOMPARE(fieldBytes(out.dissection, QStringLiteral("tuyalan.crc")), frame.mid(frame.size() - 8, 4));
        const int expected = out.dissection.findField(QStringLiteral("tuyalan.crc.expected"));
        QVERIFY(expected >= 0);
        QCOMPARE(out.dissection.fields().at(expected).value, QStringLiteral("%1").arg(good, 8, 16, QLatin1Char('0')).toUpper());
        // The payload is still decrypted and shown.
        QVERIFY(out.info.bodyIsJson);
    }

    void a34FrameInA33FlowIsRecognised()
    {
        const FrameCase& c = *findCase(QStringLiteral("v34_sess_key_neg_start_client"));
        const Resolved r = resolve(m_vectors, c);
        LanContext ctx = contextFor(c, r);
        ctx.version = LanVersion::V33;
        const LanDissection out = dissectLanFrame(r.frame, ctx);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::VersionMismatch));
        QCOMPARE(out.info.version, LanVersion::V34);
        QCOMPARE(out.info.integrity, ChecksumStatus::Good);
        ctx.localKey.clear();
        const LanDissection keyless = dissectLanFrame(r.frame, ctx);
        bool hinted = false;
        for (const Diagnostic& g : keyless.dissection.diagnostics())
            hinted = hinted || (g.code == lan::diag::BadCrc && g.message.contains(QLatin1String("3.4")));
        QVERIFY(hinted);
    }

    void truncatedFrameIsReported()
    {
        const QByteArray frame = hexField(m_vectors.value(QLatin1String("v33_control_client")).toObject(), "hex");
        for (int cut : {2, 10, 20, int(frame.size()) - 1}) {
            const LanDissection out = dissectLanFrame(frame.left(cut), {});
            QVERIFY2(out.dissection.hasDiagnostic(cut < 4 ? lan::diag::Garbage : lan::diag::Truncated), qPrintable(QString::number(cut)));
            QVERIFY(!out.info.complete);
        }
        LanStreamDecoder decoder;
        QVERIFY(decoder.feed(frame.left(frame.size() - 5)).isEmpty());
        const auto tail = decoder.finish();
        QCOMPARE(tail.size(), 1);
        QCOMPARE(tail.first().kind, LanStreamSplitter::EventKind::Truncated);
        QCOMPARE(tail.first().bytes.size(), frame.size() - 5);
        QVERIFY(tail.first().dissection.dissection.hasDiagnostic(lan::diag::Truncated));
    }

    void garbageBetweenFramesIsReported()
    {
        const QByteArray a = hexField(m_vectors.value(QLatin1String("v33_dp_query_client")).toObject(), "hex");
        const QByteArray b = hexField(m_vectors.value(QLatin1String("v35_control_new_client")).toObject(), "hex");
        const QByteArray junk = QByteArray::fromHex("deadbeef00");
        LanStreamDecoder decoder;
        auto items = decoder.feed(junk + a + junk + b + junk);
        items += decoder.finish();
        QCOMPARE(items.size(), 5);
        QCOMPARE(items.at(0).kind, LanStreamSplitter::EventKind::Garbage);
        QCOMPARE(items.at(0).bytes, junk);
        QCOMPARE(items.at(1).kind, LanStreamSplitter::EventKind::Frame);
        QCOMPARE(items.at(1).offset, junk.size());
        QCOMPARE(items.at(1).bytes, a);
        QCOMPARE(items.at(2).kind, LanStreamSplitter::EventKind::Garbage);
        QCOMPARE(items.at(2).offset, junk.size() + a.size());
        QVERIFY(items.at(2).dissection.dissection.hasDiagnostic(lan::diag::Garbage));
        QCOMPARE(items.at(3).bytes, b);
        QCOMPARE(items.at(4).kind, LanStreamSplitter::EventKind::Garbage);
    }

    void implausibleLengthAndBadSuffixResynchronise()
    {
        const QByteArray good = hexField(m_vectors.value(QLatin1String("v31_dp_query_client")).toObject(), "hex");
        QByteArray huge = good.left(16);
        huge[12] = '\x7f';                       // length 0x7f00007a: above the hard limit
        QByteArray shifted = good;
        shifted[15] = char(shifted[15] + 1);     // length one too long: no suffix there
        LanStreamDecoder decoder;
        auto items = decoder.feed(huge + shifted + good);
        items += decoder.finish();
        const QVector<Recorded> events = record(items);
        QCOMPARE(countKind(events, LanStreamSplitter::EventKind::ImplausibleLength), 1);
        QCOMPARE(countKind(events, LanStreamSplitter::EventKind::BadSuffix), 1);
        QCOMPARE(countKind(events, LanStreamSplitter::EventKind::Frame), 1);
        QCOMPARE(items.last().kind, LanStreamSplitter::EventKind::Frame);
        QCOMPARE(items.last().offset, huge.size() + shifted.size());
        QCOMPARE(items.last().bytes, good);
    }

    void chunkingInvariance()
    {
        // Every frame vector in one stream, with garbage, a fake prefix and a truncated tail.
        QByteArray stream = QByteArray::fromHex("ff00");
        for (const FrameCase& c : kFrameCases) {
            stream += resolve(m_vectors, c).frame;
            if (c.seq % 2 == 0)
                stream += QByteArray::fromHex("000055aa00000001");   // a prefix that goes nowhere
        }
        stream += QByteArray::fromHex("00006699000000000001");    // truncated at the end
        LanContext ctx;
        ctx.localKey = kLocalKey;
        const QVector<Recorded> whole = decodeInPieces(stream, {}, ctx);
        QCOMPARE(countKind(whole, LanStreamSplitter::EventKind::Frame), int(std::size(kFrameCases)));
        QCOMPARE(countKind(whole, LanStreamSplitter::EventKind::Truncated), 1);
        QVERIFY(countKind(whole, LanStreamSplitter::EventKind::Garbage) >= 2);

        QVector<int> everyByte;
        for (int i = 1; i < stream.size(); ++i)
            everyByte.push_back(i);
        QCOMPARE(decodeInPieces(stream, everyByte, ctx), whole);

        QRandomGenerator rng(4242);
        for (int round = 0; round < 200; ++round) {
            QVector<int> cuts;
            int pos = 0;
            while (true) {
                pos += 1 + int(rng.bounded(round % 2 ? 7u : 97u));
                if (pos >= stream.size())
                    break;
                cuts.push_back(pos);
            }
            QCOMPARE(decodeInPieces(stream, cuts, ctx), whole);
        }
    }

    // -- rules and catalogue ----------------------------------------------------------------------

    void headerRuleViolationsAreDiagnosed()
    {
        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Client;
        q.key = kLocalKey;
        q.body = "{\"dps\":{\"1\":true}}";
        LanContext ctx;
        ctx.version = LanVersion::V33;
        ctx.sender = LanSender::Client;
        ctx.localKey = kLocalKey;

        q.cmd = cmd::Control;
        q.header = HeaderPolicy::Never;
        QVERIFY(dissectLanFrame(encodeLanFrame(q).frame, ctx).dissection.hasDiagnostic(lan::diag::VersionHeaderMissing));
        q.header = HeaderPolicy::ByCommand;
        const LanDissection fine = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(!fine.dissection.hasDiagnostic(lan::diag::VersionHeaderMissing));
        QCOMPARE(fine.info.header, makeVersionHeader(LanVersion::V33));

        q.cmd = cmd::DpQuery;
        q.header = HeaderPolicy::Always;
        const LanDissection extra = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(extra.dissection.hasDiagnostic(lan::diag::VersionHeaderUnexpected));
        QVERIFY(codesAtLeast(extra.dissection, Severity::Warning).contains(lan::diag::VersionHeaderUnexpected));

        q.cmd = cmd::HeartBeat;  // tuyapi style: only a note
        const LanDissection hb = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(hb.dissection.hasDiagnostic(lan::diag::VersionHeaderUnexpected));
        QVERIFY(!codesAtLeast(hb.dissection, Severity::Warning).contains(lan::diag::VersionHeaderUnexpected));

        // 3.4: the header lives inside the ciphertext.
        q.version = ctx.version = LanVersion::V34;
        q.cmd = cmd::ControlNew;
        q.header = HeaderPolicy::Never;
        QVERIFY(dissectLanFrame(encodeLanFrame(q).frame, ctx).dissection.hasDiagnostic(lan::diag::VersionHeaderMissing));
        // 3.1: CONTROL without the envelope.
        q.version = ctx.version = LanVersion::V31;
        q.cmd = cmd::Control;
        QVERIFY(dissectLanFrame(encodeLanFrame(q).frame, ctx).dissection.hasDiagnostic(lan::diag::VersionHeaderMissing));
    }

    void deviceErrorsCarryHints()
    {
        const FrameCase& c = *findCase(QStringLiteral("v33_error_json_obj_data_unvalid_device"));
        const Resolved r = resolve(m_vectors, c);
        const LanDissection out = dissectLanFrame(r.frame, contextFor(c, r));
        QCOMPARE(out.info.retcode, std::optional<quint32>(1));
        bool hinted = false;
        for (const Diagnostic& g : out.dissection.diagnostics())
            hinted = hinted || (g.code == lan::diag::DeviceError && g.message.contains(QLatin1String("device22")));
        QVERIFY(hinted);

        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Device;
        q.cmd = cmd::Control;
        q.retcode = 1;
        q.key = kLocalKey;
        q.header = HeaderPolicy::Never;
        q.body = "data format error";
        const LanDissection format = dissectLanFrame(encodeLanFrame(q).frame, contextFor(c, r));
        QVERIFY(format.dissection.hasDiagnostic(lan::diag::DeviceError));
        QVERIFY(!format.dissection.hasDiagnostic(lan::diag::NotJson));

        // TuyaOpen's retcode 1 with an empty body on a control reply: labelled, not alarmed.
        q.version = LanVersion::V35;
        q.cmd = cmd::ControlNew;
        q.body.clear();
        LanContext ctx = contextFor(c, r);
        ctx.version = LanVersion::V35;
        const LanDissection quirk = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(quirk.dissection.hasDiagnostic(lan::diag::ControlReplyQuirk));
        QVERIFY(codesAtLeast(quirk.dissection, Severity::Warning).isEmpty());
    }

    void retcodeLessPeerIsUnderstood()
    {
        // @tuyapi/stub: device frames without a retcode.
        LanEncodeRequest q;
        q.version = LanVersion::V31;
        q.sender = LanSender::Device;
        q.seq = 3;
        q.cmd = cmd::DpQuery;
        q.body = "{\"devId\":\"x\",\"dps\":{\"1\":true}}";
        LanContext ctx;
        ctx.version = LanVersion::V31;
        ctx.sender = LanSender::Device;
        const LanDissection out = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(!out.info.retcode);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::RetcodeAbsent));
        QCOMPARE(out.info.body, q.body);
        QCOMPARE(out.info.dps.value(QLatin1String("1")).toBool(), true);
    }

    void retcodePresenceFollowsTheSenderThenTheGuess()
    {
        const QByteArray zero = QByteArray::fromHex("00000000");
        const QByteArray one = QByteArray::fromHex("00000001");
        const QByteArray notRetcode = QByteArray::fromHex("00000100");
        QVERIFY(!retcodePresence(LanSender::Client, zero).present);
        QVERIFY(retcodePresence(LanSender::Device, zero).present);
        QVERIFY(!retcodePresence(LanSender::Device, zero).guessed);
        const RetcodePresence guessed = retcodePresence(LanSender::Unknown, one);
        QVERIFY(guessed.present && guessed.guessed);
        QVERIFY(!retcodePresence(LanSender::Unknown, notRetcode).present);
        QVERIFY(!retcodePresence(LanSender::Unknown, QByteArray("{\"a\":1}")).present);
        const RetcodePresence stub = retcodePresence(LanSender::Device, notRetcode);
        QVERIFY(!stub.present && stub.missingFromDevice);
        QVERIFY(!retcodePresence(LanSender::Device, QByteArray(3, '\0')).present);
    }

    void timestampSkewAndClearJsonInAnEncryptedFlow()
    {
        const FrameCase& c = *findCase(QStringLiteral("v33_control_client"));
        const Resolved r = resolve(m_vectors, c);
        LanContext ctx = contextFor(c, r);
        ctx.captureTimeUs = qint64(1700000005) * 1000000;
        QVERIFY(!dissectLanFrame(r.frame, ctx).dissection.hasDiagnostic(lan::diag::TimestampSkew));
        ctx.captureTimeUs = qint64(1700000060) * 1000000;
        QVERIFY(dissectLanFrame(r.frame, ctx).dissection.hasDiagnostic(lan::diag::TimestampSkew));

        // A 3.1 clear query seen in a flow believed to be 3.3.
        const QByteArray clear = hexField(m_vectors.value(QLatin1String("v31_dp_query_client")).toObject(), "hex");
        ctx.captureTimeUs = -1;
        const LanDissection out = dissectLanFrame(clear, ctx);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::VersionMismatch));
        QVERIFY(out.info.bodyIsJson);
    }

    void notJsonIsReported()
    {
        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Device;
        q.cmd = cmd::Status;
        q.retcode = 0;
        q.key = kLocalKey;
        q.body = "hello";
        LanContext ctx;
        ctx.version = LanVersion::V33;
        ctx.sender = LanSender::Device;
        ctx.localKey = kLocalKey;
        const LanDissection out = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::NotJson));
        QVERIFY(!out.info.bodyIsJson);
    }

    void catalogueCoversTheCommandTable()
    {
        const LanCommandCatalogue& cat = LanCommandCatalogue::instance();
        QSet<quint32> numbers;
        for (const LanCommandSpec* s : cat.commands()) {
            QVERIFY(!numbers.contains(s->number));
            numbers.insert(s->number);
            QVERIFY(!s->name.isEmpty());
        }
        for (quint32 n : {0x00u, 0x01u, 0x03u, 0x04u, 0x05u, 0x07u, 0x08u, 0x09u, 0x0au, 0x0du, 0x10u, 0x12u, 0x13u, 0x23u,
                          0x25u, 0x40u, 0xf0u, 0xfcu})
            QVERIFY2(cat.find(n), qPrintable(QString::number(n, 16)));
        QVERIFY(!cat.find(0x1a));
        QCOMPARE(cat.label(0x0a), QStringLiteral("DP_QUERY (0x0a)"));
        QCOMPARE(cat.label(0x1a), QStringLiteral("unknown (0x1a)"));
        QCOMPARE(cat.find(0x12)->tuyapiName, QStringLiteral("DP_REFRESH"));
        QVERIFY(cat.find(0x03)->handshake && cat.find(0x23)->discovery);

        // Reference 4.3, row by row.
        const auto rule = [&](quint32 c, LanVersion v) { return cat.headerRule(c, v, LanSender::Client); };
        QCOMPARE(rule(cmd::Control, LanVersion::V31), HeaderRule::Envelope31);
        QCOMPARE(rule(cmd::Control, LanVersion::V33), HeaderRule::VersionHeader);
        QCOMPARE(rule(cmd::ControlNew, LanVersion::V35), HeaderRule::VersionHeader);
        QCOMPARE(rule(cmd::DpQuery, LanVersion::V33), HeaderRule::None);
        QCOMPARE(rule(cmd::DpQueryNew, LanVersion::V34), HeaderRule::None);
        QCOMPARE(rule(cmd::HeartBeat, LanVersion::V33), HeaderRule::None);
        QCOMPARE(rule(cmd::UpdateDps, LanVersion::V35), HeaderRule::None);
        QCOMPARE(rule(cmd::SessKeyNegStart, LanVersion::V34), HeaderRule::None);
        QCOMPARE(rule(cmd::LanExtStream, LanVersion::V33), HeaderRule::None);
        QCOMPARE(rule(0x0c, LanVersion::V31), HeaderRule::None);          // anything else
        QCOMPARE(rule(0x0c, LanVersion::V33), HeaderRule::VersionHeader);
        QCOMPARE(rule(0x0f, LanVersion::V35), HeaderRule::VersionHeader);
        QCOMPARE(rule(0x1a, LanVersion::V34), HeaderRule::VersionHeader); // unknown commands too

        // Commands a version does not use are labelled, not rejected.
        QVERIFY(!(cat.find(cmd::Control)->versions & versionBit(LanVersion::V34)));
        QVERIFY(!(cat.find(cmd::DpQuery)->versions & versionBit(LanVersion::V35)));
        QVERIFY(cat.find(cmd::ControlNew)->versions & versionBit(LanVersion::V33));
        LanEncodeRequest q;
        q.version = LanVersion::V34;
        q.cmd = cmd::Control;
        q.key = kLocalKey;
        q.body = "{}";
        LanContext ctx;
        ctx.version = LanVersion::V34;
        ctx.sessionKey = kLocalKey;
        const LanDissection out = dissectLanFrame(encodeLanFrame(q).frame, ctx);
        QVERIFY(out.dissection.hasDiagnostic(lan::diag::CommandNotInVersion));
        QCOMPARE(out.info.body, QByteArray("{}"));
        q.cmd = 0x1a;
        QVERIFY(dissectLanFrame(encodeLanFrame(q).frame, ctx).dissection.hasDiagnostic(lan::diag::UnknownCommand));
    }

    void encoderRejectsBadInputs()
    {
        LanEncodeRequest q;
        q.version = LanVersion::Unknown;
        QVERIFY(!encodeLanFrame(q).ok());
        q.version = LanVersion::V33;
        q.key = "short";
        QVERIFY(!encodeLanFrame(q).ok());
        QVERIFY(!encodeLanFrame(q).error.contains(QLatin1String("short")));   // never echoes key material
        q.key = kLocalKey;
        q.headerBlock = "3.3";
        QVERIFY(!encodeLanFrame(q).ok());
        q.headerBlock.clear();
        q.version = LanVersion::V35;
        q.iv = "123";
        QVERIFY(!encodeLanFrame(q).ok());
        q.iv.clear();   // fresh random IV
        const LanEncodeResult a = encodeLanFrame(q);
        const LanEncodeResult b = encodeLanFrame(q);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.frame.mid(18, 12) != b.frame.mid(18, 12));
    }

    void roundTripsEveryVersionCommandAndSender()
    {
        const QByteArray session("sessionkey123456");
        for (LanVersion v : {LanVersion::V31, LanVersion::V32, LanVersion::V33, LanVersion::V34, LanVersion::V35}) {
            for (const LanCommandSpec* spec : LanCommandCatalogue::instance().commands()) {
                if (spec->handshake || spec->discovery)
                    continue;
                for (LanSender sender : {LanSender::Client, LanSender::Device}) {
                    LanEncodeRequest q;
                    q.version = v;
                    q.sender = sender;
                    q.seq = spec->number + 100;
                    q.cmd = spec->number;
                    q.body = "{\"dps\":{\"1\":true,\"2\":\"a\"},\"t\":1}";
                    q.key = usesSessionKey(v) ? session : kLocalKey;
                    if (sender == LanSender::Device)
                        q.retcode = 0;
                    const LanEncodeResult built = encodeLanFrame(q);
                    QVERIFY(built.ok());
                    LanContext ctx;
                    ctx.version = v;
                    ctx.sender = sender;
                    ctx.localKey = kLocalKey;
                    ctx.sessionKey = session;
                    const LanDissection out = dissectLanFrame(built.frame, ctx);
                    const QString where = QStringLiteral("%1 %2 %3").arg(versionName(v), spec->name, senderName(sender));
                    QVERIFY2(out.info.integrity == ChecksumStatus::Good, qPrintable(where));
                    QVERIFY2(out.info.body == q.body, qPrintable(where));
                    QVERIFY2(out.info.seq == q.seq && out.info.cmd == q.cmd, qPrintable(where));
                    QVERIFY2(out.info.retcode == q.retcode, qPrintable(where));
                    QVERIFY2(codesAtLeast(out.dissection, Severity::Warning).isEmpty(),
                             qPrintable(where + QLatin1Char(' ') + codesAtLeast(out.dissection, Severity::Warning).join(QLatin1Char(','))));
                }
            }
        }
    }

    // -- key-bound crypto objects and the fast path ---------------------------------------------

    void keyBoundCryptoMatchesTheOneCallFunctions()
    {
        const QByteArray key = QByteArray::fromHex("9f86d081884c7d659a2feaa0c55ad015");
        crypto::AesEcbCipher ecb(key);
        crypto::AesGcmCipher gcm(key);
        crypto::HmacSha256 hmac(key);
        QCOMPARE(ecb.status(), crypto::Status::Ok);
        QCOMPARE(gcm.status(), crypto::Status::Ok);
        QVERIFY(hmac.valid());
        QCOMPARE(crypto::AesEcbCipher(QByteArray("short")).status(), crypto::Status::BadKey);
        QCOMPARE(crypto::AesGcmCipher(QByteArray("short")).status(), crypto::Status::BadKey);
        const QByteArray iv = QByteArray::fromHex("000102030405060708090a0b");
        const QByteArray aad("header-bytes..");
        // The same objects, many messages of every length: contexts must carry nothing over.
        for (int size = 0; size < 70; ++size) {
            const QByteArray plain(size, char('a' + size % 26));
            QByteArray ct;
            QCOMPARE(ecb.encrypt(plain, ct), crypto::Status::Ok);
            QCOMPARE(ct, crypto::aesEcbEncrypt(key, plain).ciphertext);
            QByteArray out(ct.size(), '\0');
            int padding = 0;
            QCOMPARE(ecb.decrypt(ct, out.data(), padding), crypto::Status::Ok);
            QCOMPARE(out.left(out.size() - padding), plain);
            QCOMPARE(padding, int(ct.size() - size));

            const crypto::GcmEncryption sealed = crypto::aesGcmEncrypt(key, iv, aad, plain);
            QByteArray gcmCt(size, '\0');
            QByteArray tag(crypto::kGcmTagSize, '\0');
            QCOMPARE(gcm.encrypt(iv, aad, plain, gcmCt.data(), tag.data()), crypto::Status::Ok);
            QCOMPARE(gcmCt, sealed.ciphertext);
            QCOMPARE(tag, sealed.tag);
            QByteArray opened(size, '\0');
            QCOMPARE(gcm.decrypt(iv, aad, gcmCt, tag, opened.data()), crypto::Status::Ok);
            QCOMPARE(opened, plain);

            QByteArray mac(crypto::kHmacSize, '\0');
            QVERIFY(hmac.mac(plain, mac.data()));
            QCOMPARE(mac, crypto::hmacSha256(key, plain));
            QVERIFY(hmac.verify(plain, mac));
            mac[0] = char(mac[0] ^ 1);
            QVERIFY(!hmac.verify(plain, mac));
        }
        // Bad padding keeps every byte; a failed tag keeps the CTR plaintext.
        QByteArray block(16, 'x');
        block[15] = 0x05;
        QByteArray ct;
        QCOMPARE(ecb.encrypt(block, ct, crypto::Padding::None), crypto::Status::Ok);
        QByteArray out(16, '\0');
        int padding = -1;
        QCOMPARE(ecb.decrypt(ct, out.data(), padding), crypto::Status::BadPadding);
        QCOMPARE(out, block);
        QCOMPARE(padding, 0);
        QCOMPARE(ecb.decrypt(ct.left(15), out.data(), padding), crypto::Status::BadLength);
        QCOMPARE(ecb.decrypt(QByteArrayView(), out.data(), padding), crypto::Status::BadLength);
        QByteArray gcmCt(5, '\0'), tag(16, '\0'), opened(5, '\0');
        QCOMPARE(gcm.encrypt(iv, aad, "hello", gcmCt.data(), tag.data()), crypto::Status::Ok);
        tag[3] = char(tag[3] ^ 0x40);
        QCOMPARE(gcm.decrypt(iv, aad, gcmCt, tag, opened.data()), crypto::Status::TagMismatch);
        QCOMPARE(opened, QByteArray("hello"));
        tag[3] = char(tag[3] ^ 0x40);
        QCOMPARE(gcm.decrypt(iv, aad, gcmCt, tag, opened.data()), crypto::Status::Ok); // usable after a failure
        QCOMPARE(gcm.decrypt(iv.left(8), aad, gcmCt, tag, opened.data()), crypto::Status::BadLength);
    }

    void cryptoCacheServesTheFreeFunctionsInItsScope()
    {
        QVERIFY(crypto::KeyedCryptoCache::current() == nullptr);
        crypto::KeyedCryptoCache cache;
        {
            crypto::KeyedCryptoScope scope(cache);
            QCOMPARE(crypto::KeyedCryptoCache::current(), &cache);
            crypto::AesEcbCipher* first = cache.ecb(kLocalKey);
            QVERIFY(first);
            QCOMPARE(cache.ecb(kLocalKey), first);          // one object per key
            QVERIFY(cache.ecb(QByteArray("short")) == nullptr);
            const crypto::EcbEncryption e = crypto::aesEcbEncrypt(kLocalKey, "{\"dps\":{}}");
            QCOMPARE(crypto::aesEcbDecrypt(kLocalKey, e.ciphertext).plaintext, QByteArray("{\"dps\":{}}"));
            QCOMPARE(crypto::aesEcbDecrypt(QByteArray("fedcba9876543210"), e.ciphertext).status, crypto::Status::BadPadding);
            QCOMPARE(crypto::hmacSha256(QByteArray(), "x"), crypto::hmacSha256(QByteArray(), "x"));
            QCOMPARE(crypto::hmacSha256(QByteArray(), "x").size(), crypto::kHmacSize);
        }
        QVERIFY(crypto::KeyedCryptoCache::current() == nullptr);
    }

    void scanJsonDpsFindsTheDissectorsDps_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("wellFormed");
        QTest::newRow("3.3 dps") << QByteArray("{\"devId\":\"a\",\"dps\":{\"1\":true,\"2\":0},\"t\":1}") << true;
        QTest::newRow("data.dps") << QByteArray("{\"protocol\":4,\"data\":{\"dps\":{\"20\":\"x\"}}}") << true;
        QTest::newRow("top dps wins over data.dps")
            << QByteArray("{\"data\":{\"dps\":{\"1\":1}},\"dps\":{\"2\":2}}") << true;
        QTest::newRow("top dps not an object") << QByteArray("{\"dps\":5,\"data\":{\"dps\":{\"1\":1}}}") << true;
        QTest::newRow("repeated dps") << QByteArray("{\"dps\":{\"1\":1},\"dps\":{\"2\":2,\"3\":3}}") << true;
        QTest::newRow("repeated data") << QByteArray("{\"data\":{\"dps\":{\"1\":1}},\"data\":{\"x\":1}}") << true;
        QTest::newRow("repeated dp id") << QByteArray("{\"dps\":{\"1\":1,\"2\":2,\"1\":\"last\"}}") << true;
        QTest::newRow("nested decoy") << QByteArray("{\"x\":{\"dps\":{\"9\":9}}}") << true;
        QTest::newRow("empty") << QByteArray("{}") << true;
        QTest::newRow("whitespace") << QByteArray(" \r\n{ \"dps\" : { \"1\" : [ 1 , { } ] } }\t") << true;
        QTest::newRow("escapes") << QByteArray("{\"dps\":{\"1\":\"a\\\"}\\\\\\u00e9\"}}") << true;
        QTest::newRow("numbers") << QByteArray("{\"dps\":{\"1\":-0.5e+3,\"2\":0,\"3\":12}}") << true;
        QTest::newRow("trailing comma") << QByteArray("{\"dps\":{\"1\":1,}}") << false;
        QTest::newRow("garbage after") << QByteArray("{\"dps\":{}}x") << false;
        QTest::newRow("bad literal") << QByteArray("{\"dps\":{\"1\":tru}}") << false;
        QTest::newRow("bad number") << QByteArray("{\"dps\":{\"1\":01}}") << false;
        QTest::newRow("unknown escape (QJsonDocument is lenient)") << QByteArray("{\"dps\":{\"1\":\"\\x\"}}") << true;
        QTest::newRow("short \\u escape") << QByteArray("{\"dps\":{\"1\":\"\\u12\"}}") << false;
        QTest::newRow("raw control character (lenient too)") << QByteArray("{\"dps\":{\"1\":\"a\tb\"}}") << true;
        QTest::newRow("valid UTF-8") << QByteArray("{\"dps\":{\"1\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}}") << true;
        QTest::newRow("invalid UTF-8") << QByteArray("{\"dps\":{\"1\":\"\xc3\x28\"}}") << false;
        QTest::newRow("overlong UTF-8") << QByteArray("{\"dps\":{\"1\":\"\xc0\xaf\"}}") << false;
        QTest::newRow("UTF-8 surrogate") << QByteArray("{\"dps\":{\"1\":\"\xed\xa0\x80\"}}") << false;
        QTest::newRow("unterminated") << QByteArray("{\"dps\":{\"1\":\"abc}}") << false;
        QTest::newRow("array at top") << QByteArray("[1]") << false;
        QTest::newRow("too deep") << QByteArray(70, '[').prepend("{\"a\":") << false;
    }

    void scanJsonDpsFindsTheDissectorsDps()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, wellFormed);
        std::vector<JsonDpSpan> dps;
        QCOMPARE(scanJsonDps(json, dps), wellFormed);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error == QJsonParseError::NoError && doc.isObject(), wellFormed);
        if (!wellFormed) {
            QVERIFY(dps.empty());
            return;
        }
        const QJsonObject root = doc.object();
        const QJsonObject expected = root.contains(QLatin1String("dps"))
                                         ? root.value(QLatin1String("dps")).toObject()
                                         : root.value(QLatin1String("data")).toObject().value(QLatin1String("dps")).toObject();
        QCOMPARE(qsizetype(dps.size()), qsizetype(expected.size()));
        for (const JsonDpSpan& dp : dps) {
            const QString id = QString::fromUtf8(dp.id);
            QVERIFY(expected.contains(id));
            QCOMPARE(QJsonDocument::fromJson("[" + dp.value.toByteArray() + "]").array().at(0), expected.value(id));
        }
    }

    void fastPathAgreesWithTheDissectorOnVectors_data() { frameVectors_data(); }
    void fastPathAgreesWithTheDissectorOnVectors()
    {
        QFETCH(QString, name);
        const FrameCase& c = *findCase(name);
        const Resolved r = resolve(m_vectors, c);
        const LanContext ctx = contextFor(c, r);
        LanFastDecoder decoder(ctx);
        const LanFastResult& fast = decoder.decode(r.frame);
        QCOMPARE(fast.integrity, ChecksumStatus::Good);
        if (name == QLatin1String("v31_control_client")) {
            QCOMPARE(fast.frame, FastFrame::Unsupported); // the 3.1 envelope is the dissector's
            return;
        }
        QCOMPARE(fast.frame, FastFrame::Decoded);
        QVERIFY(fast.valid());
        QCOMPARE(fast.version, c.version);
        QCOMPARE(fast.body.toByteArray(), r.body);
        checkFastAgreesWithDissector(r.frame, ctx, name);
    }

    void fastPathAgreesWithTheDissectorOnGeneratedFrames_data()
    {
        QTest::addColumn<LanVersion>("version");
        QTest::addColumn<LanSender>("sender");
        QTest::addColumn<LanSender>("contextSender");
        for (LanVersion v : {LanVersion::V31, LanVersion::V32, LanVersion::V33, LanVersion::V34, LanVersion::V35}) {
            const QString n = versionName(v);
            QTest::addRow("%s device", qPrintable(n)) << v << LanSender::Device << LanSender::Device;
            QTest::addRow("%s client", qPrintable(n)) << v << LanSender::Client << LanSender::Client;
            QTest::addRow("%s device, sender unknown", qPrintable(n)) << v << LanSender::Device << LanSender::Unknown;
        }
    }

    void fastPathAgreesWithTheDissectorOnGeneratedFrames()
    {
        QFETCH(LanVersion, version);
        QFETCH(LanSender, sender);
        QFETCH(LanSender, contextSender);
        const QByteArray session = QByteArray::fromHex("0782f1c1110cb51eef5e4c5cd3d71c3b");
        QRandomGenerator rng(quint32(version) * 7u + quint32(sender) * 3u + quint32(contextSender));
        const quint32 commands[] = {cmd::Status, cmd::DpQuery, cmd::Control, cmd::ControlNew, cmd::DpQueryNew, cmd::HeartBeat};
        LanContext ctx;
        ctx.version = version;
        ctx.sender = contextSender;
        ctx.localKey = kLocalKey;
        ctx.sessionKey = session;
        int withDps = 0;
        for (int i = 0; i < 120; ++i) {
            LanEncodeRequest q;
            q.version = version;
            q.sender = sender;
            q.seq = quint32(i + 1);
            q.cmd = commands[rng.bounded(int(std::size(commands)))];
            q.body = randomBody(rng, usesSessionKey(version));
            q.key = usesSessionKey(version) ? session : kLocalKey;
            if (sender == LanSender::Device)
                q.retcode = rng.bounded(4) == 0 ? 1u : 0u;
            const LanEncodeResult built = encodeLanFrame(q);
            QVERIFY2(built.ok(), qPrintable(built.error));
            LanFastDecoder decoder(ctx);
            const LanFastResult& fast = decoder.decode(built.frame);
            const QString where = QStringLiteral("frame %1: %2").arg(i).arg(QString::fromUtf8(q.body));
            if (version == LanVersion::V31 && fast.frame == FastFrame::Unsupported) {
                // 3.1 commands that travel in the envelope are left to the dissector.
                const qsizetype payload = kClassicHeaderSize + (q.retcode ? kRetcodeSize : 0);
                QVERIFY2(looksLikeEnvelope31(built.frame.mid(payload)), qPrintable(where));
                continue;
            }
            QVERIFY2(fast.frame == FastFrame::Decoded && fast.valid(), qPrintable(where));
            QVERIFY2(fast.body.toByteArray() == q.body, qPrintable(where));
            withDps += fast.dps.empty() ? 0 : 1;
            checkFastAgreesWithDissector(built.frame, ctx, where);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(withDps > 60);
    }

    void fastPathOnDamagedFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<LanVersion>("contextVersion");
        QTest::addColumn<QByteArray>("localKey");
        QTest::addColumn<QByteArray>("sessionKey");
        QTest::addColumn<FastFrame>("outcome");
        QTest::addColumn<ChecksumStatus>("integrity");
        QTest::addColumn<FastDecrypt>("decrypt");
        QTest::addColumn<int>("dpCount");

        const QByteArray session("sessionkey123456");
        const QByteArray wrong("fedcba9876543210");
        const QByteArray json("{\"data\":{\"dps\":{\"1\":true,\"2\":7}},\"t\":1}");
        const auto encode = [&](LanVersion v, const QByteArray& key) {
            LanEncodeRequest q;
            q.version = v;
            q.sender = LanSender::Device;
            q.seq = 5;
            q.cmd = cmd::Status;
            q.retcode = 0u;
            q.body = json;
            q.key = key;
            return encodeLanFrame(q).frame;
        };
        const QByteArray f33 = encode(LanVersion::V33, kLocalKey);
        const QByteArray f34 = encode(LanVersion::V34, session);
        const QByteArray f35 = encode(LanVersion::V35, session);
        const auto flip = [](QByteArray f, qsizetype at) {
            f[at] = char(f[at] ^ 0x01);
            return f;
        };
        // ECB with a padding that does not verify ("00 00 03"), but a readable JSON after the
        // lenient strip of three bytes.
        const auto badlyPadded = [](QByteArray plain) {
            while (plain.size() % 16 != 13)
                plain += ' ';
            return plain + QByteArray("\0\0\3", 3);
        };
        const auto ecbNone = [](const QByteArray& key, const QByteArray& plain) {
            return crypto::aesEcbEncrypt(key, plain, crypto::Padding::None).ciphertext;
        };
        const QByteArray bp33 = classicFrame(5, cmd::Status, u32Bytes(0) + ecbNone(kLocalKey, badlyPadded(json)));
        const QByteArray bp34 = classicFrame(
            5, cmd::Status, u32Bytes(0) + ecbNone(session, badlyPadded(makeVersionHeader(LanVersion::V34) + json)), session);

        const auto row = [&](const char* name, const QByteArray& frame, LanVersion v, const QByteArray& local,
                             const QByteArray& sk, FastFrame outcome, ChecksumStatus integrity, FastDecrypt decrypt, int dps) {
            QTest::newRow(name) << frame << v << local << sk << outcome << integrity << decrypt << dps;
        };
        using V = LanVersion;
        using C = ChecksumStatus;
        using D = FastDecrypt;
        const FastFrame ok = FastFrame::Decoded;
        row("3.3 good", f33, V::V33, kLocalKey, QByteArray(), ok, C::Good, D::Ok, 2);
        row("3.3 wrong key", f33, V::V33, wrong, QByteArray(), ok, C::Good, D::BadPadding, 0);
        row("3.3 bad padding, readable JSON", bp33, V::V33, kLocalKey, QByteArray(), ok, C::Good, D::BadPadding, 2);
        row("3.3 bad CRC", flip(f33, 30), V::V33, kLocalKey, QByteArray(), ok, C::Bad, D::Skipped, 0);
        row("3.3 no key", f33, V::V33, QByteArray(), QByteArray(), ok, C::Good, D::NoKey, 0);
        row("3.3 not whole blocks", classicFrame(5, cmd::Status, u32Bytes(0) + QByteArray(21, '\x81')), V::V33, kLocalKey,
            QByteArray(), ok, C::Good, D::BadLength, 0);
        row("3.3 clear JSON (3.1 peer)", classicFrame(5, cmd::Status, u32Bytes(0) + json), V::V33, kLocalKey, QByteArray(),
            ok, C::Good, D::NotEncrypted, 2);
        row("3.4 good", f34, V::V34, kLocalKey, session, ok, C::Good, D::Ok, 2);
        row("3.4 bad HMAC", flip(f34, f34.size() - 5), V::V34, kLocalKey, session, ok, C::Bad, D::Skipped, 0);
        row("3.4 bad ciphertext byte", flip(f34, 40), V::V34, kLocalKey, session, ok, C::Bad, D::Skipped, 0);
        row("3.4 wrong session key", f34, V::V34, kLocalKey, wrong, ok, C::Bad, D::Skipped, 0);
        row("3.4 no key", f34, V::V34, QByteArray(), QByteArray(), ok, C::Unverified, D::NoKey, 0);
        row("3.4 bad padding", bp34, V::V34, kLocalKey, session, ok, C::Good, D::BadPadding, 2);
        row("3.4 MAC'd with the local key", encode(V::V34, kLocalKey), V::V34, kLocalKey, session, ok, C::Good, D::Ok, 2);
        row("3.4 frame in a 3.3 flow", f34, V::V33, kLocalKey, session, ok, C::Good, D::Ok, 2);
        row("3.5 good", f35, V::V35, kLocalKey, session, ok, C::Good, D::Ok, 2);
        row("3.5 bad tag", flip(f35, f35.size() - 6), V::V35, kLocalKey, session, ok, C::Bad, D::Unauthenticated, 0);
        row("3.5 bad AAD", flip(f35, 9), V::V35, kLocalKey, session, ok, C::Bad, D::Unauthenticated, 0);
        row("3.5 wrong key", f35, V::V35, wrong, wrong, ok, C::Bad, D::Unauthenticated, 0);
        row("3.5 no key", f35, V::V35, QByteArray(), QByteArray(), ok, C::Unverified, D::NoKey, 0);
        row("3.5 in a 3.3 flow", f35, V::V33, kLocalKey, session, ok, C::Good, D::Ok, 2);
        row("3.3 truncated", f33.left(f33.size() - 5), V::V33, kLocalKey, QByteArray(), FastFrame::Truncated,
            C::NotPresent, D::NotEncrypted, 0);
        row("3.5 truncated", f35.left(40), V::V35, kLocalKey, session, FastFrame::Truncated, C::NotPresent,
            D::NotEncrypted, 0);
        row("header only", f33.left(10), V::V33, kLocalKey, QByteArray(), FastFrame::Truncated, C::NotPresent,
            D::NotEncrypted, 0);
        QByteArray shortLength = f33;
        shortLength[15] = 0x03;
        row("implausible length", shortLength, V::V33, kLocalKey, QByteArray(), FastFrame::Corrupt, C::NotPresent,
            D::NotEncrypted, 0);
        row("garbage", QByteArray("GET / HTTP/1.1\r\n"), V::V33, kLocalKey, QByteArray(), FastFrame::NotAFrame,
            C::NotPresent, D::NotEncrypted, 0);
        row("empty", QByteArray(), V::V33, kLocalKey, QByteArray(), FastFrame::NotAFrame, C::NotPresent,
            D::NotEncrypted, 0);
    }

    void fastPathOnDamagedFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(LanVersion, contextVersion);
        QFETCH(QByteArray, localKey);
        QFETCH(QByteArray, sessionKey);
        QFETCH(FastFrame, outcome);
        QFETCH(ChecksumStatus, integrity);
        QFETCH(FastDecrypt, decrypt);
        QFETCH(int, dpCount);
        LanContext ctx;
        ctx.version = contextVersion;
        ctx.sender = LanSender::Device;
        ctx.localKey = localKey;
        ctx.sessionKey = sessionKey;
        LanFastDecoder decoder(ctx);
        // Decode a good frame first: state left by it must not leak into the damaged one.
        LanEncodeRequest q;
        q.version = LanVersion::V33;
        q.sender = LanSender::Device;
        q.cmd = cmd::Status;
        q.retcode = 0u;
        q.body = "{\"dps\":{\"9\":1,\"8\":2,\"7\":3}}";
        q.key = kLocalKey;
        decoder.decode(encodeLanFrame(q).frame);
        const LanFastResult& fast = decoder.decode(frame);
        QCOMPARE(fast.frame, outcome);
        QCOMPARE(fast.integrity, integrity);
        QCOMPARE(fast.decrypt, decrypt);
        QCOMPARE(int(fast.dps.size()), dpCount);
        QCOMPARE(fast.valid(), outcome == FastFrame::Decoded && integrity == ChecksumStatus::Good
                                   && (decrypt == FastDecrypt::Ok || decrypt == FastDecrypt::NotEncrypted));
        checkFastAgreesWithDissector(frame, ctx, QString::fromLatin1(QTest::currentDataTag()));
    }

    // The stream decoder keeps one cipher per key: its output must not differ from dissecting
    // each frame on its own, also when the keys change between feeds.
    void streamDecoderWithCachedContextsMatchesPerFrameDissection()
    {
        const QByteArray sessionA("sessionkeyAAAAAA"), sessionB("sessionkeyBBBBBB");
        LanContext ctx;
        ctx.version = LanVersion::V34;
        ctx.sender = LanSender::Device;
        ctx.localKey = kLocalKey;
        ctx.sessionKey = sessionA;
        LanStreamDecoder decoder(ctx);
        int checked = 0;
        for (const QByteArray& key : {sessionA, sessionB, sessionA}) {
            ctx.sessionKey = key;
            decoder.setContext(ctx);
            QByteArray stream;
            QVector<QByteArray> frames;
            for (int i = 0; i < 4; ++i) {
                LanEncodeRequest q;
                q.version = LanVersion::V34;
                q.sender = LanSender::Device;
                q.seq = quint32(i);
                q.cmd = cmd::Status;
                q.retcode = 0u;
                q.body = "{\"data\":{\"dps\":{\"" + QByteArray::number(i + 1) + "\":true}}}";
                q.key = i == 3 ? QByteArray("wrongkey12345678") : key;   // the last one does not verify
                frames.push_back(encodeLanFrame(q).frame);
                stream += frames.back();
            }
            const QVector<LanStreamDecoder::Item> items = decoder.feed(stream);
            QCOMPARE(items.size(), frames.size());
            for (int i = 0; i < items.size(); ++i) {
                const LanDissection alone = dissectLanFrame(frames.at(i), ctx);
                const LanFrameInfo& got = items.at(i).dissection.info;
                QCOMPARE(items.at(i).dissection.dissection.summary, alone.dissection.summary);
                QCOMPARE(codesAtLeast(items.at(i).dissection.dissection, Severity::Chat), codesAtLeast(alone.dissection, Severity::Chat));
                QCOMPARE(got.integrity, alone.info.integrity);
                QCOMPARE(got.integrityExpected.toHex(), alone.info.integrityExpected.toHex());
                QCOMPARE(got.plaintext.toHex(), alone.info.plaintext.toHex());
                QCOMPARE(got.dps, alone.info.dps);
                QCOMPARE(got.integrity, i == 3 ? ChecksumStatus::Bad : ChecksumStatus::Good);
                ++checked;
            }
        }
        QCOMPARE(checked, 12);
    }
};

QTEST_GUILESS_MAIN(TestLanCodec)
#include "tst_lan_codec.moc"
