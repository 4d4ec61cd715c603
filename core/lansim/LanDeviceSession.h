#pragma once
// One TCP connection of the simulated LAN device, without sockets: bytes from the client in,
// bytes to send back out. It plays a Tuya device's rules (reference sections 4-8 and 14):
//   * the version's payload pipeline, through the LAN codec (encodeLanFrame / dissectLanFrame);
//   * 3.4/3.5: session-key negotiation (random printable device nonce, HMAC checks, session key
//     derived); other frames before it are dropped, the connection closes after
//     allowNoKeyFrames of them; a START on a keyed session or a bad FINISH closes it;
//   * DP_QUERY / DP_QUERY_NEW -> every DP; CONTROL / CONTROL_NEW -> writes checked against the
//     profile, an empty ack, then a STATUS push of the written DPs (null values = a query);
//   * HEART_BEAT answered; UPDATEDPS re-reports the asked DPs;
//   * 3.1-3.4 echo the request seq; 3.5 numbers its frames from a random start and drops
//     incoming frames whose seq does not increase;
//   * optional: control timestamp window, device22 mode, strict header rule.
// Frames that fail integrity (CRC, HMAC, GCM tag) are ignored; a 3.1-3.3 CONTROL that does not
// decrypt is answered with retcode 1 "parse data error", bad JSON with "data format error".

#include "lansim/LanDpModel.h"
#include "dissect/AgentEvent.h"
#include "tuyalan/LanStreamSplitter.h"
#include "tuyalan/LanVersion.h"

#include <QByteArray>
#include <QJsonObject>
#include <QVector>

namespace tuyascope::lansim {

struct LanDeviceConfig {
    lan::LanVersion version = lan::LanVersion::V33;
    QString deviceId;
    QByteArray localKey;             // 16 bytes; never printed
    bool device22 = false;           // DP_QUERY -> retcode 1 "json obj data unvalid"
    int timestampToleranceS = 0;     // CONTROL "t" further from now is ignored; 0 = no check
    enum class SeqCheck : quint8 { Auto, Always, Never };
    SeqCheck seqCheck = SeqCheck::Auto; // Auto: 3.5 only (TuyaOpen), as real 3.3 devices do not check
    bool strictHeaderRule = true;    // 3.2+: CONTROL bodies without the 15-byte block are ignored
    int allowNoKeyFrames = 3;        // 3.4/3.5: data frames tolerated before the handshake
};

// Stable event codes (AgentEvent::code) of the LAN device simulator.
namespace event {
inline const QString Listening = QStringLiteral("LISTENING");
inline const QString ClientConnected = QStringLiteral("CLIENT_CONNECTED");
inline const QString ClientRefused = QStringLiteral("CLIENT_REFUSED");
inline const QString ClientDropped = QStringLiteral("CLIENT_DROPPED");
inline const QString ClientClosed = QStringLiteral("CLIENT_CLOSED");
inline const QString ClientTimeout = QStringLiteral("CLIENT_TIMEOUT");
inline const QString Negotiated = QStringLiteral("NEGOTIATED");
inline const QString HandshakeFailed = QStringLiteral("HANDSHAKE_FAILED");
inline const QString NotNegotiated = QStringLiteral("NOT_NEGOTIATED");
inline const QString BadIntegrity = QStringLiteral("BAD_INTEGRITY");
inline const QString BadFrame = QStringLiteral("BAD_FRAME");
inline const QString ParseError = QStringLiteral("PARSE_ERROR");
inline const QString SeqNotIncreasing = QStringLiteral("SEQ_NOT_INCREASING");
inline const QString StaleTimestamp = QStringLiteral("STALE_TIMESTAMP");
inline const QString HeaderRule = QStringLiteral("HEADER_RULE");
inline const QString QueryAnswered = QStringLiteral("QUERY_ANSWERED");
inline const QString Device22Refused = QStringLiteral("DEVICE22_REFUSED");
inline const QString WriteApplied = QStringLiteral("WRITE_APPLIED");
inline const QString WriteRejected = QStringLiteral("WRITE_REJECTED");
inline const QString HeartBeat = QStringLiteral("HEARTBEAT");
inline const QString Unsupported = QStringLiteral("UNSUPPORTED_COMMAND");
inline const QString DpReported = QStringLiteral("DP_REPORTED");
inline const QString SimulatorError = QStringLiteral("SIMULATOR_ERROR");
inline const QString Discovery = QStringLiteral("DISCOVERY_SENT");
inline const QString SolicitationAnswered = QStringLiteral("SOLICITATION_ANSWERED");
} // namespace event

class LanDeviceSession {
public:
    LanDeviceSession(const LanDeviceConfig& config, LanDpModel& model, const QString& peer = QString());

    // Bytes the client sent; returns the bytes to send back (zero or more frames).
    QByteArray feed(QByteArrayView bytes, qint64 nowUs);
    // A STATUS (0x08) push of `dps`; empty while a 3.4/3.5 session has no key (or dps is empty).
    QByteArray statusPush(const QJsonObject& dps, qint64 nowUs);

    bool keyed() const;                        // data frames accepted (3.1-3.3: always)
    bool shouldClose() const { return !m_closeReason.isEmpty(); }
    QString closeReason() const { return m_closeReason; }
    qint64 lastValidFrameUs() const { return m_lastValidUs; }
    QString peer() const { return m_peer; }

    QVector<AgentEvent> takeEvents();
    // DPs this session's writes changed since the last call (to push to the other clients).
    QJsonObject takeChanged();

private:
    class Collector;
    void handleFrame(const QByteArray& frame, qint64 nowUs, QByteArray& out);
    void handleControl(quint32 cmd, quint32 seq, const QJsonObject& json, const QJsonObject& dps, qint64 nowUs,
                       QByteArray& out);
    QByteArray encode(quint32 cmd, quint32 requestSeq, quint32 retcode, const QByteArray& body, bool handshake,
                      bool push);
    QByteArray queryBody(const QJsonObject& dps, qint64 nowUs) const;
    QByteArray pushBody(const QJsonObject& dps, qint64 nowUs) const;
    quint32 replySeq(quint32 requestSeq);
    quint32 pushSeq();
    void emitEvent(Severity severity, const QString& code, const QString& message);
    void close(const QString& reason);

    LanDeviceConfig m_config;
    LanDpModel& m_model;
    QString m_peer;
    lan::LanStreamSplitter m_splitter;
    QByteArray m_clientNonce;
    QByteArray m_deviceNonce;
    QByteArray m_sessionKey;
    bool m_awaitFinish = false;
    int m_noKeyFrames = 0;
    bool m_haveSeq = false;
    quint32 m_lastSeq = 0;
    quint32 m_outSeq = 0;
    qint64 m_lastValidUs = 0;
    QString m_closeReason;
    QVector<AgentEvent> m_events;
    QJsonObject m_changed;
};

} // namespace tuyascope::lansim
