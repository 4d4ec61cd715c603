#include "pcapng/PcapngWriter.h"

#include <QFileDevice>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringList>
#include <QSysInfo>
#include <QtEndian>

#include <algorithm>

namespace tuyascope {

namespace pcapng {

QString interfaceSuffix(Direction direction)
{
    switch (direction) {
    case Direction::McuToModule: return QStringLiteral("mcu-tx");
    case Direction::ModuleToMcu: return QStringLiteral("module-tx");
    case Direction::AppToDevice: return QStringLiteral("app-tx");
    case Direction::DeviceToApp: return QStringLiteral("device-tx");
    case Direction::Unknown: break;
    }
    return QStringLiteral("unknown");
}

bool isMachineComment(const QString& comment)
{
    if (comment.isEmpty())
        return false;
    const QStringList lines = comment.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (!line.startsWith(kMachinePrefix))
            return false;
    }
    return true;
}

quint32 epbDirectionBits(Direction direction)
{
    switch (direction) {
    case Direction::McuToModule: return kEpbInbound;
    case Direction::ModuleToMcu: return kEpbOutbound;
    case Direction::DeviceToApp: return kEpbInbound;
    case Direction::AppToDevice: return kEpbOutbound;
    case Direction::Unknown: break;
    }
    return 0;
}

Direction directionFromEpbFlags(quint32 flags, bool lan)
{
    switch (flags & kEpbDirectionMask) {
    case kEpbInbound: return lan ? Direction::DeviceToApp : Direction::McuToModule;
    case kEpbOutbound: return lan ? Direction::AppToDevice : Direction::ModuleToMcu;
    default: break;
    }
    return Direction::Unknown;
}

} // namespace pcapng

namespace {

using namespace pcapng;

// Every multi-byte field is written little-endian (the SHB byte-order magic says so), whatever
// the host, so files are identical across machines.
void putU16(QByteArray& out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

void putU32(QByteArray& out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

void putU64(QByteArray& out, quint64 v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}

void pad4(QByteArray& out)
{
    while (out.size() % 4 != 0)
        out.append('\0');
}

// Option values are at most 65535 bytes; callers split longer values.
void putOption(QByteArray& out, quint16 code, QByteArrayView value)
{
    putU16(out, code);
    putU16(out, quint16(value.size()));
    out.append(value.data(), value.size());
    pad4(out);
}

void putEndOfOptions(QByteArray& out)
{
    putU16(out, kOptEndOfOpt);
    putU16(out, 0);
}

// Splits UTF-8 text into pieces of at most `limit` bytes without cutting a character.
QVector<QByteArray> splitUtf8(const QByteArray& utf8, int limit)
{
    QVector<QByteArray> parts;
    qsizetype from = 0;
    while (from < utf8.size()) {
        qsizetype len = std::min<qsizetype>(limit, utf8.size() - from);
        if (from + len < utf8.size()) {
            while (len > 1 && (quint8(utf8.at(from + len)) & 0xC0) == 0x80)
                --len;
        }
        parts.push_back(utf8.mid(from, len));
        from += len;
    }
    return parts;
}

constexpr int kMaxOptionBytes = 65532; // 65535 rounded down to the 32-bit padding

QString channelMetadataComment(int channelIndex, const ChannelInfo& channel)
{
    QJsonObject o;
    o.insert(QStringLiteral("channel"), channelIndex);
    o.insert(QStringLiteral("name"), channel.name);
    o.insert(QStringLiteral("source"), channel.source);
    o.insert(QStringLiteral("description"), channel.description);
    o.insert(QStringLiteral("direction"), directionKey(channel.direction));
    o.insert(QStringLiteral("baud"), qint64(channel.baudRate));
    return kMachinePrefix + QLatin1Char(' ')
           + QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

bool PcapngWriter::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool PcapngWriter::writeBlock(quint32 type, const QByteArray& body)
{
    if (!m_device)
        return fail(QStringLiteral("pcapng writer: no device open"));
    // body is already padded to 32 bits; total = type + length + body + trailing length.
    const qint64 total = 12 + body.size();
    if (total > qint64(std::numeric_limits<quint32>::max()))
        return fail(QStringLiteral("pcapng writer: block too large (%1 bytes)").arg(total));
    QByteArray block;
    block.reserve(qsizetype(total));
    putU32(block, type);
    putU32(block, quint32(total));
    block.append(body);
    putU32(block, quint32(total));
    const qint64 written = m_device->write(block);
    if (written != block.size()) {
        return fail(QStringLiteral("pcapng writer: cannot write %1 bytes: %2")
                        .arg(block.size())
                        .arg(m_device->errorString()));
    }
    return true;
}

bool PcapngWriter::open(QIODevice* device)
{
    m_interfaces.clear();
    m_lastTimeUs = 0;
    m_error.clear();
    m_device = nullptr;
    if (!device || !device->isWritable())
        return fail(QStringLiteral("pcapng writer: device is not open for writing"));
    m_device = device;

    QByteArray body;
    putU32(body, kByteOrderMagic);
    putU16(body, 1); // major version
    putU16(body, 0); // minor version
    putU64(body, ~quint64(0)); // section length -1: unknown, the file grows while capturing
    putOption(body, kShbHardware, QSysInfo::currentCpuArchitecture().toUtf8());
    putOption(body, kShbOs, QSysInfo::prettyProductName().toUtf8().left(kMaxOptionBytes));
    putOption(body, kShbUserAppl, QByteArrayLiteral("TuyaScope " TUYASCOPE_VERSION));
    putEndOfOptions(body);
    if (!writeBlock(kBlockSectionHeader, body)) {
        m_device = nullptr;
        return false;
    }
    return true;
}

bool PcapngWriter::ensureInterface(int channelIndex, const ChannelInfo& channel, Direction direction,
                                   quint32* id)
{
    const QPair<int, int> key(channelIndex, int(direction));
    const auto it = m_interfaces.constFind(key);
    if (it != m_interfaces.constEnd()) {
        *id = it.value();
        return true;
    }

    QByteArray body;
    const bool lan = isLanDirection(direction);
    putU16(body, lan ? kLinkTypeUser1 : kLinkTypeUser0);
    putU16(body, 0); // reserved
    putU32(body, 0); // snaplen: no limit
    const QString name = (lan ? kLanIfNamePrefix : kIfNamePrefix) + channel.name + QLatin1Char(':') + interfaceSuffix(direction);
    putOption(body, kIfName, name.toUtf8().left(kMaxOptionBytes));
    QString description = channel.source;
    if (!channel.description.isEmpty()) {
        if (!description.isEmpty())
            description += QStringLiteral(" \u2014 ");
        description += channel.description;
    }
    if (!description.isEmpty())
        putOption(body, kIfDescription, splitUtf8(description.toUtf8(), kMaxOptionBytes).first());
    if (channel.baudRate != 0) {
        QByteArray speed;
        putU64(speed, channel.baudRate);
        putOption(body, kIfSpeed, speed);
    }
    const char tsresol = 6; // 10^-6 s
    putOption(body, kIfTsResol, QByteArrayView(&tsresol, 1));
    const QByteArray meta = channelMetadataComment(channelIndex, channel).toUtf8();
    if (meta.size() <= kMaxOptionBytes)
        putOption(body, kOptComment, meta);
    putEndOfOptions(body);
    if (!writeBlock(kBlockInterface, body))
        return false;
    *id = quint32(m_interfaces.size());
    m_interfaces.insert(key, *id);
    return true;
}

bool PcapngWriter::appendRecord(const Capture& capture, int recordIndex)
{
    if (recordIndex < 0 || recordIndex >= capture.recordCount())
        return fail(QStringLiteral("pcapng writer: record %1 does not exist").arg(recordIndex));
    const Record r = capture.record(recordIndex);
    if (r.channel >= capture.channels().size())
        return fail(QStringLiteral("pcapng writer: record %1 names channel %2, which does not exist")
                        .arg(recordIndex)
                        .arg(r.channel));
    return appendRecord(capture.channels().at(r.channel), r);
}

bool PcapngWriter::appendRecord(const ChannelInfo& channel, const Record& record)
{
    if (!m_device)
        return fail(QStringLiteral("pcapng writer: no device open"));
    quint32 interfaceId = 0;
    if (!ensureInterface(record.channel, channel, record.direction, &interfaceId))
        return false;

    // Time: EPB timestamps are unsigned, so unknown and negative times go to a machine line.
    QStringList machine;
    quint64 timestamp = 0;
    if (record.timeUs == kUnknownTime) {
        timestamp = quint64(m_lastTimeUs);
        machine << QStringLiteral("tuyascope: time unknown");
    } else if (record.timeUs < 0) {
        timestamp = 0;
        machine << QStringLiteral("tuyascope: time=%1").arg(record.timeUs);
    } else {
        timestamp = quint64(record.timeUs);
        m_lastTimeUs = record.timeUs;
    }
    if (record.flags != RecordNoFlags)
        machine << QStringLiteral("tuyascope: flags=%1").arg(record.flags);

    const QVector<QByteArray> annotationParts = splitUtf8(record.annotation.toUtf8(), kMaxOptionBytes);
    if (annotationParts.size() > 1)
        machine << QStringLiteral("tuyascope: annotation-parts=%1").arg(annotationParts.size());
    if (machine.isEmpty() && isMachineComment(record.annotation))
        machine << QStringLiteral("tuyascope: flags=0");

    const QByteArrayView bytes = record.bytes;
    qsizetype from = 0;
    bool first = true;
    do {
        const qsizetype len = std::min<qsizetype>(kMaxPacketBytes, bytes.size() - from);
        const bool continued = from + len < bytes.size();

        QByteArray body;
        body.reserve(len + 64);
        putU32(body, interfaceId);
        putU32(body, quint32(timestamp >> 32));
        putU32(body, quint32(timestamp & 0xFFFFFFFFu));
        putU32(body, quint32(len));
        putU32(body, quint32(len));
        body.append(bytes.data() + from, len);
        pad4(body);

        QByteArray flags;
        putU32(flags, epbDirectionBits(record.direction));
        putOption(body, kEpbFlags, flags);
        QStringList lines = first ? machine : QStringList();
        if (continued)
            lines << QStringLiteral("tuyascope: continued");
        if (!lines.isEmpty())
            putOption(body, kOptComment, lines.join(QLatin1Char('\n')).toUtf8());
        if (first) {
            for (const QByteArray& part : annotationParts)
                putOption(body, kOptComment, part);
        }
        putEndOfOptions(body);
        if (!writeBlock(kBlockEnhancedPacket, body))
            return false;
        from += len;
        first = false;
    } while (from < bytes.size());
    return true;
}

bool PcapngWriter::writeCapture(const Capture& capture)
{
    if (!m_device)
        return fail(QStringLiteral("pcapng writer: no device open"));
    // Interfaces first, in channel then direction order, so a reader sees the channels in the
    // order of the capture.
    QVector<QPair<int, int>> pairs;
    for (int i = 0; i < capture.recordCount(); ++i) {
        const QPair<int, int> key(capture.recordChannel(i), int(capture.recordDirection(i)));
        if (!m_interfaces.contains(key) && !pairs.contains(key))
            pairs.push_back(key);
    }
    std::sort(pairs.begin(), pairs.end());
    for (const auto& key : pairs) {
        if (key.first >= capture.channels().size())
            return fail(QStringLiteral("pcapng writer: a record names channel %1, which does not exist")
                            .arg(key.first));
        quint32 id = 0;
        if (!ensureInterface(key.first, capture.channels().at(key.first), Direction(key.second), &id))
            return false;
    }
    for (int i = 0; i < capture.recordCount(); ++i) {
        if (!appendRecord(capture, i))
            return false;
    }
    return true;
}

bool PcapngWriter::flush()
{
    if (!m_device)
        return fail(QStringLiteral("pcapng writer: no device open"));
    if (auto* file = qobject_cast<QFileDevice*>(m_device)) {
        if (!file->flush())
            return fail(QStringLiteral("pcapng writer: cannot flush: %1").arg(file->errorString()));
    }
    return true;
}

bool writePcapngFile(const Capture& capture, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    PcapngWriter writer;
    if (!writer.open(&file) || !writer.writeCapture(capture)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, writer.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace tuyascope
