#include "CaptureDps.h"

#include "KeySources.h"

#include "dptable/DpTracker.h"
#include "frames/CaptureFrames.h"
#include "tuyalan/session/LanCaptureAnalysis.h"

namespace tuyascope::cli {

std::optional<dpmap::DpEngine> captureDpEngine(const QCommandLineParser& parser, const mcu::McuSession& session,
                                               const Capture& capture, QTextStream& err)
{
    if (!lan::captureMayHoldLan(capture))
        return dpmap::DpEngine::fromSession(session);
    keys::KeyStore store;
    CaptureFramesOptions options;
    if (!loadKeys(parser, store, err) || !lanTcpPorts(parser, options.lan.tcpPorts, err))
        return std::nullopt;
    const CaptureFrames frames(capture, store, options);
    DpTracker tracker;
    for (int row = 0; row < frames.frameCount(); ++row) {
        const FrameFacts facts = frames.facts(row);
        tracker.add(row, facts.timeUs, facts.direction, frames.dissect(row));
    }
    return tracker.engine();
}

} // namespace tuyascope::cli
