// The 15-byte version/source block and the header rule of reference 4.3.

#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanDissectState.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanVersionHeader.h"

namespace tuyascope::lan::detail {

int dissectVersionHeader(LanDissectState& s, int source, qsizetype offset)
{
    const QByteArray& bytes = s.d.sources().at(source).bytes;
    const QByteArrayView block = QByteArrayView(bytes).sliced(offset, kVersionHeaderSize);
    const VersionHeader h = parseVersionHeader(block);
    s.info.header = block.toByteArray();
    const QString tag = QString::fromLatin1(h.tag);
    const QString value = h.isSourceHeader()
                              ? QStringLiteral("\"%1\", crc %2, seq %3, source %4").arg(tag).arg(h.crc).arg(h.seq).arg(h.source)
                              : QStringLiteral("\"%1\" + 12 × 00").arg(tag);
    const int f = s.field(s.parentFor(source), h.isSourceHeader() ? QStringLiteral("Source header") : QStringLiteral("Version header"),
                          QStringLiteral("header"), value, offset, kVersionHeaderSize, source);
    s.field(f, QStringLiteral("Version"), QStringLiteral("header.version"), tag, offset, 3, source);
    s.field(f, QStringLiteral("CRC"), QStringLiteral("header.crc"), u32Text(h.crc), offset + 3, 4, source);
    s.field(f, QStringLiteral("Sequence"), QStringLiteral("header.seq"), u32Text(h.seq), offset + 7, 4, source);
    s.field(f, QStringLiteral("Source"), QStringLiteral("header.source"),
            h.source == 1 ? QStringLiteral("1 (device)") : u32Text(h.source), offset + 11, 4, source);

    const LanVersion v = s.info.version;
    if (h.version == LanVersion::Unknown) {
        s.diag(Severity::Warning, diag::VersionMismatch, QStringLiteral("the block names an unknown version \"%1\"").arg(tag), f);
    } else if (v != LanVersion::Unknown && h.version != v) {
        if (v == LanVersion::V32 && h.version == LanVersion::V33)
            s.diag(Severity::Note, diag::VersionMismatch, QStringLiteral("\"3.3\" header in a 3.2 flow (tuyapi writes 3.3 for 3.2)"), f);
        else
            s.diag(Severity::Warning, diag::VersionMismatch,
                   QStringLiteral("the block says %1, the frame is %2").arg(tag, versionName(v)), f);
    }
    return f;
}

void checkHeaderRule(LanDissectState& s, bool headerPresent, bool envelopePresent)
{
    if (s.context.sender != LanSender::Client || s.info.version == LanVersion::Unknown)
        return;
    const HeaderRule rule = LanCommandCatalogue::instance().headerRule(s.info.cmd, s.info.version, LanSender::Client);
    const bool v31 = s.info.version == LanVersion::V31;
    const bool expected = v31 ? rule == HeaderRule::Envelope31 : rule == HeaderRule::VersionHeader;
    const bool present = v31 ? envelopePresent : headerPresent;
    if (expected == present)
        return;
    const int f = s.d.findField(QStringLiteral("tuyalan.cmd"));
    const QString what = v31 ? QStringLiteral("the 3.1 envelope") : QStringLiteral("the 15-byte version header");
    if (expected) {
        s.diag(Severity::Warning, diag::VersionHeaderMissing,
               QStringLiteral("header rule violated: %1 %2 needs %3; the device will ignore or reject it")
                   .arg(versionName(s.info.version), s.commandLabel(), what), f);
    } else if (s.info.cmd == cmd::HeartBeat) {
        s.diag(Severity::Note, diag::VersionHeaderUnexpected,
               QStringLiteral("HEART_BEAT with a version header (tuyapi style; devices accept both)"), f);
    } else {
        s.diag(Severity::Warning, diag::VersionHeaderUnexpected,
               QStringLiteral("header rule violated: %1 %2 must not carry %3; the device will ignore or reject it")
                   .arg(versionName(s.info.version), s.commandLabel(), what), f);
    }
}

} // namespace tuyascope::lan::detail
