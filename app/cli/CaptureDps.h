#pragma once
// The dp engine of the files a dp command read: straight from the TuyaMCU session, or, when the
// capture may hold Tuya LAN traffic, from every frame's field tree (decrypted with the keys the
// LAN options name) as the window builds it, so LAN dps are discovered too.
#include "capture/Capture.h"
#include "dpmap/DpEngine.h"
#include "tuyamcu/McuSession.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

namespace tuyascope::cli {

// nullopt after printing the problem (bad --key, --port or --devices).
std::optional<dpmap::DpEngine> captureDpEngine(const QCommandLineParser& parser, const mcu::McuSession& session,
                                               const Capture& capture, QTextStream& err);

} // namespace tuyascope::cli
