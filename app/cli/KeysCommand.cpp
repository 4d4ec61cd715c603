// keys import|list|remove|path: the user's key store (KeyStoreFile, mode 0600). Keys are never
// printed, except by `keys list --show-keys`, which the user asks for explicitly.

#include "CliCommands.h"
#include "KeySources.h"

#include "keys/KeyStoreFile.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::cli {

namespace {

const char kKeysUsage[] =
    "usage: tuyascope-cli keys import devices.json... [--keystore FILE]\n"
    "       tuyascope-cli keys list [--format text|json] [--show-keys] [--keystore FILE]\n"
    "       tuyascope-cli keys remove ID... [--keystore FILE]\n"
    "       tuyascope-cli keys path [--keystore FILE]\n"
    "The store is --keystore FILE, else $TUYASCOPE_KEYSTORE, else the default path (keys path).\n";

QString shown(const QString& path) { return QDir::toNativeSeparators(path); }

// Parses, then loads the store; -1 to go on.
int openStore(QCommandLineParser& parser, const QStringList& args, Streams io, keys::KeyStore& store, QString* path)
{
    addKeyStoreOption(parser);
    parser.addHelpOption();
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    *path = keyStorePath(parser);
    if (!loadUserKeyStore(*path, store, io.err)) {
        io.err << QStringLiteral("error: %1 is not a TuyaScope key store; move it away or use --keystore\n").arg(shown(*path));
        return BadInput;
    }
    return -1;
}

int runKeysImport(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Merge tinytuya devices.json files into the key store (saved readable by you only, mode 0600).\n"
        "Devices are matched by id: an imported device replaces the stored one."));
    parser.addPositionalArgument(QStringLiteral("devices.json"), QStringLiteral("Files to import (at least one)."),
                                 QStringLiteral("devices.json..."));
    keys::KeyStore store;
    QString path;
    if (const int early = openStore(parser, args, io, store, &path); early >= 0)
        return early;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        io.err << QStringLiteral("error: keys import needs a devices.json\n");
        return Usage;
    }
    // Everything or nothing: a bad file leaves the store file as it was.
    keys::KeyStore imported;
    if (!importDevicesFiles(files, imported, io.err))
        return BadInput;
    int withKey = 0;
    for (const keys::DeviceEntry& e : imported.devices())
        withKey += e.hasKey() ? 1 : 0;
    const int before = int(store.devices().size());
    store.addDevices(imported.devices());
    QString error;
    if (!keys::KeyStoreFile(path).save(store, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }
    io.out << QStringLiteral("imported %1 device(s) (%2 with a local key): %3 new; the key store %4 holds %5 device(s)\n")
                  .arg(imported.devices().size())
                  .arg(withKey)
                  .arg(int(store.devices().size()) - before)
                  .arg(shown(path))
                  .arg(store.devices().size());
    return Ok;
}

int runKeysList(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The devices in the key store: id, name, address, version and whether a key is stored.\n"
        "Keys themselves are shown only with --show-keys."));
    parser.addOption({{QStringLiteral("f"), QStringLiteral("format")}, QStringLiteral("Output format: text|json."),
                      QStringLiteral("format"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("show-keys"), QStringLiteral("Print the local keys too (they are secrets).")});
    keys::KeyStore store;
    QString path;
    if (const int early = openStore(parser, args, io, store, &path); early >= 0)
        return early;
    const QString format = parser.value(QStringLiteral("format")).toLower();
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        io.err << QStringLiteral("error: unknown format '%1' (use text|json)\n").arg(format);
        return Usage;
    }
    if (!parser.positionalArguments().isEmpty()) {
        io.err << QStringLiteral("error: unexpected argument '%1'\n").arg(parser.positionalArguments().constFirst());
        return Usage;
    }
    const bool showKeys = parser.isSet(QStringLiteral("show-keys"));
    if (showKeys)
        io.err << QStringLiteral("warning: printing local keys as asked (--show-keys)\n");
    for (const keys::DeviceEntry& e : store.devices()) {
        const QString ip = e.ip.isNull() ? QString() : e.ip.toString();
        if (format == QLatin1String("json")) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), e.id);
            o.insert(QStringLiteral("name"), e.name);
            o.insert(QStringLiteral("ip"), ip);
            o.insert(QStringLiteral("version"), e.version);
            o.insert(QStringLiteral("product_key"), e.productKey);
            o.insert(QStringLiteral("key_stored"), e.hasKey());
            if (showKeys && e.hasKey())
                o.insert(QStringLiteral("key"), QString::fromLatin1(e.key.reveal()));
            io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
            continue;
        }
        const QString key = !e.hasKey() ? QStringLiteral("key: none")
                            : showKeys  ? QStringLiteral("key: %1").arg(QString::fromLatin1(e.key.reveal()))
                                        : QStringLiteral("key: stored");
        io.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                      .arg(e.id.isEmpty() ? QStringLiteral("-") : e.id, -22)
                      .arg(e.name.isEmpty() ? QStringLiteral("-") : e.name, -20)
                      .arg(ip.isEmpty() ? QStringLiteral("-") : ip, -15)
                      .arg(e.version.isEmpty() ? QStringLiteral("-") : e.version, -3)
                      .arg(key);
    }
    if (format == QLatin1String("text"))
        io.out << QStringLiteral("-- %1 device(s) in %2\n").arg(store.devices().size()).arg(shown(path));
    return Ok;
}

int runKeysRemove(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Remove devices (and their keys) from the key store."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Device ids to remove."), QStringLiteral("ID..."));
    keys::KeyStore store;
    QString path;
    if (const int early = openStore(parser, args, io, store, &path); early >= 0)
        return early;
    const QStringList ids = parser.positionalArguments();
    if (ids.isEmpty()) {
        io.err << QStringLiteral("error: keys remove needs a device ID\n");
        return Usage;
    }
    for (const QString& id : ids) {
        if (!store.find(id)) {
            io.err << QStringLiteral("error: no device %1 in the key store %2 (nothing removed)\n").arg(id, shown(path));
            return BadInput;
        }
        store.remove(id);
    }
    QString error;
    if (!keys::KeyStoreFile(path).save(store, &error)) {
        io.err << QStringLiteral("error: %1\n").arg(error);
        return BadInput;
    }
    io.out << QStringLiteral("removed %1 device(s); the key store %2 holds %3 device(s)\n")
                  .arg(ids.size())
                  .arg(shown(path))
                  .arg(store.devices().size());
    return Ok;
}

int runKeysPath(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the key store's file name."));
    addKeyStoreOption(parser);
    parser.addHelpOption();
    if (const int early = parseArguments(parser, args, io); early >= 0)
        return early;
    io.out << shown(keyStorePath(parser)) << '\n';
    return Ok;
}

} // namespace

int runKeys(const QStringList& args, Streams io)
{
    return runSubCommand(QStringLiteral("keys"), args,
                         {{"import", runKeysImport}, {"list", runKeysList}, {"remove", runKeysRemove}, {"path", runKeysPath}},
                         kKeysUsage, io);
}

} // namespace tuyascope::cli
