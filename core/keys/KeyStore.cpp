#include "keys/KeyStore.h"

#include "keys/DevicesJson.h"
#include "keys/KeyNotes.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::keys {

namespace {

bool sameAddress(const QHostAddress& a, const QHostAddress& b)
{
    // A v4-mapped v6 address (::ffff:10.0.0.5) from a dual-stack socket is the same device.
    return !a.isNull() && !b.isNull() && a.isEqual(b, QHostAddress::TolerantConversion);
}

} // namespace

QString matchedByName(MatchedBy by)
{
    switch (by) {
    case MatchedBy::UserId: return QStringLiteral("user id");
    case MatchedBy::UserIp: return QStringLiteral("user ip");
    case MatchedBy::GwId: return QStringLiteral("gwId");
    case MatchedBy::Ip: return QStringLiteral("ip");
    case MatchedBy::None: break;
    }
    return QStringLiteral("none");
}

DeviceEntry* KeyStore::findMutable(const QString& id)
{
    if (id.isEmpty())
        return nullptr;
    for (DeviceEntry& e : m_devices)
        if (e.id == id)
            return &e;
    return nullptr;
}

const DeviceEntry* KeyStore::find(const QString& id) const
{
    return const_cast<KeyStore*>(this)->findMutable(id);
}

QVector<Diagnostic> KeyStore::addDevices(const QVector<DeviceEntry>& devices)
{
    QVector<Diagnostic> notes;
    for (DeviceEntry incoming : devices) {
        DeviceEntry* existing = nullptr;
        if (incoming.id.isEmpty()) {
            for (DeviceEntry& e : m_devices)
                if (e.id.isEmpty() && sameAddress(e.ip, incoming.ip))
                    existing = &e;
        } else {
            existing = findMutable(incoming.id);
        }
        if (!existing) {
            m_devices.push_back(incoming);
            continue;
        }
        // The user's explicit word beats a file.
        if (existing->keyFromUser && !incoming.keyFromUser) {
            incoming.key = existing->key;
            incoming.keyFromUser = true;
        }
        if (*existing != incoming)
            notes.push_back(keyNote(Severity::Note, code::DeviceUpdated, incoming.id,
                                    QStringLiteral("known device updated by the new import")));
        *existing = incoming;
    }
    return notes;
}

bool KeyStore::importDevicesJson(QByteArrayView json, QVector<Diagnostic>* notes)
{
    DevicesImport imported = keys::importDevicesJson(json);
    if (imported.readable)
        imported.notes += addDevices(imported.devices);
    if (notes)
        *notes += imported.notes;
    return imported.readable;
}

void KeyStore::assign(const KeyAssignment& assignment)
{
    DeviceEntry* target = nullptr;
    if (!assignment.id.isEmpty()) {
        target = findMutable(assignment.id);
    } else {
        for (DeviceEntry& e : m_devices)
            if (e.id.isEmpty() && sameAddress(e.ip, assignment.ip))
                target = &e;
    }
    if (!target) {
        DeviceEntry e;
        e.id = assignment.id;
        e.ip = assignment.ip;
        m_devices.push_back(e);
        target = &m_devices.last();
    }
    target->key = assignment.key;
    target->keyFromUser = true;
}

bool KeyStore::assign(const QString& idOrIp, const QString& key, QString* error)
{
    // Reuse the command-line parser so both paths accept exactly the same ids and keys.
    const std::optional<KeyAssignment> parsed = parseKeyAssignment(idOrIp.trimmed() + QLatin1Char('=') + key, error);
    if (!parsed)
        return false;
    assign(*parsed);
    return true;
}

int KeyStore::applySchema(const DpSchema& schema, const QString& deviceId)
{
    const auto label = [&schema](DeviceEntry& e) {
        for (const DpSpec& spec : schema.dps)
            e.setDp(spec);
        if (e.productKey.isEmpty())
            e.productKey = schema.productKey;
    };
    if (!deviceId.isEmpty()) {
        DeviceEntry* e = findMutable(deviceId);
        if (!e) {
            DeviceEntry fresh;
            fresh.id = deviceId;
            m_devices.push_back(fresh);
            e = &m_devices.last();
        }
        label(*e);
        return 1;
    }
    if (schema.productKey.isEmpty())
        return 0;
    int touched = 0;
    for (DeviceEntry& e : m_devices) {
        if (e.productKey == schema.productKey) {
            label(e);
            ++touched;
        }
    }
    return touched;
}

KeyMatch KeyStore::matchDetailed(const QString& gwId, const QHostAddress& ip) const
{
    const auto first = [this](auto&& accepts) -> const DeviceEntry* {
        for (const DeviceEntry& e : m_devices)
            if (e.hasKey() && accepts(e))
                return &e;
        return nullptr;
    };
    const QString id = gwId.trimmed();
    if (!id.isEmpty()) {
        if (const DeviceEntry* e = first([&id](const DeviceEntry& d) { return d.keyFromUser && d.id == id; }))
            return {e, MatchedBy::UserId};
    }
    if (const DeviceEntry* e = first([&ip](const DeviceEntry& d) { return d.keyFromUser && d.id.isEmpty() && sameAddress(d.ip, ip); }))
        return {e, MatchedBy::UserIp};
    if (!id.isEmpty()) {
        if (const DeviceEntry* e = first([&id](const DeviceEntry& d) { return d.id == id; }))
            return {e, MatchedBy::GwId};
    }
    if (const DeviceEntry* e = first([&ip](const DeviceEntry& d) { return !d.id.isEmpty() && sameAddress(d.ip, ip); }))
        return {e, MatchedBy::Ip};
    return {};
}

bool KeyStore::remove(const QString& id)
{
    if (id.isEmpty())
        return false;
    for (int i = 0; i < int(m_devices.size()); ++i) {
        if (m_devices.at(i).id == id) {
            m_devices.removeAt(i);
            return true;
        }
    }
    return false;
}

QByteArray KeyStore::exportJson(bool includeKeys) const
{
    QJsonObject root;
    root.insert(QLatin1String("format"), QStringLiteral("tuyascope-keys"));
    root.insert(QLatin1String("version"), 1);
    root.insert(QLatin1String("devices"), devicesJsonArray(m_devices, includeKeys));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace tuyascope::keys
