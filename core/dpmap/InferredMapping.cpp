#include "dpmap/InferredMapping.h"

namespace tuyascope {

int applyInferredRoles(DpMapping& mapping, const dpmap::InferenceResult& inference, double minConfidence)
{
    int applied = 0;
    for (const dpmap::DpRoles& dp : inference.dps) {
        const dpmap::RoleHypothesis* best = dp.best();
        if (!best || best->confidence < minConfidence)
            continue;
        DpMapEntry& entry = mapping.entry(dp.id);
        if (!entry.role.isEmpty())
            continue; // the user's (or the sidecar's) decision stands
        entry.role = best->role;
        if (entry.scale == 1 && entry.unit.isEmpty()) {
            entry.scale = best->scale;
            entry.unit = best->unit;
        }
        ++applied;
    }
    return applied;
}

} // namespace tuyascope
