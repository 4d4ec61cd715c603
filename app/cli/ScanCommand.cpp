// scan: listen for Tuya LAN discovery broadcasts (UDP 6666/6667/7000) and list the devices found.

#include "CliCommands.h"
#include "LiveConsole.h"

#include "lanclient/LanDiscoveryScanner.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::cli {

int runScan(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Listen for Tuya devices announcing themselves on the LAN (UDP 6666: 3.1 plain JSON, 6667: 3.2-3.5\n"
        "encrypted with the public UDP key, 7000: 3.5 answers) and list each device once. Every 6 s the\n"
        "3.5 app solicitation is broadcast so 3.5 devices answer. Many devices stay silent while another\n"
        "app is connected to them."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds to listen (default 10)."), QStringLiteral("seconds"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("port"), QStringLiteral("UDP port to listen on (repeatable; default 6666, 6667 and 7000)."), QStringLiteral("port")});
    parser.addOption({QStringLiteral("target"), QStringLiteral("Address the 3.5 solicitation goes to (default 255.255.255.255)."), QStringLiteral("address")});
    parser.addOption({QStringLiteral("solicit-port"), QStringLiteral("UDP port of the solicitation (default 7000)."), QStringLiteral("port"), QStringLiteral("7000")});
    parser.addOption({QStringLiteral("app-ip"), QStringLiteral("The \"ip\" announced in the solicitation (default: this host's first IPv4 address)."), QStringLiteral("ip")});
    parser.addOption({QStringLiteral("no-solicit"), QStringLiteral("Only listen; do not send the 3.5 solicitation.")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("Output: text (default) or json (one object per line)."), QStringLiteral("format"), QStringLiteral("text")});
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << QStringLiteral("error: unexpected argument '%1'\n").arg(parser.positionalArguments().constFirst());
        return Usage;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        io.err << QStringLiteral("error: --format must be text or json, not '%1'\n").arg(format);
        return Usage;
    }
    const bool json = format == QLatin1String("json");
    bool ok = false;
    const double timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || timeout <= 0) {
        io.err << QStringLiteral("error: --timeout needs a positive number of seconds\n");
        return Usage;
    }
    lanclient::LanScannerConfig config;
    if (parser.isSet(QStringLiteral("port"))) {
        config.ports.clear();
        for (const QString& text : parser.values(QStringLiteral("port"))) {
            const uint port = text.toUInt(&ok);
            if (!ok || port > 65535) {
                io.err << QStringLiteral("error: --port must be 0..65535, not '%1'\n").arg(text);
                return Usage;
            }
            config.ports.push_back(quint16(port));
        }
    }
    config.solicit = !parser.isSet(QStringLiteral("no-solicit"));
    if (parser.isSet(QStringLiteral("target"))) {
        config.solicitTarget = QHostAddress(parser.value(QStringLiteral("target")));
        if (config.solicitTarget.isNull()) {
            io.err << QStringLiteral("error: --target needs an IP address, not '%1'\n").arg(parser.value(QStringLiteral("target")));
            return Usage;
        }
    }
    const uint solicitPort = parser.value(QStringLiteral("solicit-port")).toUInt(&ok);
    if (!ok || solicitPort == 0 || solicitPort > 65535) {
        io.err << QStringLiteral("error: --solicit-port must be 1..65535\n");
        return Usage;
    }
    config.solicitPort = quint16(solicitPort);
    config.appIp = parser.value(QStringLiteral("app-ip"));

    lanclient::LanDiscoveryScanner scanner(config);
    QObject::connect(&scanner, &lanclient::LanDiscoveryScanner::warning, &scanner, [&io](const QString& message) {
        io.err << QStringLiteral("warning: %1\n").arg(message);
        io.err.flush();
    });
    QObject::connect(&scanner, &lanclient::LanDiscoveryScanner::deviceFound, &scanner,
                     [&io, json](const lanclient::DiscoveredDevice& d) {
                         if (json) {
                             QJsonObject o;
                             o.insert(QStringLiteral("type"), QStringLiteral("device"));
                             o.insert(QStringLiteral("gwId"), d.gwId);
                             o.insert(QStringLiteral("ip"), d.ip);
                             o.insert(QStringLiteral("version"), d.version);
                             o.insert(QStringLiteral("productKey"), d.productKey);
                             o.insert(QStringLiteral("udp_port"), int(d.port));
                             o.insert(QStringLiteral("announcement"), d.json);
                             io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
                         } else {
                             io.out << QStringLiteral("%1  %2  %3  %4\n")
                                           .arg(d.ip, -15)
                                           .arg(d.gwId, -24)
                                           .arg(d.version.isEmpty() ? QStringLiteral("?") : d.version, -4)
                                           .arg(d.productKey);
                         }
                         io.out.flush();
                     });
    QString error;
    if (!scanner.start(&error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }
    if (!json) {
        QStringList ports;
        for (const quint16 p : scanner.boundPorts())
            ports << QString::number(p);
        io.out << QStringLiteral("# listening on UDP %1 for %2 s\n").arg(ports.join(QStringLiteral(", "))).arg(timeout);
        io.out.flush();
    }
    runUntilStopped(timeout);
    scanner.stop();
    if (!json)
        io.out << QStringLiteral("# %1 device(s) found\n").arg(scanner.devices().size());
    return Ok;
}

} // namespace tuyascope::cli
