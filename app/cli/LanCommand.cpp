// lan status | set | monitor: TuyaScope as a Tuya LAN client (TCP 6668, protocol 3.1-3.5).

#include "CliCommands.h"
#include "LiveConsole.h"

#include "lanclient/LanClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace tuyascope::cli {

namespace {

const char kLanUsage[] =
    "usage: tuyascope-cli lan status  --host H [--port P] --id ID --key KEY --version V [options]\n"
    "       tuyascope-cli lan set     --host H [--port P] --id ID --key KEY --version V DP=VALUE... [options]\n"
    "       tuyascope-cli lan monitor --host H [--port P] --id ID --key KEY --version V [options]\n"
    "(see tuyascope-cli lan <status|set|monitor> --help)\n";

enum class Mode { Status, Set, Monitor };

// "1=true", "2=25", "3=\"text\"": the value is JSON.
bool parseDpAssignments(const QStringList& args, lanclient::DpList* dps, QTextStream& err)
{
    for (const QString& arg : args) {
        const qsizetype eq = arg.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            err << QStringLiteral("error: '%1' is not DP=VALUE (e.g. 1=true, 2=25, 3='\"text\"')\n").arg(arg);
            return false;
        }
        const QString id = arg.left(eq).trimmed();
        const QString value = arg.mid(eq + 1).trimmed();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson("[" + value.toUtf8() + "]", &error);
        if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
            err << QStringLiteral("error: the value of DP %1 is not JSON: '%2' (use true/false, a number, or text in "
                                  "double quotes such as '\"auto\"')\n")
                       .arg(id, value);
            return false;
        }
        dps->push_back({id, doc.array().at(0)});
    }
    return true;
}

int runLanMode(Mode mode, const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    switch (mode) {
    case Mode::Status:
        parser.setApplicationDescription(QStringLiteral(
            "Connect to a Tuya device on the LAN, read its DPs, print them and exit. Frames are decoded live."));
        break;
    case Mode::Set:
        parser.setApplicationDescription(QStringLiteral(
            "Connect to a Tuya device on the LAN and set DPs: DP=VALUE with VALUE as JSON, e.g.\n"
            "  1=true  2=250  4='\"auto\"'\n"
            "Prints the acknowledgement and the device's report, then exits."));
        parser.addPositionalArgument(QStringLiteral("DP=VALUE"), QStringLiteral("DPs to set (at least one)."));
        break;
    case Mode::Monitor:
        parser.setApplicationDescription(QStringLiteral(
            "Connect to a Tuya device on the LAN, read its DPs, then stay connected (heartbeats) printing every\n"
            "frame and every DP report until --duration elapses or Ctrl-C."));
        break;
    }
    parser.addOption({QStringLiteral("host"), QStringLiteral("Device address (IP or name)."), QStringLiteral("host")});
    parser.addOption({QStringLiteral("port"), QStringLiteral("TCP port (default 6668)."), QStringLiteral("port"), QStringLiteral("6668")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Device id (gwId/devId)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("key"), QStringLiteral("The device's 16-character local key (never printed)."), QStringLiteral("key")});
    parser.addOption({QStringLiteral("version"), QStringLiteral("Protocol version: 3.1, 3.2, 3.3, 3.4 or 3.5."), QStringLiteral("version")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds to wait for the connection and for each answer (default 5)."), QStringLiteral("seconds"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("device22"), QStringLiteral("Query with CONTROL_NEW and the DPs listed (device22 firmwares); otherwise automatic.")});
    parser.addOption({QStringLiteral("dps-to-request"), QStringLiteral("DP ids listed in a device22 query (default 1), comma separated."), QStringLiteral("ids")});
    if (mode == Mode::Monitor)
        parser.addOption({QStringLiteral("heartbeat"), QStringLiteral("Heartbeat period in seconds (default 10)."), QStringLiteral("seconds"), QStringLiteral("10")});
    parser.addHelpOption();
    addLiveOptions(parser, false);
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    LiveOptions options;
    if (!readLiveOptions(parser, options, io.err, false))
        return Usage;

    lanclient::DpList dps;
    if (mode == Mode::Set) {
        if (parser.positionalArguments().isEmpty()) {
            io.err << QStringLiteral("error: lan set needs at least one DP=VALUE\n");
            return Usage;
        }
        if (!parseDpAssignments(parser.positionalArguments(), &dps, io.err))
            return Usage;
    } else if (!parser.positionalArguments().isEmpty()) {
        io.err << QStringLiteral("error: unexpected argument '%1'\n").arg(parser.positionalArguments().constFirst());
        return Usage;
    }
    for (const char* required : {"host", "id", "key", "version"}) {
        if (!parser.isSet(QLatin1String(required))) {
            io.err << QStringLiteral("error: lan needs --%1\n").arg(QLatin1String(required));
            return Usage;
        }
    }
    lanclient::LanClientConfig config;
    config.host = parser.value(QStringLiteral("host"));
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        io.err << QStringLiteral("error: --port must be 1..65535\n");
        return Usage;
    }
    config.port = quint16(port);
    config.deviceId = parser.value(QStringLiteral("id"));
    QString why;
    const std::optional<keys::LocalKey> key = keys::LocalKey::fromString(parser.value(QStringLiteral("key")), &why);
    if (!key) {
        io.err << QStringLiteral("error: --key: %1\n").arg(why);
        return Usage;
    }
    config.localKey = *key;
    config.version = lan::versionFromName(parser.value(QStringLiteral("version")));
    if (config.version == lan::LanVersion::Unknown) {
        io.err << QStringLiteral("error: --version must be 3.1, 3.2, 3.3, 3.4 or 3.5, not '%1'\n")
                      .arg(parser.value(QStringLiteral("version")));
        return Usage;
    }
    const double timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || timeout <= 0) {
        io.err << QStringLiteral("error: --timeout needs a positive number of seconds\n");
        return Usage;
    }
    config.connectTimeoutMs = int(timeout * 1000.0);
    config.requestTimeoutMs = int(timeout * 1000.0);
    config.device22 = parser.isSet(QStringLiteral("device22"));
    if (parser.isSet(QStringLiteral("dps-to-request"))) {
        config.device22DpIds.clear();
        for (const QString& id : parser.value(QStringLiteral("dps-to-request")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            config.device22DpIds << id.trimmed();
    }
    if (mode == Mode::Monitor) {
        const double heartbeat = parser.value(QStringLiteral("heartbeat")).toDouble(&ok);
        if (!ok || heartbeat <= 0) {
            io.err << QStringLiteral("error: --heartbeat needs a positive number of seconds\n");
            return Usage;
        }
        config.heartbeatIntervalMs = int(heartbeat * 1000.0);
    }

    LiveCapture live;
    lanclient::LanClient client(config, &live);
    LiveConsole console(live, options, io);
    console.setLanContextProvider([&client](const LiveFrameEvent& event) { return client.decodeContext(event.direction); });
    const QString who = QStringLiteral("lan");
    int failure = Ok;
    bool acknowledged = false;
    QTimer linger;
    linger.setSingleShot(true);
    QObject::connect(&linger, &QTimer::timeout, QCoreApplication::instance(), &QCoreApplication::quit);

    QObject::connect(&client, &lanclient::LanClient::event, &console,
                     [&console, &who](const AgentEvent& event) { console.printEvent(who, event); });
    QObject::connect(&client, &lanclient::LanClient::errorOccurred, &console,
                     [&, mode](const lanclient::LanClientError& error) {
                         console.printEvent(who, AgentEvent::now(error.fatal || mode != Mode::Monitor ? Severity::Error
                                                                                                      : Severity::Warning,
                                                                 error.codeName(), error.message));
                         if (error.fatal || mode != Mode::Monitor) {
                             io.err << QStringLiteral("error: %1: %2\n").arg(error.codeName(), error.message);
                             io.err.flush();
                             failure = BadInput;
                             QCoreApplication::quit();
                         }
                     });
    QObject::connect(&client, &lanclient::LanClient::statusReceived, &console, [&, mode](const QJsonObject& status) {
        console.printDps(who, QStringLiteral("status"), status);
        if (mode == Mode::Status)
            QCoreApplication::quit();
    });
    QObject::connect(&client, &lanclient::LanClient::dpsReported, &console, [&, mode](const QJsonObject& report) {
        console.printDps(who, QStringLiteral("push"), report);
        if (mode == Mode::Set && acknowledged)
            QCoreApplication::quit();
    });
    QObject::connect(&client, &lanclient::LanClient::setAcknowledged, &console, [&, mode] {
        console.printEvent(who, AgentEvent::now(Severity::Note, QStringLiteral("SET_ACKNOWLEDGED"),
                                                QStringLiteral("the device acknowledged the DP write")));
        acknowledged = true;
        if (mode == Mode::Set)
            linger.start(1500); // give the device a moment to report the new state
    });
    QObject::connect(&client, &lanclient::LanClient::ready, &console, [&, mode] {
        if (client.isDevice22() && mode != Mode::Set)
            console.printInfo(QStringLiteral("device22 mode: querying with CONTROL_NEW"));
    });

    if (!console.startAutosave(QStringLiteral("lan")))
        return BadInput;
    console.printInfo(QStringLiteral("lan %1 %2:%3, protocol %4, device %5")
                          .arg(mode == Mode::Status ? QStringLiteral("status")
                               : mode == Mode::Set  ? QStringLiteral("set")
                                                    : QStringLiteral("monitor"))
                          .arg(config.host)
                          .arg(config.port)
                          .arg(lan::versionName(config.version), config.deviceId));
    QTimer::singleShot(0, &client, [&client, &dps, mode] {
        client.connectToDevice();
        if (mode == Mode::Set)
            client.setDps(dps);
        else
            client.queryStatus();
    });
    const int rc = console.run();
    client.disconnectFromDevice();
    return failure != Ok ? failure : rc;
}

int runLanStatus(const QStringList& args, Streams io) { return runLanMode(Mode::Status, args, io); }
int runLanSet(const QStringList& args, Streams io) { return runLanMode(Mode::Set, args, io); }
int runLanMonitor(const QStringList& args, Streams io) { return runLanMode(Mode::Monitor, args, io); }

} // namespace

int runLan(const QStringList& args, Streams io)
{
    return runSubCommand(QStringLiteral("lan"), args,
                         {{"status", runLanStatus}, {"set", runLanSet}, {"monitor", runLanMonitor}}, kLanUsage, io);
}

} // namespace tuyascope::cli
