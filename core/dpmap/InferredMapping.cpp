#include "dpmap/InferredMapping.h"

#include "dpmap/DpTypeCodes.h"
#include "knowledge/DeviceKnowledge.h"

namespace tuyascope {

int applyInferredRoles(DpMapping& mapping, const dpmap::InferenceResult& inference, double minConfidence)
{
    int applied = 0;
    // A device model that matched well (ModelMatch::namesDps) names the dps it knows (also those without a role, such
    // as "temperature_calibration"), so exports carry its names; the user's names stand.
    const bool modelMatched = !inference.models.isEmpty() && inference.models.first().namesDps();
    for (const dpmap::DpRoles& dp : inference.dps) {
        const dpmap::RoleHypothesis* best = dp.best();
        const bool confident = best && best->confidence >= minConfidence;
        // The best match's own name, where it has the dp with this type.
        const knowledge::KnownDp* known = modelMatched ? inference.models.first().model->find(dp.id) : nullptr;
        if (known && dpmap::typeFits(known->type, dp.type) && !known->name.isEmpty()) {
            DpMapEntry& named = mapping.entry(dp.id);
            if (named.name.isEmpty())
                named.name = known->name;
            // ... and the labels of its enums, in the order the description lists them.
            if (named.enumLabels.isEmpty() && known->type == dpmap::kEnum && dp.type == dpmap::kEnum)
                named.enumLabels = known->enumLabels;
        }
        if (!confident)
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

keys::DpKind dpKindOfMcuType(quint8 type)
{
    switch (type) {
    case dpmap::kRaw: return keys::DpKind::Raw;
    case dpmap::kBool: return keys::DpKind::Bool;
    case dpmap::kValue: return keys::DpKind::Value;
    case dpmap::kString: return keys::DpKind::String;
    case dpmap::kEnum: return keys::DpKind::Enum;
    case dpmap::kBitmap: return keys::DpKind::Bitmap;
    default: return keys::DpKind::Unknown;
    }
}

DpMapping mappingForCapture(const dpmap::DpEngine& engine, const DpLabels& labels)
{
    DpMapping mapping = mappingFromLabels(labels);
    for (const dpmap::DpProfile& p : engine.profiles()) {
        DpMapEntry& e = mapping.entry(p.id);
        e.kind = p.typesSeen.size() > 1 ? keys::DpKind::Unknown : dpKindOfMcuType(p.type);
    }
    applyInferredRoles(mapping, dpmap::inferRoles(engine));
    for (DpMapEntry& e : mapping.dps) {
        const dpmap::DpProfile* p = engine.find(quint8(e.id));
        if (e.role == QLatin1String("brightness") && p && p->numeric && !e.min && !e.max) {
            e.min = p->min;
            e.max = p->max;
        }
    }
    if (mapping.productId.isEmpty())
        mapping.productId = engine.productId();
    return mapping;
}

} // namespace tuyascope
