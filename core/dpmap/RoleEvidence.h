#pragma once
// One piece of evidence for (or against) a role of one dp, with where it came from, so the user
// can weigh it: a device model that matched, a physical law checked on the capture's values, how
// the dp behaved (written, echoed), or a heuristic on its value range.
#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

enum class EvidenceSource : quint8 {
    KnowledgeBase, // the shipped device descriptions: a model matched by product id or by signature
    Physics,       // a law checked on time-aligned values: V x I ~= P, energy never decreases, °C/°F
    Behaviour,     // who sent the dp and how it answered: written, echoed, changed after writes
    Heuristic,     // the value's type and range fit the role
    Category,      // a device category's dp map from the reference documents
};

QString evidenceSourceName(EvidenceSource source); // "knowledge base", "physics", ...
QString evidenceSourceKey(EvidenceSource source);  // "kb", "physics", ... (JSON)

struct RoleEvidence {
    EvidenceSource source = EvidenceSource::Heuristic;
    double weight = 0;   // 0..1 for, -1..0 against
    QString text;        // one line, checkable against the capture
};

// Several pieces of evidence for one role: independent supports combine (1 - Π(1 - w)), each
// contradiction takes its share off; never above 0.97 (nothing here is a certainty).
double combinedConfidence(const QVector<RoleEvidence>& evidence);

} // namespace tuyascope::dpmap
