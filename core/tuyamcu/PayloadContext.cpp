#include "tuyamcu/PayloadContext.h"

#include "common/Hex.h"
#include "tuyamcu/DpUnit.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace tuyascope::mcu {

PayloadContext::PayloadContext(Dissection& dissection, QByteArrayView frame, int payloadField, int payloadSize,
                               Direction direction, Family family)
    : m_d(dissection), m_frame(frame), m_payloadField(payloadField), m_size(payloadSize),
      m_direction(direction), m_family(family)
{
}

QByteArrayView PayloadContext::bytes(int rel, int len) const
{
    if (rel < 0 || rel >= m_size || len <= 0)
        return QByteArrayView();
    len = qMin(len, m_size - rel);
    return m_frame.sliced(6 + rel, len);
}

quint8 PayloadContext::u8(int rel) const
{
    if (rel < 0 || rel >= m_size)
        return 0;
    return quint8(m_frame[6 + rel]);
}

quint32 PayloadContext::uBE(int rel, int len) const
{
    quint32 v = 0;
    for (int i = 0; i < len; ++i)
        v = (v << 8) | u8(rel + i);
    return v;
}

bool PayloadContext::require(int needed, const QString& what)
{
    if (m_size >= needed)
        return true;
    m_d.addDiagnostic(Severity::Error, diag::ShortPayload,
                      QStringLiteral("%1 needs %2 payload bytes, the frame has %3").arg(what).arg(needed).arg(m_size),
                      m_payloadField);
    return false;
}

void PayloadContext::expectEnd(int rel)
{
    if (rel >= m_size)
        return;
    const int extra = m_size - rel;
    const int f = add(QStringLiteral("Unexpected bytes"), QStringLiteral("tuyamcu.trailing"),
                      toHex(bytes(rel, extra), true), rel, extra);
    m_d.addDiagnostic(Severity::Warning, diag::TrailingBytes,
                      QStringLiteral("%1 payload byte(s) beyond the documented layout").arg(extra), f);
}

int PayloadContext::add(const QString& name, const QString& key, const QString& value, int rel, int len, int parent)
{
    if (rel > m_size)
        rel = m_size;
    if (rel + len > m_size)
        len = m_size - rel;
    return m_d.addField(parentOr(parent), name, key, value, frameOffset(rel), qMax(0, len));
}

int PayloadContext::addU8(const QString& name, const QString& key, int rel, const ValueTable* labels, int parent)
{
    const quint8 v = u8(rel);
    QString text = QStringLiteral("%1 (%2)").arg(v).arg(hexByte(v));
    if (labels) {
        const QString label = labels->label(v);
        if (label.isEmpty()) {
            text += QStringLiteral(" unknown value");
        } else {
            text = QStringLiteral("%1 = %2").arg(hexByte(v), label);
        }
    }
    const int f = add(name, key, text, rel, 1, parent);
    if (labels && labels->label(v).isEmpty())
        note(Severity::Warning, diag::UnknownValue, QStringLiteral("%1: value %2 is not documented").arg(name, hexByte(v)), f);
    return f;
}

int PayloadContext::addInt(const QString& name, const QString& key, int rel, int len, bool isSigned,
                           const QString& unit, int parent)
{
    const quint32 u = uBE(rel, len);
    qint64 v = qint64(u);
    if (isSigned && len > 0 && len <= 4) {
        const int bits = len * 8;
        const quint64 sign = quint64(1) << (bits - 1);
        v = qint64((quint64(u) ^ sign) - sign);
    }
    QString text = QString::number(v);
    if (!unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return add(name, key, text, rel, len, parent);
}

int PayloadContext::addHex(const QString& name, const QString& key, int rel, int len, int parent)
{
    return add(name, key, toHex(bytes(rel, len), true), rel, len, parent);
}

int PayloadContext::addText(const QString& name, const QString& key, int rel, int len, int parent)
{
    const QByteArrayView b = bytes(rel, len);
    return add(name, key, QString::fromUtf8(b.data(), b.size()), rel, len, parent);
}

int PayloadContext::addJson(const QString& name, const QString& key, int rel, int len, int parent)
{
    const QByteArrayView b = bytes(rel, len);
    const int f = add(name, key, QString::fromUtf8(b.data(), b.size()), rel, len, parent);
    QJsonParseError error{};
    QJsonDocument::fromJson(b.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        note(Severity::Warning, diag::InvalidJson,
             QStringLiteral("%1 is not valid JSON (%2 at byte %3)").arg(name, error.errorString()).arg(error.offset), f);
    return f;
}

int PayloadContext::addDateTime(const QString& name, const QString& key, int rel, bool withWeekday, int parent)
{
    const int len = withWeekday ? 8 : 7;
    const quint8 flag = u8(rel);
    QString text = QStringLiteral("20%1-%2-%3 %4:%5:%6")
                       .arg(u8(rel + 1), 2, 10, QLatin1Char('0'))
                       .arg(u8(rel + 2), 2, 10, QLatin1Char('0'))
                       .arg(u8(rel + 3), 2, 10, QLatin1Char('0'))
                       .arg(u8(rel + 4), 2, 10, QLatin1Char('0'))
                       .arg(u8(rel + 5), 2, 10, QLatin1Char('0'))
                       .arg(u8(rel + 6), 2, 10, QLatin1Char('0'));
    static const char* const kDays[] = {"?", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    if (withWeekday) {
        const quint8 wd = u8(rel + 7);
        text += QStringLiteral(" %1").arg(QString::fromLatin1(wd <= 7 ? kDays[wd] : "weekday?"));
    }
    if (flag == 0)
        text = QStringLiteral("time not valid (flag 0) ") + text;
    const int f = add(name, key, text, rel, len, parent);
    add(QStringLiteral("Valid flag"), key + QStringLiteral(".valid"),
        flag == 1 ? QStringLiteral("1 = valid") : QStringLiteral("%1 = not valid").arg(flag), rel, 1, f);
    add(QStringLiteral("Year"), key + QStringLiteral(".year"), QString::number(2000 + u8(rel + 1)), rel + 1, 1, f);
    add(QStringLiteral("Month"), key + QStringLiteral(".month"), QString::number(u8(rel + 2)), rel + 2, 1, f);
    add(QStringLiteral("Day"), key + QStringLiteral(".day"), QString::number(u8(rel + 3)), rel + 3, 1, f);
    add(QStringLiteral("Hour"), key + QStringLiteral(".hour"), QString::number(u8(rel + 4)), rel + 4, 1, f);
    add(QStringLiteral("Minute"), key + QStringLiteral(".minute"), QString::number(u8(rel + 5)), rel + 5, 1, f);
    add(QStringLiteral("Second"), key + QStringLiteral(".second"), QString::number(u8(rel + 6)), rel + 6, 1, f);
    if (withWeekday)
        add(QStringLiteral("Weekday"), key + QStringLiteral(".weekday"),
            QStringLiteral("%1 (1 = Monday)").arg(u8(rel + 7)), rel + 7, 1, f);
    return f;
}

void PayloadContext::addDpUnits(int rel, int parent)
{
    const int base = 6; // payload start in the frame
    const DpParseResult r = parseDpUnits(m_frame, base + rel, base + m_size);
    QStringList summaryParts;
    for (const DpUnit& u : r.units) {
        const QByteArrayView value = m_frame.sliced(u.valueOffset(), u.length);
        const QString valueText = dpValueText(u.type, value);
        const QString title = QStringLiteral("dp%1 %2=%3").arg(u.id).arg(dpTypeName(u.type), valueText);
        summaryParts << title;
        const int unit = m_d.addField(parentOr(parent), QStringLiteral("DP %1").arg(u.id), QStringLiteral("dp"),
                                      title, u.offset, kDpHeaderSize + u.length);
        m_d.addField(unit, QStringLiteral("dpId"), QStringLiteral("dp.id"), QString::number(u.id), u.offset, 1);
        m_d.addField(unit, QStringLiteral("Type"), QStringLiteral("dp.type"),
                     QStringLiteral("%1 (%2)").arg(dpTypeName(u.type), hexByte(u.type)), u.offset + 1, 1);
        m_d.addField(unit, QStringLiteral("Length"), QStringLiteral("dp.len"), QString::number(u.length), u.offset + 2, 2);
        const int valueField = m_d.addField(unit, QStringLiteral("Value"), QStringLiteral("dp.value"), valueText,
                                            u.valueOffset(), u.length);
        if (!isKnownDpType(u.type)) {
            m_d.addDiagnostic(Severity::Error, diag::DpUnknownType,
                              QStringLiteral("dp%1 has type %2; DP types are 0x00..0x05").arg(u.id).arg(hexByte(u.type)),
                              unit);
        } else if (!dpLengthFitsType(u.type, u.length)) {
            m_d.addDiagnostic(Severity::Warning, diag::DpTypeLengthMismatch,
                              QStringLiteral("dp%1 is a %2 DP with %3 value byte(s); shown as big-endian bytes")
                                  .arg(u.id).arg(dpTypeName(u.type)).arg(u.length),
                              valueField);
        }
    }
    if (r.problem == DpParseResult::Problem::Overrun) {
        const int f = m_d.addField(parentOr(parent), QStringLiteral("Broken DP unit"), QStringLiteral("dp.broken"),
                                   QStringLiteral("dp%1 declares %2 value bytes, %3 remain")
                                       .arg(quint8(m_frame[r.problemOffset])).arg(r.declaredLength).arg(r.remaining),
                                   r.problemOffset, base + m_size - r.problemOffset);
        m_d.addDiagnostic(Severity::Error, diag::DpOverrun,
                          QStringLiteral("dp%1 declares %2 value bytes but only %3 remain in the payload")
                              .arg(quint8(m_frame[r.problemOffset])).arg(r.declaredLength).arg(r.remaining),
                          f);
        summaryParts << QStringLiteral("(overrun)");
    } else if (r.problem == DpParseResult::Problem::TrailingBytes) {
        const int f = m_d.addField(parentOr(parent), QStringLiteral("Stray bytes"), QStringLiteral("dp.trailing"),
                                   toHex(m_frame.sliced(r.problemOffset, r.remaining), true), r.problemOffset,
                                   r.remaining);
        m_d.addDiagnostic(Severity::Error, diag::DpTrailingBytes,
                          QStringLiteral("%1 byte(s) after the last DP unit; a DP header needs 4").arg(r.remaining), f);
    }
    if (!summaryParts.isEmpty())
        appendSummary(summaryParts.join(QStringLiteral(", ")));
}

void PayloadContext::note(Severity severity, const QString& code, const QString& message, int field)
{
    m_d.addDiagnostic(severity, code, message, field < 0 ? m_payloadField : field);
}

void PayloadContext::appendSummary(const QString& text)
{
    if (text.isEmpty())
        return;
    if (m_d.summary.isEmpty())
        m_d.summary = text;
    else if (m_d.summary.contains(QStringLiteral(": ")))
        m_d.summary += QStringLiteral("; ") + text;
    else
        m_d.summary += QStringLiteral(": ") + text;
}

} // namespace tuyascope::mcu
