#pragma once
// Reads pcapng (any byte order, several sections, several interfaces, EPB/SPB/obsolete PB,
// if_tsresol in both forms, if_tsoffset, comments; unknown blocks are skipped) and classic pcap
// (microsecond and nanosecond magics, both byte orders) into a Capture.
//
// TuyaScope's own serial interfaces (LINKTYPE_USER0 with an if_name "tuyamcu:<channel>:<dir>",
// see PcapngWriter.h for the layout) come back exactly: channels, directions, times (including
// unknown ones), flags and annotations. Every other interface becomes one channel named after
// the interface, with direction unknown and its packets kept verbatim as records; network link
// types get a capture note saying that the LAN dissector decodes them.
//
// Damage (truncation, impossible lengths, a bad byte-order magic) stops reading: read() returns
// false, errorString() names the byte offset, and the records before the damage stay in the
// capture together with a note. Block sizes are bounded; nothing outside `data` is ever read.

#include "capture/Capture.h"

#include <QByteArrayView>
#include <QString>

namespace tuyascope {

class PcapngReader {
public:
    enum class Format { Unknown, Pcapng, Pcap };
    // Recognises the first bytes of a file (at least 4; 12 to check the pcapng byte-order magic).
    static Format detect(QByteArrayView head);

    // Largest block (pcapng) or packet (pcap) accepted; anything larger is reported as corrupt.
    static constexpr qint64 kMaxBlockBytes = 128 * 1024 * 1024;

    // Appends channels, records and notes to `out`. `fileName` is used for messages and as the
    // source of channels that do not carry one. Returns false when the input is not a capture or
    // is damaged; records read before the damage are still appended.
    bool read(QByteArrayView data, Capture& out, const QString& fileName = QString());

    QString errorString() const { return m_error; }
    qint64 errorOffset() const { return m_errorOffset; } // -1 when there is no error
    int recordsRead() const { return m_recordsRead; }

private:
    QString m_error;
    qint64 m_errorOffset = -1;
    int m_recordsRead = 0;
};

// Human-readable name of a LINKTYPE_ value, e.g. "ETHERNET (1)".
QString linkTypeName(quint32 linkType);

} // namespace tuyascope
