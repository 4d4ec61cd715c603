#include "import/importers/RawBinaryImporter.h"

#include "import/importers/BinaryStream.h"
#include "import/importers/ContentSniff.h"

namespace tuyascope::importers {

int RawBinaryImporter::probe(QByteArrayView head, const QString& fileName) const
{
    Q_UNUSED(fileName);
    if (head.isEmpty() || !looksBinary(head))
        return 0;
    return containsMcuHeader(head) ? 60 : 40;
}

bool RawBinaryImporter::import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const
{
    Q_UNUSED(error);
    importBinaryStream(data, options, kUnknownTime, QStringLiteral("raw serial bytes"), out);
    return true;
}

} // namespace tuyascope::importers
