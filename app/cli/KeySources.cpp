#include "KeySources.h"

#include "keys/KeyAssignment.h"
#include "keys/KeyStoreFile.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>

namespace tuyascope::cli {

namespace {

void printNotes(const QString& where, const QVector<Diagnostic>& notes, QTextStream& err)
{
    for (const Diagnostic& note : notes)
        if (note.severity >= Severity::Warning)
            err << QStringLiteral("%1: %2 %3: %4\n").arg(where, severityName(note.severity), note.code, note.message);
}

const keys::DeviceEntry* findInStore(const keys::KeyStore& store, const QString& deviceId, const QString& host)
{
    if (!deviceId.isEmpty()) {
        const keys::DeviceEntry* e = store.find(deviceId);
        return e && e->hasKey() ? e : nullptr;
    }
    const QHostAddress ip(host);
    if (ip.isNull())
        return nullptr;
    return store.match(QString(), ip);
}

} // namespace

void addLanCaptureOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("devices"),
                      QStringLiteral("Tuya LAN: tinytuya devices.json with the local keys (keys are never printed)."),
                      QStringLiteral("devices.json")});
    parser.addOption({QStringLiteral("key"), QStringLiteral("Tuya LAN: local key of a device, ID=KEY (ID: device id or IP)."),
                      QStringLiteral("ID=KEY")});
    addKeyStoreOption(parser); // the keys imported with `keys import` are used too
    parser.addOption({QStringLiteral("port"), QStringLiteral("Tuya LAN: also follow TCP port P (default 6668)."),
                      QStringLiteral("P")});
}

bool loadKeys(const QCommandLineParser& parser, keys::KeyStore& store, QTextStream& err)
{
    loadUserKeyStore(keyStorePath(parser), store, err);
    if (!importDevicesFiles(parser.values(QStringLiteral("devices")), store, err))
        return false;
    for (const QString& text : parser.values(QStringLiteral("key"))) {
        QString why;
        const auto assignment = keys::parseKeyAssignment(text, &why);
        if (!assignment) {
            err << QStringLiteral("error: --key: %1\n").arg(why);
            return false;
        }
        store.assign(*assignment);
    }
    return true;
}

bool lanTcpPorts(const QCommandLineParser& parser, QSet<quint16>& ports, QTextStream& err)
{
    for (const QString& p : parser.values(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = p.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            err << QStringLiteral("error: --port takes a TCP port number, not '%1'\n").arg(p);
            return false;
        }
        ports.insert(quint16(port));
    }
    return true;
}

void addKeyStoreOption(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("keystore"),
                      QStringLiteral("The key store file (default: $TUYASCOPE_KEYSTORE, else %1).")
                          .arg(QDir::toNativeSeparators(keys::KeyStoreFile::defaultPath())),
                      QStringLiteral("file")});
}

QString keyStorePath(const QCommandLineParser& parser)
{
    if (parser.isSet(QStringLiteral("keystore")))
        return parser.value(QStringLiteral("keystore"));
    const QString fromEnvironment = qEnvironmentVariable("TUYASCOPE_KEYSTORE");
    return fromEnvironment.isEmpty() ? keys::KeyStoreFile::defaultPath() : fromEnvironment;
}

bool loadUserKeyStore(const QString& path, keys::KeyStore& store, QTextStream& err)
{
    QVector<Diagnostic> notes;
    const bool loaded = keys::KeyStoreFile(path).load(store, &notes);
    printNotes(QDir::toNativeSeparators(path), notes, err);
    if (!loaded)
        err << QStringLiteral("warning: the key store %1 cannot be used: it is not a key file\n")
                   .arg(QDir::toNativeSeparators(path));
    return loaded;
}

bool importDevicesFiles(const QStringList& paths, keys::KeyStore& store, QTextStream& err)
{
    for (const QString& path : paths) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            err << QStringLiteral("error: cannot read %1: %2\n").arg(path, f.errorString());
            return false;
        }
        QVector<Diagnostic> notes;
        if (!store.importDevicesJson(f.readAll(), &notes)) {
            printNotes(path, notes, err);
            err << QStringLiteral("error: %1 is not a devices.json device list\n").arg(path);
            return false;
        }
        printNotes(path, notes, err);
    }
    return true;
}

DeviceKeyLookup lookUpDeviceKey(const QCommandLineParser& parser, const QString& deviceId, const QString& host,
                                QTextStream& err, bool* ok)
{
    *ok = true;
    DeviceKeyLookup result;
    result.deviceId = deviceId;
    const auto take = [&result](const keys::DeviceEntry& e, const QString& source) {
        result.deviceId = e.id;
        result.key = e.key;
        result.version = e.version;
        result.source = source;
    };
    const QStringList files = parser.values(QStringLiteral("devices"));
    if (!files.isEmpty()) {
        keys::KeyStore fromFiles;
        if (!importDevicesFiles(files, fromFiles, err)) {
            *ok = false;
            return result;
        }
        if (const keys::DeviceEntry* e = findInStore(fromFiles, deviceId, host)) {
            take(*e, QStringLiteral("--devices"));
            return result;
        }
    }
    const QString path = keyStorePath(parser);
    keys::KeyStore store;
    if (loadUserKeyStore(path, store, err)) {
        if (const keys::DeviceEntry* e = findInStore(store, deviceId, host))
            take(*e, QStringLiteral("key store %1").arg(QDir::toNativeSeparators(path)));
    }
    return result;
}

} // namespace tuyascope::cli
