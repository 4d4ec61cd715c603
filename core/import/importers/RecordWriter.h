#pragma once
// Appends the records of one text import: text that is not data waits as an annotation for the
// next record, so nothing the user wrote is lost; text after the last record becomes a
// TRAILING_TEXT capture note. Also writes the ODD_HEX_DIGITS notes.

#include "capture/Capture.h"
#include "import/importers/HexLine.h"

#include <QString>
#include <QStringList>

namespace tuyascope::importers {

class RecordWriter {
public:
    RecordWriter(Capture& out, int channel, const QString& fileName);

    void addAnnotation(const QString& text);
    void addRecord(qint64 timeUs, Direction direction, QByteArrayView bytes, const QString& ownAnnotation = QString(),
                   quint8 flags = RecordNoFlags);
    // Data/Embedded runs become records (typed commands get their own direction and flag),
    // Comment/Text lines become annotations. Odd digit counts are noted with line and column.
    void addHexLine(const HexLineInfo& info, int lineNumber, qint64 timeUs, Direction direction);
    void noteOddDigits(int lineNumber, int column);
    void finish();

    int recordCount() const { return m_records; }
    int channel() const { return m_channel; }

private:
    Capture& m_out;
    int m_channel;
    QString m_fileName;
    QStringList m_pending;
    int m_records = 0;
};

} // namespace tuyascope::importers
