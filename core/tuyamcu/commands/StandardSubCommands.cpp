// Filled in by the command-table work (TuyaMCU reference sections 6.2, 7 and 8).

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/commands/CommonDecoders.h"

namespace tuyascope::mcu {

void registerStandardSubCommands(CommandCatalogue& c)
{
    Q_UNUSED(c);
}

} // namespace tuyascope::mcu
