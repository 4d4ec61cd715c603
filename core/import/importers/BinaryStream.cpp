#include "import/importers/BinaryStream.h"

#include "dissect/Diagnostic.h"
#include "import/importers/ContentSniff.h"
#include "import/importers/DirectionGuess.h"

namespace tuyascope::importers {

void importBinaryStream(QByteArrayView bytes, const ImportOptions& options, qint64 firstTimeUs,
                        const QString& formatDescription, Capture& out)
{
    const QString name = channelNameFor(options.fileName);
    const QString hint = fileNameLineHint(options.fileName);

    Direction direction = options.direction;
    QString how;
    if (direction != Direction::Unknown) {
        how = QStringLiteral("direction %1 was chosen by the user").arg(directionLabel(direction));
    } else {
        const DirectionGuess g = guessDirectionFromContent(bytes);
        direction = g.direction;
        how = QStringLiteral("direction decided from the content: %1").arg(g.explanation);
    }

    ChannelInfo channel;
    channel.name = name;
    channel.direction = direction;
    channel.source = options.fileName;
    QStringList description{formatDescription};
    if (!hint.isEmpty())
        description.push_back(QStringLiteral("the file name says \"%1\" (not used for the direction: files are named "
                                             "from either side's point of view)")
                                  .arg(hint));
    description.push_back(how);
    channel.description = description.join(QStringLiteral("; "));
    const int ch = out.addChannel(channel);

    CaptureNote note;
    note.severity = Severity::Note;
    note.code = diag::DirectionInferred;
    note.file = options.fileName;
    note.message = QStringLiteral("%1: %2%3")
                       .arg(name, how,
                            hint.isEmpty() ? QString()
                                           : QStringLiteral(" (the name's \"%1\" hint was not used)").arg(hint));
    out.addNote(note);

    for (qsizetype pos = 0; pos < bytes.size(); pos += kBinaryChunk) {
        const QByteArrayView chunk = bytes.sliced(pos, qMin(kBinaryChunk, bytes.size() - pos));
        out.append(pos == 0 ? firstTimeUs : kUnknownTime, direction, ch, chunk);
    }
}

} // namespace tuyascope::importers
