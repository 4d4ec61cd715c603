#pragma once
// The command-line face of the core. Each command only parses its options and formats output;
// loading, framing, dissection and tables all come from tuyascope_core.

#include <QStringList>
#include <QTextStream>

namespace tuyascope::cli {

struct Streams {
    QTextStream& out;
    QTextStream& err;
};

// Exit codes shared by every command.
enum Exit { Ok = 0, BadInput = 1, Usage = 2 };

int runDecode(const QStringList& args, Streams io);
int runDps(const QStringList& args, Streams io);
int runConvert(const QStringList& args, Streams io);
int runDemo(const QStringList& args, Streams io);
int runFormats(const QStringList& args, Streams io);
int runSerial(const QStringList& args, Streams io);
int runSimulate(const QStringList& args, Streams io);

} // namespace tuyascope::cli
