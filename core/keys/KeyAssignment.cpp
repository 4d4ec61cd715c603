#include "keys/KeyAssignment.h"

namespace tuyascope::keys {

std::optional<KeyAssignment> parseKeyAssignment(const QString& text, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq < 0) // no '=': the whole argument may be the bare key, so do not echo it
        return fail(QStringLiteral("expected ID=KEY (a device id or IP address, '=', the 16-character local key)"));
    const QString id = text.left(eq).trimmed();
    if (id.isEmpty())
        return fail(QStringLiteral("expected ID=KEY: the device id or IP address before '=' is missing"));
    for (const QChar c : id)
        if (c.isSpace() || c.unicode() < 0x21 || c.unicode() > 0x7e)
            return fail(QStringLiteral("expected ID=KEY: the id before '=' has spaces or non-ASCII characters"));

    KeyAssignment assignment;
    // Only full dotted quads and IPv6 count as addresses: Qt would also read "1234" as one.
    const bool looksLikeIp = id.count(QLatin1Char('.')) == 3 || id.contains(QLatin1Char(':'));
    if (!looksLikeIp || !assignment.ip.setAddress(id)) {
        assignment.ip = QHostAddress();
        assignment.id = id;
    }
    QString why;
    const std::optional<LocalKey> key = LocalKey::fromString(text.mid(eq + 1), &why);
    if (!key)
        return fail(QStringLiteral("key for %1: %2").arg(id, why));
    assignment.key = *key;
    return assignment;
}

} // namespace tuyascope::keys
