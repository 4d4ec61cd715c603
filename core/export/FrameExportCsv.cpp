// CSV (RFC 4180): a header, then one record per frame with the list's columns; CRLF line ends,
// fields with a comma, quote, CR or LF quoted and their quotes doubled. UTF-8, no byte order mark.
#include "export/FrameExport.h"
#include "export/FrameExportRow.h"

namespace tuyascope {

namespace {

QString csvField(const QString& value)
{
    const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"'))
                       || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'));
    if (!quote)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray csvRecord(const QStringList& values)
{
    QStringList fields;
    fields.reserve(values.size());
    for (const QString& v : values)
        fields << csvField(v);
    return fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

class CsvExporter : public FrameExporter {
public:
    QString id() const override { return QStringLiteral("csv"); }
    QString displayName() const override { return QStringLiteral("CSV (comma-separated values)"); }
    QString extension() const override { return QStringLiteral("csv"); }

protected:
    QByteArray header() const override { return csvRecord(frameExportColumns()); }
    QByteArray frame(const FrameTable& table, int row) const override
    {
        return csvRecord(frameExportValues(frameExportRow(table, row)));
    }
};

} // namespace

void registerCsvExporter(FrameExporterRegistry& registry)
{
    registry.add(std::make_unique<CsvExporter>());
}

} // namespace tuyascope
