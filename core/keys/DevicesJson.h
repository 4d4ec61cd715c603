#pragma once
// tinytuya's devices.json (reference section 12): a top-level array of devices, or
// {"devices": [...]} (also tinytuya's snapshot.json, whose entries say "ver" for "version").
// Missing fields are fine; a broken field is dropped with a note naming the entry and the key
// ("devices[3].key: ..."); an entry without a usable id is skipped; a repeated id: the later
// entry wins, with a warning. Notes never quote a local key.

#include "dissect/Diagnostic.h"
#include "keys/DeviceEntry.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QVector>

namespace tuyascope::keys {

struct DevicesImport {
    bool readable = false;           // JSON with a devices list; false: nothing was imported
    QVector<DeviceEntry> devices;    // one per id, in order of first appearance
    QVector<Diagnostic> notes;
    bool hasErrors() const;          // readable == false, or some entry/field was rejected
};

DevicesImport importDevicesJson(QByteArrayView json);

// The same shape back: what importDevicesJson reads to equal entries. Without `includeKeys` the
// "key" field is left out entirely.
QJsonArray devicesJsonArray(const QVector<DeviceEntry>& devices, bool includeKeys);

} // namespace tuyascope::keys
