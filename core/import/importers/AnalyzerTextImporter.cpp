#include "import/importers/AnalyzerTextImporter.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexLine.h"
#include "import/importers/HexTextImporter.h"
#include "import/importers/LenientDateTime.h"
#include "import/importers/RecordWriter.h"
#include "import/importers/TextLines.h"

#include <QRegularExpression>

namespace tuyascope::importers {

namespace {

struct Marker {
    bool valid = false;
    bool byFile = false;
    Direction direction = Direction::Unknown;
    QString rest; // text after the marker letter
};

Marker parseMarker(const QString& line)
{
    static const QRegularExpression re(QStringLiteral("^\\s*//([RS])(?:\\s+(.*))?$"));
    Marker m;
    const QRegularExpressionMatch match = re.match(line);
    if (!match.hasMatch())
        return m;
    m.rest = match.captured(2).trimmed();
    m.byFile = m.rest.startsWith(QLatin1String("by File"), Qt::CaseInsensitive);
    const bool looksLikeMarker = m.byFile || m.rest.isEmpty()
                                 || m.rest.contains(QLatin1String("WiFi sent"), Qt::CaseInsensitive)
                                 || m.rest.contains(QLatin1String("WiFi received"), Qt::CaseInsensitive)
                                 || parseLenientDateTime(m.rest, nullptr);
    if (!looksLikeMarker)
        return m;
    m.valid = true;
    if (!m.byFile)
        m.direction = match.captured(1) == QLatin1String("S") ? Direction::ModuleToMcu : Direction::McuToModule;
    return m;
}

} // namespace

int AnalyzerTextImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int markers = 0;
    for (const TextLine& line : splitLines(head)) {
        if (parseMarker(line.text).valid)
            ++markers;
    }
    if (markers == 0)
        return 0;
    return markers >= 2 ? 80 : 70;
}

bool AnalyzerTextImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    const int ch = addTextChannel(out, options,
                                  QStringLiteral("TuyaMCUAnalyzer text; //S = module -> MCU, //R = MCU -> module"));
    RecordWriter writer(out, ch, options.fileName);
    Direction direction = options.direction;
    qint64 time = kUnknownTime;
    for (const TextLine& line : splitLines(data)) {
        const Marker marker = parseMarker(line.text);
        if (marker.valid) {
            direction = marker.byFile ? options.direction : marker.direction;
            qint64 t = kUnknownTime;
            const bool parsed = parseLenientDateTime(marker.rest, &t);
            time = parsed ? t : kUnknownTime;
            if ((!parsed && !marker.rest.isEmpty()) || marker.byFile)
                writer.addAnnotation(line.text.trimmed());
            continue;
        }
        writer.addHexLine(classifyHexLine(line.text), line.number, time, direction);
    }
    writer.finish();
    return true;
}

} // namespace tuyascope::importers
