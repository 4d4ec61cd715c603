#include "import/importers/InlineAsciiImporter.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexLine.h"
#include "import/importers/HexTextImporter.h"
#include "import/importers/InlineAsciiFrame.h"
#include "import/importers/RecordWriter.h"
#include "import/importers/TextLines.h"

namespace tuyascope::importers {

namespace {

bool isComment(const QString& line)
{
    const QString t = line.trimmed();
    return t.startsWith(QLatin1String("//")) || t.startsWith(QLatin1Char('#'));
}

} // namespace

int InlineAsciiImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int frames = 0;
    for (const TextLine& line : splitLines(head)) {
        if (!isComment(line.text) && decodeInlineAsciiFrame(line.text, nullptr))
            ++frames;
    }
    if (frames == 0)
        return 0;
    return frames >= 2 ? 72 : 70;
}

bool InlineAsciiImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    const int ch = addTextChannel(out, options,
                                  QStringLiteral("hex text with printable bytes written as characters"));
    RecordWriter writer(out, ch, options.fileName);
    for (const TextLine& line : splitLines(data)) {
        InlineAsciiFrame frame;
        if (!isComment(line.text) && decodeInlineAsciiFrame(line.text, &frame)) {
            const QString before = line.text.left(frame.start).trimmed();
            const QString after = line.text.mid(frame.end).trimmed();
            QString own = before;
            if (!after.isEmpty())
                own += (own.isEmpty() ? QString() : QStringLiteral(" ")) + after;
            Direction d = options.direction;
            quint8 flags = RecordNoFlags;
            if (!typedCommandBefore(before, &d).isEmpty())
                flags = RecordTypedCommand;
            writer.addRecord(kUnknownTime, d, frame.bytes, own, flags);
            continue;
        }
        writer.addHexLine(classifyHexLine(line.text), line.number, kUnknownTime, options.direction);
    }
    writer.finish();
    return true;
}

} // namespace tuyascope::importers
