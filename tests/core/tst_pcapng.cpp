// The native file format: pcapng writer and reader, classic pcap, damage handling, the importer
// and interoperability with tshark.

#include "import/ImporterRegistry.h"
#include "pcapng/PcapngReader.h"
#include "pcapng/PcapngWriter.h"
#include "support/TestSupport.h"

#include <QBuffer>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cstring>

using namespace tuyascope;

namespace {

// Little-endian read from a byte array; 0 when the bytes are not there.
template <typename T>
T le(const QByteArray& bytes, qsizetype at)
{
    if (at < 0 || at + qsizetype(sizeof(T)) > bytes.size())
        return T(0);
    T value;
    std::memcpy(&value, bytes.constData() + at, sizeof(T));
    return qFromLittleEndian(value);
}


// ---- test-side byte builder (independent of the code under test) ---------------------------

class Bytes {
public:
    explicit Bytes(bool bigEndian) : m_be(bigEndian) {}
    Bytes& u8(quint8 v)
    {
        m_data.append(char(v));
        return *this;
    }
    Bytes& u16(quint16 v)
    {
        for (int i = 0; i < 2; ++i)
            m_data.append(char(m_be ? (v >> (8 * (1 - i))) & 0xFF : (v >> (8 * i)) & 0xFF));
        return *this;
    }
    Bytes& u32(quint32 v)
    {
        for (int i = 0; i < 4; ++i)
            m_data.append(char(m_be ? (v >> (8 * (3 - i))) & 0xFF : (v >> (8 * i)) & 0xFF));
        return *this;
    }
    Bytes& u64(quint64 v)
    {
        for (int i = 0; i < 8; ++i)
            m_data.append(char(m_be ? (v >> (8 * (7 - i))) & 0xFF : (v >> (8 * i)) & 0xFF));
        return *this;
    }
    Bytes& raw(const QByteArray& b)
    {
        m_data.append(b);
        return *this;
    }
    Bytes& pad()
    {
        while (m_data.size() % 4)
            m_data.append('\0');
        return *this;
    }
    Bytes& option(quint16 code, const QByteArray& value)
    {
        u16(code).u16(quint16(value.size())).raw(value).pad();
        return *this;
    }
    Bytes& endOfOptions() { return u16(0).u16(0); }
    QByteArray data() const { return m_data; }
    bool bigEndian() const { return m_be; }

private:
    bool m_be;
    QByteArray m_data;
};

QByteArray block(bool be, quint32 type, const QByteArray& body)
{
    Bytes b(be);
    b.u32(type).u32(quint32(12 + body.size())).raw(body).u32(quint32(12 + body.size()));
    return b.data();
}

QByteArray shb(bool be)
{
    Bytes body(be);
    body.u32(0x1A2B3C4D).u16(1).u16(0).u64(~quint64(0));
    body.option(4, QByteArrayLiteral("handmade")).endOfOptions();
    return block(be, 0x0A0D0D0A, body.data());
}

QByteArray u64Bytes(bool be, quint64 v)
{
    return Bytes(be).u64(v).data();
}

QByteArray u32Bytes(bool be, quint32 v)
{
    return Bytes(be).u32(v).data();
}

QByteArray epb(bool be, quint32 iface, quint64 ts, const QByteArray& data, const QVector<QPair<quint16, QByteArray>>& opts)
{
    Bytes body(be);
    body.u32(iface).u32(quint32(ts >> 32)).u32(quint32(ts & 0xFFFFFFFFu)).u32(quint32(data.size())).u32(quint32(data.size()));
    body.raw(data).pad();
    for (const auto& o : opts)
        body.option(o.first, o.second);
    if (!opts.isEmpty())
        body.endOfOptions();
    return block(be, 6, body.data());
}

// ---- test-side pcapng walker for little-endian files written by TuyaScope -------------------

struct WalkedBlock {
    quint32 type = 0;
    qint64 start = 0;
    qint64 end = 0;
    QByteArray body; // between the length fields
};

QVector<WalkedBlock> walk(const QByteArray& file)
{
    QVector<WalkedBlock> out;
    qint64 pos = 0;
    const auto* p = reinterpret_cast<const uchar*>(file.constData());
    while (pos + 12 <= file.size()) {
        WalkedBlock b;
        b.type = qFromLittleEndian<quint32>(p + pos);
        const quint32 len = qFromLittleEndian<quint32>(p + pos + 4);
        if (len < 12 || pos + len > file.size())
            break;
        b.start = pos;
        b.end = pos + len;
        b.body = file.mid(pos + 8, len - 12);
        out.push_back(b);
        pos += len;
    }
    return out;
}

// Options of a little-endian block body starting at `offset`: (code, value) in order.
QVector<QPair<quint16, QByteArray>> options(const QByteArray& body, qint64 offset)
{
    QVector<QPair<quint16, QByteArray>> out;
    const auto* p = reinterpret_cast<const uchar*>(body.constData());
    while (offset + 4 <= body.size()) {
        const quint16 code = qFromLittleEndian<quint16>(p + offset);
        const quint16 len = qFromLittleEndian<quint16>(p + offset + 2);
        if (code == 0)
            break;
        out.push_back({code, body.mid(offset + 4, len)});
        offset += 4 + ((len + 3) & ~3);
    }
    return out;
}

QByteArray randomBytes(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray b(n, '\0');
    for (int i = 0; i < n; ++i)
        b[i] = char(rng.bounded(256));
    return b;
}

ChannelInfo channel(const QString& name, Direction d, const QString& source, const QString& description, quint32 baud)
{
    ChannelInfo c;
    c.name = name;
    c.direction = d;
    c.source = source;
    c.description = description;
    c.baudRate = baud;
    return c;
}

QByteArray hex(const char* h)
{
    return QByteArray::fromHex(h);
}

// Two channels with the same name plus one more, every direction, annotations (multi-line,
// non-ASCII, machine-looking, longer than one pcapng option), unknown and negative times,
// every flag, an empty record and a record longer than one packet block.
Capture richCapture()
{
    Capture c;
    c.addChannel(channel(QStringLiteral("tuyamcu:uart0"), Direction::Unknown, QStringLiteral("/dev/ttyUSB0"),
                         QStringLiteral("CH340 sniffer, both lines"), 9600));
    c.addChannel(channel(QStringLiteral("log.txt"), Direction::McuToModule, QStringLiteral("/tmp/log.txt"), QString(), 0));
    c.addChannel(channel(QStringLiteral("tuyamcu:uart0"), Direction::ModuleToMcu, QString(),
                         QStringLiteral("second adapter"), 115200));
    QString longAnnotation;
    for (int i = 0; i < 9000; ++i)
        longAnnotation += QStringLiteral("z\u00fc\u20ac\U0001F600"); // 1+2+3+4 UTF-8 bytes
    c.append(1700000000123456, Direction::McuToModule, 1, hex("55aa0300000002"), QStringLiteral("first chunk"));
    c.append(1700000000123999, Direction::ModuleToMcu, 0, hex("55aa00000000ff"), QString(), RecordTypedCommand);
    c.append(kUnknownTime, Direction::McuToModule, 0, hex("55aa"),
             QStringLiteral("line one\nline two \u2014 \u00fcn\u00efc\u00f6d\u00e9"));
    c.append(kUnknownTime, Direction::Unknown, 1, hex("ff00"), QString(), RecordRejectedByFirmware);
    c.append(1700000001000000, Direction::Unknown, 0, QByteArrayView(), QStringLiteral("annotation only"));
    c.append(42, Direction::ModuleToMcu, 2, hex("01020304050607"), QStringLiteral("tuyascope: flags=9"),
             RecordTimeSynthetic);
    c.append(7, Direction::McuToModule, 2, hex("08"), QStringLiteral("tuyascope: time unknown"));
    c.append(-5, Direction::ModuleToMcu, 1, hex("aa"), QString(), RecordTimeSynthetic | RecordTypedCommand);
    const QByteArray big = randomBytes(600000, 7);
    c.append(1700000002000000, Direction::McuToModule, 0, big, longAnnotation, RecordRejectedByFirmware);
    c.append(1700000002000001, Direction::ModuleToMcu, 2, hex("55aa0001"), QStringLiteral("after the big one"));
    return c;
}

// Small capture for truncation and tshark: N records, no oversized ones.
Capture smallCapture()
{
    Capture c;
    c.addChannel(channel(QStringLiteral("uart"), Direction::Unknown, QStringLiteral("/dev/ttyUSB0"),
                         QStringLiteral("sniffer"), 115200));
    c.addChannel(channel(QStringLiteral("typed"), Direction::ModuleToMcu, QString(), QString(), 0));
    c.append(1700000000123456, Direction::McuToModule, 0, hex("55aa0300000002"), QStringLiteral("hello wireshark"));
    c.append(1700000000223456, Direction::ModuleToMcu, 0, hex("55aa00000000ff"));
    c.append(kUnknownTime, Direction::McuToModule, 0, hex("55aa0307"), QString(), RecordRejectedByFirmware);
    c.append(1700000000323456, Direction::ModuleToMcu, 1, hex("55aa0008000007"),
             QStringLiteral("typed by hand"), RecordTypedCommand);
    c.append(1700000000423456, Direction::Unknown, 0, hex("00ff"));
    return c;
}

QByteArray writeToBytes(const Capture& c)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    PcapngWriter w;
    if (!w.open(&buffer) || !w.writeCapture(c))
        return QByteArray();
    return buffer.data();
}

void compareChannels(const Capture& expected, const Capture& actual)
{
    QCOMPARE(actual.channels().size(), expected.channels().size());
    for (int i = 0; i < expected.channels().size(); ++i) {
        const ChannelInfo& e = expected.channels().at(i);
        const ChannelInfo& a = actual.channels().at(i);
        QCOMPARE(a.name, e.name);
        QCOMPARE(a.direction, e.direction);
        QCOMPARE(a.source, e.source);
        QCOMPARE(a.description, e.description);
        QCOMPARE(a.baudRate, e.baudRate);
    }
}

void compareRecords(const Capture& expected, const Capture& actual, int count)
{
    QVERIFY(actual.recordCount() >= count);
    for (int i = 0; i < count; ++i) {
        const Record e = expected.record(i);
        const Record a = actual.record(i);
        const QByteArray where = "record " + QByteArray::number(i);
        QVERIFY2(a.bytes.toByteArray() == e.bytes.toByteArray(), where.constData());
        QVERIFY2(a.timeUs == e.timeUs, (where + " time " + QByteArray::number(a.timeUs) + " expected "
                                        + QByteArray::number(e.timeUs)).constData());
        QVERIFY2(a.direction == e.direction, where.constData());
        QVERIFY2(a.channel == e.channel, where.constData());
        QVERIFY2(a.flags == e.flags, (where + " flags " + QByteArray::number(a.flags)).constData());
        QVERIFY2(a.annotation == e.annotation, (where + " annotation: " + a.annotation.left(80).toUtf8()).constData());
    }
}

bool hasNote(const Capture& c, const QString& a, const QString& b = QString())
{
    for (const CaptureNote& n : c.notes()) {
        if (n.message.contains(a) && (b.isEmpty() || n.message.contains(b)))
            return true;
    }
    return false;
}

struct ProcessResult {
    int exitCode = -1;
    QStringList lines;
    QString errors;
};

ProcessResult runTshark(const QString& exe, const QString& file, const QString& field)
{
    QProcess p;
    p.start(exe, {QStringLiteral("-r"), file, QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"), field});
    ProcessResult r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.errors = QStringLiteral("tshark did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    r.lines = out.isEmpty() ? QStringList() : out.split(QLatin1Char('\n'));
    r.errors = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestPcapng : public QObject {
    Q_OBJECT
private slots:
    // Live LAN sessions are saved like serial ones, on USER1 "tuyalan:" interfaces whose packet
    // directions are seen from the app.
    void lanStreamsRoundTrip()
    {
        Capture c;
        c.addChannel(ChannelInfo{QStringLiteral("plug"), Direction::Unknown, QStringLiteral("127.0.0.1:6668"), QString(), 0});
        c.append(1'700'000'000'000'000, Direction::AppToDevice, 0, QByteArray::fromHex("000055AA00000001000000090000000C0000000000AA55"));
        c.append(1'700'000'000'100'000, Direction::DeviceToApp, 0, QByteArray::fromHex("000055AA"));
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        PcapngWriter writer;
        QVERIFY(writer.open(&buffer));
        QVERIFY(writer.writeCapture(c));
        QVERIFY(buffer.data().contains("tuyalan:plug:app-tx"));
        QVERIFY(buffer.data().contains("tuyalan:plug:device-tx"));
        Capture back;
        PcapngReader reader;
        QVERIFY2(reader.read(buffer.data(), back), qPrintable(reader.errorString()));
        QCOMPARE(back.channels().size(), 1);
        QCOMPARE(back.channels().at(0).name, QStringLiteral("plug"));
        QCOMPARE(back.recordCount(), 2);
        QCOMPARE(back.recordDirection(0), Direction::AppToDevice);
        QCOMPARE(back.recordDirection(1), Direction::DeviceToApp);
        QCOMPARE(back.recordBytes(0), c.recordBytes(0));
        QCOMPARE(pcapng::epbDirectionBits(Direction::DeviceToApp), pcapng::kEpbInbound);
        QCOMPARE(directionFromKey(QStringLiteral("device->app")), Direction::DeviceToApp);
        QCOMPARE(opposite(Direction::AppToDevice), Direction::DeviceToApp);
    }

    void roundTripKeepsEverything()
    {
        const Capture original = richCapture();
        const QByteArray file = writeToBytes(original);
        QVERIFY(!file.isEmpty());

        PcapngReader reader;
        Capture back;
        QVERIFY2(reader.read(file, back, QStringLiteral("rich.pcapng")), qPrintable(reader.errorString()));
        QCOMPARE(reader.errorOffset(), qint64(-1));
        compareChannels(original, back);
        QCOMPARE(back.recordCount(), original.recordCount());
        compareRecords(original, back, original.recordCount());
        QVERIFY(back.notes().isEmpty());
    }

    void fileLayoutFollowsTheDocumentedMapping()
    {
        const Capture original = richCapture();
        const QByteArray file = writeToBytes(original);
        const QVector<WalkedBlock> blocks = walk(file);
        QVERIFY(!blocks.isEmpty());
        QCOMPARE(blocks.last().end, qint64(file.size()));

        // Section header: little-endian byte-order magic, version 1.0, shb_userappl.
        QCOMPARE(blocks.first().type, 0x0A0D0D0Au);
        QCOMPARE(file.mid(8, 4), hex("4d3c2b1a"));
        QCOMPARE(blocks.first().body.mid(4, 4), hex("01000000"));
        bool userAppl = false;
        for (const auto& o : options(blocks.first().body, 16)) {
            if (o.first == 4) {
                QCOMPARE(o.second, QByteArray("TuyaScope " TUYASCOPE_VERSION));
                userAppl = true;
            }
        }
        QVERIFY(userAppl);

        // Interfaces: one per (channel, direction) used, USER0, if_tsresol 6, if_speed = baud.
        QStringList names;
        QVector<quint64> speeds;
        for (const WalkedBlock& b : blocks) {
            if (b.type != 1)
                continue;
            QCOMPARE(le<quint16>(b.body, 0), quint16(147));
            QString name;
            quint64 speed = 0;
            int tsresol = -1;
            for (const auto& o : options(b.body, 8)) {
                if (o.first == 2)
                    name = QString::fromUtf8(o.second);
                if (o.first == 8 && o.second.size() == 8)
                    speed = le<quint64>(o.second, 0);
                if (o.first == 9 && o.second.size() == 1)
                    tsresol = quint8(o.second.at(0));
            }
            QCOMPARE(tsresol, 6);
            names << name;
            speeds << speed;
        }
        const QStringList expectedNames = {
            QStringLiteral("tuyamcu:tuyamcu:uart0:unknown"),   QStringLiteral("tuyamcu:tuyamcu:uart0:module-tx"),
            QStringLiteral("tuyamcu:tuyamcu:uart0:mcu-tx"),    QStringLiteral("tuyamcu:log.txt:unknown"),
            QStringLiteral("tuyamcu:log.txt:module-tx"),       QStringLiteral("tuyamcu:log.txt:mcu-tx"),
            QStringLiteral("tuyamcu:tuyamcu:uart0:module-tx"), QStringLiteral("tuyamcu:tuyamcu:uart0:mcu-tx"),
        };
        QCOMPARE(names, expectedNames);
        QCOMPARE(speeds, (QVector<quint64>{9600, 9600, 9600, 0, 0, 0, 115200, 115200}));

        // Packets: epb_flags 01 = MCU -> module (inbound), 10 = module -> MCU (outbound), 00 = unknown;
        // records longer than 256 KiB span several EPBs, each with the same flags.
        QVector<quint32> flags;
        QVector<quint64> stamps;
        for (const WalkedBlock& b : blocks) {
            if (b.type != 6)
                continue;
            const quint32 captured = le<quint32>(b.body, 12);
            QVERIFY(captured <= 256u * 1024u);
            stamps << ((quint64(le<quint32>(b.body, 4)) << 32)
                       | le<quint32>(b.body, 8));
            quint32 f = 0xFFFFFFFFu;
            for (const auto& o : options(b.body, 20 + ((captured + 3) & ~3u))) {
                if (o.first == 2 && o.second.size() == 4)
                    f = le<quint32>(o.second, 0);
            }
            flags << f;
        }
        const QVector<quint32> expectedFlags = {1, 2, 1, 0, 0, 2, 1, 2, 1, 1, 1, 2};
        QCOMPARE(flags, expectedFlags);
        // An unknown time is written as the last known time; a negative one as 0.
        QCOMPARE(stamps.at(2), quint64(1700000000123999));
        QCOMPARE(stamps.at(3), quint64(1700000000123999));
        QCOMPARE(stamps.at(7), quint64(0));
    }

    void incrementalAppendIsReadableAfterEveryRecord()
    {
        const Capture original = smallCapture();
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        PcapngWriter w;
        QVERIFY(w.open(&buffer));
        for (int i = 0; i < original.recordCount(); ++i) {
            QVERIFY2(w.appendRecord(original, i), qPrintable(w.errorString()));
            QVERIFY(w.flush());
            PcapngReader reader;
            Capture back;
            QVERIFY2(reader.read(buffer.data(), back), qPrintable(reader.errorString()));
            QCOMPARE(back.recordCount(), i + 1);
            compareRecords(original, back, i + 1);
        }
        QVERIFY(!w.appendRecord(original, original.recordCount()));
        QVERIFY(!w.errorString().isEmpty());
    }

    void writesFilesAtomically()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Capture original = smallCapture();
        const QString path = dir.filePath(QStringLiteral("small.pcapng"));
        QString error;
        QVERIFY2(writePcapngFile(original, path, &error), qPrintable(error));
        PcapngReader reader;
        Capture back;
        QVERIFY(reader.read(test::readFile(path), back, path));
        compareChannels(original, back);
        compareRecords(original, back, original.recordCount());

        const QString bad = dir.filePath(QStringLiteral("missing/dir/x.pcapng"));
        QVERIFY(!writePcapngFile(original, bad, &error));
        QVERIFY(error.contains(bad));
    }

    void readsHandmadeBigEndianAndMultiSectionFiles()
    {
        const bool be = true;
        QByteArray file = shb(be);
        // IDB 0: TuyaScope-style name without metadata, nanosecond resolution, 115200 bit/s.
        file += block(be, 1, Bytes(be).u16(147).u16(0).u32(0)
                                 .option(2, QByteArrayLiteral("tuyamcu:uart:mcu-tx"))
                                 .option(9, QByteArray(1, char(9)))
                                 .option(8, u64Bytes(be, 115200))
                                 .endOfOptions()
                                 .data());
        file += block(be, 0x00000BAD, hex("0000000001020304")); // custom block: skipped
        file += block(be, 4, hex("00000000"));                  // name resolution: skipped
        file += epb(be, 0, 1700000000123456789ull, hex("55aa0300000002"),
                    {{2, u32Bytes(be, 1)}, {1, QByteArrayLiteral("hello from BE")}});
        // IDB 1: Ethernet, binary resolution 2^-10 s.
        file += block(be, 1, Bytes(be).u16(1).u16(0).u32(65535)
                                 .option(2, QByteArrayLiteral("eth0"))
                                 .option(9, QByteArray(1, char(0x8A)))
                                 .endOfOptions()
                                 .data());
        file += epb(be, 1, 5 * 1024 + 512, hex("ffffffffffff0011223344550800"), {{2, u32Bytes(be, 2)}});
        // IDB 2: the other direction of the same TuyaScope channel, default resolution.
        file += block(be, 1, Bytes(be).u16(147).u16(0).u32(0)
                                 .option(2, QByteArrayLiteral("tuyamcu:uart:module-tx"))
                                 .endOfOptions()
                                 .data());
        file += epb(be, 2, 1700000000200000ull, hex("55aa0008000007"),
                    {{2, u32Bytes(be, 2)}, {1, QByteArrayLiteral("tuyascope: flags=4")}, {1, QByteArrayLiteral("typed")}});
        file += block(be, 5, Bytes(be).u32(0).u32(0).u32(0).data()); // interface statistics: skipped
        // Obsolete Packet Block on interface 0 (16-bit interface id, drops count).
        file += block(be, 2, Bytes(be).u16(0).u16(0).u32(quint32(1700000000300000000ull >> 32))
                                 .u32(quint32(1700000000300000000ull & 0xFFFFFFFFu)).u32(3).u32(3)
                                 .raw(hex("55aa01")).pad()
                                 .option(2, u32Bytes(be, 1)).endOfOptions()
                                 .data());

        // Second section, little-endian: a foreign USER0 interface, milliseconds, +10 s offset,
        // then a Simple Packet Block (no timestamp).
        const bool le = false;
        file += shb(le);
        file += block(le, 1, Bytes(le).u16(147).u16(0).u32(0)
                                 .option(2, QByteArrayLiteral("serial-b"))
                                 .option(3, QByteArrayLiteral("someone else's logger"))
                                 .option(9, QByteArray(1, char(3)))
                                 .option(14, u64Bytes(le, 10))
                                 .endOfOptions()
                                 .data());
        file += epb(le, 0, 1500, hex("0102"), {{2, u32Bytes(le, 1)}, {1, QByteArrayLiteral("one")}, {1, QByteArrayLiteral("two")}});
        file += block(le, 3, Bytes(le).u32(3).raw(QByteArrayLiteral("abc")).pad().data());

        PcapngReader reader;
        Capture c;
        QVERIFY2(reader.read(file, c, QStringLiteral("handmade.pcapng")), qPrintable(reader.errorString()));
        QCOMPARE(c.channels().size(), 3);
        QCOMPARE(c.channels().at(0).name, QStringLiteral("uart"));
        QCOMPARE(c.channels().at(0).baudRate, 115200u);
        QCOMPARE(c.channels().at(0).direction, Direction::Unknown); // two directions
        QCOMPARE(c.channels().at(1).name, QStringLiteral("eth0"));
        QCOMPARE(c.channels().at(2).name, QStringLiteral("serial-b"));
        QVERIFY(c.channels().at(2).description.contains(QStringLiteral("someone else's logger")));

        QCOMPARE(c.recordCount(), 6);
        QCOMPARE(c.recordChannel(0), 0);
        QCOMPARE(c.recordTime(0), qint64(1700000000123456));
        QCOMPARE(c.recordDirection(0), Direction::McuToModule);
        QCOMPARE(c.recordBytes(0).toByteArray(), hex("55aa0300000002"));
        QCOMPARE(c.record(0).annotation, QStringLiteral("hello from BE"));

        QCOMPARE(c.recordChannel(1), 1);
        QCOMPARE(c.recordTime(1), qint64(5500000));
        QCOMPARE(c.recordDirection(1), Direction::Unknown); // foreign interfaces carry no role
        QCOMPARE(c.recordBytes(1).size(), 14);

        QCOMPARE(c.recordChannel(2), 0);
        QCOMPARE(c.recordTime(2), qint64(1700000000200000));
        QCOMPARE(c.recordDirection(2), Direction::ModuleToMcu);
        QCOMPARE(c.recordFlags(2), quint8(RecordTypedCommand));
        QCOMPARE(c.record(2).annotation, QStringLiteral("typed"));

        QCOMPARE(c.recordChannel(3), 0);
        QCOMPARE(c.recordTime(3), qint64(1700000000300000));
        QCOMPARE(c.recordDirection(3), Direction::McuToModule);
        QCOMPARE(c.recordBytes(3).toByteArray(), hex("55aa01"));

        QCOMPARE(c.recordChannel(4), 2);
        QCOMPARE(c.recordTime(4), qint64(11500000));
        QCOMPARE(c.recordDirection(4), Direction::Unknown);
        QCOMPARE(c.record(4).annotation, QStringLiteral("one\ntwo"));

        QCOMPARE(c.recordChannel(5), 2);
        QCOMPARE(c.recordTime(5), kUnknownTime);
        QCOMPARE(c.recordBytes(5).toByteArray(), QByteArray("abc"));

        QVERIFY(hasNote(c, QStringLiteral("LAN dissector"), QStringLiteral("eth0")));
        QVERIFY(!hasNote(c, QStringLiteral("LAN dissector"), QStringLiteral("serial-b")));
    }

    void readsClassicPcap_data()
    {
        QTest::addColumn<bool>("bigEndian");
        QTest::addColumn<bool>("nanoseconds");
        QTest::addColumn<quint32>("linkType");
        QTest::newRow("a1b2c3d4 little-endian") << false << false << 1u;
        QTest::newRow("a1b2c3d4 big-endian") << true << false << 147u;
        QTest::newRow("a1b23c4d little-endian") << false << true << 147u;
        QTest::newRow("a1b23c4d big-endian") << true << true << 1u;
    }
    void readsClassicPcap()
    {
        QFETCH(bool, bigEndian);
        QFETCH(bool, nanoseconds);
        QFETCH(quint32, linkType);
        Bytes b(bigEndian);
        b.u32(nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
        b.u32(1700000000).u32(nanoseconds ? 250000999u : 250000u).u32(5).u32(5).raw(hex("0102030405"));
        b.u32(1700000001).u32(nanoseconds ? 1999u : 1u).u32(6).u32(10).raw(hex("aabbccddeeff"));
        const QByteArray file = b.data();
        QCOMPARE(PcapngReader::detect(file), PcapngReader::Format::Pcap);

        PcapngReader reader;
        Capture c;
        QVERIFY2(reader.read(file, c, QStringLiteral("/tmp/dump.pcap")), qPrintable(reader.errorString()));
        QCOMPARE(c.channels().size(), 1);
        QCOMPARE(c.channels().at(0).name, QStringLiteral("dump.pcap"));
        QCOMPARE(c.recordCount(), 2);
        QCOMPARE(c.recordTime(0), qint64(1700000000250000));
        QCOMPARE(c.recordTime(1), qint64(1700000001000001));
        QCOMPARE(c.recordBytes(0).toByteArray(), hex("0102030405"));
        QCOMPARE(c.recordBytes(1).toByteArray(), hex("aabbccddeeff"));
        QCOMPARE(c.recordDirection(0), Direction::Unknown);
        QCOMPARE(hasNote(c, QStringLiteral("LAN dissector")), linkType == 1);
        QVERIFY(hasNote(c, QStringLiteral("snapshot length")));

        // Cut inside the second packet's data: the first packet is kept.
        Capture partial;
        QVERIFY(!reader.read(file.left(file.size() - 2), partial));
        QCOMPARE(partial.recordCount(), 1);
        QVERIFY2(reader.errorString().contains(QStringLiteral("byte offset 45")), qPrintable(reader.errorString()));
    }

    void truncationAtEveryLengthKeepsEarlierRecords()
    {
        const Capture original = smallCapture();
        const QByteArray file = writeToBytes(original);
        const QVector<WalkedBlock> blocks = walk(file);
        QCOMPARE(blocks.last().end, qint64(file.size()));
        const CaptureImporter* importer = ImporterRegistry::instance().find(QStringLiteral("pcapng"));
        QVERIFY(importer);

        for (qint64 len = 0; len <= file.size(); ++len) {
            const QByteArray cut = file.left(len);
            int complete = 0;
            bool boundary = false;
            qint64 damagedAt = 0;
            for (const WalkedBlock& b : blocks) {
                if (b.end <= len)
                    complete += b.type == 6 ? 1 : 0;
                if (b.end == len)
                    boundary = true;
                if (b.start <= len && len < b.end)
                    damagedAt = b.start;
            }
            PcapngReader reader;
            Capture c;
            const bool ok = reader.read(cut, c);
            const QByteArray where = "length " + QByteArray::number(len);
            QVERIFY2(ok == boundary, where.constData());
            QVERIFY2(c.recordCount() == complete, where.constData());
            compareRecords(original, c, complete);
            if (QTest::currentTestFailed())
                return;
            if (!ok) {
                QVERIFY2(reader.errorString().contains(QStringLiteral("byte offset %1").arg(damagedAt)),
                         qPrintable(reader.errorString() + QStringLiteral(" / ") + QString::fromLatin1(where)));
                QCOMPARE(reader.errorOffset(), damagedAt);
                QVERIFY(hasNote(c, QStringLiteral("byte offset %1").arg(damagedAt)));
            }

            Capture imported;
            QString error;
            const bool importedOk = importer->import(cut, ImportOptions{}, imported, &error);
            QVERIFY2(importedOk == (ok || complete > 0), where.constData());
            QCOMPARE(imported.recordCount(), importedOk ? complete : 0);
            if (!importedOk)
                QVERIFY(error.contains(QStringLiteral("byte offset")));
        }
    }

    void corruptLengthsAreReportedNotFollowed()
    {
        const Capture original = smallCapture();
        const QByteArray file = writeToBytes(original);
        const QVector<WalkedBlock> blocks = walk(file);
        int epbSeen = 0;
        const WalkedBlock* second = nullptr;
        for (const WalkedBlock& b : blocks) {
            if (b.type == 6 && ++epbSeen == 2) {
                second = &b;
                break;
            }
        }
        QVERIFY(second);

        // Huge length in the second packet block.
        QByteArray huge = file;
        qToLittleEndian<quint32>(0x7FFFFFF0u, huge.data() + second->start + 4);
        PcapngReader reader;
        Capture c;
        QVERIFY(!reader.read(huge, c));
        QCOMPARE(c.recordCount(), 1);
        QCOMPARE(reader.errorOffset(), second->start);
        QVERIFY(reader.errorString().contains(QStringLiteral("implausible")));

        // Trailer length differs from the header length.
        QByteArray trailer = file;
        qToLittleEndian<quint32>(quint32(second->end - second->start + 4), trailer.data() + second->end - 4);
        Capture c2;
        QVERIFY(!reader.read(trailer, c2));
        QCOMPARE(c2.recordCount(), 1);
        QCOMPARE(reader.errorOffset(), second->start);

        // Captured length larger than the block.
        QByteArray captured = file;
        qToLittleEndian<quint32>(100000u, captured.data() + second->start + 20);
        Capture c3;
        QVERIFY(!reader.read(captured, c3));
        QCOMPARE(c3.recordCount(), 1);

        // Random damage never crashes and never yields more records than the file holds.
        QRandomGenerator rng(12345);
        for (int round = 0; round < 3000; ++round) {
            QByteArray damaged = file;
            const int flips = 1 + int(rng.bounded(8));
            for (int k = 0; k < flips; ++k)
                damaged[int(rng.bounded(int(damaged.size())))] = char(rng.bounded(256));
            if (rng.bounded(4) == 0)
                damaged.truncate(int(rng.bounded(int(damaged.size()))));
            Capture d;
            reader.read(damaged, d);
            QVERIFY(d.recordCount() <= original.recordCount() + 2);
        }
    }

    void rejectsWhatIsNotACapture()
    {
        PcapngReader reader;
        Capture c;
        QVERIFY(!reader.read(QByteArray(), c));
        QVERIFY(!reader.read(QByteArrayLiteral("55AA0300000002"), c));
        QCOMPARE(reader.errorOffset(), qint64(0));
        // SHB type with a bad byte-order magic.
        QVERIFY(!reader.read(hex("0a0d0d0a1c00000011223344010000000000000000000000") + QByteArray(4, '\0'), c));
        QVERIFY(reader.errorString().contains(QStringLiteral("byte-order magic")));
        QCOMPARE(c.recordCount(), 0);
    }

    void importerProbesByMagicAndAppends()
    {
        const CaptureImporter* importer = ImporterRegistry::instance().find(QStringLiteral("pcapng"));
        QVERIFY(importer);
        const QByteArray file = writeToBytes(smallCapture());
        QCOMPARE(importer->probe(file.left(64), QStringLiteral("x.bin")), 100);
        QCOMPARE(importer->probe(hex("d4c3b2a102000400"), QString()), 100);
        QCOMPARE(importer->probe(hex("a1b23c4d00020004"), QString()), 100);
        QCOMPARE(importer->probe(QByteArrayLiteral("55 AA 03 00 00 00 02"), QStringLiteral("x.pcapng")), 0);
        QCOMPARE(importer->probe(hex("0a0d0d0a1c00000011223344"), QString()), 0);
        const ProbeResult sniffed = ImporterRegistry::instance().sniff(file.left(64), QStringLiteral("x"));
        QVERIFY(sniffed.importer);
        QCOMPARE(sniffed.importer->id(), QStringLiteral("pcapng"));

        Capture out;
        out.addChannel(channel(QStringLiteral("existing"), Direction::Unknown, QString(), QString(), 0));
        out.append(1, Direction::Unknown, 0, hex("00"));
        QString error;
        QVERIFY2(importer->import(file, ImportOptions{QStringLiteral("small.pcapng"), Direction::Unknown}, out, &error),
                 qPrintable(error));
        QCOMPARE(out.channels().size(), 3);
        QCOMPARE(out.recordCount(), 1 + smallCapture().recordCount());
        QCOMPARE(out.recordChannel(1), 1);
        QCOMPARE(out.channels().at(1).name, QStringLiteral("uart"));

        Capture none;
        QVERIFY(!importer->import(QByteArrayLiteral("not a capture at all"), ImportOptions{QStringLiteral("t.txt"), Direction::Unknown},
                                  none, &error));
        QVERIFY(error.contains(QStringLiteral("t.txt")));
        QVERIFY(error.contains(QStringLiteral("byte offset 0")));
    }

    void tsharkReadsOurFiles()
    {
        const QString exe = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        if (exe.isEmpty())
            QFAIL("tshark was not found on PATH: install the `tshark` package (Debian/Ubuntu: apt-get install "
                  "tshark); CI installs it and this interoperability test needs it");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Capture original = smallCapture();
        const int n = original.recordCount();
        const QString path = dir.filePath(QStringLiteral("interop.pcapng"));
        QString error;
        QVERIFY2(writePcapngFile(original, path, &error), qPrintable(error));

        const ProcessResult numbers = runTshark(exe, path, QStringLiteral("frame.number"));
        QVERIFY2(numbers.exitCode == 0, qPrintable(numbers.errors));
        QCOMPARE(numbers.lines.size(), n);
        for (int i = 0; i < n; ++i)
            QCOMPARE(numbers.lines.at(i).trimmed(), QString::number(i + 1));

        const ProcessResult comments = runTshark(exe, path, QStringLiteral("frame.comment"));
        QVERIFY2(comments.exitCode == 0, qPrintable(comments.errors));
        QCOMPARE(comments.lines.size(), n);
        qInfo().noquote() << "tshark frame.comment:" << comments.lines;
        QVERIFY(comments.lines.at(0).contains(QStringLiteral("hello wireshark")));
        QVERIFY(comments.lines.at(2).contains(QStringLiteral("tuyascope: time unknown")));
        QVERIFY(comments.lines.at(3).contains(QStringLiteral("typed by hand")));
        QVERIFY(comments.lines.at(4).trimmed().isEmpty());

        const ProcessResult directions = runTshark(exe, path, QStringLiteral("frame.packet_flags_direction"));
        QVERIFY2(directions.exitCode == 0, qPrintable(directions.errors));
        QCOMPARE(directions.lines.size(), n);
        qInfo().noquote() << "tshark frame.packet_flags_direction:" << directions.lines;
        const QVector<uint> expected = {1, 2, 1, 2, 0}; // inbound = MCU -> module, outbound = module -> MCU
        for (int i = 0; i < n; ++i) {
            bool ok = false;
            const uint value = directions.lines.at(i).trimmed().toUInt(&ok, 0);
            QVERIFY2(ok, qPrintable(directions.lines.at(i)));
            QCOMPARE(value, expected.at(i));
        }

        const ProcessResult times = runTshark(exe, path, QStringLiteral("frame.time_epoch"));
        QVERIFY2(times.exitCode == 0, qPrintable(times.errors));
        QCOMPARE(times.lines.size(), n);
        QVERIFY2(times.lines.at(0).startsWith(QStringLiteral("1700000000.123456")), qPrintable(times.lines.at(0)));

        const ProcessResult interfaces = runTshark(exe, path, QStringLiteral("frame.interface_name"));
        QVERIFY2(interfaces.exitCode == 0, qPrintable(interfaces.errors));
        QCOMPARE(interfaces.lines.size(), n);
        QCOMPARE(interfaces.lines.at(0).trimmed(), QStringLiteral("tuyamcu:uart:mcu-tx"));
        QCOMPARE(interfaces.lines.at(3).trimmed(), QStringLiteral("tuyamcu:typed:module-tx"));
    }
};

QTEST_GUILESS_MAIN(TestPcapng)
#include "tst_pcapng.moc"
