// `export --to tasmota|openbeken|esphome|tinytuya [--mapping MAP] FILE...`: writes firmware
// configuration from a dp mapping - the given MAP file, or the captures' dp table with the
// names, scales, units and roles of their sidecar.
#include "CliCommands.h"
#include "CaptureDps.h"
#include "CliSession.h"
#include "KeySources.h"

#include "dpmap/DpEngine.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/MappingExport.h"
#include "dpmap/MappingImport.h"
#include "dpmap/DpLabels.h"

#include <QFile>

namespace tuyascope::cli {

namespace {

void printNotes(const QVector<Diagnostic>& notes, const QString& source, QTextStream& err)
{
    for (const Diagnostic& d : notes)
        err << QStringLiteral("%1: %2: %3\n").arg(source, severityName(d.severity), d.message);
}

} // namespace

int runExport(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write firmware configuration (Tasmota, OpenBeken, ESPHome, tinytuya) from a dp mapping."));
    parser.addHelpOption();
    QStringList targets;
    for (const MappingExporter& exporter : mappingExporters())
        targets << exporter.name;
    QStringList sources;
    for (const MappingImporter& importer : mappingImporters())
        sources << importer.name;
    parser.addOption({QStringLiteral("to"), QStringLiteral("Target: %1.").arg(targets.join(QLatin1Char('|'))), QStringLiteral("target")});
    parser.addOption({QStringLiteral("mapping"),
                      QStringLiteral("Export this mapping file instead of the captures' dp table (any of: %1; detected).")
                          .arg(sources.join(QStringLiteral(", "))),
                      QStringLiteral("MAP")});
    parser.addOption({QStringLiteral("baud"), QStringLiteral("TuyaMCU UART speed (default 9600)."), QStringLiteral("baud"),
                      QStringLiteral("9600")});
    parser.addOption({QStringLiteral("family"), QStringLiteral("Protocol family for the captures: std or lp."), QStringLiteral("family")});
    parser.addOption({QStringLiteral("direction"), QStringLiteral("Direction of files that record none: module or mcu."),
                      QStringLiteral("side")});
    addLanCaptureOptions(parser);
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Capture files (not needed with --mapping)."),
                                 QStringLiteral("FILE..."));
    const int early = parseArguments(parser, args, io);
    if (early >= 0)
        return early;
    const MappingExporter* exporter = mappingExporterNamed(parser.value(QStringLiteral("to")));
    if (!exporter) {
        io.err << QStringLiteral("error: --to takes %1\n").arg(targets.join(QLatin1Char('|')));
        return Usage;
    }
    ExportOptions options;
    bool baudOk = false;
    options.baudRate = parser.value(QStringLiteral("baud")).toInt(&baudOk);
    if (!baudOk || options.baudRate <= 0) {
        io.err << QStringLiteral("error: --baud takes a positive number\n");
        return Usage;
    }

    DpMapping mapping;
    if (parser.isSet(QStringLiteral("mapping"))) {
        const QString path = parser.value(QStringLiteral("mapping"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            io.err << QStringLiteral("error: %1: %2\n").arg(path, file.errorString());
            return BadInput;
        }
        QString format;
        const MappingImport imported = importMappingAnyFormat(file.readAll(), &format);
        printNotes(imported.notes, path, io.err);
        if (!imported.readable || imported.hasErrors()) {
            io.err << QStringLiteral("error: %1: no usable dp mapping\n").arg(path);
            return BadInput;
        }
        mapping = imported.mapping;
        if (!parser.positionalArguments().isEmpty())
            io.err << QStringLiteral("note: --mapping given; the capture files are not read\n");
    } else {
        if (parser.positionalArguments().isEmpty()) {
            io.err << QStringLiteral("error: export needs --mapping MAP or at least one capture FILE\n");
            return Usage;
        }
        mcu::McuSession session;
        Capture capture;
        if (!loadSession(parser, parser.positionalArguments(), session, io.err, QString(), &capture))
            return BadInput;
        const std::optional<dpmap::DpEngine> engine = captureDpEngine(parser, session, capture, io.err);
        if (!engine)
            return BadInput;
        const QString sidecar = sidecarPathFor(parser.positionalArguments());
        QString why;
        const std::optional<DpLabels> labels = DpLabels::load(sidecar, &why);
        if (!labels)
            io.err << QStringLiteral("warning: sidecar not used: %1\n").arg(why);
        // Roles the sidecar leaves open come from inference (best hypothesis, when confident).
        mapping = mappingForCapture(*engine, labels.value_or(DpLabels()));
    }
    io.out << exporter->write(mapping, options);
    return Ok;
}

} // namespace tuyascope::cli
