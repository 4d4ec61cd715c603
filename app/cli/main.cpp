// tuyascope-cli: thin dispatcher to the commands in this folder.

#include "CliCommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char kUsage[] =
    "usage: tuyascope-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  decode [--format text|json] FILE...        decode captures frame by frame\n"
    "  dps [--format text|json|csv] [--infer] FILE...  the dpId table of captures (--infer: roles)\n"
    "  export --to tasmota|openbeken|esphome|tinytuya [--mapping MAP] FILE...\n"
    "                                              firmware configuration from a dp mapping\n"
    "  convert IN... -o OUT.pcapng                 convert/merge captures into pcapng\n"
    "  formats                                     list the capture formats read\n"
    "  serial list                                 serial ports with description and VID:PID\n"
    "  serial host --port P [--send CMD]...        be the Wi-Fi module for an MCU, decoded live\n"
    "  serial sniff --rx P1 [--tx P2]              listen to both UART lines of a running device\n"
    "  simulate mcu --port P --profile NAME|FILE   be the MCU for a Wi-Fi module\n"
    "  simulate profiles                           the built-in device profiles\n"
    "  demo [--capture]                            host mode and a simulated thermostat, live\n"
    "  lan status|set|monitor --host H --id ID --key KEY --version V [DP=VALUE]...\n"
    "                                              talk to a Tuya device on the LAN (3.1-3.5), live\n"
    "  scan [--timeout S] [--port P]...            list Tuya devices announcing themselves on the LAN\n"
    "  keys import|list|remove|path                the local-key store (devices.json import, mode 0600)\n"
    "\n"
    "common options: --family std|lp  --direction module|mcu  (see <command> --help)\n";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // The data location (autosave) is ~/.local/share/TuyaScope on Linux, shared with the GUI.
    QCoreApplication::setApplicationName(QStringLiteral("TuyaScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUYASCOPE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const tuyascope::cli::Streams io{out, err};

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? err : out) << kUsage;
        return args.size() < 2 ? tuyascope::cli::Usage : tuyascope::cli::Ok;
    }
    if (args.at(1) == QLatin1String("--version")) {
        out << "tuyascope-cli " << TUYASCOPE_VERSION << '\n';
        return tuyascope::cli::Ok;
    }
    const QString command = args.at(1);
    args.removeAt(1); // the command's parser sees "program [options] files"
    if (command == QLatin1String("decode"))
        return tuyascope::cli::runDecode(args, io);
    if (command == QLatin1String("dps"))
        return tuyascope::cli::runDps(args, io);
    if (command == QLatin1String("export"))
        return tuyascope::cli::runExport(args, io);
    if (command == QLatin1String("convert"))
        return tuyascope::cli::runConvert(args, io);
    if (command == QLatin1String("demo"))
        return tuyascope::cli::runDemo(args, io);
    if (command == QLatin1String("serial"))
        return tuyascope::cli::runSerial(args, io);
    if (command == QLatin1String("simulate"))
        return tuyascope::cli::runSimulate(args, io);
    if (command == QLatin1String("lan"))
        return tuyascope::cli::runLan(args, io);
    if (command == QLatin1String("scan"))
        return tuyascope::cli::runScan(args, io);
    if (command == QLatin1String("keys"))
        return tuyascope::cli::runKeys(args, io);
    if (command == QLatin1String("formats"))
        return tuyascope::cli::runFormats(args, io);
    err << "error: unknown command '" << command << "'\n\n" << kUsage;
    return tuyascope::cli::Usage;
}
