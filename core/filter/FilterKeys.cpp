#include "filter/FilterKeys.h"

namespace tuyascope::filter {

const QVector<KeyInfo>& syntheticKeys()
{
    static const QVector<KeyInfo> keys = {
        {QStringLiteral("dir"), KeyKind::Direction,
         QStringLiteral("who sent it: mcu, module, app, device, or mcu->module, module->mcu, app->device, device->app")},
        {QStringLiteral("proto"), KeyKind::Protocol, QStringLiteral("protocol: mcu (TuyaMCU) or lan (Tuya LAN)")},
        {QStringLiteral("version"), KeyKind::Version,
         QStringLiteral("TuyaMCU version byte (\"0\", \"3\") or LAN protocol version (\"3.1\"..\"3.5\")")},
        {QStringLiteral("cmd"), KeyKind::Command, QStringLiteral("command byte / LAN command number")},
        {QStringLiteral("len"), KeyKind::Length, QStringLiteral("frame length in bytes")},
        {QStringLiteral("time"), KeyKind::Time, QStringLiteral("capture time, µs since the Unix epoch")},
        {QStringLiteral("bad"), KeyKind::Bad,
         QStringLiteral("checksum/CRC/HMAC/tag is bad, or an error diagnostic")},
        {QStringLiteral("warn"), KeyKind::Warn, QStringLiteral("any warning or error (includes bad)")},
        {QStringLiteral("diag"), KeyKind::Diag, QStringLiteral("a diagnostic code, e.g. DP_OVERRUN")},
        {QStringLiteral("severity"), KeyKind::Severity,
         QStringLiteral("worst diagnostic severity: chat < note < warning < error")},
    };
    return keys;
}

std::optional<KeyKind> syntheticKey(QStringView name)
{
    for (const KeyInfo& key : syntheticKeys()) {
        if (name == key.name)
            return key.kind;
    }
    struct Alias {
        const char16_t* name;
        KeyKind kind;
    };
    static const Alias aliases[] = {
        {u"direction", KeyKind::Direction}, {u"protocol", KeyKind::Protocol}, {u"command", KeyKind::Command},
        {u"length", KeyKind::Length},       {u"warning", KeyKind::Warn},      {u"diagnostic", KeyKind::Diag},
    };
    for (const Alias& alias : aliases) {
        if (name == QStringView(alias.name))
            return alias.kind;
    }
    return std::nullopt;
}

const QStringList& fieldKeyNames()
{
    static const QStringList names = {QStringLiteral("dp"), QStringLiteral("tuyamcu"), QStringLiteral("tuyalan"),
                                      QStringLiteral("annotation")};
    return names;
}

const QStringList& fieldKeyPrefixes()
{
    static const QStringList prefixes = {QStringLiteral("dp."), QStringLiteral("tuyamcu."),
                                         QStringLiteral("tuyalan.")};
    return prefixes;
}

bool isKnownFieldKey(QStringView key)
{
    if (key.endsWith(u'.'))
        return false;
    for (const QString& name : fieldKeyNames()) {
        if (key == name)
            return true;
    }
    for (const QString& prefix : fieldKeyPrefixes()) {
        if (key.size() > prefix.size() && key.startsWith(prefix))
            return true;
    }
    return false;
}

bool isDpUnitChild(QStringView child)
{
    return child == u"value" || child == u"type" || child == u"len" || child == u"id";
}

bool isLightKey(KeyKind kind)
{
    switch (kind) {
    case KeyKind::Direction:
    case KeyKind::Protocol:
    case KeyKind::Version:
    case KeyKind::Command:
    case KeyKind::Length:
    case KeyKind::Time:
        return true;
    case KeyKind::Bad:
    case KeyKind::Warn:
    case KeyKind::Diag:
    case KeyKind::Severity:
    case KeyKind::Field:
    case KeyKind::DpUnit:
        return false;
    }
    return false;
}

} // namespace tuyascope::filter
