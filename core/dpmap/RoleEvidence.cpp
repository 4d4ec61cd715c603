#include "dpmap/RoleEvidence.h"

#include <algorithm>

namespace tuyascope::dpmap {

QString evidenceSourceName(EvidenceSource source)
{
    switch (source) {
    case EvidenceSource::KnowledgeBase: return QStringLiteral("knowledge base");
    case EvidenceSource::Physics: return QStringLiteral("physics");
    case EvidenceSource::Behaviour: return QStringLiteral("behaviour");
    case EvidenceSource::Heuristic: return QStringLiteral("heuristic");
    case EvidenceSource::Category: return QStringLiteral("category map");
    }
    return QString();
}

QString evidenceSourceKey(EvidenceSource source)
{
    switch (source) {
    case EvidenceSource::KnowledgeBase: return QStringLiteral("kb");
    case EvidenceSource::Physics: return QStringLiteral("physics");
    case EvidenceSource::Behaviour: return QStringLiteral("behaviour");
    case EvidenceSource::Heuristic: return QStringLiteral("heuristic");
    case EvidenceSource::Category: return QStringLiteral("category");
    }
    return QString();
}

double combinedConfidence(const QVector<RoleEvidence>& evidence)
{
    double missing = 1; // probability mass no support has claimed
    double kept = 1;    // what contradictions leave
    for (const RoleEvidence& e : evidence) {
        if (e.weight > 0)
            missing *= 1 - std::min(e.weight, 0.97);
        else if (e.weight < 0)
            kept *= 1 + std::max(e.weight, -1.0);
    }
    return std::clamp((1 - missing) * kept, 0.0, 0.97);
}

} // namespace tuyascope::dpmap
