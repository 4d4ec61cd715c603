#include "tuyalan/session/LanSessionTracker.h"

#include "capture/Capture.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanSessionKey.h"
#include "tuyalan/session/LanSessionDiagnostics.h"

#include <QtEndian>

#include <optional>

namespace tuyascope::lan {

QString versionBasisName(VersionBasis basis)
{
    switch (basis) {
    case VersionBasis::KeyStore:
        return QStringLiteral("key store");
    case VersionBasis::Discovery:
        return QStringLiteral("discovery");
    case VersionBasis::User:
        return QStringLiteral("user");
    case VersionBasis::Frames:
        return QStringLiteral("frames");
    case VersionBasis::None:
        break;
    }
    return QStringLiteral("none");
}

QString cryptoStatusKey(const LanFrameInfo& info, bool handshakeMissing)
{
    if (!info.isFrame)
        return QStringLiteral("none");
    if (handshakeMissing)
        return QStringLiteral("no-handshake");
    if (info.integrity == ChecksumStatus::Bad) {
        switch (info.integrityKind) {
        case IntegrityKind::HmacSha256:
            return QStringLiteral("hmac-bad");
        case IntegrityKind::GcmTag:
            return QStringLiteral("tag-failed");
        case IntegrityKind::Crc32:
            return QStringLiteral("crc-bad");
        case IntegrityKind::None:
            break;
        }
    }
    if (info.encrypted && !info.decrypted)
        return info.keyUsed == KeyRole::None && info.integrity != ChecksumStatus::Bad ? QStringLiteral("no-key")
                                                                                    : QStringLiteral("undecrypted");
    if (info.encrypted && !info.paddingOk)
        return QStringLiteral("bad-padding");
    if (info.decrypted)
        return QStringLiteral("decrypted");
    if ((info.integrityKind == IntegrityKind::HmacSha256 || info.integrityKind == IntegrityKind::GcmTag)
        && info.integrity != ChecksumStatus::Good)
        return QStringLiteral("no-key");
    return QStringLiteral("plain");
}

struct LanSessionTracker::Pending {
    LanStreamSplitter::EventKind kind = LanStreamSplitter::EventKind::Frame;
    qint64 offset = 0;
    qint64 timeUs = 0;
    QByteArray bytes;
    LanFrameKind frameKind = LanFrameKind::Classic55AA;
    qint64 declaredLength = -1;
};

namespace {

class Collector : public LanStreamSplitter::Sink {
public:
    explicit Collector(qint64 base) : m_base(base) {}
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        events.push_back({e.kind, m_base + e.offset, e.timeUs, e.bytes.toByteArray(), e.frameKind, e.declaredLength});
    }
    struct Ev {
        LanStreamSplitter::EventKind kind;
        qint64 offset;
        qint64 timeUs;
        QByteArray bytes;
        LanFrameKind frameKind;
        qint64 declaredLength;
    };
    QVector<Ev> events;

private:
    qint64 m_base;
};

bool integrityGood(const LanFrameInfo& info)
{
    if (info.integrity == ChecksumStatus::Bad)
        return false;
    return info.integrity == ChecksumStatus::Good || (info.decrypted && info.paddingOk);
}

bool isHandshake(quint32 command)
{
    return command == cmd::SessKeyNegStart || command == cmd::SessKeyNegResp || command == cmd::SessKeyNegFinish;
}

// 3.5: bytes [18, 30) of a 6699 frame.
QByteArray gcmIv(QByteArrayView frame)
{
    if (frame.size() < kGcmHeaderSize + crypto::kGcmIvSize)
        return {};
    return frame.sliced(kGcmHeaderSize, crypto::kGcmIvSize).toByteArray();
}

bool textIs(QByteArrayView body, const char* text)
{
    return body.trimmed() == QByteArrayView(text);
}

} // namespace

struct LanSessionTracker::Direction {
    LanStreamSplitter splitter;
    qint64 base = 0;         // stream offset where the current splitter started
    qint64 consumed = 0;     // bytes fed to the current splitter
    std::optional<quint32> lastSeq;
};

LanSessionTracker::LanSessionTracker(const LanSessionOptions& options)
    : m_options(options),
      m_version(options.version),
      m_basis(options.version == LanVersion::Unknown ? VersionBasis::None : options.versionBasis),
      m_client(std::make_unique<Direction>()),
      m_device(std::make_unique<Direction>())
{
    if (m_options.localKey.size() != crypto::kAesKeySize)
        m_options.localKey.clear();
}

LanSessionTracker::~LanSessionTracker() = default;

LanSessionTracker::Direction& LanSessionTracker::dir(LanSender sender)
{
    return sender == LanSender::Device ? *m_device : *m_client;
}

QVector<LanSessionItem> LanSessionTracker::feed(LanSender sender, QByteArrayView bytes, qint64 timeUs)
{
    Direction& d = dir(sender);
    Collector collector(d.base);
    d.splitter.feed(bytes, timeUs, collector);
    d.consumed += bytes.size();
    QVector<Pending> events;
    for (const auto& e : collector.events)
        events.push_back({e.kind, e.offset, e.timeUs, e.bytes, e.frameKind, e.declaredLength});
    QVector<LanSessionItem> out;
    process(sender, events, out);
    return out;
}

QVector<LanSessionItem> LanSessionTracker::gap(LanSender sender, qint64 length, qint64 timeUs)
{
    Direction& d = dir(sender);
    Collector collector(d.base);
    d.splitter.finish(collector);
    QVector<Pending> events;
    for (const auto& e : collector.events)
        events.push_back({e.kind, e.offset, e.timeUs, e.bytes, e.frameKind, e.declaredLength});
    QVector<LanSessionItem> out;
    process(sender, events, out);
    if (!out.isEmpty())
        out.last().dissection.dissection.addDiagnostic(
            Severity::Note, diag::StreamGap,
            QStringLiteral("%1 byte(s) of this direction are missing from the capture; decoding resumes at the next "
                           "frame prefix").arg(qMax<qint64>(0, length)));
    Q_UNUSED(timeUs);
    d.splitter.reset();
    d.base += d.consumed + qMax<qint64>(0, length);
    d.consumed = 0;
    return out;
}

QVector<LanSessionItem> LanSessionTracker::finish()
{
    QVector<LanSessionItem> out;
    for (LanSender sender : {LanSender::Client, LanSender::Device}) {
        Direction& d = dir(sender);
        Collector collector(d.base);
        d.splitter.finish(collector);
        QVector<Pending> events;
        for (const auto& e : collector.events)
            events.push_back({e.kind, e.offset, e.timeUs, e.bytes, e.frameKind, e.declaredLength});
        process(sender, events, out);
    }
    return out;
}

LanContext LanSessionTracker::contextFor(LanSender sender, LanVersion version, qint64 timeUs) const
{
    LanContext c;
    c.version = version;
    c.sender = sender;
    c.localKey = m_options.localKey;
    c.sessionKey = m_sessionKey;
    c.clientNonce = m_clientNonce;
    c.deviceNonce = m_deviceNonce;
    c.captureTimeUs = timeUs == kUnknownTime || timeUs < 0 ? -1 : timeUs;
    return c;
}

// Reference 11: 6699 = 3.5; HMAC with the local key = 3.4; else what the dissector infers
// (CRC + decrypt: 3.3/3.2, clear JSON or envelope: 3.1).
LanVersion LanSessionTracker::inferVersion(QByteArrayView frame, LanSender sender, qint64 timeUs) const
{
    if (frame.size() >= 4 && qFromBigEndian<quint32>(frame.data()) == kPrefix6699)
        return LanVersion::V35;
    const LanDissection v34 = dissectLanFrame(frame, contextFor(sender, LanVersion::V34, timeUs));
    if (v34.info.integrityKind == IntegrityKind::HmacSha256 && v34.info.integrity == ChecksumStatus::Good)
        return LanVersion::V34;
    if (frame.size() >= kClassicHeaderSize && isHandshake(qFromBigEndian<quint32>(frame.data() + kClassicCmdOffset)))
        return LanVersion::V34;
    const LanDissection guess = dissectLanFrame(frame, contextFor(sender, LanVersion::Unknown, timeUs));
    // Neither the CRC nor HMAC(local key) verifies: the CRC is keyless, so this is no 3.1-3.3
    // frame; a 3.4 data frame MAC'd with a session key we do not have (reference 15).
    if (guess.info.integrityKind == IntegrityKind::Crc32 && guess.info.integrity == ChecksumStatus::Bad)
        return frame.size() >= kClassicHeaderSize + kHmacSize + kSuffixSize ? LanVersion::V34 : LanVersion::Unknown;
    return guess.info.version;
}

void LanSessionTracker::process(LanSender sender, QVector<Pending>& events, QVector<LanSessionItem>& out)
{
    for (const Pending& p : events) {
        if (p.kind == LanStreamSplitter::EventKind::Frame) {
            out.push_back(handleFrame(sender, p));
            continue;
        }
        LanStreamSplitter::Event e;
        e.kind = p.kind;
        e.offset = p.offset;
        e.bytes = p.bytes;
        e.timeUs = p.timeUs;
        e.frameKind = p.frameKind;
        e.declaredLength = p.declaredLength;
        LanSessionItem item;
        item.sender = sender;
        item.kind = p.kind;
        item.offset = p.offset;
        item.timeUs = p.timeUs;
        item.bytes = p.bytes;
        item.version = m_version;
        item.dissection = dissectLanEvent(e, contextFor(sender, m_version, p.timeUs));
        item.crypto = cryptoStatusKey(item.dissection.info, false);
        out.push_back(std::move(item));
    }
}

LanSessionItem LanSessionTracker::handleFrame(LanSender sender, const Pending& p)
{
    LanSessionItem item;
    item.sender = sender;
    item.kind = p.kind;
    item.offset = p.offset;
    item.timeUs = p.timeUs;
    item.bytes = p.bytes;

    const bool is6699 = p.frameKind == LanFrameKind::Gcm6699;
    const int cmdOffset = is6699 ? kGcmCmdOffset : kClassicCmdOffset;
    const int seqOffset = is6699 ? kGcmSeqOffset : kClassicSeqOffset;
    const quint32 command = p.bytes.size() >= cmdOffset + 4 ? qFromBigEndian<quint32>(p.bytes.constData() + cmdOffset) : 0;

    // The version: known, or decided on the first frame that says something.
    bool versionJustInferred = false;
    if (m_version == LanVersion::Unknown) {
        const LanVersion v = inferVersion(p.bytes, sender, p.timeUs);
        if (v != LanVersion::Unknown) {
            m_version = v;
            m_basis = VersionBasis::Frames;
            versionJustInferred = true;
        }
    }

    // A START begins a new session on this flow.
    if (command == cmd::SessKeyNegStart && sender != LanSender::Device) {
        m_sessionKey.clear();
        m_clientNonce.clear();
        m_deviceNonce.clear();
        m_ivs.clear();
        ++m_handshakes;
    }
    const bool hadSessionKey = !m_sessionKey.isEmpty();
    LanDissection ld = dissectLanFrame(p.bytes, contextFor(sender, m_version, p.timeUs));

    // Wrong version assumed: the frame does not verify with the given version but does with the
    // one the frames themselves suggest.
    if (m_basis != VersionBasis::Frames && m_basis != VersionBasis::None && ld.info.isFrame && !integrityGood(ld.info)) {
        const LanVersion other = inferVersion(p.bytes, sender, p.timeUs);
        if (other != LanVersion::Unknown && other != m_version) {
            LanDissection retry = dissectLanFrame(p.bytes, contextFor(sender, other, p.timeUs));
            if (integrityGood(retry.info)) {
                const LanVersion assumed = m_version;
                ld = std::move(retry);
                m_version = other;
                m_basis = VersionBasis::Frames;
                ld.dissection.addDiagnostic(
                    Severity::Warning, diag::WrongVersion,
                    QStringLiteral("the flow was assumed to be %1 but its frames verify as %2 (wrong version configured?)")
                        .arg(versionName(assumed), versionName(other)));
                m_wrongVersionReported = true;
            }
        }
    } else if (!m_wrongVersionReported && m_basis != VersionBasis::Frames && m_basis != VersionBasis::None
               && ld.info.isFrame && ld.info.integrityKind == IntegrityKind::Crc32
               && ld.info.integrity == ChecksumStatus::Bad && !usesSessionKey(m_version)) {
        ld.dissection.addDiagnostic(Severity::Warning, diag::WrongVersion,
                                    QStringLiteral("CRC invalid while the flow is believed to be %1: wrong version "
                                                   "(3.4 device?)").arg(versionName(m_version)));
        m_wrongVersionReported = true;
    }
    // The dissector recognised another version in the bytes (e.g. 3.4 handshake frames on a flow
    // configured as 3.3) and they verify: the configured version is wrong.
    if (!m_wrongVersionReported && m_basis != VersionBasis::Frames && m_basis != VersionBasis::None && ld.info.isFrame
        && ld.info.version != LanVersion::Unknown && ld.info.version != m_version && integrityGood(ld.info)) {
        ld.dissection.addDiagnostic(
            Severity::Warning, diag::WrongVersion,
            QStringLiteral("the flow was assumed to be %1 but its frames are %2 (wrong version configured?)")
                .arg(versionName(m_version), versionName(ld.info.version)));
        m_version = ld.info.version;
        m_basis = VersionBasis::Frames;
        m_wrongVersionReported = true;
    }
    item.version = m_version;
    LanFrameInfo& info = ld.info;
    Dissection& d = ld.dissection;

    if (versionJustInferred || (!m_versionReported && m_basis != VersionBasis::None)) {
        d.addDiagnostic(Severity::Chat, diag::SessionVersion,
                        QStringLiteral("flow version %1 (from %2)").arg(versionName(m_version), versionBasisName(m_basis)));
        m_versionReported = true;
    }

    const bool sessionVersion = usesSessionKey(m_version);
    bool handshakeMissing = false;
    if (sessionVersion && isHandshake(command)) {
        const bool failed = !integrityGood(info) || !info.paddingOk || d.hasDiagnostic(diag::HandshakeBadHmac);
        if (failed && !m_options.localKey.isEmpty())
            d.addDiagnostic(Severity::Error, diag::WrongLocalKey,
                            command == cmd::SessKeyNegFinish && integrityGood(info)
                                ? QStringLiteral("FINISH does not prove the local key: the client used a wrong key")
                                : QStringLiteral("the handshake frame does not verify with the local key: wrong local key"));
        if (command == cmd::SessKeyNegStart && info.handshakeNonce.size() == kNonceSize)
            m_clientNonce = info.handshakeNonce;
        if (command == cmd::SessKeyNegResp && info.handshakeNonce.size() == kNonceSize) {
            m_deviceNonce = info.handshakeNonce;
            if (m_clientNonce.size() == kNonceSize && !m_options.localKey.isEmpty() && !failed)
                m_sessionKey = deriveSessionKey(m_version, m_options.localKey, m_clientNonce, m_deviceNonce);
        }
    } else if (sessionVersion && info.isFrame && !hadSessionKey && !integrityGood(info)) {
        handshakeMissing = m_handshakes == 0;
        if (handshakeMissing)
            d.addDiagnostic(Severity::Error, diag::HandshakeNotCaptured,
                            QStringLiteral("%1 data frame but no session-key handshake in this flow: the session key is "
                                           "unknown, the frame cannot be decrypted (capture from the connection start)")
                                .arg(versionName(m_version)));
    }
    // 3.1-3.3: the CRC is keyless, so a good CRC with a failing decrypt means a wrong local key.
    if (!sessionVersion && info.isFrame && info.integrityKind == IntegrityKind::Crc32
        && info.integrity == ChecksumStatus::Good && info.encrypted && !m_options.localKey.isEmpty()
        && (!info.decrypted || !info.paddingOk)) {
        d.addDiagnostic(Severity::Error, diag::WrongLocalKey,
                        QStringLiteral("CRC good but the payload does not decrypt with the local key (bad padding, "
                                       "\"bad decrypt\"): wrong local key"));
    }
    item.afterHandshake = hadSessionKey && !isHandshake(command);

    // Sequence numbers, per direction (device pushes with seq 0 are normal). Up to 3.4 a device
    // echoes the request's seq in its answers and numbers its pushes with its own counter, so only
    // the client's direction must increase; 3.5 devices keep one increasing counter of their own.
    const bool seqMustIncrease = sender != LanSender::Device || m_version == LanVersion::V35;
    if (seqMustIncrease && info.isFrame && p.bytes.size() >= seqOffset + 4) {
        const quint32 seq = qFromBigEndian<quint32>(p.bytes.constData() + seqOffset);
        Direction& dr = dir(sender);
        if (command == cmd::SessKeyNegStart && sender != LanSender::Device)
            dr.lastSeq.reset();
        if (seq != 0) {
            if (dr.lastSeq && seq <= *dr.lastSeq)
                d.addDiagnostic(sender == LanSender::Client ? Severity::Warning : Severity::Note, diag::SeqNotIncreasing,
                                QStringLiteral("seq %1 after %2 in the %3 direction%4")
                                    .arg(seq)
                                    .arg(*dr.lastSeq)
                                    .arg(senderName(sender))
                                    .arg(sender == LanSender::Client && m_version == LanVersion::V35
                                             ? QStringLiteral(": the device will drop this frame")
                                             : QString()));
            dr.lastSeq = seq;
        }
    }

    // GCM nonce reuse: the same key and IV twice.
    if (is6699 && info.isFrame) {
        const QByteArray iv = gcmIv(p.bytes);
        if (!iv.isEmpty()) {
            const QByteArray keyId = info.keyUsed == KeyRole::Session ? m_sessionKey
                                     : info.keyUsed == KeyRole::Local ? m_options.localKey
                                                                      : QByteArray(1, char(info.keyUsed));
            const QByteArray fingerprint = crypto::md5(keyId + iv);
            if (m_ivs.contains(fingerprint))
                d.addDiagnostic(Severity::Error, diag::GcmIvReused,
                                QStringLiteral("GCM nonce reuse: this %1 IV was already used with the same key in this flow")
                                    .arg(keyRoleName(info.keyUsed)));
            m_ivs.insert(fingerprint);
        }
    }

    // Device error texts that call for device22 mode or a payload fix.
    if (sender != LanSender::Client && (textIs(info.body, "json obj data unvalid") || textIs(info.body, "data format error")))
        d.addDiagnostic(Severity::Warning, diag::Device22Hint,
                        textIs(info.body, "json obj data unvalid")
                            ? QStringLiteral("device22-type device: query with CONTROL_NEW (0x0d) and null dps")
                            : QStringLiteral("JSON accepted by crypto but rejected by the device (device22 devices need "
                                             "CONTROL with null dps)"));

    item.crypto = cryptoStatusKey(info, handshakeMissing);
    item.dissection = std::move(ld);
    return item;
}

} // namespace tuyascope::lan
