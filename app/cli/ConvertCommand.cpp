#include "CliCommands.h"

#include "import/CaptureLoader.h"
#include "pcapng/PcapngWriter.h"

#include <QCommandLineParser>

namespace tuyascope::cli {

int runConvert(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Convert captures in any supported format into one pcapng file."));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Output pcapng file."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("direction"),
                      QStringLiteral("Direction of files that record none: module (module->MCU) or mcu (MCU->module)."),
                      QStringLiteral("side")});
    parser.addPositionalArgument(QStringLiteral("inputs"), QStringLiteral("Capture files; several are merged into one timeline."),
                                 QStringLiteral("IN..."));
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty() || parser.positionalArguments().isEmpty()) {
        io.err << QStringLiteral("error: usage: convert IN... -o OUT.pcapng\n");
        return Usage;
    }
    LoadOptions options;
    if (parser.isSet(QStringLiteral("direction"))) {
        options.direction = directionFromKey(parser.value(QStringLiteral("direction")));
        if (options.direction == Direction::Unknown) {
            io.err << QStringLiteral("error: --direction takes 'module' or 'mcu'\n");
            return Usage;
        }
    }
    const LoadResult loaded = loadCaptureFiles(parser.positionalArguments(), options);
    if (!loaded.ok) {
        io.err << QStringLiteral("error: %1\n").arg(loaded.error);
        return BadInput;
    }
    QString error;
    if (!writePcapngFile(loaded.capture, output, &error)) {
        io.err << QStringLiteral("error: cannot write %1: %2\n").arg(output, error);
        return BadInput;
    }
    for (const LoadedFile& f : loaded.files)
        io.out << QStringLiteral("%1: read as %2 (confidence %3)\n").arg(f.path, f.importerId).arg(f.confidence);
    io.out << QStringLiteral("wrote %1: %2 record(s), %3 byte(s)\n")
                  .arg(output).arg(loaded.capture.recordCount()).arg(loaded.capture.totalBytes());
    return Ok;
}

} // namespace tuyascope::cli
