#pragma once
// TuyaScope's native save format: pcapng, written incrementally so a live session can append
// records and flush (autosave) while standard tools (Wireshark, tshark, editcap) still open the
// file and list, time and comment every chunk.
//
// File layout (the reader, PcapngReader, restores a Capture from exactly this):
//
//  * One Section Header Block, little-endian, section length -1 (unknown: the file grows),
//    shb_hardware = CPU architecture, shb_os = OS name, shb_userappl = "TuyaScope <version>".
//  * One Interface Description Block per (capture channel, direction) pair that has records,
//    written just before the first record that needs it (writeCapture() writes all of them up
//    front, ordered by channel then direction):
//      - link type LINKTYPE_USER0 (147): raw serial byte stream, snaplen 0 (no limit);
//        LINKTYPE_USER1 (148) for Tuya LAN payload streams of live LAN sessions;
//      - if_name        "tuyamcu:<channel name>:mcu-tx" | ":module-tx" | ":unknown", or
//                       "tuyalan:<channel name>:app-tx" | ":device-tx";
//      - if_description channel source and description ("<source> — <description>");
//      - if_speed       the baud rate (bit/s), only when known;
//      - if_tsresol     6 (timestamps in µs);
//      - opt_comment    one line "tuyascope: {json}" with the channel's exact metadata
//                       (index, name, source, description, default direction, baud), so
//                       channels come back exactly even when names repeat.
//  * One Enhanced Packet Block per record (per read chunk), timestamp in µs, bytes verbatim:
//      - epb_flags direction bits relative to the Wi-Fi module, whose UART is the "capturing
//        interface": MCU → module = inbound (01), module → MCU = outbound (10), unknown = 00;
//        LAN streams are seen from the app (TuyaScope): device → app = inbound, app → device =
//        outbound;
//      - optionally a first opt_comment made only of machine lines, each "tuyascope: ...":
//          "tuyascope: time unknown"        the record has no time (EPB carries the last known
//                                           time written, or 0, so tools still sort sensibly);
//          "tuyascope: time=<µs>"           a negative time, not representable in the EPB;
//          "tuyascope: flags=<n>"           RecordFlag bits (synthetic time, rejected, typed);
//          "tuyascope: annotation-parts=<n>" the annotation was longer than one option (64 KiB)
//                                           and spans the next n comments, concatenated;
//          "tuyascope: continued"           the record is longer than kMaxPacketBytes and
//                                           continues in the next EPB (same interface);
//        a comment is a machine comment only when it is the first one and every line starts
//        with "tuyascope:"; when an annotation would pass that test, the writer puts a machine
//        comment ("tuyascope: flags=0") in front of it, so annotations are never mistaken;
//      - then the record annotation as opt_comment (tshark: frame.comment).

#include "capture/Capture.h"

#include <QHash>
#include <QPair>
#include <QString>

class QIODevice;

namespace tuyascope {

namespace pcapng {
constexpr quint32 kBlockSectionHeader = 0x0A0D0D0A;
constexpr quint32 kBlockInterface = 0x00000001;
constexpr quint32 kBlockPacketObsolete = 0x00000002;
constexpr quint32 kBlockSimplePacket = 0x00000003;
constexpr quint32 kBlockEnhancedPacket = 0x00000006;
constexpr quint32 kByteOrderMagic = 0x1A2B3C4D;

constexpr quint16 kOptEndOfOpt = 0;
constexpr quint16 kOptComment = 1;
constexpr quint16 kShbHardware = 2;
constexpr quint16 kShbOs = 3;
constexpr quint16 kShbUserAppl = 4;
constexpr quint16 kIfName = 2;
constexpr quint16 kIfDescription = 3;
constexpr quint16 kIfSpeed = 8;
constexpr quint16 kIfTsResol = 9;
constexpr quint16 kIfTsOffset = 14;
constexpr quint16 kEpbFlags = 2;

constexpr quint32 kEpbDirectionMask = 0x3;
constexpr quint32 kEpbInbound = 0x1;  // MCU → module
constexpr quint32 kEpbOutbound = 0x2; // module → MCU

constexpr quint16 kLinkTypeUser0 = 147; // TuyaMCU serial byte streams
constexpr quint16 kLinkTypeUser1 = 148; // Tuya LAN TCP payload streams (live LAN sessions)

// Wireshark refuses packets above 256 KiB for most link types; longer records are split into
// several EPBs linked by "tuyascope: continued".
constexpr int kMaxPacketBytes = 256 * 1024;

// Machine-comment vocabulary shared by writer and reader.
inline const QString kMachinePrefix = QStringLiteral("tuyascope:");
inline const QString kIfNamePrefix = QStringLiteral("tuyamcu:");
inline const QString kLanIfNamePrefix = QStringLiteral("tuyalan:");

QString interfaceSuffix(Direction direction); // "mcu-tx", "module-tx", "unknown"
bool isMachineComment(const QString& comment); // every line starts with "tuyascope:"
quint32 epbDirectionBits(Direction direction);
Direction directionFromEpbFlags(quint32 flags, bool lan = false);
} // namespace pcapng

class PcapngWriter {
public:
    PcapngWriter() = default;
    PcapngWriter(const PcapngWriter&) = delete;
    PcapngWriter& operator=(const PcapngWriter&) = delete;

    // Starts a new file on `device` (already open for writing): writes the Section Header
    // Block. The device is not owned. Returns false (see errorString()) when writing fails.
    bool open(QIODevice* device);
    bool isOpen() const { return m_device != nullptr; }

    // Writes every record of `capture` (interfaces first, ordered by channel then direction).
    bool writeCapture(const Capture& capture);
    // Appends one record (writing its interface first if it is new). For live sessions. Interfaces
    // are keyed by channel index, so one writer serves one capture (or captures with the same
    // channel list).
    bool appendRecord(const Capture& capture, int recordIndex);
    // Record-level form: `channel` describes record.channel.
    bool appendRecord(const ChannelInfo& channel, const Record& record);
    // Pushes buffered data to the file (QFileDevice::flush); a no-op for other devices.
    bool flush();

    QString errorString() const { return m_error; }
    int interfaceCount() const { return int(m_interfaces.size()); }

private:
    bool ensureInterface(int channelIndex, const ChannelInfo& channel, Direction direction, quint32* id);
    bool writeBlock(quint32 type, const QByteArray& body);
    bool fail(const QString& message);

    QIODevice* m_device = nullptr;
    QHash<QPair<int, int>, quint32> m_interfaces; // (channel, direction) -> interface id
    qint64 m_lastTimeUs = 0;
    QString m_error;
};

// Writes `capture` to `path` atomically (QSaveFile). Returns false with `error` set on failure.
bool writePcapngFile(const Capture& capture, const QString& path, QString* error);

} // namespace tuyascope
