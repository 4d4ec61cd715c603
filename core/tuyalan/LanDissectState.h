#pragma once
// Internal to the LAN dissector: the frame being dissected, what was learned so far, and the
// steps (one file each) that add fields to it. Not part of the public API.

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanDissector.h"

namespace tuyascope::lan::detail {

constexpr int kFrameSource = 0;

class LanDissectState {
public:
    LanDissectState(QByteArrayView frameBytes, const LanContext& ctx, LanDissection& out);

    QByteArrayView frame;
    const LanContext& context;
    Dissection& d;
    LanFrameInfo& info;
    const LanCommandSpec* spec = nullptr;
    QVector<KeyCandidate> keys;       // filled once the version is known
    int plainSource = -1;             // Dissection source index of the plaintext, -1 until added
    int payloadField = -1;            // frame field holding the payload (parent of header/ciphertext)
    int plainField = -1;              // top-level field spanning the plaintext source

    // key is appended to "tuyalan.".
    int field(int parent, const QString& name, const QString& key, const QString& value, qsizetype offset,
              qsizetype length, int source = kFrameSource);
    void diag(Severity severity, const QString& code, const QString& message, int field = -1);
    void diagAt(Severity severity, const QString& code, const QString& message, qsizetype offset, qsizetype length,
                int source = kFrameSource);
    // Adds data source 1 (once) with a top-level field spanning it, and records the bytes in
    // info.plaintext. Returns the source index.
    int setPlaintext(const QString& name, const QByteArray& bytes);
    // Parent for a field in the given source: the payload field or the plaintext field.
    int parentFor(int source) const { return source == kFrameSource ? payloadField : plainField; }
    QString commandLabel() const;
};

QString hexText(QByteArrayView bytes, int maxBytes = 48);   // "00 01 ..." shortened with "…"
QString u32Text(quint32 value);                             // "0x0000000A (10)"

// Steps of the dissection, in the order the dissector calls them.
void addSuffixField(LanDissectState& s);                      // after the trailer, before the plaintext
// Reads a retcode at source/offset when the sender (or the guess) says there is one: field,
// info.retcode, diagnostics. bytes: from offset to the end of the region. True when present.
bool dissectRetcode(LanDissectState& s, int source, qsizetype offset, QByteArrayView bytes);
void dissectClassicFrame(LanDissectState& s);                 // 55AA: trailer, retcode, pipeline
void dissectGcmFrame(LanDissectState& s);                     // 6699: IV, tag, GCM, retcode
// 55AA payload pipelines over frame[offset, offset + length) (after the retcode).
void dissectV31Payload(LanDissectState& s, qsizetype offset, qsizetype length);  // clear or envelope
void dissectV33Payload(LanDissectState& s, qsizetype offset, qsizetype length);  // 3.2/3.3
void dissectV34Payload(LanDissectState& s, qsizetype offset, qsizetype length);
// The 15-byte block at source/offset: fields, info.header, version cross-check. Returns its field.
int dissectVersionHeader(LanDissectState& s, int source, qsizetype offset);
// The body (after retcode and header): handshake values, JSON members and DPs, error texts.
void dissectBody(LanDissectState& s, int source, qsizetype offset, qsizetype length);
// Client frames: does the 15-byte block (or 3.1 envelope) match the command's rule?
void checkHeaderRule(LanDissectState& s, bool headerPresent, bool envelopePresent);

} // namespace tuyascope::lan::detail
