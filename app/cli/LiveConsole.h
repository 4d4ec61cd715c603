#pragma once
// The terminal side of every live command (serial host/sniff, simulate, demo): prints frames as
// they complete and agent events as they happen, keeps the autosave file, stops after
// --duration or on Ctrl-C / SIGTERM, and writes -o at the end.

#include "CliCommands.h"

#include "dissect/AgentEvent.h"
#include "live/LiveCapture.h"
#include "live/LiveDecoder.h"
#include "tuyalan/LanContext.h"

#include <QJsonObject>

#include <QCommandLineParser>
#include <QObject>

#include <functional>

namespace tuyascope {
class Autosave;
class Transport;
}

namespace tuyascope::cli {

struct LiveOptions {
    QString format = QStringLiteral("text"); // text | json
    bool hex = false;
    double durationS = 0;                    // 0 = until interrupted
    QString output;                          // -o: pcapng written at the end
    bool autosave = true;
    QString autosaveDir;                     // empty = the user's data location
    mcu::Family family = mcu::Family::Unknown;
};

void addLiveOptions(QCommandLineParser& parser, bool withFamily = true);
bool readLiveOptions(const QCommandLineParser& parser, LiveOptions& options, QTextStream& err,
                     bool withFamily = true);
// Parses "--baud" (any positive rate); prints the problem and returns false when invalid.
bool readBaudOption(const QCommandLineParser& parser, qint32* baud, QTextStream& err);

// Runs the event loop until `durationS` elapses (0 = no limit) or Ctrl-C / SIGTERM arrives.
void runUntilStopped(double durationS);

class LiveConsole : public QObject {
    Q_OBJECT
public:
    LiveConsole(LiveCapture& live, const LiveOptions& options, Streams io);
    ~LiveConsole() override;

    LiveDecoder& decoder() { return m_decoder; }
    void printEvent(const QString& who, const AgentEvent& event);
    void printInfo(const QString& line); // a "# ..." line (text) or nothing (json)
    // Frames on LAN channels (app->device, device->app) are dissected as Tuya LAN frames with the
    // context this returns (version, keys and nonces known to the client at that moment). Without
    // a provider they are dissected with the direction only.
    using LanContextProvider = std::function<lan::LanContext(const LiveFrameEvent&)>;
    void setLanContextProvider(LanContextProvider provider) { m_lanContext = std::move(provider); }
    // A DP report as one line: text "<time>  * <who> DPS: {...}", json {"type":"dps","source",...}.
    void printDps(const QString& who, const QString& source, const QJsonObject& dps);
    // Any JSON object as one line in json format (nothing in text format).
    void printJsonLine(const QJsonObject& object);
    // Prints the link's problems (refused control lines, device lost) as "link" warnings.
    void watchTransport(Transport* transport);
    // Starts autosave (unless disabled) into "<dir>/<prefix>-<time>.pcapng".
    bool startAutosave(const QString& prefix);
    // Runs the event loop until --duration elapses or a stop signal arrives, then finishes the
    // capture, closes the autosave, writes -o and prints a summary. Returns the exit code.
    int run();

private:
    void printFrame(const LiveFrameEvent& event);
    void printLanFrame(const LiveFrameEvent& event);

    LiveCapture& m_live;
    LiveOptions m_options;
    Streams m_io;
    LiveDecoder m_decoder;
    Autosave* m_autosave = nullptr;
    LanContextProvider m_lanContext;
};

} // namespace tuyascope::cli
