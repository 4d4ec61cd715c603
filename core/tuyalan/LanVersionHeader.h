#pragma once
// The 15-byte block that may precede a body (reference 4.2):
//   version header (client): "3.x" + 12 x 00
//   source header (device):  "3.x" + CRC(4) + seq(4) + source(4)   (TuyaOpen: CRC 0, source 1)

#include "tuyalan/LanVersion.h"

#include <QByteArray>
#include <QByteArrayView>

namespace tuyascope::lan {

struct VersionHeader {
    QByteArray tag;               // the three ASCII bytes, e.g. "3.3"
    LanVersion version = LanVersion::Unknown;
    quint32 crc = 0;
    quint32 seq = 0;
    quint32 source = 0;
    bool isSourceHeader() const { return crc != 0 || seq != 0 || source != 0; }
};

QByteArray makeVersionHeader(LanVersion version);
QByteArray makeSourceHeader(LanVersion version, quint32 crc, quint32 seq, quint32 source);

// Decoders strip the block whenever the bytes start with "3." + digit (reference 4.2).
bool startsWithVersionHeader(QByteArrayView bytes);
// Reads the first 15 bytes; call only when startsWithVersionHeader() is true.
VersionHeader parseVersionHeader(QByteArrayView bytes);

} // namespace tuyascope::lan
