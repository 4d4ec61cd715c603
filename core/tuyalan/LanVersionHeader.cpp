#include "tuyalan/LanVersionHeader.h"

#include "tuyalan/LanFrameLayout.h"

namespace tuyascope::lan {

QByteArray makeVersionHeader(LanVersion version)
{
    return makeSourceHeader(version, 0, 0, 0);
}

QByteArray makeSourceHeader(LanVersion version, quint32 crc, quint32 seq, quint32 source)
{
    QByteArray out = versionTag(version);
    if (out.size() != 3)
        return QByteArray();
    appendU32(out, crc);
    appendU32(out, seq);
    appendU32(out, source);
    return out;
}

bool startsWithVersionHeader(QByteArrayView bytes)
{
    return bytes.size() >= kVersionHeaderSize && bytes[0] == '3' && bytes[1] == '.' && bytes[2] >= '0'
           && bytes[2] <= '9';
}

VersionHeader parseVersionHeader(QByteArrayView bytes)
{
    VersionHeader h;
    h.tag = bytes.first(3).toByteArray();
    h.version = versionFromName(QString::fromLatin1(h.tag));
    h.crc = readU32(bytes, 3);
    h.seq = readU32(bytes, 7);
    h.source = readU32(bytes, 11);
    return h;
}

} // namespace tuyascope::lan
