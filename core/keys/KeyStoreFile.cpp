#include "keys/KeyStoreFile.h"

#include "keys/DevicesJson.h"
#include "keys/KeyNotes.h"
#include "platform/OwnerOnly.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace tuyascope::keys {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

QString KeyStoreFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/keys.json");
}

bool KeyStoreFile::save(const KeyStore& store, QString* error) const
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    const QFileInfo info(m_path);
    QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        if (!dir.mkpath(QStringLiteral(".")))
            return fail(QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(dir.path())));
        // A folder we created for keys is ours alone too (on Windows what is made inside it,
        // QSaveFile's temporary file included, inherits that).
        platform::restrictToOwner(dir.path());
    }

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString()));
    // QSaveFile creates its temporary file 0666 & ~umask (or copies an existing file's mode):
    // narrow it before a single key byte goes in. The rename keeps the mode. (On Windows this
    // only clears the read-only flag; the owner-only ACL is set after the rename, below.)
    if (!file.setPermissions(kOwnerOnly)) {
        file.cancelWriting();
        return fail(QStringLiteral("cannot restrict %1 to its owner: %2").arg(QDir::toNativeSeparators(m_path), file.errorString()));
    }
    if (m_beforeFirstWrite)
        m_beforeFirstWrite(file);
    const QByteArray json = store.exportJson(true);
    if (file.write(json) != json.size() || !file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString()));
    QString why;
    if (platform::accessibleByOthers(m_path) && !platform::restrictToOwner(m_path, &why))
        return fail(QStringLiteral("cannot restrict %1 to its owner: %2").arg(QDir::toNativeSeparators(m_path), why));
    return true;
}

bool KeyStoreFile::load(KeyStore& store, QVector<Diagnostic>* notes) const
{
    QVector<Diagnostic> local;
    QVector<Diagnostic>& out = notes ? *notes : local;
    const QString shown = QDir::toNativeSeparators(m_path);
    if (!QFileInfo::exists(m_path)) {
        store.clear();
        return true;
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.push_back(keyError(shown, QStringLiteral("cannot read: %1").arg(file.errorString())));
        return false;
    }
    if (platform::accessibleByOthers(m_path))
        out.push_back(keyNote(Severity::Warning, code::LoosePermissions, shown,
                              QStringLiteral("readable or writable by other users; it holds local keys: "
                                             "save again (or %1) to restrict it to you").arg(platform::restrictHint())));
    const DevicesImport imported = importDevicesJson(file.readAll());
    out += imported.notes;
    if (!imported.readable)
        return false;
    store.clear();
    out += store.addDevices(imported.devices);
    return true;
}

} // namespace tuyascope::keys
