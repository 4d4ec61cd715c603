#include "lansim/LanDeviceSession.h"

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanContext.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanSessionKey.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <cmath>

namespace tuyascope::lansim {

using namespace tuyascope::lan;

namespace {

const QByteArray kDataFormatError("data format error");
const QByteArray kParseDataError("parse data error");
const QByteArray kJsonUnvalid("json obj data unvalid");

QByteArray compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

quint32 readU32(const QByteArray& b, qsizetype at)
{
    return at + 4 <= b.size() ? qFromBigEndian<quint32>(b.constData() + at) : 0;
}

bool timestampOf(const QJsonObject& json, qint64* t)
{
    const QJsonValue v = json.value(QStringLiteral("t"));
    if (v.isDouble() && std::isfinite(v.toDouble())) {
        *t = qint64(v.toDouble());
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        *t = v.toString().toLongLong(&ok);
        return ok;
    }
    return false;
}

} // namespace

class LanDeviceSession::Collector : public LanStreamSplitter::Sink {
public:
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        items.push_back({e.kind, e.bytes.toByteArray()});
    }
    struct Item {
        LanStreamSplitter::EventKind kind;
        QByteArray bytes;
    };
    QVector<Item> items;
};

LanDeviceSession::LanDeviceSession(const LanDeviceConfig& config, LanDpModel& model, const QString& peer)
    : m_config(config), m_model(model), m_peer(peer)
{
    if (m_config.version == LanVersion::V35) {
        const QByteArray r = crypto::randomBytes(2);
        m_outSeq = r.size() == 2 ? quint32(quint8(r[0])) << 8 | quint8(r[1]) : 0;
    }
}

bool LanDeviceSession::keyed() const { return !usesSessionKey(m_config.version) || !m_sessionKey.isEmpty(); }

QVector<AgentEvent> LanDeviceSession::takeEvents() { return std::exchange(m_events, {}); }

QJsonObject LanDeviceSession::takeChanged() { return std::exchange(m_changed, {}); }

void LanDeviceSession::emitEvent(Severity severity, const QString& code, const QString& message)
{
    m_events.push_back(AgentEvent::now(severity, code, m_peer.isEmpty() ? message : m_peer + QStringLiteral(": ") + message));
}

void LanDeviceSession::close(const QString& reason)
{
    if (m_closeReason.isEmpty())
        m_closeReason = reason;
}

QByteArray LanDeviceSession::feed(QByteArrayView bytes, qint64 nowUs)
{
    QByteArray out;
    if (shouldClose())
        return out;
    Collector collector;
    m_splitter.feed(bytes, nowUs, collector);
    for (const Collector::Item& item : std::as_const(collector.items)) {
        if (shouldClose())
            break;
        if (item.kind != LanStreamSplitter::EventKind::Frame) {
            emitEvent(Severity::Warning, event::BadFrame,
                      QStringLiteral("%1 byte(s) that are no frame ignored").arg(item.bytes.size()));
            continue;
        }
        handleFrame(item.bytes, nowUs, out);
    }
    return out;
}

quint32 LanDeviceSession::replySeq(quint32 requestSeq)
{
    if (m_config.version == LanVersion::V35)
        return m_outSeq++;
    return requestSeq;
}

quint32 LanDeviceSession::pushSeq()
{
    if (m_config.version == LanVersion::V35)
        return m_outSeq++;
    return ++m_outSeq;
}

QByteArray LanDeviceSession::encode(quint32 cmd, quint32 seq, quint32 retcode, const QByteArray& body, bool handshake,
                                    bool push)
{
    LanEncodeRequest r;
    r.version = m_config.version;
    r.sender = LanSender::Device;
    r.seq = seq;
    r.cmd = cmd;
    r.retcode = retcode;
    r.body = body;
    r.key = usesSessionKey(m_config.version) && !handshake ? m_sessionKey : m_config.localKey;
    if (push && m_config.version != LanVersion::V31) {
        // Source header: version + CRC(0) + seq + source 1 (device), as TuyaOpen writes it.
        QByteArray header = versionTag(m_config.version);
        header.append(4, '\0');
        char be[4];
        qToBigEndian<quint32>(seq, be);
        header.append(be, 4);
        qToBigEndian<quint32>(1, be);
        header.append(be, 4);
        r.headerBlock = header;
    }
    const LanEncodeResult result = encodeLanFrame(r);
    if (!result.ok()) {
        emitEvent(Severity::Error, event::SimulatorError, QStringLiteral("cannot encode a reply: %1").arg(result.error));
        return {};
    }
    return result.frame;
}

QByteArray LanDeviceSession::queryBody(const QJsonObject& dps, qint64 nowUs) const
{
    QJsonObject o;
    if (!usesSessionKey(m_config.version)) {
        o.insert(QStringLiteral("devId"), m_config.deviceId);
        o.insert(QStringLiteral("t"), double(nowUs / 1000000));
    }
    o.insert(QStringLiteral("dps"), dps);
    return compact(o);
}

QByteArray LanDeviceSession::pushBody(const QJsonObject& dps, qint64 nowUs) const
{
    if (!usesSessionKey(m_config.version))
        return queryBody(dps, nowUs);
    QJsonObject data;
    data.insert(QStringLiteral("dps"), dps);
    QJsonObject o;
    o.insert(QStringLiteral("protocol"), 4);
    o.insert(QStringLiteral("t"), double(nowUs / 1000000));
    o.insert(QStringLiteral("data"), data);
    return compact(o);
}

QByteArray LanDeviceSession::statusPush(const QJsonObject& dps, qint64 nowUs)
{
    if (dps.isEmpty() || !keyed() || shouldClose())
        return {};
    return encode(cmd::Status, pushSeq(), 0, pushBody(dps, nowUs), false, true);
}

void LanDeviceSession::handleFrame(const QByteArray& frame, qint64 nowUs, QByteArray& out)
{
    const bool gcm = frame.startsWith(QByteArray::fromHex("00006699"));
    if (gcm != (m_config.version == LanVersion::V35)) {
        emitEvent(Severity::Warning, event::BadFrame,
                  QStringLiteral("a %1 frame on a %2 device ignored").arg(gcm ? QStringLiteral("6699") : QStringLiteral("55AA"),
                                                                         versionName(m_config.version)));
        return;
    }
    const quint32 seq = readU32(frame, gcm ? 6 : 4);
    const quint32 command = readU32(frame, gcm ? 10 : 8);
    const QString label = LanCommandCatalogue::instance().label(command);
    const bool handshake = command == cmd::SessKeyNegStart || command == cmd::SessKeyNegResp
                           || command == cmd::SessKeyNegFinish;
    const bool session = usesSessionKey(m_config.version);

    if (session && !handshake && m_sessionKey.isEmpty()) {
        ++m_noKeyFrames;
        emitEvent(Severity::Warning, event::NotNegotiated,
                  QStringLiteral("%1 before the session key dropped (%2 of %3)").arg(label).arg(m_noKeyFrames).arg(m_config.allowNoKeyFrames));
        if (m_noKeyFrames > m_config.allowNoKeyFrames)
            close(QStringLiteral("too many frames before the session-key negotiation"));
        return;
    }

    LanContext context;
    context.version = m_config.version;
    context.sender = LanSender::Client;
    if (session && !handshake)
        context.sessionKey = m_sessionKey;
    else
        context.localKey = m_config.localKey;
    const LanDissection dissection = dissectLanFrame(frame, context);
    const LanFrameInfo& info = dissection.info;
    if (info.integrity != ChecksumStatus::Good) {
        emitEvent(Severity::Warning, event::BadIntegrity,
                  QStringLiteral("%1 seq %2: %3 does not verify, ignored").arg(label).arg(seq).arg(integrityKindName(info.integrityKind)));
        return;
    }
    const bool checkSeq = m_config.seqCheck == LanDeviceConfig::SeqCheck::Always
                          || (m_config.seqCheck == LanDeviceConfig::SeqCheck::Auto && m_config.version == LanVersion::V35);
    if (checkSeq) {
        if (m_haveSeq && seq <= m_lastSeq) {
            emitEvent(Severity::Warning, event::SeqNotIncreasing,
                      QStringLiteral("%1 seq %2 after %3 dropped").arg(label).arg(seq).arg(m_lastSeq));
            return;
        }
        m_haveSeq = true;
        m_lastSeq = seq;
    }
    m_lastValidUs = nowUs;

    if (command == cmd::HeartBeat) {
        // Devices never look into a heartbeat's body.
        emitEvent(Severity::Chat, event::HeartBeat, QStringLiteral("heartbeat seq %1 answered").arg(seq));
        out += encode(cmd::HeartBeat, replySeq(seq), 0, {}, false, false);
        return;
    }

    if (handshake) {
        if (!session) {
            emitEvent(Severity::Warning, event::Unsupported, QStringLiteral("%1 on a %2 device ignored").arg(label, versionName(m_config.version)));
            return;
        }
        if (command == cmd::SessKeyNegStart) {
            if (!m_sessionKey.isEmpty()) {
                emitEvent(Severity::Warning, event::HandshakeFailed, QStringLiteral("a new START on a keyed session: closing"));
                close(QStringLiteral("START on a keyed session"));
                return;
            }
            if (info.handshakeNonce.size() != kNonceSize) {
                emitEvent(Severity::Warning, event::HandshakeFailed, QStringLiteral("START without a 16-byte client nonce ignored"));
                return;
            }
            m_clientNonce = info.handshakeNonce;
            m_deviceNonce = crypto::randomBytes(kNonceSize / 2).toHex(); // 16 printable characters
            m_awaitFinish = true;
            out += encode(cmd::SessKeyNegResp, replySeq(seq), 0,
                          m_deviceNonce + handshakeHmac(m_config.localKey, m_clientNonce), true, false);
            return;
        }
        if (command == cmd::SessKeyNegFinish) {
            if (!m_awaitFinish) {
                emitEvent(Severity::Warning, event::HandshakeFailed, QStringLiteral("FINISH without START ignored"));
                return;
            }
            m_awaitFinish = false;
            if (!crypto::equalConstantTime(info.handshakeHmac, handshakeHmac(m_config.localKey, m_deviceNonce))) {
                emitEvent(Severity::Error, event::HandshakeFailed, QStringLiteral("FINISH carries a wrong HMAC (client key?): closing"));
                close(QStringLiteral("bad FINISH"));
                return;
            }
            m_sessionKey = deriveSessionKey(m_config.version, m_config.localKey, m_clientNonce, m_deviceNonce);
            emitEvent(Severity::Note, event::Negotiated,
                      QStringLiteral("session key negotiated (%1)").arg(versionName(m_config.version)));
            return;
        }
        emitEvent(Severity::Warning, event::Unsupported, QStringLiteral("%1 from a client ignored").arg(label));
        return;
    }

    const bool control = command == cmd::Control || command == cmd::ControlNew;
    const bool query = command == cmd::DpQuery || command == cmd::DpQueryNew;
    if (!control && !query && command != cmd::UpdateDps) {
        emitEvent(Severity::Note, event::Unsupported, QStringLiteral("%1 seq %2 ignored").arg(label).arg(seq));
        return;
    }
    if (info.encrypted && (!info.decrypted || !info.paddingOk)) {
        emitEvent(Severity::Warning, event::ParseError, QStringLiteral("%1 seq %2 does not decrypt (wrong key?)").arg(label).arg(seq));
        out += encode(command, replySeq(seq), 1, kParseDataError, false, false);
        return;
    }
    if (control && m_config.strictHeaderRule && m_config.version != LanVersion::V31 && info.header.isEmpty()) {
        emitEvent(Severity::Warning, event::HeaderRule, QStringLiteral("%1 seq %2 without the version header ignored").arg(label).arg(seq));
        return;
    }
    if (query) {
        if (m_config.device22) {
            emitEvent(Severity::Note, event::Device22Refused, QStringLiteral("%1 seq %2 answered with \"json obj data unvalid\" (device22)").arg(label).arg(seq));
            out += encode(command, replySeq(seq), 1, kJsonUnvalid, false, false);
            return;
        }
        emitEvent(Severity::Note, event::QueryAnswered, QStringLiteral("%1 seq %2 answered with every dp").arg(label).arg(seq));
        out += encode(command, replySeq(seq), 0, queryBody(m_model.allDps(), nowUs), false, false);
        return;
    }
    if (!info.bodyIsJson) {
        emitEvent(Severity::Warning, event::ParseError, QStringLiteral("%1 seq %2: the body is not JSON").arg(label).arg(seq));
        out += encode(command, replySeq(seq), 1, kDataFormatError, false, false);
        return;
    }
    if (command == cmd::UpdateDps) {
        QJsonObject dps;
        const QJsonArray ids = info.json.value(QStringLiteral("dpId")).toArray();
        for (const QJsonValue& id : ids) {
            const int n = id.toInt(-1);
            if (n >= 0 && n <= 255 && m_model.profile().dp(quint8(n)))
                dps.insert(QString::number(n), m_model.value(quint8(n)));
        }
        emitEvent(Severity::Note, event::QueryAnswered, QStringLiteral("%1 seq %2: %3 dp(s) re-reported").arg(label).arg(seq).arg(dps.size()));
        out += statusPush(dps, nowUs);
        return;
    }
    handleControl(command, seq, info.json, info.dps, nowUs, out);
}

void LanDeviceSession::handleControl(quint32 command, quint32 seq, const QJsonObject& json, const QJsonObject& dps,
                                     qint64 nowUs, QByteArray& out)
{
    const QString label = LanCommandCatalogue::instance().label(command);
    if (m_config.timestampToleranceS > 0) {
        qint64 t = 0;
        if (timestampOf(json, &t) && std::llabs(nowUs / 1000000 - t) > m_config.timestampToleranceS) {
            emitEvent(Severity::Warning, event::StaleTimestamp,
                      QStringLiteral("%1 seq %2: t=%3 is %4 s from now (window %5 s), ignored")
                          .arg(label).arg(seq).arg(t).arg(nowUs / 1000000 - t).arg(m_config.timestampToleranceS));
            return;
        }
    }
    const bool hasDps = json.contains(QStringLiteral("dps"))
                        || json.value(QStringLiteral("data")).toObject().contains(QStringLiteral("dps"));
    if (!hasDps) {
        if (command == cmd::ControlNew) { // a bare CONTROL_NEW is a status request
            emitEvent(Severity::Note, event::QueryAnswered, QStringLiteral("%1 seq %2 without dps: every dp reported").arg(label).arg(seq));
            out += encode(command, replySeq(seq), 0, {}, false, false);
            out += statusPush(m_model.allDps(), nowUs);
            return;
        }
        emitEvent(Severity::Warning, event::ParseError, QStringLiteral("%1 seq %2 has no dps").arg(label).arg(seq));
        out += encode(command, replySeq(seq), 1, kDataFormatError, false, false);
        return;
    }
    bool allNull = !dps.isEmpty();
    for (auto it = dps.begin(); it != dps.end(); ++it)
        allNull = allNull && it.value().isNull();
    if (allNull) { // device22-style query: CONTROL_NEW with null values
        emitEvent(Severity::Note, event::QueryAnswered, QStringLiteral("%1 seq %2 with null dps: every dp reported").arg(label).arg(seq));
        out += encode(command, replySeq(seq), 0, {}, false, false);
        out += statusPush(m_model.allDps(), nowUs);
        return;
    }
    QJsonObject pushed;
    for (auto it = dps.begin(); it != dps.end(); ++it) {
        if (it.value().isNull())
            continue;
        QString why;
        const LanDpModel::WriteResult result = m_model.write(it.key(), it.value(), &why);
        if (result == LanDpModel::WriteResult::Rejected) {
            emitEvent(Severity::Warning, event::WriteRejected, QStringLiteral("write rejected: %1").arg(why));
            continue;
        }
        bool ok = false;
        const quint8 id = quint8(it.key().toUInt(&ok));
        const QJsonValue now = m_model.value(id);
        pushed.insert(QString::number(id), now);
        if (result == LanDpModel::WriteResult::Applied)
            m_changed.insert(QString::number(id), now);
        emitEvent(Severity::Note, event::WriteApplied,
                  QStringLiteral("dp %1 = %2%3").arg(id).arg(QString::fromUtf8(QJsonDocument(QJsonArray{now}).toJson(QJsonDocument::Compact)).mid(1).chopped(1),
                                                       result == LanDpModel::WriteResult::Unchanged ? QStringLiteral(" (unchanged)") : QString()));
    }
    out += encode(command, replySeq(seq), 0, {}, false, false);
    out += statusPush(pushed, nowUs);
}

} // namespace tuyascope::lansim
