#pragma once
// Options every reading command shares (--family, --direction, --format) and the step that turns
// files into an analysed session.

#include "capture/Capture.h"
#include "tuyamcu/McuSession.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace tuyascope::cli {

void addReadingOptions(QCommandLineParser& parser, const QString& formats);
// Loads files (or the embedded demo when `embedded` is set) and analyses them. Prints a clear
// error and returns false on unreadable input.
// `capture`, when given, receives the loaded capture (the LAN analysis of decode reads it).
bool loadSession(const QCommandLineParser& parser, const QStringList& files, mcu::McuSession& session,
                 QTextStream& err, const QString& embedded = QString(), Capture* capture = nullptr);
QString formatOption(const QCommandLineParser& parser, const QStringList& allowed, QTextStream& err, bool* ok);

// The front shared by decode and dps: parses `args`, handles --help, checks --format against
// `formats`, needs at least one FILE (or the hidden --embedded resource) and loads the session.
// Returns -1 to go on, or the exit code to return now.
int openReadingCommand(QCommandLineParser& parser, const QStringList& args, const QStringList& formats,
                       const QString& command, QTextStream& out, QTextStream& err, mcu::McuSession& session,
                       QString* format, Capture* capture = nullptr);

} // namespace tuyascope::cli
