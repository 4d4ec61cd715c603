#pragma once
// Stable diagnostic codes the LAN session tracker adds on top of the per-frame codes of
// tuyalan/LanDiagnostics.h (reference 15). Codes never change; messages may.

#include <QString>

namespace tuyascope::lan::diag {

inline const QString WrongLocalKey = QStringLiteral("LAN_WRONG_LOCAL_KEY");             // handshake frame fails (padding/HMAC/tag) with the local key
inline const QString HandshakeNotCaptured = QStringLiteral("LAN_HANDSHAKE_NOT_CAPTURED"); // 3.4/3.5 data frame, no handshake in the flow
inline const QString WrongVersion = QStringLiteral("LAN_WRONG_VERSION");                 // the frames fit another version than the one assumed
inline const QString SeqNotIncreasing = QStringLiteral("LAN_SEQ_NOT_INCREASING");        // per direction, seq <= the previous one
inline const QString GcmIvReused = QStringLiteral("LAN_GCM_IV_REUSED");                  // same (key, IV) twice in a flow
inline const QString Device22Hint = QStringLiteral("LAN_DEVICE22_HINT");                 // "json obj data unvalid" / "data format error"
inline const QString StreamGap = QStringLiteral("LAN_STREAM_GAP");                       // bytes missing from the capture; decoder resynchronised
inline const QString SessionVersion = QStringLiteral("LAN_SESSION_VERSION");             // how the flow's version was decided (chat)

} // namespace tuyascope::lan::diag
