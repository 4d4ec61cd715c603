#pragma once
// JSON shapes shared by the CLI and (later) the GUI's exports. Keys are a public contract:
// see README "decode --format json".

#include "dpmap/DpEngine.h"
#include "live/LiveCapture.h"
#include "tuyamcu/McuSession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace tuyascope {

QJsonValue dpValueToJson(quint8 type, QByteArrayView value); // typed: bool, integer, string, hex
QString formatTime(qint64 timeUs);
QJsonArray diagnosticsToJson(const Dissection& dissection); // [{severity, code, message}], chat left out                             // ISO 8601 UTC with µs, "" when unknown
QJsonObject itemToJson(const mcu::McuSession& session, int index);
// A frame of a live link: the same keys as itemToJson (minus index and links), plus "type":"frame".
QJsonObject liveFrameToJson(const LiveFrameEvent& event, mcu::Family family, const QString& familyEvidence,
                            const Dissection& dissection, const QString& channelName);
QJsonObject dpProfileToJson(const dpmap::DpProfile& profile);

} // namespace tuyascope
