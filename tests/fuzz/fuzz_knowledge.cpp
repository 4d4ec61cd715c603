// libFuzzer target: the device knowledge base loader on arbitrary bytes, then device matching and
// role inference over whatever it loaded. Loading never throws away the process: it yields models
// or a KB_MISSING/KB_DAMAGED problem; every match scores within 0..1. A broken property aborts.

#include "dpmap/DpEngine.h"
#include "dpmap/ModelMatching.h"
#include "dpmap/RoleInference.h"
#include "knowledge/DeviceKnowledge.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <tuple>

using namespace tuyascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), int(size));
    const knowledge::DeviceKnowledge kb = knowledge::DeviceKnowledge::fromJson(json, QStringLiteral("fuzz"));
    if (!kb.isLoaded() && kb.problems().isEmpty())
        std::abort(); // an empty knowledge base must say why
    for (const knowledge::KnownModel& m : kb.models())
        for (const knowledge::KnownDp& dp : m.dps)
            if (dp.id == 0 || dp.type > 5 || !(dp.scale > 0))
                std::abort();

    // A small capture: a switch, a value and an enum, against the loaded models.
    dpmap::DpEngine engine;
    const QByteArray on(1, '\1'), value = QByteArray::fromHex("000000e6"), mode(1, '\2');
    int item = 0;
    for (const auto& [id, type, bytes] : {std::tuple<quint8, quint8, QByteArray>{1, 1, on}, {2, 2, value}, {4, 4, mode}}) {
        dpmap::DpObservation o;
        o.id = id;
        o.type = type;
        o.value = bytes;
        o.item = item++;
        engine.add(o);
    }
    for (const dpmap::ModelMatch& m : dpmap::matchModels(engine, kb, QStringLiteral("x"))) {
        if (!m.model || m.score < 0 || m.score > 1)
            std::abort();
    }
    dpmap::InferenceOptions options;
    options.knowledge = &kb;
    for (const dpmap::DpRoles& dp : dpmap::inferRoles(engine, options).dps)
        for (const dpmap::RoleHypothesis& h : dp.roles)
            if (h.confidence < 0 || h.confidence > 1)
                std::abort();
    return 0;
}
