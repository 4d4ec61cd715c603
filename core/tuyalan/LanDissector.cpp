// Entry point of the LAN dissector: frame layout common to both kinds, then the 55AA or 6699
// step, then the summary. See LanDissector.h for the data-source convention.

#include "tuyalan/LanDissector.h"

#include "common/Hex.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanFrameLayout.h"

namespace tuyascope::lan {

using detail::LanDissectState;

QString integrityKindName(IntegrityKind kind)
{
    switch (kind) {
    case IntegrityKind::None: return QStringLiteral("none");
    case IntegrityKind::Crc32: return QStringLiteral("CRC32");
    case IntegrityKind::HmacSha256: return QStringLiteral("HMAC-SHA256");
    case IntegrityKind::GcmTag: return QStringLiteral("GCM tag");
    }
    return QString();
}

namespace {

void dissectNonFrame(LanDissectState& s)
{
    const int f = s.field(-1, QStringLiteral("Bytes"), QStringLiteral("bytes"), detail::hexText(s.frame),
                          0, s.frame.size());
    s.diag(Severity::Error, diag::Garbage,
           QStringLiteral("%1 byte(s) without a 000055AA or 00006699 prefix").arg(s.frame.size()), f);
    s.d.summary = QStringLiteral("Not a Tuya LAN frame");
}

// Version from the context, or what the frame kind alone proves.
void settleVersionByKind(LanDissectState& s, int versionField)
{
    const LanVersion given = s.context.version;
    LanVersion v = given;
    if (s.info.kind == LanFrameKind::Gcm6699 && given != LanVersion::V35) {
        if (given != LanVersion::Unknown)
            s.diag(Severity::Warning, diag::VersionMismatch,
                   QStringLiteral("a 6699 frame is protocol 3.5, the flow is believed to be %1").arg(versionName(given)),
                   versionField);
        v = LanVersion::V35;
        s.info.versionInferred = true;
    } else if (s.info.kind == LanFrameKind::Classic55AA && given == LanVersion::V35) {
        s.diag(Severity::Warning, diag::VersionMismatch,
               QStringLiteral("a 55AA frame in a flow believed to be 3.5 (3.5 uses 6699 frames)"), versionField);
        v = LanVersion::Unknown;
    }
    s.info.version = v;
}

void finishVersionField(LanDissectState& s, int versionField)
{
    QString text = versionName(s.info.version);
    if (s.info.versionInferred)
        text += QStringLiteral(" (inferred from the frame)");
    else if (s.info.version != LanVersion::Unknown)
        text += QStringLiteral(" (from the flow)");
    s.d.field(versionField).value = text;
    if (s.context.sender == LanSender::Unknown && s.info.sender != LanSender::Unknown) {
        const int senderField = s.d.findField(QStringLiteral("tuyalan.sender"));
        s.d.field(senderField).value = QStringLiteral("%1 (inferred: a retcode is present)").arg(senderName(s.info.sender));
    }
    if (s.info.versionInferred && s.context.version == LanVersion::Unknown && s.info.version != LanVersion::Unknown)
        s.diag(Severity::Chat, diag::VersionInferred,
               QStringLiteral("no version given; the frame reads as %1").arg(versionName(s.info.version)), versionField);
    if (s.spec && s.info.version != LanVersion::Unknown && !(s.spec->versions & versionBit(s.info.version)))
        s.diag(Severity::Note, diag::CommandNotInVersion,
               QStringLiteral("%1 is not used by protocol %2").arg(s.spec->name, versionName(s.info.version)),
               s.d.findField(QStringLiteral("tuyalan.cmd")));
}

QString summaryOf(const LanDissectState& s)
{
    QString text = QStringLiteral("%1 %2 seq %3").arg(versionName(s.info.version), s.commandLabel()).arg(s.info.seq);
    if (s.info.sender != LanSender::Unknown)
        text += QStringLiteral(" from %1").arg(senderName(s.info.sender));
    if (s.info.retcode)
        text += QStringLiteral(", retcode %1").arg(*s.info.retcode);
    if (!s.info.dps.isEmpty())
        text += QStringLiteral(", %1 dp(s)").arg(s.info.dps.size());
    else if (!s.info.body.isEmpty() && !s.info.bodyIsJson && s.info.decrypted)
        text += QStringLiteral(", %1 byte(s) body").arg(s.info.body.size());
    if (s.info.encrypted && !s.info.decrypted)
        text += QStringLiteral(" (encrypted)");
    return text;
}

void dissect(LanDissectState& s)
{
    s.d.addSource(QStringLiteral("frame"), s.frame.toByteArray());
    s.info.sender = s.context.sender;
    const QByteArrayView frame = s.frame;
    const quint32 prefix = frame.size() >= kPrefixSize ? readU32(frame, 0) : 0;
    if (prefix != kPrefix55AA && prefix != kPrefix6699) {
        dissectNonFrame(s);
        return;
    }
    const bool classic = prefix == kPrefix55AA;
    s.info.kind = classic ? LanFrameKind::Classic55AA : LanFrameKind::Gcm6699;
    s.field(-1, QStringLiteral("Prefix"), QStringLiteral("prefix"), classic ? QStringLiteral("000055AA") : QStringLiteral("00006699"),
            0, kPrefixSize);
    const int headerSize = classic ? kClassicHeaderSize : kGcmHeaderSize;
    if (frame.size() < headerSize) {
        s.diagAt(Severity::Error, diag::Truncated,
                 QStringLiteral("only %1 byte(s) of the %2-byte header").arg(frame.size()).arg(headerSize), 0, frame.size());
        s.d.summary = QStringLiteral("Incomplete LAN frame header");
        return;
    }
    s.info.isFrame = true;
    if (!classic) {
        const int f = s.field(-1, QStringLiteral("Reserved"), QStringLiteral("reserved"),
                              toHex(frame.sliced(kGcmReservedOffset, 2), true), kGcmReservedOffset, 2);
        if (frame[kGcmReservedOffset] != 0 || frame[kGcmReservedOffset + 1] != 0)
            s.diag(Severity::Note, diag::VersionNibble,
                   QStringLiteral("bytes 4-5 are not zero (TuyaOpen: version nibble); they are still part of the AAD"), f);
    }
    const int seqOffset = classic ? kClassicSeqOffset : kGcmSeqOffset;
    const int cmdOffset = classic ? kClassicCmdOffset : kGcmCmdOffset;
    const int lengthOffset = classic ? kClassicLengthOffset : kGcmLengthOffset;
    s.info.seq = readU32(frame, seqOffset);
    s.info.cmd = readU32(frame, cmdOffset);
    s.info.declaredLength = readU32(frame, lengthOffset);
    s.spec = LanCommandCatalogue::instance().find(s.info.cmd);
    s.field(-1, QStringLiteral("Sequence"), QStringLiteral("seq"), QString::number(s.info.seq), seqOffset, 4);
    const int cmdField = s.field(-1, QStringLiteral("Command"), QStringLiteral("cmd"), s.commandLabel(), cmdOffset, 4);
    if (!s.spec)
        s.diag(Severity::Note, diag::UnknownCommand,
               QStringLiteral("command 0x%1 is not in the LAN command table").arg(s.info.cmd, 2, 16, QLatin1Char('0')), cmdField);
    const int lengthField = s.field(-1, QStringLiteral("Length"), QStringLiteral("len"),
                                    QString::number(s.info.declaredLength), lengthOffset, 4);
    const int versionField = s.field(-1, QStringLiteral("Version"), QStringLiteral("version"), QString(), 0, 0);
    s.field(-1, QStringLiteral("Sender"), QStringLiteral("sender"),
            s.context.sender == LanSender::Unknown ? QStringLiteral("unknown") : senderName(s.context.sender), 0, 0);
    settleVersionByKind(s, versionField);

    const int minLength = classic ? kClassicMinLength : kGcmMinLength;
    if (s.info.declaredLength < minLength) {
        s.diag(Severity::Error, diag::ImplausibleLength,
               QStringLiteral("length %1 is below the minimum %2 of a %3 frame")
                   .arg(s.info.declaredLength).arg(minLength).arg(classic ? QStringLiteral("55AA") : QStringLiteral("6699")),
               lengthField);
        finishVersionField(s, versionField);
        s.d.summary = QStringLiteral("Corrupt LAN frame (length %1)").arg(s.info.declaredLength);
        return;
    }
    if (s.info.declaredLength > kLengthWarning)
        s.diag(Severity::Warning, diag::LengthLarge,
               QStringLiteral("length %1 exceeds 1440: tinytuya rejects such frames as corrupt").arg(s.info.declaredLength),
               lengthField);
    const qint64 total = classic ? classicFrameSize(quint32(s.info.declaredLength)) : gcmFrameSize(quint32(s.info.declaredLength));
    if (frame.size() < total) {
        s.diagAt(Severity::Error, diag::Truncated,
                 QStringLiteral("the length announces a %1-byte frame, %2 byte(s) are present").arg(total).arg(frame.size()),
                 0, frame.size());
        s.field(-1, QStringLiteral("Bytes present"), QStringLiteral("partial"), detail::hexText(frame.sliced(headerSize)),
                headerSize, frame.size() - headerSize);
        finishVersionField(s, versionField);
        s.d.summary = QStringLiteral("%1 (truncated)").arg(s.commandLabel());
        return;
    }
    s.info.complete = true;
    if (frame.size() > total) {
        const int f = s.field(-1, QStringLiteral("After the frame"), QStringLiteral("after"),
                              detail::hexText(frame.sliced(total)), total, frame.size() - total);
        s.diag(Severity::Warning, diag::Garbage, QStringLiteral("%1 byte(s) after the frame's end").arg(frame.size() - total), f);
        s.frame = frame.first(total);
    }
    if (classic)
        detail::dissectClassicFrame(s);
    else
        detail::dissectGcmFrame(s);
    finishVersionField(s, versionField);
    s.d.summary = summaryOf(s);
}

} // namespace

LanDissection dissectLanFrame(QByteArrayView frame, const LanContext& context)
{
    LanDissection out;
    LanDissectState state(frame, context, out);
    dissect(state);
    return out;
}

LanDissection dissectLanEvent(const LanStreamSplitter::Event& event, const LanContext& context)
{
    using Kind = LanStreamSplitter::EventKind;
    if (event.kind == Kind::Frame || event.kind == Kind::Truncated)
        return dissectLanFrame(event.bytes, context);
    LanDissection out;
    Dissection& d = out.dissection;
    d.addSource(QStringLiteral("frame"), event.bytes.toByteArray());
    const int f = d.addField(-1, QStringLiteral("Bytes"), QStringLiteral("tuyalan.bytes"), detail::hexText(event.bytes), 0,
                             int(event.bytes.size()));
    switch (event.kind) {
    case Kind::Garbage:
        d.addDiagnostic(Severity::Warning, diag::Garbage,
                        QStringLiteral("%1 byte(s) between frames belong to no frame").arg(event.bytes.size()), f);
        d.summary = QStringLiteral("%1 byte(s) of garbage").arg(event.bytes.size());
        break;
    case Kind::ImplausibleLength:
        d.addDiagnostic(Severity::Error, diag::ImplausibleLength,
                        QStringLiteral("a frame header announces length %1: out of bounds, resynchronising on the next prefix")
                            .arg(event.declaredLength), f);
        d.summary = QStringLiteral("Implausible LAN frame length");
        break;
    case Kind::BadSuffix:
        d.addDiagnostic(Severity::Error, diag::BadSuffix,
                        QStringLiteral("a frame header announces length %1 but no suffix follows there: resynchronising")
                            .arg(event.declaredLength), f);
        d.summary = QStringLiteral("LAN frame header without a matching suffix");
        break;
    case Kind::Frame:
    case Kind::Truncated:
        break;
    }
    return out;
}

} // namespace tuyascope::lan
