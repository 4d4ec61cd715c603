#pragma once
// Which keys to try on a frame, in order. Handshake frames (3/4/5) always use the real local
// key; 3.4/3.5 data frames use the session key, falling back to the local key (some captures
// and third-party vectors MAC data frames with it); discovery frames use the fixed UDP key.

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanContext.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace tuyascope::lan {

enum class KeyRole : quint8 { None, Local, Session, Udp };
QString keyRoleName(KeyRole role);   // "local key", "session key", "UDP key"

struct KeyCandidate {
    QByteArray key;
    KeyRole role = KeyRole::None;
};

// UDP_KEY = MD5("yGAdlopoPVldABfn"), shared by every Tuya device (reference 9).
const QByteArray& lanUdpKey();

// 16-byte keys only, best first, no duplicates.
QVector<KeyCandidate> keyCandidates(const LanContext& context, const LanCommandSpec* spec, LanVersion version);

} // namespace tuyascope::lan
