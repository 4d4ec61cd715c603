#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tuyascope {

// "55 AA 03 ..." (upper case, single spaces) or "55AA03..." when spaced is false.
QString toHex(QByteArrayView bytes, bool spaced = false);
QString hexByte(quint8 value);   // "0x1F"

// Strict parse of hex digits with optional whitespace between bytes; returns false on any
// other character or an odd digit count (errorColumn tells where, 0-based).
bool parseHex(QStringView text, QByteArray& out, int* errorColumn = nullptr);

inline int hexDigitValue(QChar c)
{
    const ushort u = c.unicode();
    if (u >= '0' && u <= '9') return u - '0';
    if (u >= 'a' && u <= 'f') return u - 'a' + 10;
    if (u >= 'A' && u <= 'F') return u - 'A' + 10;
    return -1;
}

} // namespace tuyascope
