// Binary capture formats: raw UART bytes per direction, and the same behind an epoch prefix.
#include "import/ImporterRegistry.h"
#include "import/importers/EpochBinaryImporter.h"
#include "import/importers/RawBinaryImporter.h"

namespace tuyascope {

void registerBinaryImporters(ImporterRegistry& registry)
{
    registry.add(std::make_unique<importers::RawBinaryImporter>());
    registry.add(std::make_unique<importers::EpochBinaryImporter>());
}

} // namespace tuyascope
