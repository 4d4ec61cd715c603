// lan status | set | monitor: TuyaScope as a Tuya LAN client (TCP 6668, protocol 3.1-3.5).

#include "CliCommands.h"
#include "KeySources.h"
#include "LiveConsole.h"

#include "lanclient/LanClient.h"
#include "lanclient/LanClientSupervisor.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace tuyascope::cli {

namespace {

const char kLanUsage[] =
    "usage: tuyascope-cli lan status  --host H [--port P] --id ID --key KEY --version V [options]\n"
    "       tuyascope-cli lan set     --host H [--port P] --id ID --key KEY --version V DP=VALUE... [options]\n"
    "       tuyascope-cli lan monitor --host H [--port P] --id ID --key KEY --version V [--poll S] [options]\n"
    "Without --key (and --version) they come from --devices devices.json or the key store\n"
    "(tuyascope-cli keys import), found by --id or, without --id, by the --host address.\n"
    "(see tuyascope-cli lan <status|set|monitor> --help)\n";

enum class Mode { Status, Set, Monitor };

QString jsonValueText(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

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
            "Prints \"acknowledged\" when the device answers the write and \"confirmed\" when it reports the\n"
            "values written (waiting up to --timeout for that report), then exits; 0 once acknowledged."));
        parser.addPositionalArgument(QStringLiteral("DP=VALUE"), QStringLiteral("DPs to set (at least one)."));
        break;
    case Mode::Monitor:
        parser.setApplicationDescription(QStringLiteral(
            "Connect to a Tuya device on the LAN, read its DPs, then stay connected (heartbeats) printing every\n"
            "frame and every DP report until --duration elapses or Ctrl-C. A lost connection is reported\n"
            "(CONNECTION_LOST) and retried with a growing delay; after reconnecting the status is read again."));
        break;
    }
    parser.addOption({QStringLiteral("host"), QStringLiteral("Device address (IP or name)."), QStringLiteral("host")});
    parser.addOption({QStringLiteral("port"), QStringLiteral("TCP port (default 6668)."), QStringLiteral("port"), QStringLiteral("6668")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("Device id (gwId/devId); optional when the key store knows the --host address."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("key"), QStringLiteral("The device's 16-character local key (never printed); default: from --devices or the key store."), QStringLiteral("key")});
    parser.addOption({QStringLiteral("version"), QStringLiteral("Protocol version: 3.1, 3.2, 3.3, 3.4 or 3.5; default: from --devices or the key store."), QStringLiteral("version")});
    parser.addOption({QStringLiteral("devices"), QStringLiteral("tinytuya devices.json to take the key (and version) from."), QStringLiteral("devices.json")});
    addKeyStoreOption(parser);
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds to wait for the connection and for each answer (default 5)."), QStringLiteral("seconds"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("device22"), QStringLiteral("Query with CONTROL_NEW and the DPs listed (device22 firmwares); otherwise automatic.")});
    parser.addOption({QStringLiteral("dps-to-request"), QStringLiteral("DP ids listed in a device22 query (default 1), comma separated."), QStringLiteral("ids")});
    if (mode == Mode::Monitor) {
        parser.addOption({QStringLiteral("heartbeat"), QStringLiteral("Heartbeat period in seconds (default 10)."), QStringLiteral("seconds"), QStringLiteral("10")});
        parser.addOption({QStringLiteral("poll"), QStringLiteral("Also query the status every <seconds> (default: only after connecting)."), QStringLiteral("seconds")});
        parser.addOption({QStringLiteral("retry-delay"), QStringLiteral("First wait before reconnecting, doubling on each failure (default 1)."), QStringLiteral("seconds"), QStringLiteral("1")});
        parser.addOption({QStringLiteral("retry-max"), QStringLiteral("Longest wait between reconnect attempts (default 30)."), QStringLiteral("seconds"), QStringLiteral("30")});
    }
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
    if (!parser.isSet(QStringLiteral("host"))) {
        io.err << QStringLiteral("error: lan needs --host\n");
        return Usage;
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
    QString versionText = parser.value(QStringLiteral("version"));
    if (parser.isSet(QStringLiteral("key"))) {
        if (config.deviceId.isEmpty()) {
            io.err << QStringLiteral("error: lan needs --id\n");
            return Usage;
        }
        QString why;
        const std::optional<keys::LocalKey> key = keys::LocalKey::fromString(parser.value(QStringLiteral("key")), &why);
        if (!key) {
            io.err << QStringLiteral("error: --key: %1\n").arg(why);
            return Usage;
        }
        config.localKey = *key;
    } else {
        const DeviceKeyLookup found = lookUpDeviceKey(parser, config.deviceId, config.host, io.err, &ok);
        if (!ok)
            return BadInput;
        if (!found.key.isSet()) {
            if (config.deviceId.isEmpty())
                io.err << QStringLiteral("error: lan needs --id (no device with a stored key has the address %1)\n")
                              .arg(config.host);
            else
                io.err << QStringLiteral("error: no local key for device %1: give --key, --devices devices.json, or "
                                         "import it with 'tuyascope-cli keys import' (key store: %2)\n")
                              .arg(config.deviceId, keyStorePath(parser));
            return Usage;
        }
        config.deviceId = found.deviceId;
        config.localKey = found.key;
        if (versionText.isEmpty())
            versionText = found.version;
        io.err << QStringLiteral("key: device %1 from %2\n").arg(found.deviceId, found.source);
        if (versionText.isEmpty()) {
            io.err << QStringLiteral("error: lan needs --version (%1 does not record one for device %2)\n")
                          .arg(found.source, found.deviceId);
            return Usage;
        }
    }
    if (versionText.isEmpty()) {
        io.err << QStringLiteral("error: lan needs --version\n");
        return Usage;
    }
    config.version = lan::versionFromName(versionText);
    if (config.version == lan::LanVersion::Unknown) {
        io.err << QStringLiteral("error: --version must be 3.1, 3.2, 3.3, 3.4 or 3.5, not '%1'\n").arg(versionText);
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
    lanclient::ReconnectPolicy policy;
    int pollMs = 0;
    if (mode == Mode::Monitor) {
        const auto seconds = [&](const char* name, double* value) {
            *value = 0;
            if (parser.value(QLatin1String(name)).isEmpty()) // --poll has no default
                return true;
            bool good = false;
            *value = parser.value(QLatin1String(name)).toDouble(&good);
            if (!good || *value <= 0) {
                io.err << QStringLiteral("error: --%1 needs a positive number of seconds\n").arg(QLatin1String(name));
                return false;
            }
            return true;
        };
        double heartbeat = 0, poll = 0, retryDelay = 0, retryMax = 0;
        if (!seconds("heartbeat", &heartbeat) || !seconds("poll", &poll) || !seconds("retry-delay", &retryDelay)
            || !seconds("retry-max", &retryMax))
            return Usage;
        config.heartbeatIntervalMs = int(heartbeat * 1000.0);
        pollMs = int(poll * 1000.0);
        policy.initialDelayMs = qMax(1, int(retryDelay * 1000.0));
        policy.maxDelayMs = qMax(policy.initialDelayMs, int(retryMax * 1000.0));
    }

    LiveCapture live;
    lanclient::LanClient client(config, &live);
    lanclient::LanClientSupervisor supervisor(client, policy);
    supervisor.setPollInterval(pollMs);
    LiveConsole console(live, options, io);
    console.setLanContextProvider([&client](const LiveFrameEvent& event) { return client.decodeContext(event.direction); });
    const QString who = QStringLiteral("lan");
    int failure = Ok;
    bool acknowledged = false;
    bool confirmed = false;
    QTimer confirmWait; // after the acknowledgement: how long to wait for the device to report the new values
    confirmWait.setSingleShot(true);
    const auto stopWith = [&](const lanclient::LanClientError& error) {
        console.printEvent(who, AgentEvent::now(Severity::Error, error.codeName(), error.message));
        io.err << QStringLiteral("error: %1: %2\n").arg(error.codeName(), error.message);
        io.err.flush();
        failure = BadInput;
        QCoreApplication::quit();
    };

    QObject::connect(&client, &lanclient::LanClient::event, &console,
                     [&console, &who](const AgentEvent& event) { console.printEvent(who, event); });
    QObject::connect(&supervisor, &lanclient::LanClientSupervisor::event, &console,
                     [&console, &who](const AgentEvent& event) { console.printEvent(who, event); });
    QObject::connect(&client, &lanclient::LanClient::errorOccurred, &console,
                     [&, mode](const lanclient::LanClientError& error) {
                         if (mode == Mode::Set && acknowledged) {
                             // The write arrived; what follows only decides confirmed or not.
                             console.printEvent(who, AgentEvent::now(Severity::Warning, error.codeName(), error.message));
                             if (error.fatal && confirmWait.isActive())
                                 confirmWait.start(0);
                         } else if (mode != Mode::Monitor)
                             stopWith(error);
                         else if (!error.fatal) // fatal ones: the supervisor reconnects or gives up
                             console.printEvent(who, AgentEvent::now(Severity::Warning, error.codeName(), error.message));
                     });
    QObject::connect(&supervisor, &lanclient::LanClientSupervisor::failed, &console, stopWith);
    QObject::connect(&client, &lanclient::LanClient::statusReceived, &console, [&, mode](const QJsonObject& status) {
        console.printDps(who, QStringLiteral("status"), status);
        if (mode == Mode::Status)
            QCoreApplication::quit();
    });
    QObject::connect(&client, &lanclient::LanClient::dpsReported, &console, [&](const QJsonObject& report) {
        console.printDps(who, QStringLiteral("push"), report);
    });
    const auto dpsText = [](const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); };
    QObject::connect(&client, &lanclient::LanClient::setAcknowledged, &console, [&, mode] {
        console.printEvent(who, AgentEvent::now(Severity::Note, QStringLiteral("SET_ACKNOWLEDGED"),
                                                QStringLiteral("acknowledged: the device answered the DP write")));
        acknowledged = true;
        if (mode != Mode::Set)
            return;
        if (confirmed)
            QCoreApplication::quit();
        else
            confirmWait.start(config.requestTimeoutMs);
    });
    QObject::connect(&client, &lanclient::LanClient::setConfirmed, &console, [&, mode](const QJsonObject& written) {
        confirmed = true;
        console.printEvent(who, AgentEvent::now(Severity::Note, QStringLiteral("SET_CONFIRMED"),
                                                QStringLiteral("confirmed: the device reports %1").arg(dpsText(written))));
        if (mode == Mode::Set && acknowledged) {
            confirmWait.stop();
            QCoreApplication::quit();
        }
    });
    QObject::connect(&confirmWait, &QTimer::timeout, &console, [&] {
        const QJsonObject seen = client.lastDps(); // set mode queries nothing: all reported since connecting
        QStringList missing;
        QStringList other;
        for (const auto& dp : std::as_const(dps)) {
            if (!seen.contains(dp.first))
                missing << dp.first;
            else if (!lanclient::sameDpValue(seen.value(dp.first), dp.second))
                other << QStringLiteral("%1=%2").arg(dp.first, jsonValueText(seen.value(dp.first)));
        }
        QStringList details;
        if (!missing.isEmpty())
            details << QStringLiteral("not reported: %1").arg(missing.join(QLatin1Char(',')));
        if (!other.isEmpty())
            details << QStringLiteral("it reported %1").arg(other.join(QLatin1Char(' ')));
        console.printEvent(who, AgentEvent::now(Severity::Warning, QStringLiteral("SET_UNCONFIRMED"),
                                                QStringLiteral("acknowledged, the device did not report the new values "
                                                               "within %1 s (%2)")
                                                    .arg(config.requestTimeoutMs / 1000.0)
                                                    .arg(details.join(QStringLiteral("; ")))));
        QCoreApplication::quit();
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
    QTimer::singleShot(0, &client, [&client, &supervisor, &dps, mode] {
        if (mode == Mode::Monitor) {
            supervisor.start(); // connects, queries, and reconnects after a loss
            return;
        }
        client.connectToDevice();
        if (mode == Mode::Set)
            client.setDps(dps);
        else
            client.queryStatus();
    });
    const int rc = console.run();
    if (mode == Mode::Monitor)
        supervisor.stop();
    client.disconnectFromDevice();
    if (mode == Mode::Set && failure == Ok && !acknowledged) {
        io.err << QStringLiteral("error: the device did not acknowledge the DP write\n");
        return BadInput;
    }
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
