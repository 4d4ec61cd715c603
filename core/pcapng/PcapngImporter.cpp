// Registration placeholder, replaced by the importer work.
#include "import/ImporterRegistry.h"

namespace tuyascope {

void registerPcapngImporter(ImporterRegistry& registry)
{
    Q_UNUSED(registry);
}

} // namespace tuyascope
