#pragma once
// One TCP connection (or one LAN log) between an app and a device, decoded as a session: both
// directions are framed separately (LanStreamSplitter), every frame is dissected with what the
// flow has taught so far: the version, the 3.4/3.5 handshake (client and device nonces, both
// HMACs checked) and the session key derived from it. A new START resets the session; a gap in
// the capture resynchronises the framer of that direction.
//
// Diagnostics of the session (LanSessionDiagnostics.h) are attached to the frame's Dissection,
// next to the dissector's own. Keys are used, never copied into items or messages.

#include "tuyalan/LanDissector.h"
#include "tuyalan/LanStreamSplitter.h"

#include <QSet>
#include <QString>
#include <QVector>

#include <memory>

namespace tuyascope::lan {

// Where the version of a flow came from.
enum class VersionBasis : quint8 { None, KeyStore, Discovery, User, Frames };
QString versionBasisName(VersionBasis basis);   // "none", "key store", "discovery", "user", "frames"

// What happened to a frame's crypto layer, as one key for lists and JSON.
//   "plain", "decrypted", "crc-bad", "hmac-bad", "tag-failed", "bad-padding", "no-key",
//   "no-handshake", "undecrypted", "none" (not a frame)
QString cryptoStatusKey(const LanFrameInfo& info, bool handshakeMissing);

struct LanSessionOptions {
    QByteArray localKey;                        // 16 bytes, or empty
    LanVersion version = LanVersion::Unknown;   // known version (Unknown: inferred from the frames)
    VersionBasis versionBasis = VersionBasis::None;
};

struct LanSessionItem {
    LanSender sender = LanSender::Unknown;      // Client = app->device
    LanStreamSplitter::EventKind kind = LanStreamSplitter::EventKind::Frame;
    qint64 offset = 0;                          // offset in this direction's stream
    qint64 timeUs = 0;
    QByteArray bytes;
    LanDissection dissection;
    LanVersion version = LanVersion::Unknown;   // version the frame was dissected with
    QString crypto;                             // cryptoStatusKey()
    bool afterHandshake = false;                // a session key was in use for this frame
};

class LanSessionTracker {
public:
    explicit LanSessionTracker(const LanSessionOptions& options = {});
    ~LanSessionTracker();
    LanSessionTracker(const LanSessionTracker&) = delete;
    LanSessionTracker& operator=(const LanSessionTracker&) = delete;

    // Bytes of one direction, in stream order. timeUs: capture time (kUnknownTime allowed).
    QVector<LanSessionItem> feed(LanSender sender, QByteArrayView bytes, qint64 timeUs);
    // `length` bytes of that direction are missing: the pending frame is reported truncated and
    // the framer restarts after the gap.
    QVector<LanSessionItem> gap(LanSender sender, qint64 length, qint64 timeUs);
    QVector<LanSessionItem> finish();

    LanVersion version() const { return m_version; }
    VersionBasis versionBasis() const { return m_basis; }
    bool handshakeSeen() const { return m_handshakes > 0; }
    int handshakes() const { return m_handshakes; }
    bool hasSessionKey() const { return !m_sessionKey.isEmpty(); }
    // For tests and the key-trial of callers; never print it.
    const QByteArray& sessionKey() const { return m_sessionKey; }

private:
    struct Direction;
    struct Pending;
    Direction& dir(LanSender sender);
    void process(LanSender sender, QVector<Pending>& events, QVector<LanSessionItem>& out);
    LanSessionItem handleFrame(LanSender sender, const Pending& p);
    LanContext contextFor(LanSender sender, LanVersion version, qint64 timeUs) const;
    LanVersion inferVersion(QByteArrayView frame, LanSender sender, qint64 timeUs) const;

    LanSessionOptions m_options;
    LanVersion m_version = LanVersion::Unknown;
    VersionBasis m_basis = VersionBasis::None;
    QByteArray m_sessionKey;
    QByteArray m_clientNonce;
    QByteArray m_deviceNonce;
    int m_handshakes = 0;
    bool m_versionReported = false;
    bool m_wrongVersionReported = false;
    QSet<QByteArray> m_ivs;                     // key fingerprint + IV of 3.5 frames
    std::unique_ptr<Direction> m_client;
    std::unique_ptr<Direction> m_device;
};

} // namespace tuyascope::lan
