#include "lanclient/LanClient.h"

#include "common/Clock.h"
#include "live/LiveCapture.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanSessionKey.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

namespace tuyascope::lanclient {

namespace {

// One JSON value, compact, as it would appear inside a document.
QByteArray jsonText(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// JSON objects with members in template order (some firmwares are picky about the order).
class OrderedJson {
public:
    OrderedJson& add(const QString& key, const QByteArray& rawValue)
    {
        if (!m_text.isEmpty())
            m_text += ',';
        m_text += jsonText(key) + ':' + rawValue;
        return *this;
    }
    OrderedJson& add(const QString& key, const QJsonValue& value) { return add(key, jsonText(value)); }
    QByteArray text() const { return '{' + m_text + '}'; }

private:
    QByteArray m_text;
};

QByteArray dpsText(const DpList& dps)
{
    OrderedJson o;
    for (const auto& dp : dps)
        o.add(dp.first, dp.second);
    return o.text();
}

bool isDevice22Text(const QString& text)
{
    return text.contains(QLatin1String("json obj data unvalid"), Qt::CaseInsensitive)
           || text.contains(QLatin1String("data format error"), Qt::CaseInsensitive);
}

class FrameCollector : public lan::LanStreamSplitter::Sink {
public:
    void onEvent(const lan::LanStreamSplitter::Event& event) override
    {
        if (event.kind == lan::LanStreamSplitter::EventKind::Frame)
            frames.push_back(event.bytes.toByteArray());
        else if (event.kind == lan::LanStreamSplitter::EventKind::Garbage)
            garbage += event.bytes.size();
    }
    QVector<QByteArray> frames;
    qint64 garbage = 0;
};

} // namespace

QString lanErrorCodeName(LanErrorCode code)
{
    switch (code) {
    case LanErrorCode::Unreachable: return QStringLiteral("UNREACHABLE");
    case LanErrorCode::ConnectionRefused: return QStringLiteral("CONNECTION_REFUSED");
    case LanErrorCode::WrongKeyOrVersion: return QStringLiteral("WRONG_KEY_OR_VERSION");
    case LanErrorCode::Timeout: return QStringLiteral("TIMEOUT");
    case LanErrorCode::DeviceError: return QStringLiteral("DEVICE_ERROR");
    case LanErrorCode::ConnectionClosed: return QStringLiteral("CONNECTION_CLOSED");
    case LanErrorCode::ProtocolError: return QStringLiteral("PROTOCOL_ERROR");
    case LanErrorCode::BadRequest: return QStringLiteral("BAD_REQUEST");
    }
    return QStringLiteral("PROTOCOL_ERROR");
}

LanClient::LanClient(const LanClientConfig& config, LiveCapture* capture, QObject* parent)
    : QObject(parent), m_config(config), m_capture(capture)
{
    m_device22 = config.device22 || config.version == lan::LanVersion::V32;
    if (m_config.device22DpIds.isEmpty())
        m_config.device22DpIds = {QStringLiteral("1")};
    if (m_capture) {
        ChannelInfo tx;
        tx.name = channelName();
        tx.direction = Direction::AppToDevice;
        tx.source = QStringLiteral("%1:%2").arg(config.host).arg(config.port);
        tx.description = QStringLiteral("Tuya LAN %1 client: app -> device").arg(lan::versionName(config.version));
        m_txChannel = m_capture->addChannel(tx);
        ChannelInfo rx = tx;
        rx.direction = Direction::DeviceToApp;
        rx.description = QStringLiteral("Tuya LAN %1 client: device -> app").arg(lan::versionName(config.version));
        m_rxChannel = m_capture->addChannel(rx);
    }
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &LanClient::onTimeout);
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, &LanClient::sendHeartbeat);
}

LanClient::~LanClient()
{
    m_closing = true;
    if (m_socket)
        m_socket->abort();
}

QString LanClient::channelName() const
{
    return QStringLiteral("device %1:%2").arg(m_config.host).arg(m_config.port);
}

lan::LanContext LanClient::decodeContext(Direction direction) const
{
    lan::LanContext ctx;
    ctx.version = m_config.version;
    ctx.sender = direction == Direction::AppToDevice   ? lan::LanSender::Client
                 : direction == Direction::DeviceToApp ? lan::LanSender::Device
                                                       : lan::LanSender::Unknown;
    ctx.localKey = m_config.localKey.reveal();
    ctx.sessionKey = m_sessionKey;
    ctx.clientNonce = m_clientNonce;
    ctx.deviceNonce = m_deviceNonce;
    return ctx;
}

QByteArray LanClient::controlBody(lan::LanVersion version, const QString& deviceId, const DpList& dps, qint64 unixTime)
{
    if (lan::usesSessionKey(version)) {
        OrderedJson data;
        data.add(QStringLiteral("dps"), dpsText(dps));
        return OrderedJson()
            .add(QStringLiteral("protocol"), QJsonValue(5))
            .add(QStringLiteral("t"), QJsonValue(unixTime))
            .add(QStringLiteral("data"), data.text())
            .text();
    }
    return OrderedJson()
        .add(QStringLiteral("devId"), deviceId)
        .add(QStringLiteral("uid"), deviceId)
        .add(QStringLiteral("t"), QString::number(unixTime))
        .add(QStringLiteral("dps"), dpsText(dps))
        .text();
}

QByteArray LanClient::queryBody(lan::LanVersion version, const QString& deviceId, qint64 unixTime)
{
    if (lan::usesSessionKey(version))
        return QByteArrayLiteral("{}");
    return OrderedJson()
        .add(QStringLiteral("gwId"), deviceId)
        .add(QStringLiteral("devId"), deviceId)
        .add(QStringLiteral("uid"), deviceId)
        .add(QStringLiteral("t"), QString::number(unixTime))
        .text();
}

QByteArray LanClient::heartbeatBody(const QString& deviceId)
{
    return OrderedJson().add(QStringLiteral("gwId"), deviceId).add(QStringLiteral("devId"), deviceId).text();
}

void LanClient::connectToDevice()
{
    if (m_state == State::Connecting || m_state == State::Negotiating || m_state == State::Ready)
        return;
    if (m_config.localKey.reveal().size() != lan::crypto::kAesKeySize) {
        fail(LanErrorCode::BadRequest, QStringLiteral("the local key must be 16 characters"), true);
        return;
    }
    if (m_config.version == lan::LanVersion::Unknown) {
        fail(LanErrorCode::BadRequest, QStringLiteral("unknown protocol version (use 3.1 to 3.5)"), true);
        return;
    }
    if (m_socket) {
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_closing = false;
    m_answered = false;
    m_sessionKey.clear();
    m_clientNonce.clear();
    m_deviceNonce.clear();
    m_splitter.reset();
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &LanClient::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &LanClient::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &LanClient::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_closing && m_state != State::Closed)
            onSocketError(QAbstractSocket::RemoteHostClosedError);
    });
    m_state = State::Connecting;
    m_timer->start(m_config.connectTimeoutMs);
    m_socket->connectToHost(m_config.host, m_config.port);
}

void LanClient::disconnectFromDevice()
{
    m_closing = true;
    m_timer->stop();
    m_heartbeat->stop();
    m_queue.clear();
    m_current = Request();
    m_confirmations.clear();
    const bool wasOpen = m_state != State::Idle && m_state != State::Closed;
    m_state = State::Closed;
    if (m_socket)
        m_socket->abort();
    if (wasOpen)
        emit disconnected();
}

void LanClient::queryStatus()
{
    m_queue.push_back(Request{RequestKind::Query, {}});
    pump();
}

void LanClient::setDps(const DpList& dps)
{
    m_queue.push_back(Request{RequestKind::Set, dps});
    pump();
}

void LanClient::sendHeartbeat()
{
    if (m_current.kind == RequestKind::Heartbeat)
        return;
    for (const Request& r : std::as_const(m_queue))
        if (r.kind == RequestKind::Heartbeat)
            return;
    m_queue.push_back(Request{RequestKind::Heartbeat, {}});
    pump();
}

void LanClient::onConnected()
{
    m_timer->stop();
    emitEvent(Severity::Note, QStringLiteral("CONNECTED"),
              QStringLiteral("connected to %1:%2 (protocol %3)")
                  .arg(m_config.host)
                  .arg(m_config.port)
                  .arg(lan::versionName(m_config.version)));
    if (lan::usesSessionKey(m_config.version)) {
        m_state = State::Negotiating;
        m_clientNonce = lan::crypto::randomBytes(lan::kNonceSize);
        m_current = Request{RequestKind::Handshake, {}};
        if (sendFrame(lan::cmd::SessKeyNegStart, m_clientNonce, true))
            m_timer->start(m_config.requestTimeoutMs);
        return;
    }
    m_state = State::Ready;
    if (m_config.heartbeatIntervalMs > 0)
        m_heartbeat->start(m_config.heartbeatIntervalMs);
    emit ready();
    pump();
}

void LanClient::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    record(m_rxChannel, bytes);
    FrameCollector collector;
    m_splitter.feed(bytes, nowUs(), collector);
    for (const QByteArray& frame : std::as_const(collector.frames)) {
        if (m_state == State::Closed)
            return;
        handleFrame(frame);
    }
}

void LanClient::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_closing || m_state == State::Closed)
        return;
    const QString where = QStringLiteral("%1:%2").arg(m_config.host).arg(m_config.port);
    if (m_state == State::Connecting) {
        if (error == QAbstractSocket::ConnectionRefusedError)
            fail(LanErrorCode::ConnectionRefused,
                 QStringLiteral("%1 refused the connection (nothing listens there: check the address and port, "
                                "or another app holds the device's only connection)")
                     .arg(where),
                 true);
        else
            fail(LanErrorCode::Unreachable,
                 QStringLiteral("%1 cannot be reached: %2").arg(where, m_socket ? m_socket->errorString() : QString()),
                 true);
        return;
    }
    if (!m_answered && m_current.kind != RequestKind::None)
        fail(LanErrorCode::WrongKeyOrVersion,
             QStringLiteral("the device closed the connection on the first request (%1): it rejected the packet; "
                            "check the local key, the version and the device id")
                 .arg(requestName(m_current.kind)),
             true);
    else
        fail(LanErrorCode::ConnectionClosed,
             QStringLiteral("%1 closed the connection (%2)").arg(where, m_socket ? m_socket->errorString() : QString()),
             true);
}

void LanClient::onTimeout()
{
    const double seconds = m_config.requestTimeoutMs / 1000.0;
    switch (m_state) {
    case State::Connecting:
        fail(LanErrorCode::Unreachable,
             QStringLiteral("no answer to the connection attempt to %1:%2 within %3 s")
                 .arg(m_config.host)
                 .arg(m_config.port)
                 .arg(m_config.connectTimeoutMs / 1000.0),
             true);
        return;
    case State::Negotiating:
        fail(LanErrorCode::Timeout,
             QStringLiteral("no answer to the session-key negotiation within %1 s (is the device really protocol %2?)")
                 .arg(seconds)
                 .arg(lan::versionName(m_config.version)),
             true);
        return;
    case State::Ready: {
        const QString what = requestName(m_current.kind);
        m_current = Request();
        fail(LanErrorCode::Timeout,
             QStringLiteral("no answer to %1 within %2 s (the device ignored it: check the version, the device id "
                            "and the clock)")
                 .arg(what)
                 .arg(seconds),
             false);
        QMetaObject::invokeMethod(this, &LanClient::pump, Qt::QueuedConnection);
        return;
    }
    case State::Idle:
    case State::Closed:
        return;
    }
}

void LanClient::handleFrame(const QByteArray& frame)
{
    const lan::LanDissection d = lan::dissectLanFrame(frame, decodeContext(Direction::DeviceToApp));
    const lan::LanFrameInfo& info = d.info;
    const bool handshakeFrame = info.cmd == lan::cmd::SessKeyNegResp;
    const bool integrityBad = info.integrity == ChecksumStatus::Bad || !info.paddingOk
                              || (info.encrypted && !info.decrypted);
    const bool garbledBody = !handshakeFrame && !info.body.isEmpty() && !info.bodyIsJson
                             && (!info.retcode || *info.retcode == 0) && info.encrypted;
    if (integrityBad || garbledBody) {
        if (!m_answered) {
            fail(LanErrorCode::WrongKeyOrVersion,
                 QStringLiteral("the device's first answer does not verify with this key (%1): check the local key "
                                "and the version")
                     .arg(info.integrity == ChecksumStatus::Bad
                              ? lan::integrityKindName(info.integrityKind) + QStringLiteral(" mismatch")
                              : QStringLiteral("bad padding or unreadable payload")),
                 true);
            return;
        }
        fail(LanErrorCode::ProtocolError,
             QStringLiteral("a frame from the device failed its integrity check (%1); ignored")
                 .arg(lan::LanCommandCatalogue::instance().label(info.cmd)),
             false);
        return;
    }

    if (handshakeFrame) {
        if (m_state != State::Negotiating)
            return;
        QByteArray nonce = info.handshakeNonce;
        QByteArray mac = info.handshakeHmac;
        if ((nonce.size() != lan::kNonceSize || mac.size() != lan::crypto::kHmacSize)
            && info.body.size() >= lan::kNonceSize + lan::crypto::kHmacSize) {
            nonce = info.body.left(lan::kNonceSize);
            mac = info.body.mid(lan::kNonceSize, lan::crypto::kHmacSize);
        }
        const QByteArray expected = lan::handshakeHmac(m_config.localKey.reveal(), m_clientNonce);
        if (nonce.size() != lan::kNonceSize || !lan::crypto::equalConstantTime(mac, expected)) {
            fail(LanErrorCode::WrongKeyOrVersion,
                 QStringLiteral("the device's session-key answer carries a wrong HMAC: check the local key and the "
                                "version"),
                 true);
            return;
        }
        m_answered = true;
        m_deviceNonce = nonce;
        m_timer->stop();
        if (!sendFrame(lan::cmd::SessKeyNegFinish, lan::handshakeHmac(m_config.localKey.reveal(), m_deviceNonce), true))
            return;
        m_sessionKey = lan::deriveSessionKey(m_config.version, m_config.localKey.reveal(), m_clientNonce, m_deviceNonce);
        if (lan::sessionKeyLooksUnkeyed(m_sessionKey))
            emitEvent(Severity::Warning, QStringLiteral("SESSION_KEY_ZERO_FIRST_BYTE"),
                      QStringLiteral("the session key starts with 00: some devices treat such a session as unkeyed"));
        emitEvent(Severity::Note, QStringLiteral("SESSION_KEY_NEGOTIATED"),
                  QStringLiteral("session key negotiated (protocol %1)").arg(lan::versionName(m_config.version)));
        m_current = Request();
        m_state = State::Ready;
        if (m_config.heartbeatIntervalMs > 0)
            m_heartbeat->start(m_config.heartbeatIntervalMs);
        emit ready();
        QMetaObject::invokeMethod(this, &LanClient::pump, Qt::QueuedConnection);
        return;
    }
    m_answered = true;

    if (info.retcode && *info.retcode != 0) {
        const QString text = QString::fromUtf8(info.body).trimmed();
        const bool controlCmd = info.cmd == lan::cmd::Control || info.cmd == lan::cmd::ControlNew;
        if (text.isEmpty() && controlCmd && m_current.kind == RequestKind::Set) {
            // TuyaOpen 3.5 answers a successful CONTROL with retcode 1 and an empty body.
            m_timer->stop();
            m_current = Request();
            emit setAcknowledged();
            QMetaObject::invokeMethod(this, &LanClient::pump, Qt::QueuedConnection);
            return;
        }
        handleDeviceError(text);
        return;
    }

    const QJsonObject dps = info.dps;
    const bool hasDps = !dps.isEmpty();
    if (hasDps)
        for (auto it = dps.begin(); it != dps.end(); ++it)
            m_dps.insert(it.key(), it.value());

    switch (info.cmd) {
    case lan::cmd::HeartBeat:
        if (m_current.kind == RequestKind::Heartbeat)
            completeRequest();
        emit heartbeatAnswered();
        return;
    case lan::cmd::DpQuery:
    case lan::cmd::DpQueryNew:
        if (m_current.kind == RequestKind::Query)
            completeRequest();
        emit statusReceived(dps);
        observeReport(dps);
        return;
    case lan::cmd::Control:
    case lan::cmd::ControlNew:
        if (m_current.kind == RequestKind::Query && m_device22) {
            if (hasDps) {
                completeRequest();
                emit statusReceived(dps);
                observeReport(dps);
            }
            return; // an empty acknowledgement: the DPs follow as a STATUS push
        }
        if (m_current.kind == RequestKind::Set) {
            completeRequest();
            emit setAcknowledged();
        }
        if (hasDps) {
            emit dpsReported(dps);
            observeReport(dps);
        }
        return;
    case lan::cmd::Status:
        if (m_current.kind == RequestKind::Query && m_device22 && hasDps) {
            completeRequest();
            emit statusReceived(dps);
            observeReport(dps);
            return;
        }
        if (hasDps) {
            emit dpsReported(dps);
            observeReport(dps);
        }
        return;
    default:
        emitEvent(Severity::Note, QStringLiteral("UNSOLICITED_FRAME"),
                  QStringLiteral("the device sent %1").arg(lan::LanCommandCatalogue::instance().label(info.cmd)));
        return;
    }
}

void LanClient::handleDeviceError(const QString& text)
{
    const bool canFallBack = m_config.version != lan::LanVersion::V31;
    if (m_current.kind == RequestKind::Query && !m_device22 && canFallBack && isDevice22Text(text)) {
        m_device22 = true;
        m_timer->stop();
        emitEvent(Severity::Warning, QStringLiteral("DEVICE22_FALLBACK"),
                  QStringLiteral("the device answered the query with \"%1\": asking again as CONTROL_NEW with dps %2 "
                                 "(device22 mode)")
                      .arg(text, m_config.device22DpIds.join(QLatin1Char(','))));
        startRequest(m_current);
        return;
    }
    const QString what = requestName(m_current.kind);
    if (m_current.kind != RequestKind::None) {
        m_timer->stop();
        m_current = Request();
    }
    fail(LanErrorCode::DeviceError,
         text.isEmpty() ? QStringLiteral("the device refused %1 (error code without text)").arg(what)
                        : QStringLiteral("the device answered %1 with the error \"%2\"").arg(what, text),
         false, text);
    QMetaObject::invokeMethod(this, &LanClient::pump, Qt::QueuedConnection);
}

void LanClient::completeRequest()
{
    m_timer->stop();
    m_current = Request();
    QMetaObject::invokeMethod(this, &LanClient::pump, Qt::QueuedConnection);
}

void LanClient::observeReport(const QJsonObject& dps)
{
    for (int i = 0; i < m_confirmations.size();) {
        if (m_confirmations[i].observe(dps)) {
            const QJsonObject written = m_confirmations[i].written();
            m_confirmations.removeAt(i);
            emit setConfirmed(written);
            continue;
        }
        ++i;
    }
}

void LanClient::pump()
{
    if (m_state != State::Ready || m_current.kind != RequestKind::None || m_queue.isEmpty())
        return;
    startRequest(m_queue.takeFirst());
}

void LanClient::startRequest(const Request& request)
{
    m_current = request;
    const bool newCommands = lan::usesSessionKey(m_config.version);
    const qint64 t = QDateTime::currentSecsSinceEpoch();
    bool sent = false;
    switch (request.kind) {
    case RequestKind::Query:
        if (m_device22) {
            DpList wanted;
            for (const QString& id : std::as_const(m_config.device22DpIds))
                wanted.push_back({id, QJsonValue(QJsonValue::Null)});
            sent = sendFrame(lan::cmd::ControlNew, controlBody(m_config.version, m_config.deviceId, wanted, t));
        } else {
            sent = sendFrame(newCommands ? lan::cmd::DpQueryNew : lan::cmd::DpQuery,
                             queryBody(m_config.version, m_config.deviceId, t));
        }
        break;
    case RequestKind::Set:
        sent = sendFrame(newCommands ? lan::cmd::ControlNew : lan::cmd::Control,
                         controlBody(m_config.version, m_config.deviceId, request.dps, t));
        if (sent)
            m_confirmations.push_back(LanSetConfirmation(request.dps));
        break;
    case RequestKind::Heartbeat:
        sent = sendFrame(lan::cmd::HeartBeat, heartbeatBody(m_config.deviceId));
        break;
    case RequestKind::Handshake:
    case RequestKind::None:
        m_current = Request();
        return;
    }
    if (sent)
        m_timer->start(m_config.requestTimeoutMs);
}

bool LanClient::sendFrame(quint32 cmd, const QByteArray& body, bool handshake)
{
    if (!m_socket)
        return false;
    lan::LanEncodeRequest q;
    q.version = m_config.version;
    q.sender = lan::LanSender::Client;
    q.transport = lan::LanTransport::Tcp;
    q.seq = ++m_seq;
    q.cmd = cmd;
    q.body = body;
    q.key = handshake ? m_config.localKey.reveal() : dataKey();
    const lan::LanEncodeResult built = lan::encodeLanFrame(q);
    if (!built.ok()) {
        fail(LanErrorCode::BadRequest,
             QStringLiteral("cannot build %1: %2").arg(lan::LanCommandCatalogue::instance().label(cmd), built.error), true);
        return false;
    }
    record(m_txChannel, built.frame);
    m_socket->write(built.frame);
    return true;
}

void LanClient::fail(LanErrorCode code, const QString& message, bool fatal, const QString& deviceText)
{
    LanClientError error;
    error.code = code;
    error.message = message;
    error.deviceText = deviceText;
    error.fatal = fatal;
    if (fatal) {
        m_timer->stop();
        m_heartbeat->stop();
        m_queue.clear();
        m_current = Request();
        const bool wasOpen = m_state != State::Idle && m_state != State::Closed;
        m_state = State::Closed;
        m_closing = true;
        if (m_socket)
            m_socket->abort();
        emit errorOccurred(error);
        if (wasOpen)
            emit disconnected();
        return;
    }
    emit errorOccurred(error);
}

void LanClient::emitEvent(Severity severity, const QString& code, const QString& message)
{
    emit event(AgentEvent::now(severity, code, message));
}

void LanClient::record(int channel, const QByteArray& bytes)
{
    if (m_capture && channel >= 0)
        m_capture->appendChunk(channel, nowUs(), bytes);
}

QByteArray LanClient::dataKey() const
{
    return lan::usesSessionKey(m_config.version) ? m_sessionKey : m_config.localKey.reveal();
}

QString LanClient::requestName(RequestKind kind) const
{
    const bool newCommands = lan::usesSessionKey(m_config.version);
    const auto& catalogue = lan::LanCommandCatalogue::instance();
    switch (kind) {
    case RequestKind::Handshake: return QStringLiteral("the session-key negotiation");
    case RequestKind::Query:
        return m_device22 ? QStringLiteral("the device22 query %1").arg(catalogue.label(lan::cmd::ControlNew))
                          : catalogue.label(newCommands ? lan::cmd::DpQueryNew : lan::cmd::DpQuery);
    case RequestKind::Set: return catalogue.label(newCommands ? lan::cmd::ControlNew : lan::cmd::Control);
    case RequestKind::Heartbeat: return catalogue.label(lan::cmd::HeartBeat);
    case RequestKind::None: break;
    }
    return QStringLiteral("the request");
}

} // namespace tuyascope::lanclient
