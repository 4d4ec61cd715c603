#pragma once
// Turns the device models a capture matched into evidence per dp: what the matching models call
// each dp, weighted by how well each matched (one model, strongly, when the product id named it).
//
// Every model that fits the capture at all votes, not just the best few: near-identical models
// (the same dp layout under another brand) are common in the knowledge base, so a dp that many
// similar models agree on is well known even when no single model matches completely. A model's
// vote counts by how close its score is to the best one and by how well that one dp fits it
// (type, value range, written or not); a model that has the dp but gives it no role abstains, and
// its weight only makes the others' vote less certain.
#include "dpmap/ModelMatching.h"
#include "dpmap/RoleBallot.h"

namespace tuyascope::dpmap {

struct KnowledgeRoleShare {
    QString role;
    double share = 0;    // of the voting weight that names a role
    double scale = 1;    // the role's most common scale and unit among its voters
    QString unit;
};

struct KnowledgeVote {
    quint8 dp = 0;
    QString role;        // the role most matching models give the dp ("" = none known)
    double share = 0;    // of the matching models' weight that name a role for the dp
    double certainty = 0; // 0..1: how much the vote is worth (weight behind it, abstentions, specificity)
    int models = 0;      // matching models that have the dp
    int agreeing = 0;    // ... that call it `role`
    double scale = 1;    // the winning role's most common scale and unit among them
    QString unit;
    QString name;        // the best voter's own name for the dp ("current_temperature")
    QVector<KnowledgeRoleShare> roles; // every role named, largest share first
};

// One vote per capture dp that any matching model has. `matches` ranked best first (all models
// that fit at all, not only the shown ones).
QVector<KnowledgeVote> knowledgeVotes(const QVector<ModelMatch>& matches, const DpEngine& engine);

// Adds a knowledge-base evidence for every role a vote names with a fair share.
void addKnowledgeEvidence(const QVector<ModelMatch>& matches, const DpEngine& engine, RoleBallot& ballot);
// The same from votes already counted.
void addKnowledgeEvidence(const QVector<KnowledgeVote>& votes, const QVector<ModelMatch>& matches, RoleBallot& ballot);

} // namespace tuyascope::dpmap
