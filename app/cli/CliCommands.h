#pragma once
// The command-line face of the core. Each command only parses its options and formats output;
// loading, framing, dissection and tables all come from tuyascope_core.

#include <QCommandLineParser>
#include <QStringList>
#include <QVector>
#include <QTextStream>

namespace tuyascope::cli {

struct Streams {
    QTextStream& out;
    QTextStream& err;
};

// Exit codes shared by every command.
enum Exit { Ok = 0, BadInput = 1, Usage = 2 };

// Parses `args`; prints the error (exit Usage) or the help (exit Ok). Returns -1 to go on.
int parseArguments(QCommandLineParser& parser, const QStringList& args, Streams io);

struct SubCommand {
    const char* name;
    int (*run)(const QStringList& args, Streams io);
};
// "group sub [options]": runs the named sub-command with "program [options]", or explains.
int runSubCommand(const QString& group, const QStringList& args, const QVector<SubCommand>& commands,
                  const char* usage, Streams io);

int runDecode(const QStringList& args, Streams io);
int runDps(const QStringList& args, Streams io);
int runConvert(const QStringList& args, Streams io);
int runDemo(const QStringList& args, Streams io);
int runFormats(const QStringList& args, Streams io);
int runSerial(const QStringList& args, Streams io);
int runSimulate(const QStringList& args, Streams io);
int runSimulateLan(const QStringList& args, Streams io); // the "simulate lan" sub-command
int runLan(const QStringList& args, Streams io);
int runScan(const QStringList& args, Streams io);
int runKeys(const QStringList& args, Streams io);  // the user's key store
int runExport(const QStringList& args, Streams io); // firmware configuration from a dp mapping

} // namespace tuyascope::cli
