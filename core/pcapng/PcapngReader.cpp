#include "pcapng/PcapngReader.h"

#include "pcapng/PcapngWriter.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QtEndian>
#include <QtNumeric>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tuyascope {

using namespace pcapng;

QString linkTypeName(quint32 linkType)
{
    const char* name = nullptr;
    switch (linkType) {
    case 0: name = "NULL"; break;
    case 1: name = "ETHERNET"; break;
    case 12:
    case 14:
    case 101: name = "RAW"; break;
    case 105: name = "IEEE802_11"; break;
    case 108: name = "LOOP"; break;
    case 113: name = "LINUX_SLL"; break;
    case 127: name = "IEEE802_11_RADIOTAP"; break;
    case 228: name = "IPV4"; break;
    case 229: name = "IPV6"; break;
    case 276: name = "LINUX_SLL2"; break;
    default: break;
    }
    if (linkType >= 147 && linkType <= 162)
        return QStringLiteral("USER%1 (%2)").arg(linkType - 147).arg(linkType);
    if (name)
        return QStringLiteral("%1 (%2)").arg(QLatin1String(name)).arg(linkType);
    return QStringLiteral("LINKTYPE %1").arg(linkType);
}

PcapngReader::Format PcapngReader::detect(QByteArrayView head)
{
    if (head.size() < 4)
        return Format::Unknown;
    const auto* p = reinterpret_cast<const uchar*>(head.data());
    const quint32 first = qFromBigEndian<quint32>(p);
    if (first == kBlockSectionHeader) {
        if (head.size() < 12)
            return Format::Pcapng; // cannot check the byte-order magic yet
        const quint32 magicBe = qFromBigEndian<quint32>(p + 8);
        const quint32 magicLe = qFromLittleEndian<quint32>(p + 8);
        return (magicBe == kByteOrderMagic || magicLe == kByteOrderMagic) ? Format::Pcapng : Format::Unknown;
    }
    switch (first) {
    case 0xA1B2C3D4u: // microseconds, big-endian file
    case 0xD4C3B2A1u: // microseconds, little-endian file
    case 0xA1B23C4Du: // nanoseconds, big-endian file
    case 0x4D3CB2A1u: // nanoseconds, little-endian file
        return Format::Pcap;
    default: break;
    }
    return Format::Unknown;
}

namespace {

constexpr qint64 kMicrosPerSecond = 1000000;

qint64 pad4(qint64 n)
{
    return (n + 3) & ~qint64(3);
}

// Zero-terminated UTF-8 (the spec: a NUL octet ends a string option).
QString optionString(QByteArrayView value)
{
    const qsizetype nul = value.indexOf('\0');
    return QString::fromUtf8(nul >= 0 ? value.first(nul) : value);
}

struct Interface {
    quint32 linkType = 0;
    quint32 snapLen = 0;
    int slot = -1;
    bool tuya = false;
    bool lan = false;       // a TuyaScope LAN payload stream (USER1, "tuyalan:")
    Direction direction = Direction::Unknown; // from the if_name suffix (TuyaScope interfaces)
    bool binaryResolution = false;
    int exponent = 6;
    qint64 offsetSeconds = 0;
};

// One output channel; several interfaces (one per direction) share a slot for TuyaScope files.
struct Slot {
    ChannelInfo info;
    int section = 0;
    int creation = 0;
    bool tuya = false;
    bool hasIndex = false;
    int storedIndex = 0;
    QString key;                // grouping key of TuyaScope interfaces inside a section
    bool directionFromMetadata = false;
    bool directionSeen = false;
    bool network = false;
    quint32 linkType = 0;
    int packets = 0;
};

struct Pending {
    bool active = false;
    int slot = -1;
    qint64 timeUs = kUnknownTime;
    Direction direction = Direction::Unknown;
    quint8 flags = 0;
    QString annotation;
    QByteArray bytes;
};

class Parser {
public:
    Parser(QByteArrayView data, const QString& fileName)
        : m_data(data),
          m_p(reinterpret_cast<const uchar*>(data.data())),
          m_size(data.size()),
          m_fileName(fileName),
          m_display(fileName.isEmpty() ? QStringLiteral("capture") : QFileInfo(fileName).fileName())
    {
    }

    bool run()
    {
        if (m_size < 4)
            return damage(true, 0, QStringLiteral("file too short for a pcap or pcapng header (%1 bytes)").arg(m_size));
        if (qFromBigEndian<quint32>(m_p) == kBlockSectionHeader)
            return runPcapng(); // reports a bad byte-order magic itself
        if (PcapngReader::detect(m_data) == PcapngReader::Format::Pcap)
            return runPcap();
        return damage(false, 0, QStringLiteral("not a pcap or pcapng file (unknown magic)"));
    }

    void finish(Capture& out, int* recordsRead)
    {
        flushPending();
        if (m_undeclared > 0) {
            note(Severity::Warning, diag::ImportWarning,
                 QStringLiteral("%1 packet(s) name an interface that was never described; they were skipped "
                                "(first at byte offset %2)")
                     .arg(m_undeclared)
                     .arg(m_firstUndeclared),
                 m_firstUndeclared);
        }
        if (m_cutPackets > 0) {
            note(Severity::Note, diag::ImportWarning,
                 QStringLiteral("%1 packet(s) were shortened by the capture's snapshot length; only the "
                                "captured bytes are kept")
                     .arg(m_cutPackets),
                 -1);
        }
        for (const Slot& s : m_slots) {
            if (s.network && s.packets > 0) {
                note(Severity::Note, diag::ImportWarning,
                     QStringLiteral("%1 packet(s) on interface \"%2\" (link type %3) were kept as raw records; "
                                    "their TCP/UDP flows are extracted (core/net) for the LAN dissector")
                         .arg(s.packets)
                         .arg(s.info.name, linkTypeName(s.linkType)),
                     -1);
            }
        }
        if (!m_error.isEmpty()) {
            note(Severity::Error, m_errorCode,
                 QStringLiteral("%1; the %2 record(s) before it were kept").arg(m_error).arg(m_tmp.recordCount()),
                 m_errorOffset);
        }

        // Channel order: TuyaScope channels by their saved index, others in file order.
        QVector<int> order(m_slots.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
            const Slot& x = m_slots.at(a);
            const Slot& y = m_slots.at(b);
            if (x.section != y.section)
                return x.section < y.section;
            if (x.hasIndex != y.hasIndex)
                return x.hasIndex;
            return x.hasIndex ? x.storedIndex < y.storedIndex : x.creation < y.creation;
        });
        QVector<int> map(m_slots.size());
        bool identity = true;
        for (int slot : order) {
            map[slot] = m_tmp.addChannel(m_slots.at(slot).info);
            identity = identity && map.at(slot) == slot;
        }
        if (!identity) {
            for (int i = 0; i < m_tmp.recordCount(); ++i)
                m_tmp.setRecordChannel(i, map.at(m_tmp.recordChannel(i)));
        }
        // Into an empty capture (the importer's) this shares the records instead of copying them.
        out.appendCapture(m_tmp);
        for (const CaptureNote& n : m_notes)
            out.addNote(n);
        *recordsRead = m_tmp.recordCount();
    }

    QString m_error;
    qint64 m_errorOffset = -1;

private:
    // ---- little helpers -------------------------------------------------------------------

    quint16 u16(qint64 off) const
    {
        return m_be ? qFromBigEndian<quint16>(m_p + off) : qFromLittleEndian<quint16>(m_p + off);
    }
    quint32 u32(qint64 off) const
    {
        return m_be ? qFromBigEndian<quint32>(m_p + off) : qFromLittleEndian<quint32>(m_p + off);
    }
    quint64 u64(qint64 off) const
    {
        return m_be ? qFromBigEndian<quint64>(m_p + off) : qFromLittleEndian<quint64>(m_p + off);
    }
    QByteArrayView view(qint64 off, qint64 len) const
    {
        return QByteArrayView(m_data.data() + off, qsizetype(len));
    }

    void note(Severity severity, const QString& code, const QString& message, qint64 offset)
    {
        CaptureNote n;
        n.severity = severity;
        n.code = code;
        n.message = message;
        n.file = m_fileName;
        n.byteOffset = offset;
        m_notes.push_back(n);
    }

    bool damage(bool truncated, qint64 offset, const QString& what)
    {
        m_error = QStringLiteral("%1: %2 at byte offset %3").arg(m_display, what).arg(offset);
        m_errorOffset = offset;
        m_errorCode = truncated ? diag::TruncatedAtEof : diag::ImportError;
        return false;
    }

    // Calls fn(code, value) for each option in [begin, end). Returns false on a malformed list.
    template <typename Fn>
    bool forEachOption(qint64 begin, qint64 end, Fn fn) const
    {
        qint64 pos = begin;
        while (pos + 4 <= end) {
            const quint16 code = u16(pos);
            const quint16 len = u16(pos + 2);
            if (code == kOptEndOfOpt)
                return true;
            if (pos + 4 + len > end)
                return false;
            fn(code, view(pos + 4, len));
            pos += 4 + pad4(len);
        }
        return true; // fewer than 4 bytes left and no opt_endofopt: tolerated
    }

    void badOptions(qint64 blockOffset)
    {
        if (m_badOptionsNoted)
            return;
        m_badOptionsNoted = true;
        note(Severity::Warning, diag::ImportWarning,
             QStringLiteral("malformed option list in the block at byte offset %1 (options after the damage "
                            "were ignored; later blocks may have the same problem)")
                 .arg(blockOffset),
             blockOffset);
    }

    qint64 toMicros(quint64 ts, const Interface& i) const
    {
        qint64 us = 0;
        if (!i.binaryResolution) {
            if (i.exponent == 6) {
                if (ts > quint64(std::numeric_limits<qint64>::max()))
                    return kUnknownTime;
                us = qint64(ts);
            } else if (i.exponent < 6) {
                qint64 mul = 1;
                for (int k = i.exponent; k < 6; ++k)
                    mul *= 10;
                if (ts > quint64(std::numeric_limits<qint64>::max() / mul))
                    return kUnknownTime;
                us = qint64(ts) * mul;
            } else {
                quint64 div = 1;
                for (int k = 6; k < i.exponent; ++k)
                    div *= 10;
                us = qint64(ts / div); // ts / 10 at least: fits
            }
        } else {
            const int e = i.exponent;
            const quint64 seconds = e == 0 ? ts : (ts >> e);
            const quint64 frac = e == 0 ? 0 : (ts & ((quint64(1) << e) - 1));
            if (seconds > quint64(std::numeric_limits<qint64>::max() / kMicrosPerSecond))
                return kUnknownTime;
            const double fracUs = std::floor(std::ldexp(double(frac), -e) * double(kMicrosPerSecond));
            us = qint64(seconds) * kMicrosPerSecond + std::min<qint64>(qint64(fracUs), kMicrosPerSecond - 1);
        }
        if (i.offsetSeconds != 0) {
            qint64 offsetUs = 0;
            if (qMulOverflow(i.offsetSeconds, kMicrosPerSecond, &offsetUs) || qAddOverflow(us, offsetUs, &us))
                return kUnknownTime;
        }
        if (us == kUnknownTime)
            return kUnknownTime;
        return us;
    }

    void emitRecord(int slot, qint64 timeUs, Direction direction, QByteArrayView bytes, const QString& annotation,
                    quint8 flags)
    {
        m_tmp.append(timeUs, direction, slot, bytes, annotation, flags);
        ++m_slots[slot].packets;
    }

    void flushPending()
    {
        if (!m_pending.active)
            return;
        emitRecord(m_pending.slot, m_pending.timeUs, m_pending.direction, m_pending.bytes, m_pending.annotation,
                   m_pending.flags);
        m_pending = Pending();
    }

    // ---- pcapng ---------------------------------------------------------------------------

    bool runPcapng()
    {
        qint64 pos = 0;
        bool inSection = false;
        while (pos < m_size) {
            const qint64 remain = m_size - pos;
            if (remain < 8)
                return damage(true, pos, QStringLiteral("truncated block header (the file ends %1 byte(s) into it)")
                                             .arg(remain));
            const bool isShb = qFromBigEndian<quint32>(m_p + pos) == kBlockSectionHeader;
            if (isShb) {
                if (remain < 12)
                    return damage(true, pos, QStringLiteral("truncated section header block (the file ends %1 "
                                                            "byte(s) into it)")
                                                 .arg(remain));
                if (qFromLittleEndian<quint32>(m_p + pos + 8) == kByteOrderMagic)
                    m_be = false;
                else if (qFromBigEndian<quint32>(m_p + pos + 8) == kByteOrderMagic)
                    m_be = true;
                else
                    return damage(false, pos, QStringLiteral("section header block with an invalid byte-order magic"));
            } else if (!inSection) {
                return damage(false, pos, QStringLiteral("block before the first section header block"));
            }
            const quint32 type = u32(pos);
            const quint32 length = u32(pos + 4);
            const qint64 minimum = isShb ? 28 : 12;
            if (length < minimum || length % 4 != 0)
                return damage(false, pos, QStringLiteral("invalid block length %1 (block type 0x%2)")
                                              .arg(length)
                                              .arg(type, 8, 16, QLatin1Char('0')));
            if (length > PcapngReader::kMaxBlockBytes)
                return damage(false, pos, QStringLiteral("implausible block length %1 (block type 0x%2)")
                                              .arg(length)
                                              .arg(type, 8, 16, QLatin1Char('0')));
            if (length > remain)
                return damage(true, pos, QStringLiteral("truncated block (type 0x%1, %2 bytes; the file ends %3 "
                                                        "byte(s) into it)")
                                             .arg(type, 8, 16, QLatin1Char('0'))
                                             .arg(length)
                                             .arg(remain));
            if (u32(pos + length - 4) != length)
                return damage(false, pos, QStringLiteral("block length %1 and trailing length %2 differ (block "
                                                         "type 0x%3)")
                                              .arg(length)
                                              .arg(u32(pos + length - 4))
                                              .arg(type, 8, 16, QLatin1Char('0')));
            const qint64 body = pos + 8;
            const qint64 end = pos + length - 4;
            if (isShb) {
                flushPending();
                inSection = true;
                ++m_section;
                m_interfaces.clear();
                const quint16 major = u16(body + 4);
                const quint16 minor = u16(body + 6);
                m_skipSection = major != 1;
                if (m_skipSection) {
                    note(Severity::Warning, diag::ImportWarning,
                         QStringLiteral("section at byte offset %1 has pcapng version %2.%3, which this reader does "
                                        "not know; the section was skipped")
                             .arg(pos)
                             .arg(major)
                             .arg(minor),
                         pos);
                }
            } else if (!m_skipSection) {
                bool ok = true;
                switch (type) {
                case kBlockInterface: ok = interfaceBlock(pos, body, end); break;
                case kBlockEnhancedPacket:
                case kBlockPacketObsolete: ok = packetBlock(type, pos, body, end); break;
                case kBlockSimplePacket: ok = simplePacketBlock(pos, body, end); break;
                default: break; // name resolution, statistics, secrets, custom, unknown: skipped
                }
                if (!ok)
                    return false;
            }
            pos += length;
        }
        return true;
    }

    bool interfaceBlock(qint64 pos, qint64 body, qint64 end)
    {
        if (end - body < 8)
            return damage(false, pos, QStringLiteral("interface description block too short"));
        Interface iface;
        iface.linkType = u16(body);
        iface.snapLen = u32(body + 4);
        QString name;
        QString description;
        quint64 speed = 0;
        QStringList comments;
        int tsresol = -1;
        const bool ok = forEachOption(body + 8, end, [&](quint16 code, QByteArrayView value) {
            switch (code) {
            case kOptComment: comments << optionString(value); break;
            case kIfName: name = optionString(value); break;
            case kIfDescription: description = optionString(value); break;
            case kIfSpeed:
                if (value.size() == 8) {
                    speed = m_be ? qFromBigEndian<quint64>(value.data()) : qFromLittleEndian<quint64>(value.data());
                }
                break;
            case kIfTsResol:
                if (value.size() >= 1)
                    tsresol = quint8(value.at(0));
                break;
            case kIfTsOffset:
                if (value.size() == 8) {
                    iface.offsetSeconds = qint64(m_be ? qFromBigEndian<quint64>(value.data())
                                                      : qFromLittleEndian<quint64>(value.data()));
                }
                break;
            default: break;
            }
        });
        if (!ok)
            badOptions(pos);
        if (tsresol >= 0) {
            iface.binaryResolution = (tsresol & 0x80) != 0;
            iface.exponent = tsresol & 0x7F;
            if ((!iface.binaryResolution && iface.exponent > 19) || (iface.binaryResolution && iface.exponent > 63)) {
                note(Severity::Warning, diag::ImportWarning,
                     QStringLiteral("interface at byte offset %1 has an unusable time resolution (if_tsresol 0x%2); "
                                    "microseconds assumed")
                         .arg(pos)
                         .arg(tsresol, 2, 16, QLatin1Char('0')),
                     pos);
                iface.binaryResolution = false;
                iface.exponent = 6;
            }
        }

        // A TuyaScope serial interface: USER0 and "tuyamcu:<channel>:<direction>".
        Direction direction = Direction::Unknown;
        QString channelName;
        bool tuya = false;
        const bool lanStream = iface.linkType == kLinkTypeUser1 && name.startsWith(kLanIfNamePrefix);
        const bool serialStream = iface.linkType == kLinkTypeUser0 && name.startsWith(kIfNamePrefix);
        if (serialStream || lanStream) {
            const QString& prefix = lanStream ? kLanIfNamePrefix : kIfNamePrefix;
            const QVector<Direction> candidates = lanStream
                ? QVector<Direction>{Direction::AppToDevice, Direction::DeviceToApp, Direction::Unknown}
                : QVector<Direction>{Direction::McuToModule, Direction::ModuleToMcu, Direction::Unknown};
            for (Direction d : candidates) {
                const QString suffix = QLatin1Char(':') + interfaceSuffix(d);
                if (name.size() >= prefix.size() + suffix.size() && name.endsWith(suffix)) {
                    tuya = true;
                    direction = d;
                    channelName = name.mid(prefix.size(), name.size() - prefix.size() - suffix.size());
                    break;
                }
            }
        }
        iface.lan = lanStream;
        iface.tuya = tuya;
        iface.direction = direction;

        if (tuya) {
            QJsonObject meta;
            for (const QString& c : comments) {
                const QString head = kMachinePrefix + QLatin1Char(' ');
                if (c.startsWith(head)) {
                    const QJsonDocument doc = QJsonDocument::fromJson(c.mid(head.size()).toUtf8());
                    if (doc.isObject()) {
                        meta = doc.object();
                        break;
                    }
                }
            }
            const bool hasIndex = meta.value(QStringLiteral("channel")).isDouble();
            const int storedIndex = meta.value(QStringLiteral("channel")).toInt();
            const QString key = hasIndex ? QStringLiteral("i:%1").arg(storedIndex) : QStringLiteral("n:") + channelName;
            int slot = -1;
            for (int s = 0; s < m_slots.size(); ++s) {
                if (m_slots.at(s).tuya && m_slots.at(s).section == m_section && m_slots.at(s).key == key) {
                    slot = s;
                    break;
                }
            }
            if (slot < 0) {
                Slot s;
                s.section = m_section;
                s.creation = int(m_slots.size());
                s.tuya = true;
                s.hasIndex = hasIndex;
                s.storedIndex = storedIndex;
                s.key = key;
                s.linkType = iface.linkType;
                if (!meta.isEmpty()) {
                    s.info.name = meta.value(QStringLiteral("name")).toString();
                    s.info.source = meta.value(QStringLiteral("source")).toString();
                    s.info.description = meta.value(QStringLiteral("description")).toString();
                    const double baud = meta.value(QStringLiteral("baud")).toDouble();
                    s.info.baudRate = (baud > 0 && baud <= double(std::numeric_limits<quint32>::max())) ? quint32(baud) : 0;
                    s.info.direction = directionFromKey(meta.value(QStringLiteral("direction")).toString());
                    s.directionFromMetadata = meta.contains(QStringLiteral("direction"));
                } else {
                    s.info.name = channelName;
                    s.info.source = m_fileName;
                    s.info.description = description;
                    s.info.baudRate = speed <= std::numeric_limits<quint32>::max() ? quint32(speed) : 0;
                }
                m_slots.push_back(s);
                slot = int(m_slots.size() - 1);
            }
            Slot& s = m_slots[slot];
            if (!s.directionFromMetadata) {
                // Without saved metadata: the channel's direction is the one all its interfaces share.
                if (!s.directionSeen)
                    s.info.direction = direction;
                else if (s.info.direction != direction)
                    s.info.direction = Direction::Unknown;
                s.directionSeen = true;
            }
            iface.slot = slot;
        } else {
            Slot s;
            s.section = m_section;
            s.creation = int(m_slots.size());
            s.linkType = iface.linkType;
            s.network = iface.linkType < 147 || iface.linkType > 162;
            s.info.linkType = iface.linkType;
            s.info.name = name.isEmpty() ? QStringLiteral("interface %1").arg(m_interfaces.size()) : name;
            s.info.source = m_fileName;
            s.info.description = description.isEmpty() ? linkTypeName(iface.linkType)
                                                       : description + QStringLiteral(" (") +
                                                             linkTypeName(iface.linkType) + QLatin1Char(')');
            m_slots.push_back(s);
            iface.slot = int(m_slots.size() - 1);
        }
        m_interfaces.push_back(iface);
        return true;
    }

    bool packetBlock(quint32 type, qint64 pos, qint64 body, qint64 end)
    {
        if (end - body < 20)
            return damage(false, pos, QStringLiteral("packet block too short"));
        const quint32 interfaceId = type == kBlockEnhancedPacket ? u32(body) : u16(body);
        const quint64 ts = (quint64(u32(body + 4)) << 32) | u32(body + 8);
        const quint32 captured = u32(body + 12);
        const quint32 original = u32(body + 16);
        const qint64 dataStart = body + 20;
        if (qint64(captured) > end - dataStart)
            return damage(false, pos, QStringLiteral("captured length %1 exceeds the packet block").arg(captured));
        if (interfaceId >= quint32(m_interfaces.size())) {
            if (m_undeclared++ == 0)
                m_firstUndeclared = pos;
            return true;
        }
        const qint64 optionsStart = std::min<qint64>(dataStart + pad4(captured), end);
        quint32 epbFlags = 0;
        bool hasFlags = false;
        QStringList comments;
        const bool ok = forEachOption(optionsStart, end, [&](quint16 code, QByteArrayView value) {
            if (code == kOptComment) {
                comments << optionString(value);
            } else if (code == kEpbFlags && value.size() == 4) {
                epbFlags = m_be ? qFromBigEndian<quint32>(value.data()) : qFromLittleEndian<quint32>(value.data());
                hasFlags = true;
            }
        });
        if (!ok)
            badOptions(pos);
        const Interface& iface = m_interfaces.at(int(interfaceId));
        packet(iface, toMicros(ts, iface), view(dataStart, captured), original, hasFlags, epbFlags, comments);
        return true;
    }

    bool simplePacketBlock(qint64 pos, qint64 body, qint64 end)
    {
        if (end - body < 4)
            return damage(false, pos, QStringLiteral("simple packet block too short"));
        if (m_interfaces.isEmpty()) {
            if (m_undeclared++ == 0)
                m_firstUndeclared = pos;
            return true;
        }
        const Interface& iface = m_interfaces.first();
        const quint32 original = u32(body);
        qint64 captured = std::min<qint64>(original, end - body - 4);
        if (iface.snapLen != 0)
            captured = std::min<qint64>(captured, iface.snapLen);
        packet(iface, kUnknownTime, view(body + 4, captured), original, false, 0, QStringList());
        return true;
    }

    void packet(const Interface& iface, qint64 timeUs, QByteArrayView bytes, quint32 original, bool hasFlags,
                quint32 epbFlags, const QStringList& comments)
    {
        if (quint32(bytes.size()) < original)
            ++m_cutPackets;
        if (!iface.tuya) {
            flushPending();
            emitRecord(iface.slot, timeUs, Direction::Unknown, bytes, comments.join(QLatin1Char('\n')), 0);
            return;
        }

        Direction direction = hasFlags ? directionFromEpbFlags(epbFlags, iface.lan) : iface.direction;
        quint8 flags = 0;
        int parts = 0;
        bool continued = false;
        int firstAnnotation = 0;
        if (!comments.isEmpty() && isMachineComment(comments.first())) {
            firstAnnotation = 1;
            const QStringList lines = comments.first().split(QLatin1Char('\n'));
            for (QString line : lines) {
                line = line.mid(kMachinePrefix.size()).trimmed();
                if (line == QLatin1String("time unknown")) {
                    timeUs = kUnknownTime;
                } else if (line.startsWith(QLatin1String("time="))) {
                    bool ok = false;
                    const qint64 t = line.mid(5).toLongLong(&ok);
                    if (ok)
                        timeUs = t;
                } else if (line.startsWith(QLatin1String("flags="))) {
                    flags = quint8(line.mid(6).toUInt() & 0xFFu);
                } else if (line.startsWith(QLatin1String("annotation-parts="))) {
                    parts = line.mid(17).toInt();
                } else if (line == QLatin1String("continued")) {
                    continued = true;
                }
                // Other lines: written by a newer TuyaScope; ignored.
            }
        }
        QString annotation;
        const int available = int(comments.size()) - firstAnnotation;
        const int joined = std::clamp(parts, 0, available);
        for (int k = 0; k < joined; ++k)
            annotation += comments.at(firstAnnotation + k);
        for (int k = firstAnnotation + joined; k < comments.size(); ++k) {
            if (k > firstAnnotation)
                annotation += QLatin1Char('\n');
            annotation += comments.at(k);
        }

        if (m_pending.active) {
            if (m_pending.slot == iface.slot) {
                m_pending.bytes.append(bytes.data(), bytes.size());
                if (!continued)
                    flushPending();
                return;
            }
            flushPending();
        }
        if (continued) {
            m_pending.active = true;
            m_pending.slot = iface.slot;
            m_pending.timeUs = timeUs;
            m_pending.direction = direction;
            m_pending.flags = flags;
            m_pending.annotation = annotation;
            m_pending.bytes = bytes.toByteArray();
            return;
        }
        emitRecord(iface.slot, timeUs, direction, bytes, annotation, flags);
    }

    // ---- classic pcap ---------------------------------------------------------------------

    bool runPcap()
    {
        if (m_size < 24)
            return damage(true, 0, QStringLiteral("truncated pcap file header (%1 of 24 bytes)").arg(m_size));
        const quint32 magic = qFromBigEndian<quint32>(m_p);
        m_be = magic == 0xA1B2C3D4u || magic == 0xA1B23C4Du;
        const bool nanoseconds = magic == 0xA1B23C4Du || magic == 0x4D3CB2A1u;
        const quint32 linkType = u32(20) & 0x03FFFFFFu;

        Slot s;
        s.linkType = linkType;
        s.network = linkType < 147 || linkType > 162;
        s.info.linkType = linkType;
        const QString base = QFileInfo(m_fileName).fileName();
        s.info.name = base.isEmpty() ? QStringLiteral("pcap") : base;
        s.info.source = m_fileName;
        s.info.description = QStringLiteral("classic pcap, %1").arg(linkTypeName(linkType));
        m_slots.push_back(s);

        qint64 pos = 24;
        while (pos < m_size) {
            const qint64 remain = m_size - pos;
            if (remain < 16)
                return damage(true, pos, QStringLiteral("truncated packet header (the file ends %1 byte(s) into it)")
                                             .arg(remain));
            const quint32 seconds = u32(pos);
            const quint32 fraction = u32(pos + 4);
            const quint32 captured = u32(pos + 8);
            const quint32 original = u32(pos + 12);
            if (qint64(captured) > PcapngReader::kMaxBlockBytes)
                return damage(false, pos, QStringLiteral("implausible packet length %1").arg(captured));
            if (qint64(captured) > remain - 16)
                return damage(true, pos, QStringLiteral("truncated packet (%1 bytes; the file ends %2 byte(s) into "
                                                        "its data)")
                                             .arg(captured)
                                             .arg(remain - 16));
            const qint64 timeUs = qint64(seconds) * kMicrosPerSecond + (nanoseconds ? fraction / 1000 : fraction);
            if (captured < original)
                ++m_cutPackets;
            emitRecord(0, timeUs, Direction::Unknown, view(pos + 16, captured), QString(), 0);
            pos += 16 + qint64(captured);
        }
        return true;
    }

    QByteArrayView m_data;
    const uchar* m_p;
    qint64 m_size;
    QString m_fileName;
    QString m_display;
    bool m_be = false;
    int m_section = -1;
    bool m_skipSection = false;
    QVector<Interface> m_interfaces;
    QVector<Slot> m_slots;
    Capture m_tmp; // records with the slot as channel, renumbered in finish()
    Pending m_pending;
    QVector<CaptureNote> m_notes;
    QString m_errorCode;
    int m_undeclared = 0;
    qint64 m_firstUndeclared = -1;
    int m_cutPackets = 0;
    bool m_badOptionsNoted = false;
};

} // namespace

bool PcapngReader::read(QByteArrayView data, Capture& out, const QString& fileName)
{
    m_error.clear();
    m_errorOffset = -1;
    m_recordsRead = 0;
    Parser parser(data, fileName);
    const bool ok = parser.run();
    parser.finish(out, &m_recordsRead);
    if (!ok) {
        m_error = parser.m_error;
        m_errorOffset = parser.m_errorOffset;
    }
    return ok;
}

} // namespace tuyascope
