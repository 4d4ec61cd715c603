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

// The mapping a capture suggests, for exports from the CLI and the window alike: every dp the
// engine saw with its type (a dp seen with several types stays unknown), the user's labels on
// top, the best confident hypothesis for dps the user left without a role, the observed range of
// a brightness dp that has none (Tasmota's DimmerRange), and the capture's product id. Dps the
// labels name but the capture never showed are kept: the user labelled them.
DpMapping mappingForCapture(const dpmap::DpEngine& engine, const DpLabels& labels);

// DpKind of a TuyaMCU type byte (Unknown for anything else).
keys::DpKind dpKindOfMcuType(quint8 type);

} // namespace tuyascope
