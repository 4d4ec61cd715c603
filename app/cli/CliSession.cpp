#include "CliSession.h"

#include "CliCommands.h"

#include "import/CaptureLoader.h"

#include <QFile>

namespace tuyascope::cli {

void addReadingOptions(QCommandLineParser& parser, const QString& formats)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("format")},
                      QStringLiteral("Output format: %1.").arg(formats), QStringLiteral("format"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("family"),
                      QStringLiteral("Protocol family for the whole capture: std or lp (default: decided from evidence)."),
                      QStringLiteral("family")});
    parser.addOption({QStringLiteral("direction"),
                      QStringLiteral("Direction of files that record none: module (module->MCU) or mcu (MCU->module)."),
                      QStringLiteral("side")});
}

QString formatOption(const QCommandLineParser& parser, const QStringList& allowed, QTextStream& err, bool* ok)
{
    const QString format = parser.value(QStringLiteral("format")).toLower();
    *ok = allowed.contains(format);
    if (!*ok)
        err << QStringLiteral("error: unknown format '%1' (use %2)\n").arg(format, allowed.join(QLatin1Char('|')));
    return format;
}

bool loadSession(const QCommandLineParser& parser, const QStringList& files, mcu::McuSession& session,
                 QTextStream& err, const QString& embedded, Capture* capture)
{
    LoadOptions options;
    if (parser.isSet(QStringLiteral("direction"))) {
        options.direction = directionFromKey(parser.value(QStringLiteral("direction")));
        if (options.direction == Direction::Unknown) {
            err << QStringLiteral("error: --direction takes 'module' or 'mcu'\n");
            return false;
        }
    }
    mcu::McuSession::Options sessionOptions;
    if (parser.isSet(QStringLiteral("family"))) {
        sessionOptions.familyOverride = mcu::familyFromKey(parser.value(QStringLiteral("family")));
        if (sessionOptions.familyOverride != mcu::Family::Standard && sessionOptions.familyOverride != mcu::Family::LowPower) {
            err << QStringLiteral("error: --family takes 'std' or 'lp'\n");
            return false;
        }
    }
    LoadResult loaded;
    if (!embedded.isEmpty()) {
        QFile f(embedded);
        if (!f.open(QIODevice::ReadOnly)) {
            err << QStringLiteral("error: embedded capture %1 is missing from this build\n").arg(embedded);
            return false;
        }
        loaded = loadCaptureData(f.readAll(), embedded, options);
    } else {
        loaded = loadCaptureFiles(files, options);
    }
    if (!loaded.ok) {
        err << QStringLiteral("error: %1\n").arg(loaded.error);
        return false;
    }
    for (const CaptureNote& note : loaded.capture.notes()) {
        if (note.severity < Severity::Warning)
            continue;
        QString where = note.file;
        if (note.line > 0)
            where += QStringLiteral(":%1:%2").arg(note.line).arg(note.column);
        else if (note.byteOffset >= 0)
            where += QStringLiteral(" @%1").arg(note.byteOffset);
        err << QStringLiteral("%1: %2 %3: %4\n").arg(where, severityName(note.severity), note.code, note.message);
    }
    session = mcu::McuSession::analyze(loaded.capture, sessionOptions);
    if (capture)
        *capture = loaded.capture;
    return true;
}

int openReadingCommand(QCommandLineParser& parser, const QStringList& args, const QStringList& formats,
                       const QString& command, QTextStream& out, QTextStream& err, mcu::McuSession& session,
                       QString* format, Capture* capture)
{
    parser.addHelpOption();
    addReadingOptions(parser, formats.join(QLatin1Char('|')));
    QCommandLineOption embedded(QStringLiteral("embedded"), QStringLiteral("Read a capture bundled in the program."),
                                QStringLiteral("resource"));
    embedded.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(embedded);
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Capture files (any supported format)."),
                                 QStringLiteral("FILE..."));
    if (!parser.parse(args)) {
        err << QStringLiteral("error: %1\n").arg(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Ok;
    }
    bool ok = false;
    *format = formatOption(parser, formats, err, &ok);
    if (!ok)
        return Usage;
    if (parser.positionalArguments().isEmpty() && !parser.isSet(embedded)) {
        err << QStringLiteral("error: %1 needs at least one FILE\n").arg(command);
        return Usage;
    }
    if (!loadSession(parser, parser.positionalArguments(), session, err, parser.value(embedded), capture))
        return BadInput;
    return -1;
}

int parseArguments(QCommandLineParser& parser, const QStringList& args, Streams io)
{
    if (!parser.parse(args)) {
        io.err << QStringLiteral("error: %1\n").arg(parser.errorText());
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return Ok;
    }
    return -1;
}

int runSubCommand(const QString& group, const QStringList& args, const QVector<SubCommand>& commands,
                  const char* usage, Streams io)
{
    const QString sub = args.value(1);
    QStringList rest = args;
    if (rest.size() > 1)
        rest.removeAt(1);
    for (const SubCommand& command : commands)
        if (sub == QLatin1String(command.name))
            return command.run(rest, io);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        io.out << usage;
        return Ok;
    }
    io.err << (sub.isEmpty() ? QStringLiteral("error: %1 needs a sub-command\n").arg(group)
                             : QStringLiteral("error: unknown %1 sub-command '%2'\n").arg(group, sub))
           << usage;
    return Usage;
}

} // namespace tuyascope::cli
