#pragma once
// A device's 16-character local key, wrapped so it cannot be printed by accident: there is no
// conversion to QString, and qDebug / redacted() show a fixed mask. Only reveal() hands out the
// bytes (for the cipher, and for an export the user asked for).

#include <QByteArray>
#include <QDebug>
#include <QString>

#include <optional>

namespace tuyascope::keys {

class LocalKey {
public:
    static constexpr int kLength = 16;

    LocalKey() = default;

    // Accepts exactly 16 printable ASCII characters. `why` never quotes the key.
    static std::optional<LocalKey> fromString(const QString& text, QString* why = nullptr);
    static std::optional<LocalKey> fromBytes(const QByteArray& bytes, QString* why = nullptr);

    bool isSet() const { return !m_bytes.isEmpty(); }
    const QByteArray& reveal() const { return m_bytes; } // the AES key bytes: never log them
    QString redacted() const;                            // "****" when set, "" when not

    bool operator==(const LocalKey& other) const { return m_bytes == other.m_bytes; }
    bool operator!=(const LocalKey& other) const { return !(*this == other); }

private:
    explicit LocalKey(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    QByteArray m_bytes;
};

// The fixed mask, whatever the key: its length and characters stay private too.
inline const QString kRedactedKey = QStringLiteral("****");

QDebug operator<<(QDebug debug, const LocalKey& key);

} // namespace tuyascope::keys
