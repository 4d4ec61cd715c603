#pragma once
// The text forms the hex view puts on the clipboard. Pure functions so the exact strings are tested
// without a widget. Every format returns an empty string for empty input rather than inventing
// content (an empty C array would not even compile).

#include <QByteArray>
#include <QString>

namespace tuyascope {

enum class HexCopyFormat { Hex, CArray, Base64, Text };

// "55 aa 03 07"
QString bytesAsHex(const QByteArray& bytes);
// "const unsigned char data[4] = { 0x55, 0xaa, 0x03, 0x07 };", one line up to CArrayBytesPerLine
// bytes, otherwise the elements indented on lines of CArrayBytesPerLine.
constexpr int CArrayBytesPerLine = 12;
QString bytesAsCArray(const QByteArray& bytes, const QString& name = QStringLiteral("data"));
QString bytesAsBase64(const QByteArray& bytes);
// UTF-8 text (decrypted JSON is the usual case); control characters other than tab and newlines
// become '.', so the clipboard never holds NULs or escape sequences.
QString bytesAsText(const QByteArray& bytes);

QString formatBytes(const QByteArray& bytes, HexCopyFormat format);
// Menu text, e.g. "Copy as hex".
QString copyActionText(HexCopyFormat format);

} // namespace tuyascope
