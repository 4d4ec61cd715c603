// libFuzzer target: the dp mapping importers (TuyaScope JSON, tinytuya, Debugfile, OpenBeken,
// Tasmota, and the format detection over them) on arbitrary bytes, then every exporter on what
// they read. An importer that reads nothing must say so or stay empty; an exporter must write
// something for a mapping with dps; what the TuyaScope mapping JSON writer writes must read back
// equal. A broken property aborts, so libFuzzer reports it like a crash.

#include "dpmap/MappingExport.h"
#include "dpmap/MappingImport.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;

namespace {

void exportEverywhere(const DpMapping& mapping)
{
    for (const MappingExporter& exporter : mappingExporters()) {
        for (const int baud : {9600, 115200}) {
            ExportOptions options;
            options.baudRate = baud;
            const QString text = exporter.write(mapping, options);
            if (!mapping.dps.isEmpty() && text.isEmpty())
                std::abort();
        }
    }
    // The native JSON form is lossless for everything an importer can produce.
    const QByteArray json = QJsonDocument(mapping.toJson()).toJson(QJsonDocument::Compact);
    QVector<Diagnostic> notes;
    const std::optional<DpMapping> back = DpMapping::fromJson(json, notes);
    if (!back || !(*back == mapping))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    for (const MappingImporter& importer : mappingImporters()) {
        const MappingImport imported = importer.read(input);
        if (!imported.readable && !imported.mapping.dps.isEmpty())
            std::abort(); // unreadable input yields no dps
        for (const DpMapEntry& e : imported.mapping.dps)
            if (e.id < 0 || e.id > 255)
                std::abort();
        exportEverywhere(imported.mapping);
    }
    QString format;
    const MappingImport any = importMappingAnyFormat(input, &format);
    if (any.readable && !mappingImporterNamed(format))
        std::abort(); // a detected format is a registered one
    (void)consoleCommands(input);
    return 0;
}
