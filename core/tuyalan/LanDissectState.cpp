#include "tuyalan/LanDissectState.h"

#include "common/Hex.h"
#include "tuyalan/LanDiagnostics.h"
#include "tuyalan/LanFrameLayout.h"
#include "tuyalan/LanRetcode.h"

namespace tuyascope::lan::detail {

LanDissectState::LanDissectState(QByteArrayView frameBytes, const LanContext& ctx, LanDissection& out)
    : frame(frameBytes), context(ctx), d(out.dissection), info(out.info)
{
}

int LanDissectState::field(int parent, const QString& name, const QString& key, const QString& value,
                           qsizetype offset, qsizetype length, int source)
{
    return d.addField(parent, name, QStringLiteral("tuyalan.") + key, value, int(offset), int(length), source);
}

void LanDissectState::diag(Severity severity, const QString& code, const QString& message, int field)
{
    d.addDiagnostic(severity, code, message, field);
}

void LanDissectState::diagAt(Severity severity, const QString& code, const QString& message, qsizetype offset,
                             qsizetype length, int source)
{
    d.addDiagnostic(severity, code, message, -1, int(offset), int(length), source);
}

int LanDissectState::setPlaintext(const QString& name, const QByteArray& bytes)
{
    if (plainSource < 0) {
        plainSource = d.addSource(name, bytes);
        plainField = d.addField(-1, name.left(1).toUpper() + name.mid(1), QStringLiteral("tuyalan.plaintext"),
                                QStringLiteral("%1 byte(s)").arg(bytes.size()), 0, int(bytes.size()), plainSource);
    }
    info.plaintext = bytes;
    return plainSource;
}

QString LanDissectState::commandLabel() const
{
    return LanCommandCatalogue::instance().label(info.cmd);
}

void addSuffixField(LanDissectState& s)
{
    const qsizetype at = s.frame.size() - kSuffixSize;
    const quint32 suffix = readU32(s.frame, at);
    const quint32 wanted = s.info.kind == LanFrameKind::Classic55AA ? kSuffix55AA : kSuffix6699;
    const int f = s.field(-1, QStringLiteral("Suffix"), QStringLiteral("suffix"),
                          QStringLiteral("%1").arg(suffix, 8, 16, QLatin1Char('0')).toUpper(), at, kSuffixSize);
    if (suffix != wanted)
        s.diag(Severity::Error, diag::BadSuffix,
               QStringLiteral("the length does not land on the suffix %1").arg(wanted, 8, 16, QLatin1Char('0')).toUpper(), f);
}

bool dissectRetcode(LanDissectState& s, int source, qsizetype offset, QByteArrayView bytes)
{
    const RetcodePresence rc = retcodePresence(s.context.sender, bytes);
    if (!rc.present) {
        if (rc.missingFromDevice)
            s.diagAt(Severity::Note, diag::RetcodeAbsent,
                     QStringLiteral("device frame without a retcode (a retcode-less peer such as @tuyapi/stub)"), offset, 0,
                     source);
        return false;
    }
    const quint32 value = readU32(bytes, 0);
    s.info.retcode = value;
    const int f = s.field(s.parentFor(source), QStringLiteral("Return code"), QStringLiteral("retcode"),
                          QStringLiteral("%1 (%2)").arg(value).arg(value == 0 ? QStringLiteral("ok") : QStringLiteral("error")),
                          offset, kRetcodeSize, source);
    if (rc.guessed) {
        s.diag(Severity::Chat, diag::RetcodeInferred,
               QStringLiteral("sender unknown: the first four bytes read as a retcode (tuyapi's rule)"), f);
        if (s.info.sender == LanSender::Unknown)
            s.info.sender = LanSender::Device;
    }
    return true;
}

QString hexText(QByteArrayView bytes, int maxBytes)
{
    if (bytes.size() <= maxBytes)
        return toHex(bytes, true);
    return toHex(bytes.first(maxBytes), true) + QStringLiteral(" … (%1 bytes)").arg(bytes.size());
}

QString u32Text(quint32 value)
{
    return QStringLiteral("0x%1 (%2)").arg(value, 8, 16, QLatin1Char('0')).arg(value);
}

} // namespace tuyascope::lan::detail
