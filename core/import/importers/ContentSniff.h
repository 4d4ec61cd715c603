#pragma once
// Content tests shared by the importers: binary vs text (by content, never by extension) and
// what a file name says (channel name, an "rx"/"tx" hint that is recorded but never trusted).

#include <QByteArrayView>
#include <QString>

namespace tuyascope::importers {

// True when the bytes are not text: a NUL byte, or at least 2 % of the bytes are control
// characters (other than tab, CR, LF, FF, VT and the ESC of ANSI colours) or bytes that do not
// form valid UTF-8.
bool looksBinary(QByteArrayView bytes);

// True when the bytes contain the TuyaMCU header 55 AA somewhere.
bool containsMcuHeader(QByteArrayView bytes);

// "dir/Radar_RX_DUMP.bin" -> "Radar_RX_DUMP.bin"; "capture" when the name is empty.
QString channelNameFor(const QString& fileName);

// "rx", "tx" or empty: what the file name suggests, from whichever side's point of view.
QString fileNameLineHint(const QString& fileName);

} // namespace tuyascope::importers
