#pragma once
// A Tuya LAN client for one device (reference sections 2-8, 10): TCP to host:port (6668), protocol
// 3.1-3.5, the 3.4/3.5 session-key handshake, status queries, DP writes, heartbeats and the
// device's STATUS pushes on the persistent connection. Falls back to device22 queries (CONTROL_NEW
// with the DP ids listed) when the device answers "json obj data unvalid" / "data format error".
//
// Problems are data (LanClientError: a stable code plus one line for people), never a number and
// never the key. Every byte sent and received is appended to a LiveCapture (channels
// "device host:port", app->device and device->app) so autosave and live printing work.

#include "capture/Direction.h"
#include "keys/LocalKey.h"
#include "lanclient/LanSetConfirmation.h"
#include "dissect/AgentEvent.h"
#include "tuyalan/LanContext.h"
#include "tuyalan/LanStreamSplitter.h"
#include "tuyalan/LanVersion.h"

#include <QAbstractSocket>
#include <QJsonObject>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

class QTcpSocket;
class QTimer;

namespace tuyascope {
class LiveCapture;
}

namespace tuyascope::lanclient {

enum class LanErrorCode : quint8 {
    Unreachable,        // no route / host not found / no answer to the connection attempt
    ConnectionRefused,  // nothing listens on the port
    WrongKeyOrVersion,  // the first answer fails HMAC, padding or tag; the handshake HMAC is wrong;
                        // or the device drops the connection on the first request
    Timeout,            // connected, but the device does not answer a request in time
    DeviceError,        // the device answered retcode 1 with an error text
    ConnectionClosed,   // the device closed the connection later on
    ProtocolError,      // an answer that cannot be used (bad integrity after the first answer, ...)
    BadRequest,         // the caller's request cannot be built (bad version, key length, ...)
};
QString lanErrorCodeName(LanErrorCode code);   // "UNREACHABLE", "CONNECTION_REFUSED", ...

struct LanClientError {
    LanErrorCode code = LanErrorCode::ProtocolError;
    QString message;       // one line for people; never contains key material
    QString deviceText;    // DeviceError: the device's error text
    bool fatal = false;    // the connection was closed because of it
    QString codeName() const { return lanErrorCodeName(code); }
};

struct LanClientConfig {
    QString host;
    quint16 port = 6668;
    QString deviceId;                 // gwId/devId/uid of the JSON templates
    keys::LocalKey localKey;
    lan::LanVersion version = lan::LanVersion::V33;
    int connectTimeoutMs = 5000;
    int requestTimeoutMs = 5000;
    int heartbeatIntervalMs = 0;      // 0 = no periodic heartbeat (monitor uses ~10 s)
    bool device22 = false;            // start in device22 mode (forced for 3.2)
    QStringList device22DpIds = {QStringLiteral("1")}; // DPs listed (as null) in a device22 query
};

class LanClient : public QObject {
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Negotiating, Ready, Closed };

    // capture may be null; channels are added to it on construction.
    LanClient(const LanClientConfig& config, LiveCapture* capture = nullptr, QObject* parent = nullptr);
    ~LanClient() override;

    void connectToDevice();
    void disconnectFromDevice();
    // Requests queue until the connection is ready; one request is outstanding at a time.
    void queryStatus();
    void setDps(const DpList& dps);
    void sendHeartbeat();

    State state() const { return m_state; }
    bool isDevice22() const { return m_device22; }
    QString channelName() const;
    int sendChannel() const { return m_txChannel; }
    int receiveChannel() const { return m_rxChannel; }
    // The dissector context of frames in `direction` (version, sender, keys and nonces known so far).
    lan::LanContext decodeContext(Direction direction) const;
    quint32 lastSentSeq() const { return m_seq; }
    QJsonObject lastDps() const { return m_dps; }

    // The JSON bodies this client sends (reference 7), exposed for tests and documentation.
    static QByteArray controlBody(lan::LanVersion version, const QString& deviceId, const DpList& dps, qint64 unixTime);
    static QByteArray queryBody(lan::LanVersion version, const QString& deviceId, qint64 unixTime);
    static QByteArray heartbeatBody(const QString& deviceId);

signals:
    void ready();                                 // connected (and negotiated for 3.4/3.5)
    void statusReceived(const QJsonObject& dps);  // answer to queryStatus()
    void dpsReported(const QJsonObject& dps);     // STATUS push, or DPs in a CONTROL answer
    void setAcknowledged();                       // the device answered the CONTROL of setDps()
    // A report (push, status reply, DPs in a CONTROL answer) after setDps() carried every written
    // DP with the value written; `dps` is what was written (see LanSetConfirmation).
    void setConfirmed(const QJsonObject& dps);
    void heartbeatAnswered();
    void errorOccurred(const tuyascope::lanclient::LanClientError& error);
    void event(const tuyascope::AgentEvent& event);
    void disconnected();

private:
    enum class RequestKind : quint8 { None, Handshake, Query, Set, Heartbeat };
    struct Request {
        RequestKind kind = RequestKind::None;
        DpList dps;
    };

    void onConnected();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTimeout();
    void handleFrame(const QByteArray& frame);
    void handleDeviceError(const QString& text);
    void completeRequest();
    void observeReport(const QJsonObject& dps);
    void pump();
    void startRequest(const Request& request);
    bool sendFrame(quint32 cmd, const QByteArray& body, bool handshake = false);
    void fail(LanErrorCode code, const QString& message, bool fatal, const QString& deviceText = QString());
    void emitEvent(Severity severity, const QString& code, const QString& message);
    void record(int channel, const QByteArray& bytes);
    QByteArray dataKey() const;
    QString requestName(RequestKind kind) const;

    LanClientConfig m_config;
    LiveCapture* m_capture = nullptr;
    int m_txChannel = -1;
    int m_rxChannel = -1;
    QTcpSocket* m_socket = nullptr;
    QTimer* m_timer = nullptr;          // connect / request timeout
    QTimer* m_heartbeat = nullptr;
    State m_state = State::Idle;
    lan::LanStreamSplitter m_splitter;
    quint32 m_seq = 0;
    QByteArray m_clientNonce;
    QByteArray m_deviceNonce;
    QByteArray m_sessionKey;
    bool m_device22 = false;
    bool m_answered = false;            // a device frame passed its integrity checks
    bool m_closing = false;
    Request m_current;
    QVector<Request> m_queue;
    QJsonObject m_dps;
    QVector<LanSetConfirmation> m_confirmations; // writes sent, not yet confirmed
};

} // namespace tuyascope::lanclient

Q_DECLARE_METATYPE(tuyascope::lanclient::LanClientError)
