#pragma once
// One device the key store knows: identity, local key, where it was last seen and its DP map.
// Field names follow tinytuya's devices.json (reference section 12).

#include "keys/DpSpec.h"
#include "keys/LocalKey.h"

#include <QDebug>
#include <QHostAddress>
#include <QString>
#include <QVector>

namespace tuyascope::keys {

struct DeviceEntry {
    QString id;            // devId == gwId in discovery; empty only for an IP-only user assignment
    QString name;
    LocalKey key;
    bool keyFromUser = false; // assigned explicitly (--key ID=KEY): beats any imported key
    QHostAddress ip;       // null when unknown
    QString version;       // "3.1" .. "3.5", or empty
    QString productKey;    // devices.json product_id == discovery productKey == Debugfile Pro_Key
    QString productName;
    QString category;
    QString model;
    QString mac;
    QString nodeId;        // sub-devices: the cid on the wire
    QString parentId;      // sub-devices: the gateway's id
    bool subDevice = false;
    QVector<DpSpec> dps;   // by id ascending; code-only entries (id kNoId) first, by code

    bool hasKey() const { return key.isSet(); }
    const DpSpec* dp(int dpId) const;
    // Inserts or replaces by id (by code for code-only entries), keeping `dps` sorted.
    void setDp(const DpSpec& spec);

    // Everything equal, the key included (for round-trip tests).
    bool operator==(const DeviceEntry& o) const;
    bool operator!=(const DeviceEntry& o) const { return !(*this == o); }
};

bool isKnownProtocolVersion(const QString& version); // "3.1" .. "3.5"

// Id, name, ip, version and a masked key: safe for logs.
QDebug operator<<(QDebug debug, const DeviceEntry& entry);

} // namespace tuyascope::keys
