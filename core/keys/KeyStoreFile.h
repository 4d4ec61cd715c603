#pragma once
// The user's key store on disk: KeyStore::exportJson(true) in one JSON file, by default
// <AppConfigLocation>/keys.json. Written atomically (QSaveFile) with mode 0600 set before the
// first byte, so a key never sits in a file others can read. A file with looser permissions still
// loads, with a warning.

#include "dissect/Diagnostic.h"
#include "keys/KeyStore.h"

#include <QFileDevice>
#include <QString>
#include <QVector>

#include <functional>

namespace tuyascope::keys {

class KeyStoreFile {
public:
    static QString defaultPath();

    explicit KeyStoreFile(QString path = defaultPath()) : m_path(std::move(path)) {}
    const QString& path() const { return m_path; }

    bool save(const KeyStore& store, QString* error = nullptr) const;
    // Replaces the store's content. A missing file is an empty store. False when the file cannot
    // be read or is not a key file (the store is then left unchanged).
    bool load(KeyStore& store, QVector<Diagnostic>* notes = nullptr) const;

    // Tests: sees the (possibly unnamed, O_TMPFILE) temporary file once its mode is set, before
    // the first byte goes in.
    void setBeforeFirstWriteHook(std::function<void(const QFileDevice&)> hook) { m_beforeFirstWrite = std::move(hook); }

private:
    QString m_path;
    std::function<void(const QFileDevice&)> m_beforeFirstWrite;
};

} // namespace tuyascope::keys
