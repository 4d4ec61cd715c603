#include "import/importers/EpochBinaryImporter.h"

#include "import/importers/BinaryStream.h"
#include "import/importers/ContentSniff.h"

namespace tuyascope::importers {

qsizetype EpochBinaryImporter::prefixLength(QByteArrayView data, qint64* seconds)
{
    qint64 value = 0;
    qsizetype i = 0;
    while (i < data.size() && i < 12 && data[i] >= '0' && data[i] <= '9') {
        value = value * 10 + (data[i] - '0');
        ++i;
    }
    if (i < 9 || i > 11 || i >= data.size() || data[i] != ',')
        return 0;
    if (seconds)
        *seconds = value;
    return i + 1;
}

int EpochBinaryImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    const qsizetype prefix = prefixLength(head, nullptr);
    if (prefix == 0 || prefix >= head.size())
        return 0;
    return looksBinary(head.sliced(prefix)) ? 90 : 0;
}

bool EpochBinaryImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    qint64 seconds = 0;
    const qsizetype prefix = prefixLength(data, &seconds);
    if (prefix == 0) {
        if (error)
            *error = QStringLiteral("%1: byte offset 0: no epoch-seconds prefix (expected 9 to 11 digits and a comma)")
                         .arg(options.fileName);
        return false;
    }
    importBinaryStream(data.sliced(prefix), options, seconds * 1000000,
                       QStringLiteral("raw serial bytes; logging started at Unix time %1 (file prefix)").arg(seconds),
                       out);
    return true;
}

} // namespace tuyascope::importers
