#include "live/LiveDecoder.h"

#include "tuyamcu/FamilyEvidence.h"
#include "tuyamcu/McuDissector.h"

namespace tuyascope {

using mcu::Family;

LiveDecoder::LiveDecoder(Family forced)
{
    if (forced != Family::Unknown) {
        m_forced = m_locked = true;
        m_family = forced;
        m_evidence = QStringLiteral("chosen by the user");
    }
}

void LiveDecoder::setFamily(Family family, const QString& evidence)
{
    if (m_forced || family == Family::Unknown)
        return;
    m_family = family;
    m_evidence = evidence;
    m_locked = true;
}

void LiveDecoder::observe(const LiveFrameEvent& event)
{
    if (m_locked || event.kind != LiveFrameEvent::Kind::Frame || !event.checksumOk)
        return;
    const mcu::FamilyVote vote = mcu::familyEvidence(event.bytes, event.direction);
    if (vote.family != Family::Standard && vote.family != Family::LowPower)
        return;
    if (vote.strong) {
        setFamily(vote.family, vote.reason);
        return;
    }
    ++m_votes[int(vote.family)];
    // Weak evidence decides only by a clear majority, and stays open to a strong vote.
    const Family leader = m_votes[int(Family::Standard)] >= m_votes[int(Family::LowPower)] ? Family::Standard : Family::LowPower;
    const int lead = qAbs(m_votes[int(Family::Standard)] - m_votes[int(Family::LowPower)]);
    if (lead >= 2) {
        m_family = leader;
        m_evidence = vote.reason;
    }
}

Dissection LiveDecoder::decode(const LiveFrameEvent& event)
{
    observe(event);
    mcu::FrameContext context;
    context.direction = event.direction;
    context.family = m_family;
    context.familyEvidence = m_evidence;
    if (event.kind != LiveFrameEvent::Kind::Frame) {
        Dissection d;
        const bool garbage = event.kind == LiveFrameEvent::Kind::Garbage;
        d.summary = garbage ? QStringLiteral("%1 garbage byte(s)").arg(event.bytes.size())
                            : QStringLiteral("incomplete frame (%1 byte(s))").arg(event.bytes.size());
        d.addDiagnostic(Severity::Warning, garbage ? diag::Garbage : diag::TruncatedAtEof,
                        garbage ? QStringLiteral("%1 byte(s) outside any frame").arg(event.bytes.size())
                                : QStringLiteral("the stream ended inside a frame"));
        return d;
    }
    return mcu::dissectFrame(event.bytes, context);
}

} // namespace tuyascope
