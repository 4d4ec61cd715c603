#pragma once
// The devices whose local keys the user has, and which one a captured flow belongs to.
// Matching priority (strongest first): a key the user assigned to the flow's gwId, a key the user
// assigned to its IP, an imported device with that gwId (from discovery), an imported device at
// that IP. Only devices with a key match; find() reaches the others (for DP labels).

#include "dissect/Diagnostic.h"
#include "keys/Debugfile.h"
#include "keys/DeviceEntry.h"
#include "keys/KeyAssignment.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>
#include <QVector>

namespace tuyascope::keys {

enum class MatchedBy : quint8 { None, UserId, UserIp, GwId, Ip };
QString matchedByName(MatchedBy by); // "none", "user id", "user ip", "gwId", "ip"

struct KeyMatch {
    const DeviceEntry* entry = nullptr;
    MatchedBy by = MatchedBy::None;
};

class KeyStore {
public:
    // Adds or replaces by id. A user-assigned key survives a re-import of the same device.
    QVector<Diagnostic> addDevices(const QVector<DeviceEntry>& devices);
    // importDevicesJson + addDevices; false (store unchanged) when the file is not a devices list.
    bool importDevicesJson(QByteArrayView json, QVector<Diagnostic>* notes = nullptr);

    // The user's own key: `idOrIp` is a device id or an IP address (see KeyAssignment).
    void assign(const KeyAssignment& assignment);
    bool assign(const QString& idOrIp, const QString& key, QString* error = nullptr);

    // Labels the DPs of device `deviceId` (created without a key if unknown), or, with an empty
    // id, of every device whose product key is the schema's. Returns the devices touched.
    int applySchema(const DpSchema& schema, const QString& deviceId = QString());

    const DeviceEntry* match(const QString& gwId, const QHostAddress& ip) const { return matchDetailed(gwId, ip).entry; }
    KeyMatch matchDetailed(const QString& gwId, const QHostAddress& ip) const;

    const DeviceEntry* find(const QString& id) const;
    const QVector<DeviceEntry>& devices() const { return m_devices; }
    bool remove(const QString& id);
    void clear() { m_devices.clear(); }
    bool isEmpty() const { return m_devices.isEmpty(); }

    // {"format": "tuyascope-keys", "version": 1, "devices": [...devices.json entries...]};
    // keys only with includeKeys, i.e. when the user asked for them.
    QByteArray exportJson(bool includeKeys) const;

private:
    DeviceEntry* findMutable(const QString& id);
    QVector<DeviceEntry> m_devices;
};

} // namespace tuyascope::keys
