#include "CliCommands.h"
#include "LiveConsole.h"

#include "host/ModuleHost.h"
#include "import/ImporterRegistry.h"
#include "live/LiveWiring.h"
#include "simulator/McuSimulator.h"
#include "transport/LoopbackLink.h"

#include <QCommandLineParser>

namespace tuyascope::cli {

namespace {

// The bundled HY609 thermostat capture: decoded frames, then its dpId table.
int runCaptureDemo(const QString& program, Streams io)
{
    const QString capture = QStringLiteral(":/tuyascope/captures/hy609-thermostat.txt");
    io.out << QStringLiteral("TuyaScope demo: the bundled HY609 thermostat capture (MCU -> module line)\n\n");
    int rc = runDecode({program, QStringLiteral("--embedded"), capture}, io);
    if (rc != Ok)
        return rc;
    io.out << QStringLiteral("\ndpId table\n");
    return runDps({program, QStringLiteral("--embedded"), capture}, io);
}

} // namespace

// Live demo: host mode and a simulated device talk over the in-process loopback link; the
// module's side of the wire is decoded on the terminal, as with a real adapter.
int runDemo(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Live demo: TuyaScope's host mode drives a simulated device over an in-process loopback link,\n"
        "decoded live. --capture decodes the bundled HY609 capture instead."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("capture"), QStringLiteral("Decode the bundled HY609 capture (no live link).")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("Simulated device (default hy609-thermostat)."), QStringLiteral("name|file"), QStringLiteral("hy609-thermostat")});
    parser.addOption({QStringLiteral("send"), QStringLiteral("Command the host sends after start-up (repeatable; default for the thermostat: TuyaSend2 2,235)."), QStringLiteral("command")});
    addLiveOptions(parser, false);
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    if (parser.isSet(QStringLiteral("capture")))
        return runCaptureDemo(args.value(0), io);

    LiveOptions options;
    if (!readLiveOptions(parser, options, io.err, false))
        return Usage;
    if (!parser.isSet(QStringLiteral("duration")))
        options.durationS = 5;

    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(parser.value(QStringLiteral("profile")), profile, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }
    QStringList sendTexts = parser.values(QStringLiteral("send"));
    if (!parser.isSet(QStringLiteral("send")) && profile.name == QLatin1String("hy609-thermostat"))
        sendTexts << QStringLiteral("TuyaSend2 2,235"); // set-point 23.5 °C
    QVector<mcu::SendRequest> sends;
    for (const QString& text : sendTexts) {
        const mcu::SendParseResult parsed = mcu::parseSendCommand(text);
        if (!parsed.ok) {
            io.err << QStringLiteral("error: --send: %1\n").arg(parsed.error);
            return Usage;
        }
        sends.push_back(parsed.request);
    }

    LoopbackLink link;
    link.moduleEnd()->open();
    link.mcuEnd()->open();
    HostOptions hostOptions;
    hostOptions.family = profile.protocol;
    hostOptions.heartbeatIntervalMs = 2000; // the demo is short: show a few periodic heartbeats
    ModuleHost host(link.moduleEnd(), hostOptions);
    SimulatorOptions simOptions;
    simOptions.timeScale = 0.2; // reports five times faster than the profile says
    McuSimulator simulator(link.mcuEnd(), profile, simOptions);

    LiveCapture live;
    recordHost(live, host, *link.moduleEnd());
    options.family = profile.protocol;
    LiveConsole console(live, options, io);
    QObject::connect(&host, &ModuleHost::event, &console,
                     [&console](const AgentEvent& event) { console.printEvent(QStringLiteral("host"), event); });
    QObject::connect(&simulator, &McuSimulator::event, &console,
                     [&console](const AgentEvent& event) { console.printEvent(QStringLiteral("mcu"), event); });
    if (!console.startAutosave(QStringLiteral("demo")))
        return BadInput;
    console.printInfo(QStringLiteral("TuyaScope live demo: host mode <-> simulated %1 (%2) over the loopback link, %3 s")
                          .arg(profile.name, mcu::familyLabel(profile.protocol))
                          .arg(options.durationS));
    console.printInfo(QStringLiteral("time             direction     family cmd  summary"));
    for (const mcu::SendRequest& request : sends)
        host.send(request);
    simulator.start();
    host.start();
    const int rc = console.run();
    host.stop();
    simulator.stop();
    return rc;
}

int runFormats(const QStringList& args, Streams io)
{
    Q_UNUSED(args);
    io.out << QStringLiteral("Capture formats recognised by content (no need to name them):\n");
    for (const CaptureImporter* importer : ImporterRegistry::instance().importers())
        io.out << QStringLiteral("  %1  %2 (%3)\n").arg(importer->id(), -18).arg(importer->displayName(),
                                                                                    importer->extensions().join(QStringLiteral(", ")));
    return Ok;
}

} // namespace tuyascope::cli
