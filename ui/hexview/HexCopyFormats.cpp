#include "hexview/HexCopyFormats.h"

#include <QStringList>

namespace tuyascope {

namespace {

QString hexByte(char byte, const QString& prefix)
{
    return prefix + QStringLiteral("%1").arg(static_cast<quint8>(byte), 2, 16, QLatin1Char('0'));
}

} // namespace

QString bytesAsHex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

QString bytesAsCArray(const QByteArray& bytes, const QString& name)
{
    if (bytes.isEmpty())
        return {};
    QStringList elements;
    elements.reserve(bytes.size());
    for (const char byte : bytes)
        elements << hexByte(byte, QStringLiteral("0x"));

    const QString head = QStringLiteral("const unsigned char %1[%2] = ").arg(name).arg(bytes.size());
    if (elements.size() <= CArrayBytesPerLine)
        return head + QStringLiteral("{ ") + elements.join(QStringLiteral(", ")) + QStringLiteral(" };");

    QStringList lines;
    for (qsizetype start = 0; start < elements.size(); start += CArrayBytesPerLine)
        lines << QStringLiteral("    ") + elements.mid(start, CArrayBytesPerLine).join(QStringLiteral(", "));
    return head + QStringLiteral("{\n") + lines.join(QStringLiteral(",\n")) + QStringLiteral("\n};");
}

QString bytesAsBase64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QString bytesAsText(const QByteArray& bytes)
{
    QString text = QString::fromUtf8(bytes);
    for (QChar& character : text) {
        const char16_t code = character.unicode();
        const bool allowedControl = code == u'\t' || code == u'\n' || code == u'\r';
        if ((code < 0x20 && !allowedControl) || code == 0x7f)
            character = QLatin1Char('.');
    }
    return text;
}

QString formatBytes(const QByteArray& bytes, HexCopyFormat format)
{
    switch (format) {
    case HexCopyFormat::Hex:
        return bytesAsHex(bytes);
    case HexCopyFormat::CArray:
        return bytesAsCArray(bytes);
    case HexCopyFormat::Base64:
        return bytesAsBase64(bytes);
    case HexCopyFormat::Text:
        return bytesAsText(bytes);
    }
    return {};
}

QString copyActionText(HexCopyFormat format)
{
    switch (format) {
    case HexCopyFormat::Hex:
        return QStringLiteral("Copy as hex");
    case HexCopyFormat::CArray:
        return QStringLiteral("Copy as C array");
    case HexCopyFormat::Base64:
        return QStringLiteral("Copy as base64");
    case HexCopyFormat::Text:
        return QStringLiteral("Copy as text");
    }
    return {};
}

} // namespace tuyascope
