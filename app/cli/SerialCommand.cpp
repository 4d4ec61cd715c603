// serial list | host | sniff: the live serial roles of the command line.

#include "CliCommands.h"
#include "LiveConsole.h"
#include "StdinCommands.h"

#include "host/ModuleHost.h"
#include "live/LiveWiring.h"
#include "live/SerialSniffer.h"
#include "transport/SerialPortList.h"
#include "transport/SerialTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::cli {

namespace {

const char kSerialUsage[] =
    "usage: tuyascope-cli serial list [--format text|json]\n"
    "       tuyascope-cli serial host --port P [--baud B] [--send CMD]... [options]\n"
    "       tuyascope-cli serial sniff --rx P1 [--tx P2] [--baud B] [options]\n"
    "(see tuyascope-cli serial <list|host|sniff> --help)\n";

void addPortOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("baud"), QStringLiteral("Baud rate (default 9600; 115200 or any other rate)."), QStringLiteral("rate"), QStringLiteral("9600")});
    parser.addOption({QStringLiteral("dtr"), QStringLiteral("Drive DTR on or off."), QStringLiteral("on|off")});
    parser.addOption({QStringLiteral("rts"), QStringLiteral("Drive RTS on or off."), QStringLiteral("on|off")});
}

bool readControlLine(const QCommandLineParser& parser, const QString& name, std::optional<bool>* line, QTextStream& err)
{
    if (!parser.isSet(name))
        return true;
    const QString value = parser.value(name);
    if (value == QLatin1String("on") || value == QLatin1String("1"))
        *line = true;
    else if (value == QLatin1String("off") || value == QLatin1String("0"))
        *line = false;
    else {
        err << QStringLiteral("error: --%1 must be on or off, not '%2'\n").arg(name, value);
        return false;
    }
    return true;
}

bool readSerialSettings(const QCommandLineParser& parser, const QString& port, SerialSettings* settings, QTextStream& err)
{
    settings->port = port;
    return readBaudOption(parser, &settings->baudRate, err)
           && readControlLine(parser, QStringLiteral("dtr"), &settings->dataTerminalReady, err)
           && readControlLine(parser, QStringLiteral("rts"), &settings->requestToSend, err);
}

// Shared front: parse, --help, live options. Returns -1 to go on, else the exit code.
int parseLive(QCommandLineParser& parser, const QStringList& args, Streams io, LiveOptions* options, bool withFamily)
{
    parser.addHelpOption();
    addLiveOptions(parser, withFamily);
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << QStringLiteral("error: unexpected argument '%1'\n").arg(parser.positionalArguments().constFirst());
        return Usage;
    }
    return readLiveOptions(parser, *options, io.err, withFamily) ? -1 : Usage;
}

int runList(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List serial ports with their description and USB VID:PID."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("format"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("watch"), QStringLiteral("Then keep watching: print ports as they are plugged in (+) or removed (-) until Ctrl-C.")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("With --watch: stop after <seconds>."), QStringLiteral("seconds")});
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    const QVector<SerialPortEntry> ports = listSerialPorts();
    if (parser.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray list;
        for (const SerialPortEntry& p : ports) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), p.name);
            o.insert(QStringLiteral("path"), p.systemLocation);
            o.insert(QStringLiteral("description"), p.description);
            o.insert(QStringLiteral("manufacturer"), p.manufacturer);
            o.insert(QStringLiteral("serial_number"), p.serialNumber);
            o.insert(QStringLiteral("vid_pid"), p.vidPid());
            list.push_back(o);
        }
        io.out << QJsonDocument(list).toJson(QJsonDocument::Compact) << '\n';
        return Ok;
    }
    if (ports.isEmpty())
        io.out << QStringLiteral("no serial ports found (pseudo-terminals and other paths can still be opened with --port)\n");
    for (const SerialPortEntry& p : ports)
        io.out << QStringLiteral("%1  %2  %3 %4\n")
                      .arg(p.systemLocation, -20)
                      .arg(p.vidPid().isEmpty() ? QStringLiteral("-") : p.vidPid(), -9)
                      .arg(p.description, p.manufacturer.isEmpty() ? QString() : QStringLiteral("(%1)").arg(p.manufacturer));
    if (parser.isSet(QStringLiteral("watch"))) {
        io.out.flush();
        SerialPortWatcher watcher;
        watcher.refresh(); // the list just printed is the baseline
        QObject::connect(&watcher, &SerialPortWatcher::portsChanged, &watcher,
                         [&io](const QStringList& added, const QStringList& removed) {
                             for (const QString& path : added)
                                 io.out << QStringLiteral("+ %1\n").arg(path);
                             for (const QString& path : removed)
                                 io.out << QStringLiteral("- %1\n").arg(path);
                             io.out.flush();
                         });
        watcher.start(1000);
        runUntilStopped(parser.value(QStringLiteral("duration")).toDouble());
    }
    return Ok;
}

int runHost(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Host mode: TuyaScope is the Wi-Fi module on --port. It runs the start-up sequence, keeps the MCU\n"
        "happy (heartbeats, time, RSSI, network status, acks) and sends the --send commands once the\n"
        "MCU is initialised. Commands typed on standard input while it runs (one per line) are sent too.\n"
        "Frames are decoded live.\n\n") + mcu::sendCommandHelp());
    parser.addOption({QStringLiteral("port"), QStringLiteral("Serial port (name or path, also a pseudo-terminal)."), QStringLiteral("port")});
    addPortOptions(parser);
    parser.addOption({QStringLiteral("send"), QStringLiteral("Command to send after start-up (repeatable), e.g. \"TuyaSend1 1,1\"."), QStringLiteral("command")});
    parser.addOption({QStringLiteral("network-status"), QStringLiteral("Network status reported to the MCU, 0..6 (default 4: connected to the cloud)."), QStringLiteral("n"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("heartbeat"), QStringLiteral("Heartbeat period after start-up in seconds (default 15)."), QStringLiteral("seconds"), QStringLiteral("15")});
    LiveOptions options;
    if (const int early = parseLive(parser, args, io, &options, true); early >= 0)
        return early;
    if (!parser.isSet(QStringLiteral("port"))) {
        io.err << QStringLiteral("error: serial host needs --port\n");
        return Usage;
    }
    SerialSettings settings;
    if (!readSerialSettings(parser, parser.value(QStringLiteral("port")), &settings, io.err))
        return Usage;
    HostOptions hostOptions;
    hostOptions.family = options.family;
    bool ok = false;
    const int status = parser.value(QStringLiteral("network-status")).toInt(&ok);
    if (!ok || status < 0 || status > 6) {
        io.err << QStringLiteral("error: --network-status must be 0..6\n");
        return Usage;
    }
    hostOptions.networkStatus = quint8(status);
    const double heartbeat = parser.value(QStringLiteral("heartbeat")).toDouble(&ok);
    if (!ok || heartbeat <= 0) {
        io.err << QStringLiteral("error: --heartbeat needs a positive number of seconds\n");
        return Usage;
    }
    hostOptions.heartbeatIntervalMs = int(heartbeat * 1000.0);
    QVector<mcu::SendRequest> sends;
    for (const QString& text : parser.values(QStringLiteral("send"))) {
        const mcu::SendParseResult parsed = mcu::parseSendCommand(text);
        if (!parsed.ok) {
            io.err << QStringLiteral("error: --send: %1\n").arg(parsed.error);
            return Usage;
        }
        sends.push_back(parsed.request);
    }

    SerialTransport port(settings);
    if (!port.open()) {
        io.err << QStringLiteral("error: %1\n").arg(port.errorString());
        return BadInput;
    }
    LiveCapture live;
    ModuleHost host(&port, hostOptions);
    recordHost(live, host, port);
    LiveConsole console(live, options, io);
    console.watchTransport(&port);
    QObject::connect(&host, &ModuleHost::event, &console,
                     [&console](const AgentEvent& event) { console.printEvent(QStringLiteral("host"), event); });
    QObject::connect(&host, &ModuleHost::initCompleted, &console, [&console](mcu::Family family) {
        console.decoder().setFamily(family, QStringLiteral("the host's start-up settled it"));
    });
    if (!console.startAutosave(QStringLiteral("host")))
        return BadInput;
    console.printInfo(QStringLiteral("host mode on %1 at %2 baud").arg(port.name()).arg(settings.baudRate));
    for (const mcu::SendRequest& request : sends) {
        QString error;
        if (!host.send(request, &error))
            io.err << QStringLiteral("warning: --send %1: %2\n").arg(request.text, error);
    }
    // Commands typed (or piped) while the session runs are sent as they come.
    StdinCommands typed([&host, &console](const QString& line) {
        const mcu::SendParseResult parsed = mcu::parseSendCommand(line);
        QString error;
        if (!parsed.ok)
            error = parsed.error;
        else if (!host.send(parsed.request, &error) && error.isEmpty())
            error = QStringLiteral("not sent");
        if (!error.isEmpty())
            console.printEvent(QStringLiteral("input"), AgentEvent::now(Severity::Warning, QStringLiteral("INPUT_REJECTED"),
                                                                        QStringLiteral("%1: %2").arg(line, error)));
    });
    host.start();
    const int rc = console.run();
    host.stop();
    return rc;
}

int runSniff(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sniff mode: listen to a running device. --rx is the adapter whose RX is clipped onto the MCU's TX\n"
        "line (what the module receives), --tx the one on the module's TX line. Both lines are merged\n"
        "into one timeline by arrival time; frames are decoded live."));
    parser.addOption({QStringLiteral("rx"), QStringLiteral("Port listening to the MCU's TX line (MCU -> module)."), QStringLiteral("port")});
    parser.addOption({QStringLiteral("tx"), QStringLiteral("Port listening to the module's TX line (module -> MCU)."), QStringLiteral("port")});
    addPortOptions(parser);
    LiveOptions options;
    if (const int early = parseLive(parser, args, io, &options, true); early >= 0)
        return early;
    if (!parser.isSet(QStringLiteral("rx")) && !parser.isSet(QStringLiteral("tx"))) {
        io.err << QStringLiteral("error: serial sniff needs --rx and/or --tx\n");
        return Usage;
    }
    std::optional<SerialSettings> mcuTx;
    std::optional<SerialSettings> moduleTx;
    if (parser.isSet(QStringLiteral("rx"))) {
        mcuTx.emplace();
        if (!readSerialSettings(parser, parser.value(QStringLiteral("rx")), &*mcuTx, io.err))
            return Usage;
    }
    if (parser.isSet(QStringLiteral("tx"))) {
        moduleTx.emplace();
        if (!readSerialSettings(parser, parser.value(QStringLiteral("tx")), &*moduleTx, io.err))
            return Usage;
    }
    LiveCapture live;
    SerialSniffer sniffer(&live);
    QString error;
    if (!sniffer.open(mcuTx, moduleTx, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }
    LiveConsole console(live, options, io);
    for (Transport* port : {static_cast<Transport*>(sniffer.mcuTxPort()), static_cast<Transport*>(sniffer.moduleTxPort())})
        if (port)
            console.watchTransport(port);
    if (!console.startAutosave(QStringLiteral("sniff")))
        return BadInput;
    QStringList lines;
    if (mcuTx)
        lines << QStringLiteral("MCU TX on %1").arg(sniffer.mcuTxPort()->name());
    if (moduleTx)
        lines << QStringLiteral("module TX on %1").arg(sniffer.moduleTxPort()->name());
    console.printInfo(QStringLiteral("sniffing %1").arg(lines.join(QStringLiteral(", "))));
    const int rc = console.run();
    sniffer.close();
    return rc;
}

} // namespace

int runSerial(const QStringList& args, Streams io)
{
    return runSubCommand(QStringLiteral("serial"), args,
                         {{"list", runList}, {"host", runHost}, {"sniff", runSniff}}, kSerialUsage, io);
}

} // namespace tuyascope::cli
