#include "import/ImporterRegistry.h"

#include <algorithm>

namespace tuyascope {

const ImporterRegistry& ImporterRegistry::instance()
{
    static const ImporterRegistry registry = [] {
        ImporterRegistry r;
        using Registration = void (*)(ImporterRegistry&);
        const Registration registrations[] = {
            registerPcapngImporter,
            registerBinaryImporters,
            registerTextImporters,
        };
        for (Registration reg : registrations)
            reg(r);
        return r;
    }();
    return registry;
}

void ImporterRegistry::add(std::unique_ptr<CaptureImporter> importer)
{
    m_importers.push_back(std::move(importer));
}

std::vector<const CaptureImporter*> ImporterRegistry::importers() const
{
    std::vector<const CaptureImporter*> out;
    for (const auto& i : m_importers)
        out.push_back(i.get());
    return out;
}

const CaptureImporter* ImporterRegistry::find(const QString& id) const
{
    for (const auto& i : m_importers) {
        if (i->id() == id)
            return i.get();
    }
    return nullptr;
}

std::vector<ProbeResult> ImporterRegistry::rank(QByteArrayView head, const QString& fileName) const
{
    std::vector<ProbeResult> out;
    for (const auto& i : m_importers)
        out.push_back({i.get(), i->probe(head, fileName)});
    std::stable_sort(out.begin(), out.end(),
                     [](const ProbeResult& a, const ProbeResult& b) { return a.confidence > b.confidence; });
    return out;
}

ProbeResult ImporterRegistry::sniff(QByteArrayView head, const QString& fileName) const
{
    const auto ranked = rank(head, fileName);
    if (ranked.empty() || ranked.front().confidence <= 0)
        return {};
    return ranked.front();
}

} // namespace tuyascope
