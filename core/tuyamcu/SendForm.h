#pragma once
// The send panel's form as data: a mode (TuyaSend0..8 style) plus the values its editors hold.
// The form is turned into the command line a user would type and parsed by parseSendCommand, so
// the panel, the typed line, the history and the CLI share one grammar; the preview is the frame a
// module-side sender (version 0x00, like ModuleHost) really writes for the session's family.
#include "tuyamcu/Family.h"
#include "tuyamcu/SendCommand.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tuyascope::mcu {

enum class SendMode : quint8 {
    QueryState,   // TuyaSend0: 0x08
    Bool,         // TuyaSend1
    Value,        // TuyaSend2
    String,       // TuyaSend3
    Enum,         // TuyaSend4
    Bitmap,       // tuyaMcu_sendState dp bitmap 0x..
    Raw,          // TuyaSend6
    AnyCommand,   // TuyaSend7: command + payload hex
    ProductQuery, // TuyaSend8: 0x01
    Typed,        // anything parseSendCommand accepts
};
constexpr int kSendModeCount = int(SendMode::Typed) + 1;

QString sendModeLabel(SendMode mode);   // "Bool (TuyaSend1)", ...
bool sendModeWritesDp(SendMode mode);   // needs a dp id (Bool..Raw)
// The write mode for a dp whose units carry this type name ("bool", "value", ... as DpTracker and
// dpUnitsOf name them); nullopt when the type is unknown (LAN "json", "type 0x07", empty).
std::optional<SendMode> sendModeForDpType(const QString& typeName);

struct SendForm {
    SendMode mode = SendMode::QueryState;
    int dpId = 1;
    bool on = false;          // Bool
    qint64 number = 0;        // Value (signed 32-bit or up to 0xFFFFFFFF), Enum (0..255), Bitmap
    int bitmapWidth = 1;      // Bitmap: 1, 2 or 4 bytes
    int command = 0;          // AnyCommand: 0..255
    QString text;             // String: the text; Raw / AnyCommand: hex; Typed: the whole line
};

// The command line the form stands for, e.g. "TuyaSend1 1,1" (also what the history keeps).
QString sendFormText(const SendForm& form);
// The request for the form (parseSendCommand of sendFormText), or why there is none.
SendParseResult buildSendRequest(const SendForm& form);

// The frame a module-side sender writes for `request`: version 0x00, length and checksum
// computed; low-power hosts send DP writes as 0x09.
QByteArray moduleFrameFor(const SendRequest& request, Family family);

struct SendPreview {
    bool ok = false;
    QString text;             // the command line
    SendRequest request;
    QByteArray frame;         // exactly what goes out (empty when !ok)
    QString note;             // family remarks ("sent as low-power 0x09", "family not known yet")
    QString error;            // why nothing can be sent
};
SendPreview previewSend(const SendForm& form, Family family);
// The same for a request that is already parsed (a history entry, a typed line).
SendPreview previewRequest(const SendParseResult& parsed, Family family);

} // namespace tuyascope::mcu
