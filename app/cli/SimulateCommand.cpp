// simulate mcu | profiles: TuyaScope plays the MCU from a device profile.

#include "CliCommands.h"
#include "LiveConsole.h"

#include "live/LiveWiring.h"
#include "simulator/McuSimulator.h"
#include "transport/SerialTransport.h"

namespace tuyascope::cli {

namespace {

const char kSimulateUsage[] =
    "usage: tuyascope-cli simulate mcu --port P --profile NAME|FILE [--baud B] [--time-scale X] [options]\n"
    "       tuyascope-cli simulate lan --id ID --key KEY [--listen HOST:PORT] [--version 3.1..3.5] [options]\n"
    "       tuyascope-cli simulate profiles\n";

bool readTimeScale(const QCommandLineParser& parser, double* scale, QTextStream& err)
{
    bool ok = false;
    *scale = parser.value(QStringLiteral("time-scale")).toDouble(&ok);
    if (!ok || *scale <= 0) {
        err << QStringLiteral("error: --time-scale needs a positive number\n");
        return false;
    }
    return true;
}

int runProfiles(const QStringList& args, Streams io)
{
    Q_UNUSED(args);
    for (const QString& name : builtinProfileNames()) {
        DeviceProfile profile;
        QString error;
        if (!loadDeviceProfile(name, profile, &error)) {
            io.err << QStringLiteral("error: built-in profile %1: %2\n").arg(name, error);
            return BadInput;
        }
        io.out << QStringLiteral("%1  %2  %3 dp(s)  %4\n")
                      .arg(name, -18)
                      .arg(mcu::familyKey(profile.protocol), -4)
                      .arg(profile.dps.size(), 3)
                      .arg(profile.description);
    }
    return Ok;
}

int runMcu(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "MCU simulator: TuyaScope plays the MCU on --port from a device profile (a built-in name, see\n"
        "'simulate profiles', or a JSON file). It answers the Wi-Fi module, applies its DP writes and\n"
        "reports DPs as the profile says."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"), QStringLiteral("Serial port (name or path, also a pseudo-terminal)."), QStringLiteral("port")});
    parser.addOption({QStringLiteral("baud"), QStringLiteral("Baud rate (default 9600)."), QStringLiteral("rate"), QStringLiteral("9600")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("Built-in profile name or profile file."), QStringLiteral("name|file")});
    parser.addOption({QStringLiteral("time-scale"), QStringLiteral("Multiply the profile's report periods (0.1 = ten times faster)."), QStringLiteral("x"), QStringLiteral("1")});
    addLiveOptions(parser, false);
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    LiveOptions options;
    if (!readLiveOptions(parser, options, io.err, false))
        return Usage;
    if (!parser.isSet(QStringLiteral("port")) || !parser.isSet(QStringLiteral("profile"))) {
        io.err << QStringLiteral("error: simulate mcu needs --port and --profile\n");
        return Usage;
    }
    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(parser.value(QStringLiteral("profile")), profile, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }
    SimulatorOptions simOptions;
    SerialSettings settings;
    settings.port = parser.value(QStringLiteral("port"));
    if (!readBaudOption(parser, &settings.baudRate, io.err) || !readTimeScale(parser, &simOptions.timeScale, io.err))
        return Usage;
    options.family = profile.protocol;

    SerialTransport port(settings);
    if (!port.open()) {
        io.err << QStringLiteral("error: %1\n").arg(port.errorString());
        return BadInput;
    }
    LiveCapture live;
    McuSimulator simulator(&port, profile, simOptions);
    recordSimulator(live, simulator, port);
    LiveConsole console(live, options, io);
    console.watchTransport(&port);
    QObject::connect(&simulator, &McuSimulator::event, &console,
                     [&console](const AgentEvent& event) { console.printEvent(QStringLiteral("mcu"), event); });
    if (!console.startAutosave(QStringLiteral("simulate")))
        return BadInput;
    console.printInfo(QStringLiteral("simulating %1 (%2) on %3 at %4 baud")
                          .arg(profile.name, mcu::familyLabel(profile.protocol), port.name())
                          .arg(settings.baudRate));
    simulator.start();
    const int rc = console.run();
    simulator.stop();
    return rc;
}

} // namespace


int runSimulate(const QStringList& args, Streams io)
{
    return runSubCommand(QStringLiteral("simulate"), args, {{"mcu", runMcu}, {"lan", runSimulateLan}, {"profiles", runProfiles}},
                         kSimulateUsage, io);
}

} // namespace tuyascope::cli
