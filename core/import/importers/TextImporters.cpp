// Registration placeholder, replaced by the importer work.
#include "import/ImporterRegistry.h"

namespace tuyascope {

void registerTextImporters(ImporterRegistry& registry)
{
    Q_UNUSED(registry);
}

} // namespace tuyascope
