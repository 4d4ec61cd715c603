#include "import/importers/HexTextImporter.h"

#include "import/importers/ContentSniff.h"
#include "import/importers/HexLine.h"
#include "import/importers/RecordWriter.h"
#include "import/importers/TextLines.h"

namespace tuyascope::importers {

int addTextChannel(Capture& out, const ImportOptions& options, const QString& description)
{
    ChannelInfo channel;
    channel.name = channelNameFor(options.fileName);
    channel.direction = options.direction;
    channel.source = options.fileName;
    channel.description = description;
    return out.addChannel(channel);
}

int HexTextImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || looksBinary(head))
        return 0;
    int dataLines = 0;
    int headerLines = 0;
    for (const TextLine& line : splitLines(head)) {
        const HexLineInfo info = classifyHexLine(line.text);
        if (info.kind != HexLineInfo::Kind::Data && info.kind != HexLineInfo::Kind::Embedded)
            continue;
        ++dataLines;
        for (const HexRun& run : info.runs) {
            if (run.bytes.size() >= 7 && run.bytes.contains(QByteArrayView("\x55\xAA", 2)))
                ++headerLines;
        }
    }
    if (dataLines == 0)
        return 0;
    return 20 + (headerLines > 0 ? 20 : 0) + qMin(10, headerLines);
}

bool HexTextImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    const int ch = addTextChannel(out, options, QStringLiteral("hex text; one record per data line"));
    RecordWriter writer(out, ch, options.fileName);
    for (const TextLine& line : splitLines(data))
        writer.addHexLine(classifyHexLine(line.text), line.number, kUnknownTime, options.direction);
    writer.finish();
    return true;
}

} // namespace tuyascope::importers
