#pragma once
// Protocol versions of the Tuya LAN protocol and what each one implies for framing and crypto.

#include <QByteArray>
#include <QString>

namespace tuyascope::lan {

enum class LanVersion : quint8 { Unknown, V31, V32, V33, V34, V35 };

// "3.3"; "unknown" for Unknown.
QString versionName(LanVersion version);
// The three ASCII bytes that start a version header ("3.3"); empty for Unknown.
QByteArray versionTag(LanVersion version);
// Accepts "3.3", "33", "v3.3" and 3.3 written as a number's text; Unknown otherwise.
LanVersion versionFromName(QStringView name);

enum class LanFrameKind : quint8 { Classic55AA, Gcm6699 };

// 3.5 uses 6699 frames, every other version 55AA.
LanFrameKind frameKindFor(LanVersion version);
// 3.2 and 3.3 share one pipeline, 3.4 and 3.5 share the header rules and the handshake.
bool usesSessionKey(LanVersion version);

// Who put the frame on the wire. The device is the port-6668 end of a TCP flow.
enum class LanSender : quint8 { Unknown, Client, Device };
QString senderName(LanSender sender);   // "client", "device", "unknown"

enum class LanTransport : quint8 { Tcp, Udp };

} // namespace tuyascope::lan
