#include "import/importers/TextLines.h"

namespace tuyascope::importers {

QVector<TextLine> splitLines(QByteArrayView data)
{
    QVector<TextLine> lines;
    qsizetype start = 0;
    int number = 1;
    const qsizetype n = data.size();
    auto emitLine = [&](qsizetype end) {
        lines.push_back({number++, QString::fromUtf8(data.sliced(start, end - start))});
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char c = data[i];
        if (c == '\n') {
            emitLine(i);
            start = i + 1;
        } else if (c == '\r') {
            emitLine(i);
            if (i + 1 < n && data[i + 1] == '\n')
                ++i;
            start = i + 1;
        }
    }
    if (start < n)
        emitLine(n);
    return lines;
}

} // namespace tuyascope::importers
