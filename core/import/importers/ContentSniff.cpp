#include "import/importers/ContentSniff.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace tuyascope::importers {

namespace {

// Length of the valid UTF-8 sequence starting at p[0] (p has `left` bytes), 0 when invalid.
int utf8SequenceLength(const unsigned char* p, qsizetype left)
{
    const unsigned char c = p[0];
    int need = 0;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3;
    else
        return 0;
    if (left < need + 1)
        return 0;
    for (int i = 1; i <= need; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return need + 1;
}

} // namespace

bool looksBinary(QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype bad = 0;
    for (qsizetype i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c == 0)
            return true;
        if (c < 0x80) {
            // ESC stays text: terminal logs carry ANSI colour sequences.
            const bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v'
                                  && c != 0x1B)
                                 || c == 0x7F;
            if (control)
                ++bad;
            ++i;
            continue;
        }
        const int len = utf8SequenceLength(p + i, n - i);
        if (len == 0) {
            ++bad;
            ++i;
        } else {
            i += len;
        }
    }
    return bad > 0 && bad * 50 >= n;
}

bool containsMcuHeader(QByteArrayView bytes)
{
    for (qsizetype i = 0; i + 1 < bytes.size(); ++i) {
        if (quint8(bytes[i]) == 0x55 && quint8(bytes[i + 1]) == 0xAA)
            return true;
    }
    return false;
}

QString channelNameFor(const QString& fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    return name.isEmpty() ? QStringLiteral("capture") : name;
}

QString fileNameLineHint(const QString& fileName)
{
    // rx/tx as a word of the name: "_rx.bin", "Radar_RX_DUMP", "rxd1", "rxpin", "on_esp_tx".
    static const QRegularExpression rx(QStringLiteral("(?:^|[^a-z])rx(?:d\\d*|pin)?(?:[^a-z]|$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tx(QStringLiteral("(?:^|[^a-z])tx(?:d\\d*|pin)?(?:[^a-z]|$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QString base = QFileInfo(fileName).completeBaseName();
    const bool r = rx.match(base).hasMatch();
    const bool t = tx.match(base).hasMatch();
    if (r && !t)
        return QStringLiteral("rx");
    if (t && !r)
        return QStringLiteral("tx");
    return QString();
}

} // namespace tuyascope::importers
