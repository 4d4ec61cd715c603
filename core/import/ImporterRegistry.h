#pragma once
// The table of importers. "Open" never asks for a format: every importer probes the content and
// the most confident one wins. Adding a format = adding a registration, never a switch.

#include "import/CaptureImporter.h"

#include <memory>
#include <vector>

namespace tuyascope {

struct ProbeResult {
    const CaptureImporter* importer = nullptr;
    int confidence = 0;
};

class ImporterRegistry {
public:
    static const ImporterRegistry& instance();

    void add(std::unique_ptr<CaptureImporter> importer);
    std::vector<const CaptureImporter*> importers() const;
    const CaptureImporter* find(const QString& id) const;
    // Highest-confidence importer for the content (ties: registration order).
    ProbeResult sniff(QByteArrayView head, const QString& fileName) const;
    // Every importer's confidence, best first (for "opened as X (confidence N)" messages).
    std::vector<ProbeResult> rank(QByteArrayView head, const QString& fileName) const;

    static constexpr int kProbeBytes = 64 * 1024;

private:
    std::vector<std::unique_ptr<CaptureImporter>> m_importers;
};

// Registration functions, one per family of formats (see importers/ and pcapng/).
void registerBinaryImporters(ImporterRegistry& registry);
void registerTextImporters(ImporterRegistry& registry);
void registerPcapngImporter(ImporterRegistry& registry);

} // namespace tuyascope
