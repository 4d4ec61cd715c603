#pragma once
// Stable codes of the events (AgentEvent::code) a ModuleHost emits. Front ends filter on them,
// tests assert on them; the message text is for people and may change.

#include <QString>

namespace tuyascope::hostevent {

inline const QString InitComplete = QStringLiteral("INIT_COMPLETE");               // Running / LpReady reached
inline const QString McuRestarted = QStringLiteral("MCU_RESTARTED");               // heartbeat answer 00 after start-up
inline const QString HeartbeatTimeout = QStringLiteral("HEARTBEAT_TIMEOUT");       // no answer: back to probing
inline const QString HeartbeatsDisabled = QStringLiteral("HEARTBEATS_DISABLED");   // MCU sent 0x25
inline const QString FamilyDetected = QStringLiteral("FAMILY_DETECTED");           // auto mode settled
inline const QString ProductInfo = QStringLiteral("PRODUCT_INFO");                 // the MCU's 0x01 JSON
inline const QString Features = QStringLiteral("FEATURES");                        // 0x37/00 feature JSON
inline const QString WorkingMode = QStringLiteral("WORKING_MODE");                 // 0x02 answer (cooperative / GPIOs)
inline const QString InitStepTimeout = QStringLiteral("INIT_STEP_TIMEOUT");        // an init step went unanswered
inline const QString NoDpReport = QStringLiteral("NO_DP_REPORT");                  // 0x08 never answered; running anyway
inline const QString WifiResetRequest = QStringLiteral("WIFI_RESET_REQUEST");      // std 0x04, lp 0x03
inline const QString WifiModeResetRequest = QStringLiteral("WIFI_MODE_RESET_REQUEST"); // std 0x05, lp 0x04
inline const QString BadChecksum = QStringLiteral("BAD_CHECKSUM");                 // frame ignored
inline const QString UnansweredRequest = QStringLiteral("UNANSWERED_REQUEST");     // MCU command the host does not answer
inline const QString QueuedSend = QStringLiteral("QUEUED_SEND");                   // user command held back
inline const QString DpCacheSent = QStringLiteral("DP_CACHE_SENT");                // lp 0x10 answered with queued writes
inline const QString TransportError = QStringLiteral("TRANSPORT_ERROR");           // cannot open / write the link

} // namespace tuyascope::hostevent
