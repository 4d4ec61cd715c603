#include "keys/LocalKey.h"

namespace tuyascope::keys {

std::optional<LocalKey> LocalKey::fromBytes(const QByteArray& bytes, QString* why)
{
    if (bytes.size() != kLength) {
        if (why)
            *why = QStringLiteral("a local key has %1 characters, this one has %2").arg(kLength).arg(bytes.size());
        return std::nullopt;
    }
    for (const char c : bytes) {
        // tinytuya keys are printable ASCII; anything else is a copy/paste accident.
        if (c < 0x20 || c > 0x7e) {
            if (why)
                *why = QStringLiteral("a local key is printable ASCII; this one has a control or non-ASCII character");
            return std::nullopt;
        }
    }
    return LocalKey(bytes);
}

std::optional<LocalKey> LocalKey::fromString(const QString& text, QString* why)
{
    if (text.size() != kLength) {
        if (why)
            *why = QStringLiteral("a local key has %1 characters, this one has %2").arg(kLength).arg(text.size());
        return std::nullopt;
    }
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
            if (why)
                *why = QStringLiteral("a local key is printable ASCII; this one has a control or non-ASCII character");
            return std::nullopt;
        }
    }
    return LocalKey(text.toLatin1());
}

QString LocalKey::redacted() const
{
    return isSet() ? kRedactedKey : QString();
}

QDebug operator<<(QDebug debug, const LocalKey& key)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "LocalKey(" << (key.isSet() ? "****" : "unset") << ')';
    return debug;
}

} // namespace tuyascope::keys
