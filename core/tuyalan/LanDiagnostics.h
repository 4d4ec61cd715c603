#pragma once
// Stable diagnostic codes of the LAN codec (reference section 15). Filters, tests and
// documentation use these spellings; messages may change, codes may not.

#include <QString>

namespace tuyascope::lan::diag {

// Framing (stream splitter and frame layout)
inline const QString Garbage = QStringLiteral("LAN_GARBAGE");                 // bytes that belong to no frame
inline const QString Truncated = QStringLiteral("LAN_TRUNCATED");             // frame cut off (end of stream/buffer)
inline const QString ImplausibleLength = QStringLiteral("LAN_IMPLAUSIBLE_LENGTH"); // below the minimum or above the hard limit
inline const QString BadSuffix = QStringLiteral("LAN_BAD_SUFFIX");            // length does not land on the suffix
inline const QString LengthLarge = QStringLiteral("LAN_LENGTH_LARGE");        // > 1440, tinytuya rejects it
inline const QString VersionNibble = QStringLiteral("LAN_VERSION_NIBBLE");    // 6699 byte 4/5 non-zero (still AAD)

// Integrity
inline const QString BadCrc = QStringLiteral("LAN_BAD_CRC");
inline const QString BadHmac = QStringLiteral("LAN_BAD_HMAC");
inline const QString GcmTagFailed = QStringLiteral("LAN_GCM_TAG_FAILED");
inline const QString NoKey = QStringLiteral("LAN_NO_KEY");                    // encrypted or MAC'd, no key given
inline const QString KeyFallback = QStringLiteral("LAN_KEY_FALLBACK");        // verified with another key than expected

// Payload pipeline
inline const QString BadPadding = QStringLiteral("LAN_BAD_PADDING");          // PKCS#7 fails: likely wrong key
inline const QString CiphertextLength = QStringLiteral("LAN_CIPHERTEXT_LENGTH"); // ECB input not whole blocks
inline const QString BadSignature = QStringLiteral("LAN_BAD_SIGNATURE");      // 3.1 md5 envelope signature
inline const QString BadEnvelope = QStringLiteral("LAN_BAD_ENVELOPE");        // 3.1 envelope not base64
inline const QString VersionHeaderMissing = QStringLiteral("LAN_VERSION_HEADER_MISSING");
inline const QString VersionHeaderUnexpected = QStringLiteral("LAN_VERSION_HEADER_UNEXPECTED");
inline const QString VersionMismatch = QStringLiteral("LAN_VERSION_MISMATCH"); // bytes say another version
inline const QString VersionInferred = QStringLiteral("LAN_VERSION_INFERRED"); // no version given; from content
inline const QString RetcodeAbsent = QStringLiteral("LAN_RETCODE_ABSENT");    // device frame without retcode
inline const QString RetcodeInferred = QStringLiteral("LAN_RETCODE_INFERRED"); // sender unknown; presence guessed

// Body
inline const QString NotJson = QStringLiteral("LAN_NOT_JSON");
inline const QString DeviceError = QStringLiteral("LAN_DEVICE_ERROR");        // retcode/error text from the device
inline const QString ControlReplyQuirk = QStringLiteral("LAN_CONTROL_REPLY_QUIRK"); // TuyaOpen: retcode 1, empty, on success
inline const QString TimestampSkew = QStringLiteral("LAN_TIMESTAMP_SKEW");
constexpr double kControlTimestampToleranceS = 10.0; // |t - capture time| beyond this: TimestampSkew
inline const QString AppSolicitation = QStringLiteral("LAN_APP_SOLICITATION"); // {"from":"app"} on UDP 7000

// Commands and handshake
inline const QString UnknownCommand = QStringLiteral("LAN_UNKNOWN_COMMAND");
inline const QString CommandNotInVersion = QStringLiteral("LAN_COMMAND_NOT_IN_VERSION");
inline const QString HandshakeBadHmac = QStringLiteral("LAN_HANDSHAKE_BAD_HMAC"); // RESP/FINISH HMAC mismatch
inline const QString SessionKeyZeroByte = QStringLiteral("LAN_SESSION_KEY_ZERO_FIRST_BYTE");

} // namespace tuyascope::lan::diag
