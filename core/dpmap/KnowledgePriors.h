#pragma once
// Turns the device models a capture matched into evidence per dp: what the matching models call
// each dp, weighted by how well each matched (one model, strongly, when the product id named it).
#include "dpmap/ModelMatching.h"
#include "dpmap/RoleBallot.h"

namespace tuyascope::dpmap {

struct KnowledgeVote {
    quint8 dp = 0;
    QString role;        // the role most matching models give the dp ("" = none known)
    double share = 0;    // of the matching models' weight that have the dp
    int models = 0;      // matching models that have the dp
    double scale = 1;    // the winning role's most common scale and unit among them
    QString unit;
    QString name;        // the best match's own name for the dp ("current_temperature")
};

// One vote per capture dp that any matching model has. `matches` ranked best first.
QVector<KnowledgeVote> knowledgeVotes(const QVector<ModelMatch>& matches, const DpEngine& engine);

// Adds a knowledge-base evidence for every vote with a role.
void addKnowledgeEvidence(const QVector<ModelMatch>& matches, const DpEngine& engine, RoleBallot& ballot);

} // namespace tuyascope::dpmap
