#include "common/Hex.h"

namespace tuyascope {

static const char kDigits[] = "0123456789ABCDEF";

QString toHex(QByteArrayView bytes, bool spaced)
{
    QString out;
    out.reserve(bytes.size() * (spaced ? 3 : 2));
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = quint8(bytes[i]);
        if (spaced && i > 0)
            out += QLatin1Char(' ');
        out += QLatin1Char(kDigits[b >> 4]);
        out += QLatin1Char(kDigits[b & 0x0F]);
    }
    return out;
}

QString hexByte(quint8 value)
{
    QString s = QStringLiteral("0x");
    s += QLatin1Char(kDigits[value >> 4]);
    s += QLatin1Char(kDigits[value & 0x0F]);
    return s;
}

bool parseHex(QStringView text, QByteArray& out, int* errorColumn)
{
    out.clear();
    int high = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isSpace()) {
            if (high >= 0) {
                if (errorColumn) *errorColumn = int(i);
                return false;
            }
            continue;
        }
        const int v = hexDigitValue(c);
        if (v < 0) {
            if (errorColumn) *errorColumn = int(i);
            return false;
        }
        if (high < 0) {
            high = v;
        } else {
            out.append(char((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0) {
        if (errorColumn) *errorColumn = int(text.size());
        return false;
    }
    return true;
}

} // namespace tuyascope
