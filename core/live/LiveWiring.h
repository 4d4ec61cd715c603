#pragma once
// Connects the pieces of a live session: which channels a link gets, and how what an agent
// writes ends up in the capture next to what it receives.

#include "capture/Direction.h"

#include <QString>

namespace tuyascope {

class LiveCapture;
class McuSimulator;
class ModuleHost;
class Transport;

// A channel for one UART line, named after its direction ("mcu-tx", "module-tx").
int addLineChannel(LiveCapture& live, Direction direction, const QString& source, quint32 baudRate,
                   const QString& description);

// Call these before the agent's start(), so each received chunk is recorded before it is answered.
// Host mode on `transport`: what the MCU sends is received, what the host writes is recorded
// (user commands flagged RecordTypedCommand, every frame annotated with why it was sent).
void recordHost(LiveCapture& live, ModuleHost& host, Transport& transport);
// Simulator on `transport`: what the module sends is received, what the simulator writes is recorded.
void recordSimulator(LiveCapture& live, McuSimulator& simulator, Transport& transport);

} // namespace tuyascope
