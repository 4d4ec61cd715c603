// The body after retcode, header and padding: handshake values (3/4/5), JSON with a field per
// member and per DP (offsets into the plaintext source), or an error text from the device.

#include "common/Hex.h"
#include "tuyalan/LanDeviceErrors.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanJsonSpans.h"
#include "tuyalan/LanSessionKey.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace tuyascope::lan::detail {

namespace {

constexpr int kMaxValueText = 120;

QString spanText(QByteArrayView text)
{
    QString s = QString::fromUtf8(text.first(qMin<qsizetype>(text.size(), kMaxValueText * 4)));
    if (s.size() > kMaxValueText)
        s = s.left(kMaxValueText) + QStringLiteral("…");
    return s;
}

bool isPrintable(QByteArrayView bytes)
{
    for (char c : bytes) {
        const auto u = quint8(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return false;
        if (u == 0x7F)
            return false;
    }
    return true;
}

QString nonceText(QByteArrayView nonce)
{
    const QString hex = toHex(nonce, true);
    return isPrintable(nonce) ? QStringLiteral("%1 (\"%2\")").arg(hex, QString::fromLatin1(nonce)) : hex;
}

class BodyFields {
public:
    BodyFields(LanDissectState& state, int source, qsizetype base)
        : s(state), m_source(source), m_base(base), m_text(s.d.sources().at(source).bytes)
    {
    }

    void members(int parent, const QVector<JsonMember>& list, const QString& path)
    {
        for (const JsonMember& m : list) {
            const QString key = path + m.name;
            const int f = s.field(parent, m.name, QStringLiteral("json.") + key, valueText(m), m_base + m.offset, m.length,
                                  m_source);
            if (m.kind != JsonKind::Object)
                continue;
            if (m.name == QLatin1String("dps"))
                dps(f, m.members);
            else
                members(f, m.members, key + QLatin1Char('.'));
        }
    }

private:
    QString valueText(const JsonMember& m) const
    {
        if (m.kind == JsonKind::Object)
            return QStringLiteral("{…} %1 member(s)").arg(m.members.size());
        return spanText(QByteArrayView(m_text).sliced(m_base + m.valueOffset, m.valueLength));
    }

    // The same keys as TuyaMCU DP units ("dp", "dp.id", "dp.value"), so one DP view serves both.
    void dps(int parent, const QVector<JsonMember>& list)
    {
        for (const JsonMember& m : list) {
            const QString value = valueText(m);
            const int unit = s.d.addField(parent, QStringLiteral("DP %1").arg(m.name), QStringLiteral("dp"),
                                          QStringLiteral("%1 = %2").arg(m.name, value), int(m_base + m.offset), int(m.length),
                                          m_source);
            s.d.addField(unit, QStringLiteral("dpId"), QStringLiteral("dp.id"), m.name, int(m_base + m.nameOffset),
                         int(m.nameLength), m_source);
            s.d.addField(unit, QStringLiteral("Value"), QStringLiteral("dp.value"), value, int(m_base + m.valueOffset),
                         int(m.valueLength), m_source);
        }
    }

    LanDissectState& s;
    int m_source;
    qsizetype m_base;
    const QByteArray& m_text;
};

void handshake(LanDissectState& s, int source, qsizetype offset, QByteArrayView body)
{
    const int parent = s.parentFor(source);
    const QByteArray& localKey = s.context.localKey;
    const auto check = [&](const QByteArray& nonce, QByteArrayView found, int field, const QString& failure) {
        if (nonce.size() != kNonceSize || localKey.isEmpty())
            return;
        const bool good = handshakeHmac(localKey, nonce) == found;
        s.field(field, QStringLiteral("Status"), QStringLiteral("handshake.hmac.status"), good ? QStringLiteral("good")
                                                                                             : QStringLiteral("bad"),
                s.d.fields().at(field).offset, found.size(), source);
        if (!good)
            s.diag(Severity::Error, diag::HandshakeBadHmac, failure, field);
    };
    switch (s.info.cmd) {
    case cmd::SessKeyNegStart:
        if (body.size() >= kNonceSize) {
            s.info.handshakeNonce = body.first(kNonceSize).toByteArray();
            s.field(parent, QStringLiteral("Client nonce"), QStringLiteral("handshake.client_nonce"),
                    nonceText(body.first(kNonceSize)), offset, kNonceSize, source);
        }
        break;
    case cmd::SessKeyNegResp:
        if (body.size() >= kNonceSize + 32) {
            s.info.handshakeNonce = body.first(kNonceSize).toByteArray();
            s.info.handshakeHmac = body.sliced(kNonceSize, 32).toByteArray();
            s.field(parent, QStringLiteral("Device nonce"), QStringLiteral("handshake.device_nonce"),
                    nonceText(body.first(kNonceSize)), offset, kNonceSize, source);
            const int f = s.field(parent, QStringLiteral("HMAC(local key, client nonce)"), QStringLiteral("handshake.hmac"),
                                  toHex(s.info.handshakeHmac), offset + kNonceSize, 32, source);
            check(s.context.clientNonce, s.info.handshakeHmac, f,
                  QStringLiteral("RESP does not carry HMAC(local key, client nonce): wrong local key (handshake; tinytuya error 914)"));
        }
        break;
    case cmd::SessKeyNegFinish:
        if (body.size() >= 32) {
            s.info.handshakeHmac = body.first(32).toByteArray();
            const int f = s.field(parent, QStringLiteral("HMAC(local key, device nonce)"), QStringLiteral("handshake.hmac"),
                                  toHex(s.info.handshakeHmac), offset, 32, source);
            check(s.context.deviceNonce, s.info.handshakeHmac, f,
                  QStringLiteral("FINISH does not carry HMAC(local key, device nonce): the client used a wrong key; "
                                 "the device will drop the session"));
            // FINISH switches both sides to the session key: the moment to warn about its first byte.
            const QByteArray sk = deriveSessionKey(s.info.version, localKey, s.context.clientNonce, s.context.deviceNonce);
            if (sessionKeyLooksUnkeyed(sk))
                s.diag(Severity::Warning, diag::SessionKeyZeroByte,
                       QStringLiteral("the session key starts with 0x00: TuyaOpen-based devices treat the session as "
                                      "unkeyed; expect failure and renegotiation"), f);
        }
        break;
    default:
        break;
    }
}

void checkJson(LanDissectState& s, int jsonField)
{
    const QJsonObject& json = s.info.json;
    if (s.context.captureTimeUs >= 0 && s.info.sender == LanSender::Client && json.contains(QLatin1String("t"))) {
        // Devices ignore commands whose "t" is further than about 10 s from their clock (@tuyapi/stub
        // checks exactly that); doubles keep absurd values from overflowing.
        const QJsonValue t = json.value(QLatin1String("t"));
        bool ok = t.isDouble();
        const double seconds = t.isString() ? t.toString().toDouble(&ok) : t.toDouble();
        const double skew = seconds - double(s.context.captureTimeUs) / 1e6;
        if (ok && std::isfinite(skew) && std::fabs(skew) > diag::kControlTimestampToleranceS)
            s.diag(Severity::Warning, diag::TimestampSkew,
                   QStringLiteral("\"t\" is %1 s away from the capture time: some devices ignore such commands")
                       .arg(skew, 0, 'f', 0),
                   jsonField);
    }
    if (json.value(QLatin1String("from")).toString() == QLatin1String("app"))
        s.diag(Severity::Note, diag::AppSolicitation,
               QStringLiteral("{\"from\":\"app\"}: another app's discovery solicitation"), jsonField);
}

} // namespace

void dissectBody(LanDissectState& s, int source, qsizetype offset, qsizetype length)
{
    const QByteArrayView body = QByteArrayView(s.d.sources().at(source).bytes).sliced(offset, qMax<qsizetype>(0, length));
    s.info.body = body.toByteArray();
    const int parent = s.parentFor(source);
    if (s.spec && s.spec->handshake) {
        handshake(s, source, offset, body);
        return;
    }
    const bool errorRetcode = s.info.retcode && *s.info.retcode != 0;
    if (body.isEmpty()) {
        s.field(parent, QStringLiteral("Body"), QStringLiteral("body"), QStringLiteral("(empty)"), offset, 0, source);
        if (errorRetcode && (s.info.cmd == cmd::Control || s.info.cmd == cmd::ControlNew))
            s.diagAt(Severity::Note, diag::ControlReplyQuirk,
                     QStringLiteral("retcode %1 with an empty body on a control reply: TuyaOpen 3.5 devices answer so even "
                                    "on success").arg(*s.info.retcode), offset, 0, source);
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(s.info.body, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        s.info.bodyIsJson = true;
        s.info.json = doc.object();
        const QJsonObject data = s.info.json.value(QLatin1String("data")).toObject();
        s.info.dps = s.info.json.contains(QLatin1String("dps")) ? s.info.json.value(QLatin1String("dps")).toObject()
                                                                 : data.value(QLatin1String("dps")).toObject();
        const int f = s.field(parent, QStringLiteral("JSON"), QStringLiteral("json"),
                              QStringLiteral("%1 member(s)").arg(s.info.json.size()), offset, length, source);
        QVector<JsonMember> members;
        if (locateJsonMembers(body, members))
            BodyFields(s, source, offset).members(f, members, QString());
        checkJson(s, f);
        return;
    }
    if (isPrintable(body)) {
        const int f = s.field(parent, QStringLiteral("Text"), QStringLiteral("text"),
                              QStringLiteral("\"%1\"").arg(spanText(body)), offset, length, source);
        const QString hint = deviceErrorHint(body);
        if (!hint.isEmpty())
            s.diag(Severity::Warning, diag::DeviceError,
                   QStringLiteral("device error \"%1\": %2").arg(QString::fromLatin1(body.trimmed()), hint), f);
        else if (errorRetcode)
            s.diag(Severity::Warning, diag::DeviceError,
                   QStringLiteral("device error (retcode %1): \"%2\"").arg(*s.info.retcode).arg(spanText(body)), f);
        else
            s.diag(Severity::Warning, diag::NotJson, QStringLiteral("the body is text but not JSON"), f);
        return;
    }
    const int f = s.field(parent, QStringLiteral("Bytes"), QStringLiteral("body.bytes"), hexText(body), offset, length, source);
    s.diag(s.info.paddingOk ? Severity::Warning : Severity::Note, diag::NotJson,
           s.info.paddingOk ? QStringLiteral("the body is neither JSON nor text")
                            : QStringLiteral("the body is neither JSON nor text (see the padding: likely a wrong key)"),
           f);
}

} // namespace tuyascope::lan::detail
