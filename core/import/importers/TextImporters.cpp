// Text capture and log formats, most specific first (capture-formats.md section 15). The order
// only breaks ties; probes decide.
#include "import/ImporterRegistry.h"
#include "import/importers/AnalyzerTextImporter.h"
#include "import/importers/HexTextImporter.h"
#include "import/importers/InlineAsciiImporter.h"
#include "import/importers/LanLogImporter.h"
#include "import/importers/OpenBekenLogImporter.h"
#include "import/importers/SniffUartImporter.h"
#include "import/importers/TasmotaLogImporter.h"

namespace tuyascope {

void registerTextImporters(ImporterRegistry& registry)
{
    registry.add(std::make_unique<importers::LanLogImporter>());
    registry.add(std::make_unique<importers::SniffUartImporter>());
    registry.add(std::make_unique<importers::TasmotaLogImporter>());
    registry.add(std::make_unique<importers::OpenBekenLogImporter>());
    registry.add(std::make_unique<importers::AnalyzerTextImporter>());
    registry.add(std::make_unique<importers::InlineAsciiImporter>());
    registry.add(std::make_unique<importers::HexTextImporter>());
}

} // namespace tuyascope
