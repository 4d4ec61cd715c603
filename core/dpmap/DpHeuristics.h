#pragma once
// What a dp's own values and sender suggest, dp by dp: its type and range fit a role (heuristic)
// and who wrote it and how it answered (behaviour). The weakest evidence of role inference; the
// knowledge base and the physics checks weigh more.
#include "dpmap/DpEngine.h"
#include "dpmap/EnergyLayouts.h"
#include "dpmap/RoleBallot.h"

namespace tuyascope::dpmap {

// Adds every heuristic and behaviour evidence for `p` to the ballot; raw dps also get their
// energy packs decoded into `packs`.
void addValueEvidence(const DpProfile& p, RoleBallot& ballot, QVector<EnergyPack>& packs);

// "reported 5..30", "only reported by the device", for reasons elsewhere.
QString rangeText(const DpProfile& p);
QString whoText(const DpProfile& p);
qint64 lastNonZero(const DpProfile& p);

} // namespace tuyascope::dpmap
