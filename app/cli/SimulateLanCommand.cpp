// simulate lan: TuyaScope plays a Tuya LAN device (3.1-3.5) on a TCP port, optionally with its
// UDP discovery announcements. Every byte of every client connection goes into the live capture
// (autosave, -o); simulator events are printed. The local key is never printed.

#include "CliCommands.h"
#include "LiveConsole.h"

#include "lansim/LanDeviceSimulator.h"
#include "lansim/LanDiscoveryBroadcaster.h"
#include "live/Autosave.h"
#include "pcapng/PcapngWriter.h"

namespace tuyascope::cli {

int runSimulateLan(const QStringList& args, Streams io);

namespace {

bool parseListen(const QString& text, QHostAddress* address, quint16* port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    QHostAddress parsed;
    if (host == QLatin1String("localhost"))
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = quint16(value);
    return true;
}

// "--broadcast [PORT]": QCommandLineParser has no optional values, so a following number
// becomes the hidden --broadcast-port.
QStringList expandBroadcast(const QStringList& args)
{
    QStringList out;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a.startsWith(QLatin1String("--broadcast="))) {
            out << QStringLiteral("--broadcast") << QStringLiteral("--broadcast-port") << a.mid(12);
            continue;
        }
        out << a;
        if (a == QLatin1String("--broadcast") && i + 1 < args.size()) {
            bool number = false;
            args[i + 1].toUInt(&number);
            if (number)
                out << QStringLiteral("--broadcast-port") << args[++i];
        }
    }
    return out;
}

bool readNumber(const QCommandLineParser& parser, const QString& name, double minimum, double* value, QTextStream& err)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < minimum) {
        err << QStringLiteral("error: --%1 needs a number >= %2, not '%3'\n").arg(name).arg(minimum).arg(parser.value(name));
        return false;
    }
    *value = v;
    return true;
}

} // namespace

int runSimulateLan(const QStringList& rawArgs, Streams io)
{
    using namespace tuyascope::lansim;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "LAN device simulator: TuyaScope plays a Tuya Wi-Fi device speaking the local protocol\n"
        "3.1-3.5 on a TCP port (default 127.0.0.1:6668; another address only when given), with the\n"
        "DPs of a device profile (built-in name, see 'simulate profiles', or a JSON file). Clients\n"
        "(tinytuya, tuyapi, Home Assistant, TuyaScope) query and set DPs; the conversation is recorded."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Address and TCP port (default 127.0.0.1:6668)."), QStringLiteral("host:port"), QStringLiteral("127.0.0.1:6668")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Device id (gwId/devId)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("key"), QStringLiteral("Local key: 16 characters (never printed)."), QStringLiteral("key")});
    parser.addOption({QStringLiteral("version"), QStringLiteral("Protocol version 3.1, 3.2, 3.3 (default), 3.4 or 3.5."), QStringLiteral("v"), QStringLiteral("3.3")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("Built-in profile name or profile file (default energy-plug)."), QStringLiteral("name|file"), QStringLiteral("energy-plug")});
    parser.addOption({QStringLiteral("broadcast"), QStringLiteral("Send UDP discovery announcements to 127.0.0.1 [PORT] (default: the version's port) every 5 s; 3.5 also answers app solicitations on UDP 7000.")});
    QCommandLineOption broadcastPort(QStringLiteral("broadcast-port"), QStringLiteral("Port of --broadcast."), QStringLiteral("port"));
    broadcastPort.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(broadcastPort);
    parser.addOption({QStringLiteral("product-key"), QStringLiteral("productKey announced by --broadcast (default: the profile's productId)."), QStringLiteral("key")});
    parser.addOption({QStringLiteral("max-clients"), QStringLiteral("Simultaneous connections (default 1, like most devices)."), QStringLiteral("n"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("drop-oldest"), QStringLiteral("When full, drop the oldest client instead of refusing the new one.")});
    parser.addOption({QStringLiteral("heartbeat-timeout"), QStringLiteral("Close a client silent for this many seconds (default 30; 0 = never)."), QStringLiteral("s"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("time-window"), QStringLiteral("Ignore CONTROL whose \"t\" is further than this from now (default 0 = no check)."), QStringLiteral("s"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("device22"), QStringLiteral("Answer DP_QUERY with \"json obj data unvalid\" (device22 firmware).")});
    parser.addOption({QStringLiteral("time-scale"), QStringLiteral("Multiply the profile's report periods (0.1 = ten times faster)."), QStringLiteral("x"), QStringLiteral("1")});
    addLiveOptions(parser, false);
    if (const int early = parseArguments(parser, expandBroadcast(rawArgs), io); early >= 0)
        return early;
    LiveOptions liveOptions;
    if (!readLiveOptions(parser, liveOptions, io.err, false))
        return Usage;
    if (!parser.isSet(QStringLiteral("id")) || !parser.isSet(QStringLiteral("key"))) {
        io.err << QStringLiteral("error: simulate lan needs --id and --key\n");
        return Usage;
    }
    LanSimulatorOptions options;
    options.device.deviceId = parser.value(QStringLiteral("id"));
    options.device.localKey = parser.value(QStringLiteral("key")).toLatin1();
    if (options.device.localKey.size() != 16 || parser.value(QStringLiteral("key")).size() != 16) {
        io.err << QStringLiteral("error: --key must be the 16-character local key\n");
        return Usage;
    }
    options.device.version = lan::versionFromName(parser.value(QStringLiteral("version")));
    if (options.device.version == lan::LanVersion::Unknown) {
        io.err << QStringLiteral("error: --version must be 3.1, 3.2, 3.3, 3.4 or 3.5\n");
        return Usage;
    }
    if (!parseListen(parser.value(QStringLiteral("listen")), &options.address, &options.port)) {
        io.err << QStringLiteral("error: --listen needs host:port such as 127.0.0.1:6668\n");
        return Usage;
    }
    double maxClients = 1, heartbeat = 30, window = 0, scale = 1;
    if (!readNumber(parser, QStringLiteral("max-clients"), 1, &maxClients, io.err)
        || !readNumber(parser, QStringLiteral("heartbeat-timeout"), 0, &heartbeat, io.err)
        || !readNumber(parser, QStringLiteral("time-window"), 0, &window, io.err)
        || !readNumber(parser, QStringLiteral("time-scale"), 0.001, &scale, io.err))
        return Usage;
    options.maxClients = int(maxClients);
    options.dropOldest = parser.isSet(QStringLiteral("drop-oldest"));
    options.heartbeatTimeoutMs = int(heartbeat * 1000.0);
    options.device.timestampToleranceS = int(window);
    options.device.device22 = parser.isSet(QStringLiteral("device22"));
    options.timeScale = scale;

    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(parser.value(QStringLiteral("profile")), profile, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }

    LiveCapture live;
    LanDeviceSimulator simulator(profile, options);
    recordLanSimulator(live, simulator);
    LiveConsole console(live, liveOptions, io);
    // The console decodes TuyaMCU frames; LAN bytes are recorded, not printed frame by frame.
    QObject::disconnect(&live, &LiveCapture::frameDecoded, &console, nullptr);
    QObject::connect(&simulator, &LanDeviceSimulator::event, &console,
                     [&console](const AgentEvent& event) { console.printEvent(QStringLiteral("lan"), event); });
    if (!simulator.start(&error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }

    std::unique_ptr<LanDiscoveryBroadcaster> broadcaster;
    if (parser.isSet(QStringLiteral("broadcast"))) {
        LanDiscoveryOptions discovery;
        discovery.version = options.device.version;
        discovery.deviceId = options.device.deviceId;
        discovery.productKey = parser.isSet(QStringLiteral("product-key")) ? parser.value(QStringLiteral("product-key")) : profile.productId;
        discovery.ip = options.address.toString();
        if (parser.isSet(broadcastPort)) {
            bool ok = false;
            const uint port = parser.value(broadcastPort).toUInt(&ok);
            if (!ok || port == 0 || port > 65535) {
                io.err << QStringLiteral("error: --broadcast needs a UDP port, not '%1'\n").arg(parser.value(broadcastPort));
                return Usage;
            }
            discovery.port = quint16(port);
        }
        discovery.listenForSolicitations = options.device.version == lan::LanVersion::V35;
        discovery.listenAddress = options.address;
        broadcaster = std::make_unique<LanDiscoveryBroadcaster>(discovery);
        QObject::connect(broadcaster.get(), &LanDiscoveryBroadcaster::event, &console,
                         [&console](const AgentEvent& event) { console.printEvent(QStringLiteral("discovery"), event); });
        if (!broadcaster->start(&error)) {
            io.err << QStringLiteral("error: %1\n").arg(error);
            return BadInput;
        }
    }
    // Autosave and the end of the session are handled here rather than by LiveConsole::run(),
    // whose summary counts TuyaMCU frames.
    std::unique_ptr<Autosave> autosave;
    if (liveOptions.autosave) {
        const QString dir = liveOptions.autosaveDir.isEmpty() ? Autosave::defaultDirectory() : liveOptions.autosaveDir;
        autosave = std::make_unique<Autosave>(&live);
        if (!autosave->start(Autosave::newFilePath(dir, QStringLiteral("simulate-lan")), &error)) {
            io.err << QStringLiteral("error: autosave: %1 (use --no-autosave to run without it)\n").arg(error);
            return BadInput;
        }
        QObject::connect(autosave.get(), &Autosave::failed, &console, [io](const QString& message) {
            io.err << QStringLiteral("warning: %1\n").arg(message);
            io.err.flush();
        });
        io.err << QStringLiteral("autosave: %1\n").arg(autosave->path());
        io.err.flush();
    }
    console.printInfo(QStringLiteral("simulating %1 (%2 dp(s)) as LAN %3 device %4 on %5:%6")
                          .arg(profile.name)
                          .arg(profile.dps.size())
                          .arg(lan::versionName(options.device.version), options.device.deviceId, simulator.address().toString())
                          .arg(simulator.port()));
    runUntilStopped(liveOptions.durationS);
    if (broadcaster)
        broadcaster->stop();
    simulator.stop();
    live.finish();
    if (autosave)
        autosave->stop();
    int rc = Ok;
    if (!liveOptions.output.isEmpty() && !writePcapngFile(live.capture(), liveOptions.output, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        rc = BadInput;
    }
    console.printInfo(QStringLiteral("%1 record(s) from %2 client connection(s)")
                          .arg(live.capture().recordCount())
                          .arg(live.capture().channels().size() / 2));
    return rc;
}

} // namespace tuyascope::cli
