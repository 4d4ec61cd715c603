#include "keys/DevicesJson.h"

#include "keys/JsonRead.h"
#include "keys/KeyNotes.h"
#include "keys/TinytuyaMapping.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::keys {

namespace {

const QLatin1String kAssignedByUser("assigned_by_user"); // our extension: a --key assignment we saved

// An optional text field: absent/null -> empty; anything but a string -> warning, empty.
QString textField(const QJsonObject& o, QLatin1String name, const QString& where, QVector<Diagnostic>& notes)
{
    const QJsonValue v = o.value(name);
    if (v.isString())
        return v.toString();
    if (!v.isUndefined() && !v.isNull())
        notes.push_back(keyWarning(where + QLatin1Char('.') + name,
                                   QStringLiteral("expected a string, got %1; ignored").arg(jsonTypeName(v))));
    return QString();
}

QHostAddress addressField(const QJsonObject& o, QLatin1String name, const QString& where, QVector<Diagnostic>& notes)
{
    const QString text = textField(o, name, where, notes).trimmed();
    QHostAddress address;
    if (text.isEmpty())
        return address;
    if (!address.setAddress(text)) {
        notes.push_back(keyWarning(where + QLatin1Char('.') + name,
                                   QStringLiteral("not an IP address: %1; ignored").arg(quotedForNote(text))));
        return QHostAddress();
    }
    return address;
}

QString versionField(const QJsonObject& o, const QString& where, QVector<Diagnostic>& notes)
{
    // devices.json says "version", snapshot.json "ver"; both as a string, sometimes a number.
    const QLatin1String name = o.contains(QLatin1String("version")) ? QLatin1String("version") : QLatin1String("ver");
    const QJsonValue v = o.value(name);
    if (v.isUndefined() || v.isNull())
        return QString();
    QString text;
    if (v.isString())
        text = v.toString().trimmed();
    else if (v.isDouble())
        text = QString::number(v.toDouble()); // 3.3 -> "3.3"; 3.25 stays wrong
    if (text.isEmpty() && v.isString())
        return QString();
    if (!isKnownProtocolVersion(text)) {
        notes.push_back(keyWarning(where + QLatin1Char('.') + name,
                                   QStringLiteral("%1 is not a protocol version 3.1..3.5; ignored").arg(quotedForNote(v))));
        return QString();
    }
    return text;
}

// The key: notes say what is wrong with it, never what it is.
LocalKey keyField(const QJsonObject& o, const QString& where, QVector<Diagnostic>& notes)
{
    const QJsonValue v = o.value(QLatin1String("key"));
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
        return LocalKey();
    if (!v.isString()) {
        notes.push_back(keyError(where + QStringLiteral(".key"),
                                 QStringLiteral("expected a string, got %1; the device has no key").arg(jsonTypeName(v))));
        return LocalKey();
    }
    QString why;
    if (const std::optional<LocalKey> key = LocalKey::fromString(v.toString(), &why))
        return *key;
    notes.push_back(keyError(where + QStringLiteral(".key"), why + QStringLiteral("; the device has no key")));
    return LocalKey();
}

// One entry; false when it has no usable identity and is skipped.
bool readEntry(const QJsonValue& value, const QString& where, DeviceEntry& e, QVector<Diagnostic>& notes)
{
    if (!value.isObject()) {
        notes.push_back(keyError(where, QStringLiteral("expected an object, got %1; skipped").arg(jsonTypeName(value))));
        return false;
    }
    const QJsonObject o = value.toObject();
    const QJsonValue user = o.value(kAssignedByUser);
    e.keyFromUser = user.isBool() && user.toBool();

    const QJsonValue id = o.value(QLatin1String("id"));
    if (id.isString()) {
        e.id = id.toString().trimmed();
    } else if (!id.isUndefined()) {
        notes.push_back(keyError(where + QStringLiteral(".id"),
                                 QStringLiteral("expected a string, got %1; skipped").arg(jsonTypeName(id))));
        return false;
    }

    e.name = textField(o, QLatin1String("name"), where, notes);
    e.key = keyField(o, where, notes);
    // tinytuya list prefers last_ip (the latest scan) over ip.
    const QHostAddress lastIp = addressField(o, QLatin1String("last_ip"), where, notes);
    e.ip = lastIp.isNull() ? addressField(o, QLatin1String("ip"), where, notes) : lastIp;
    e.version = versionField(o, where, notes);
    e.productKey = textField(o, QLatin1String("product_id"), where, notes);
    e.productName = textField(o, QLatin1String("product_name"), where, notes);
    e.category = textField(o, QLatin1String("category"), where, notes);
    e.model = textField(o, QLatin1String("model"), where, notes);
    e.mac = textField(o, QLatin1String("mac"), where, notes);
    e.nodeId = textField(o, QLatin1String("node_id"), where, notes);
    e.parentId = textField(o, QLatin1String("parent"), where, notes);
    const QJsonValue sub = o.value(QLatin1String("sub"));
    e.subDevice = sub.isBool() && sub.toBool();
    for (const DpSpec& spec : parseTinytuyaMapping(o.value(QLatin1String("mapping")), where + QStringLiteral(".mapping"), notes))
        e.setDp(spec); // setDp: a DP listed twice keeps the later one

    if (e.id.isEmpty()) {
        // Only a saved IP assignment ("--key 10.0.0.5=...") may lack an id.
        if (e.keyFromUser && !e.ip.isNull() && e.hasKey())
            return true;
        notes.push_back(keyError(where + QStringLiteral(".id"), QStringLiteral("missing or empty; skipped")));
        return false;
    }
    if (!e.hasKey())
        e.keyFromUser = false; // nothing was assigned
    return true;
}

QString identity(const DeviceEntry& e)
{
    return e.id.isEmpty() ? QStringLiteral("ip:") + e.ip.toString() : e.id;
}

} // namespace

bool DevicesImport::hasErrors() const
{
    if (!readable)
        return true;
    for (const Diagnostic& d : notes)
        if (d.severity == Severity::Error)
            return true;
    return false;
}

DevicesImport importDevicesJson(QByteArrayView json)
{
    DevicesImport result;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        result.notes.push_back(keyError(QString(), QStringLiteral("not JSON: %1 at offset %2")
                                                      .arg(error.errorString()).arg(error.offset)));
        return result;
    }
    // Entries are named "devices[3]" in both shapes: the index is what the user looks for.
    const QString prefix = QStringLiteral("devices");
    QJsonArray list;
    if (doc.isArray()) {
        list = doc.array();
    } else if (doc.isObject() && doc.object().value(QLatin1String("devices")).isArray()) {
        list = doc.object().value(QLatin1String("devices")).toArray();
    } else {
        result.notes.push_back(keyError(QString(), QStringLiteral("expected a list of devices or {\"devices\": [...]}")));
        return result;
    }
    result.readable = true;

    QHash<QString, int> firstIndex;  // identity -> entry index in the file
    QHash<QString, int> slot;        // identity -> position in result.devices
    for (int i = 0; i < int(list.size()); ++i) {
        const QString where = prefix + QStringLiteral("[%1]").arg(i);
        DeviceEntry e;
        if (!readEntry(list.at(i), where, e, result.notes))
            continue;
        const QString who = identity(e);
        if (slot.contains(who)) {
            result.notes.push_back(keyNote(Severity::Warning, code::DuplicateDevice, where + QStringLiteral(".id"),
                                           QStringLiteral("%1 repeats %2[%3]; the later entry wins")
                                               .arg(quotedForNote(who), prefix).arg(firstIndex.value(who))));
            result.devices[slot.value(who)] = e;
            continue;
        }
        firstIndex.insert(who, i);
        slot.insert(who, int(result.devices.size()));
        result.devices.push_back(e);
    }
    return result;
}

QJsonArray devicesJsonArray(const QVector<DeviceEntry>& devices, bool includeKeys)
{
    QJsonArray list;
    for (const DeviceEntry& e : devices) {
        if (e.id.isEmpty() && !includeKeys)
            continue; // an IP assignment is nothing but its key
        QJsonObject o;
        o.insert(QLatin1String("id"), e.id);
        o.insert(QLatin1String("name"), e.name);
        if (includeKeys && e.hasKey())
            o.insert(QLatin1String("key"), QString::fromLatin1(e.key.reveal()));
        if (includeKeys && e.keyFromUser)
            o.insert(kAssignedByUser, true);
        o.insert(QLatin1String("ip"), e.ip.isNull() ? QString() : e.ip.toString());
        o.insert(QLatin1String("version"), e.version);
        const auto optional = [&o](QLatin1String name, const QString& value) {
            if (!value.isEmpty())
                o.insert(name, value);
        };
        optional(QLatin1String("product_id"), e.productKey);
        optional(QLatin1String("product_name"), e.productName);
        optional(QLatin1String("category"), e.category);
        optional(QLatin1String("model"), e.model);
        optional(QLatin1String("mac"), e.mac);
        optional(QLatin1String("node_id"), e.nodeId);
        optional(QLatin1String("parent"), e.parentId);
        if (e.subDevice)
            o.insert(QLatin1String("sub"), true);
        o.insert(QLatin1String("mapping"), tinytuyaMappingJson(e.dps));
        list.push_back(o);
    }
    return list;
}

} // namespace tuyascope::keys
