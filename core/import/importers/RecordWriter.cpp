#include "import/importers/RecordWriter.h"

#include "dissect/Diagnostic.h"

namespace tuyascope::importers {

RecordWriter::RecordWriter(Capture& out, int channel, const QString& fileName)
    : m_out(out), m_channel(channel), m_fileName(fileName)
{
}

void RecordWriter::addAnnotation(const QString& text)
{
    if (!text.isEmpty())
        m_pending.push_back(text);
}

void RecordWriter::addRecord(qint64 timeUs, Direction direction, QByteArrayView bytes, const QString& ownAnnotation,
                             quint8 flags)
{
    if (!ownAnnotation.isEmpty())
        m_pending.push_back(ownAnnotation);
    m_out.append(timeUs, direction, m_channel, bytes, m_pending.join(QLatin1Char('\n')), flags);
    m_pending.clear();
    ++m_records;
}

void RecordWriter::addHexLine(const HexLineInfo& info, int lineNumber, qint64 timeUs, Direction direction)
{
    switch (info.kind) {
    case HexLineInfo::Kind::Blank:
        return;
    case HexLineInfo::Kind::Comment:
    case HexLineInfo::Kind::Text:
        addAnnotation(info.annotation);
        return;
    case HexLineInfo::Kind::Data:
    case HexLineInfo::Kind::Embedded:
        break;
    }
    const Direction d = info.typedCommand ? info.typedDirection : direction;
    const quint8 flags = info.typedCommand ? RecordTypedCommand : RecordNoFlags;
    for (qsizetype i = 0; i < info.runs.size(); ++i) {
        const HexRun& run = info.runs.at(i);
        if (run.oddColumn > 0)
            noteOddDigits(lineNumber, run.oddColumn);
        addRecord(timeUs, d, run.bytes, i == 0 ? info.annotation : QString(), flags);
    }
}

void RecordWriter::noteOddDigits(int lineNumber, int column)
{
    CaptureNote note;
    note.severity = Severity::Warning;
    note.code = diag::OddHexDigits;
    note.message = QStringLiteral("%1:%2:%3: odd number of hex digits (the digit at column %3 has no partner); "
                                  "the complete bytes were imported")
                       .arg(m_fileName)
                       .arg(lineNumber)
                       .arg(column);
    note.file = m_fileName;
    note.line = lineNumber;
    note.column = column;
    m_out.addNote(note);
}

void RecordWriter::finish()
{
    if (m_pending.isEmpty())
        return;
    // No record follows: keep the text as a note so that nothing the user wrote is lost.
    CaptureNote note;
    note.severity = Severity::Chat;
    note.code = QStringLiteral("TRAILING_TEXT");
    note.message = QStringLiteral("%1: text after the last data record:\n%2")
                       .arg(m_fileName, m_pending.join(QLatin1Char('\n')));
    note.file = m_fileName;
    m_out.addNote(note);
    m_pending.clear();
}

} // namespace tuyascope::importers
