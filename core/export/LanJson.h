#pragma once
// JSON of decoded Tuya LAN items, in the style of McuJson's itemToJson (README "decode --format
// json"): index, kind, time, time_us, dir, channel, offset, cmd, cmd_name, summary, checksum,
// diagnostics, hex, dps, plus protocol "tuya-lan", version, seq, flow, crypto. dps entries are
// {id, type, value} with the JSON value as sent ("data.dps" lifted for 3.4/3.5 bodies).
// Local and session keys are never part of the output.

#include "capture/Capture.h"
#include "tuyalan/session/LanCaptureAnalysis.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tuyascope {

QJsonArray lanDpsToJson(const QJsonObject& dps);
QJsonObject lanItemToJson(const lan::LanCaptureAnalysis& analysis, int index, const Capture& capture);
QString lanKindKey(lan::LanStreamSplitter::EventKind kind);   // "frame", "garbage", "truncated", ...

} // namespace tuyascope
