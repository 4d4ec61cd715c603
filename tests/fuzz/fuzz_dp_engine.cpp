// libFuzzer target: the dp engine and role inference on arbitrary unit streams. Bytes become dp
// units (id, type, length, value, who sent it, time step); the engine must stay within its bounds
// and inference must give every dp a ranked list with confidences in 0..1, on which the mapping
// and every exporter run. A broken property aborts, so libFuzzer reports it like a crash.

#include "dpmap/DpEngine.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/MappingExport.h"
#include "dpmap/RoleInference.h"
#include "dpmap/DpLabels.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    dpmap::DpEngine engine;
    qint64 timeUs = 0;
    int item = 0;
    size_t i = 0;
    // Unit: id, type (low 3 bits; 6 and 7 are out of range on purpose), flags (bit 0 written,
    // bit 1 same frame as the previous unit, bits 2..7 time step in 50 ms), length, value.
    while (i + 4 <= size) {
        dpmap::DpObservation o;
        o.id = data[i];
        o.type = data[i + 1] & 0x07;
        const uint8_t flags = data[i + 2];
        const size_t length = std::min<size_t>(data[i + 3], size - i - 4);
        o.value = QByteArray(reinterpret_cast<const char*>(data + i + 4), qsizetype(length));
        i += 4 + length;
        if (!(flags & 0x02)) {
            ++item;
            timeUs += qint64(flags >> 2) * 50'000;
        }
        o.item = item;
        o.timeUs = timeUs;
        o.written = flags & 0x01;
        engine.add(o);
    }
    if (engine.writeEffects().size() > dpmap::DpEngine::kMaxWriteEffects)
        std::abort();
    for (const dpmap::DpProfile& p : engine.profiles()) {
        if (p.timeline.size() > dpmap::DpProfile::kMaxTimeline || p.distinctValues.size() > dpmap::DpProfile::kMaxDistinct)
            std::abort();
        if (p.writes + p.reports != p.count || (p.numeric && p.min > p.max))
            std::abort();
    }
    const dpmap::InferenceResult inferred = dpmap::inferRoles(engine);
    if (inferred.dps.size() != engine.profiles().size())
        std::abort();
    for (const dpmap::DpRoles& dp : inferred.dps) {
        double previous = 2;
        for (const dpmap::RoleHypothesis& h : dp.roles) {
            if (!(h.confidence >= 0 && h.confidence <= 1) || h.confidence > previous || h.reason.isEmpty()
                || !std::isfinite(h.scale))
                std::abort();
            previous = h.confidence;
        }
    }
    const DpMapping mapping = mappingForCapture(engine, DpLabels());
    for (const MappingExporter& exporter : mappingExporters())
        (void)exporter.write(mapping, ExportOptions());
    return 0;
}
