#pragma once
// Where the CLI finds local keys, strongest first: --key on the command line, --devices
// devices.json files, then the user's key store (keys import). The store file is --keystore FILE,
// else $TUYASCOPE_KEYSTORE, else KeyStoreFile::defaultPath(). Messages name device ids and
// files, never a key.

#include "keys/KeyStore.h"

#include <QCommandLineParser>
#include <QSet>
#include <QString>
#include <QTextStream>

namespace tuyascope::cli {

// Adds --keystore FILE.
void addKeyStoreOption(QCommandLineParser& parser);
// Adds what reading a Tuya LAN capture takes: --devices, --key, --keystore and --port.
void addLanCaptureOptions(QCommandLineParser& parser);
// The key store, the --devices files and the --key assignments, weakest first (a --devices entry
// replaces the store's by id, a --key beats both). False after printing the problem; errors never
// quote a key.
bool loadKeys(const QCommandLineParser& parser, keys::KeyStore& store, QTextStream& err);
// The --port values as TCP ports; false after printing the problem.
bool lanTcpPorts(const QCommandLineParser& parser, QSet<quint16>& ports, QTextStream& err);
// --keystore, else $TUYASCOPE_KEYSTORE, else the default path.
QString keyStorePath(const QCommandLineParser& parser);

// Loads the user's key store into `store` (a missing file is an empty store). Problems are
// printed as warnings; false only when the file exists but cannot be used.
bool loadUserKeyStore(const QString& path, keys::KeyStore& store, QTextStream& err);
// Adds every --devices file to `store` (replacing by id); false after printing the problem.
bool importDevicesFiles(const QStringList& paths, keys::KeyStore& store, QTextStream& err);

// One device's connection facts as far as the key sources know them.
struct DeviceKeyLookup {
    QString deviceId;     // the id asked for, or the one found by IP
    keys::LocalKey key;   // unset: not found
    QString version;      // from the entry, may be empty
    QString source;       // "--devices FILE", "key store FILE"
};

// Looks up the device by id, or (without an id) by `host` when it is an IP address the sources
// know: first in the --devices files, then in the key store.
DeviceKeyLookup lookUpDeviceKey(const QCommandLineParser& parser, const QString& deviceId, const QString& host,
                                QTextStream& err, bool* ok);

} // namespace tuyascope::cli
