#pragma once
// Role inference meets the mapping: what the user has not decided (no role yet) takes the best
// inferred hypothesis when it is confident enough, with its scale and unit.
#include "dpmap/DpMapping.h"
#include "dpmap/RoleInference.h"

namespace tuyascope {

constexpr double kMinConfidenceForMapping = 0.5;

// Returns how many dps got a role.
int applyInferredRoles(DpMapping& mapping, const dpmap::InferenceResult& inference,
                       double minConfidence = kMinConfidenceForMapping);

} // namespace tuyascope
