#pragma once
// Frames written with printable bytes shown as characters (capture-formats.md section 11):
//   55 AA 00 01 00 ${"P":"Okurono2XLVRV0fB","v":"1.1.0"} 19
// Hex pairs and literal runs; a literal run contributes its characters as bytes, so a single
// non-hex character right after "55 AA ver cmd lenH" is the low length byte ("$" = 0x24) and a
// character may stand for the checksum too ("...}$"). A decode counts only if the length field
// and the checksum verify and at least one literal was used (plain hex is the generic rules' job).

#include <QByteArray>
#include <QString>

namespace tuyascope::importers {

struct InlineAsciiFrame {
    QByteArray bytes;
    qsizetype start = 0; // character range of the frame in the line
    qsizetype end = 0;
};

bool decodeInlineAsciiFrame(const QString& line, InlineAsciiFrame* frame);

} // namespace tuyascope::importers
