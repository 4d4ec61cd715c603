// Capture importers and the loader: the importer contract, every format of
// capture-formats.md (sections 2-11), the real captures, the Tasmota seed and bad input.

#include "support/TestSupport.h"

#include "capture/Capture.h"
#include "import/CaptureLoader.h"
#include "import/ImporterRegistry.h"
#include "tuyamcu/StreamSplitter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace tuyascope;

namespace {

// ---- independent helpers (nothing here calls the code under test) --------------------------

// A frame with its length and checksum, built here so the examples do not depend on the encoder.
QByteArray frame(quint8 version, quint8 command, const QByteArray& data = QByteArray())
{
    QByteArray f;
    f.append(char(0x55));
    f.append(char(0xAA));
    f.append(char(version));
    f.append(char(command));
    f.append(char((data.size() >> 8) & 0xFF));
    f.append(char(data.size() & 0xFF));
    f.append(data);
    unsigned sum = 0;
    for (char c : f)
        sum += quint8(c);
    f.append(char(sum & 0xFF));
    return f;
}

QByteArray hex(const char* text)
{
    return test::fromHex(QString::fromLatin1(text));
}

QString upperHex(const QByteArray& b)
{
    return QString::fromLatin1(b.toHex().toUpper());
}

QString spacedHex(const QByteArray& b)
{
    return QString::fromLatin1(b.toHex(' ').toUpper());
}

bool validFrame(QByteArrayView b)
{
    if (b.size() < 7 || quint8(b[0]) != 0x55 || quint8(b[1]) != 0xAA)
        return false;
    const int len = (quint8(b[4]) << 8) | quint8(b[5]);
    if (b.size() != 7 + len)
        return false;
    unsigned sum = 0;
    for (qsizetype i = 0; i + 1 < b.size(); ++i)
        sum += quint8(b[i]);
    return quint8(sum & 0xFF) == quint8(b[b.size() - 1]);
}

// Brute force: at every offset where 55 AA starts a frame whose length (within the framer's
// plausibility ceiling) and checksum verify, and that does not overlap the previous accepted
// frame, count one frame.
int bruteForceFrames(const QByteArray& s)
{
    constexpr int kMaxLen = 1024 + 16;
    int count = 0;
    qsizetype i = 0;
    while (i + 7 <= s.size()) {
        if (quint8(s[i]) == 0x55 && quint8(s[i + 1]) == 0xAA) {
            const int len = (quint8(s[i + 4]) << 8) | quint8(s[i + 5]);
            if (len <= kMaxLen && i + 7 + len <= s.size() && validFrame(QByteArrayView(s).sliced(i, 7 + len))) {
                ++count;
                i += 7 + len;
                continue;
            }
        }
        ++i;
    }
    return count;
}

struct SplitCounts {
    int good = 0;
    int bad = 0;
    qint64 garbage = 0;
    QVector<QByteArray> frames;
};

class CountingSink : public mcu::StreamSplitter::Sink {
public:
    void onEvent(const mcu::StreamSplitter::Event& e) override
    {
        if (e.kind == mcu::StreamSplitter::EventKind::Frame) {
            if (e.checksumOk) {
                ++counts.good;
                counts.frames.push_back(e.bytes.toByteArray());
            } else {
                ++counts.bad;
            }
        } else if (e.kind == mcu::StreamSplitter::EventKind::Garbage) {
            counts.garbage += e.bytes.size();
        }
    }
    SplitCounts counts;
};

SplitCounts split(const QByteArray& stream)
{
    mcu::StreamSplitter splitter;
    CountingSink sink;
    splitter.feed(stream, 0, sink);
    splitter.finish(sink);
    return sink.counts;
}

// Concatenated record bytes per (channel, direction).
QMap<QPair<int, int>, QByteArray> streams(const Capture& c)
{
    QMap<QPair<int, int>, QByteArray> out;
    for (int i = 0; i < c.recordCount(); ++i) {
        const QByteArrayView b = c.recordBytes(i);
        out[{c.recordChannel(i), int(c.recordDirection(i))}].append(b.data(), b.size());
    }
    return out;
}

QByteArray allBytes(const Capture& c)
{
    QByteArray out;
    for (int i = 0; i < c.recordCount(); ++i)
        out.append(c.recordBytes(i).data(), c.recordBytes(i).size());
    return out;
}

QVector<QByteArray> recordList(const Capture& c)
{
    QVector<QByteArray> out;
    for (int i = 0; i < c.recordCount(); ++i)
        out.push_back(c.recordBytes(i).toByteArray());
    return out;
}

const CaptureNote* findNote(const Capture& c, const QString& code)
{
    for (const CaptureNote& n : c.notes()) {
        if (n.code == code)
            return &n;
    }
    return nullptr;
}

qint64 utcUs(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch() * 1000;
}

qint64 todUs(int h, int m, int s, int ms = 0)
{
    return ((qint64(h) * 60 + m) * 60 + s) * 1000000 + qint64(ms) * 1000;
}

Capture importWith(const QString& id, const QByteArray& data, const QString& fileName = QStringLiteral("example.txt"),
                   Direction direction = Direction::Unknown, bool* ok = nullptr)
{
    Capture c;
    const CaptureImporter* importer = ImporterRegistry::instance().find(id);
    if (!importer) {
        if (ok)
            *ok = false;
        return c;
    }
    ImportOptions o;
    o.fileName = fileName;
    o.direction = direction;
    QString error;
    const bool result = importer->import(data, o, c, &error);
    if (ok)
        *ok = result;
    return c;
}

// ---- the examples of the contract test ------------------------------------------------------

struct Example {
    QByteArray data;
    QByteArray expected; // concatenation of every record's bytes
    QString fileName;
};

QByteArray sectionThreeFrames()
{
    const QByteArray json("{\"p\":\"abcd1234efgh5678\",\"v\":\"1.0.0\",\"m\":0}");
    return frame(0x03, 0x00, hex("00")) + frame(0x03, 0x01, json) + frame(0x03, 0x02);
}

QHash<QString, Example> contractExamples()
{
    QHash<QString, Example> ex;
    {
        const QByteArray bytes = hex("FF00") + frame(0x00, 0x00) + frame(0x00, 0x01) + frame(0x00, 0x08);
        ex.insert(QStringLiteral("raw-binary"), {bytes, bytes, QStringLiteral("uart_tx.bin")});
    }
    {
        const QByteArray bytes = sectionThreeFrames();
        ex.insert(QStringLiteral("epoch-binary"), {QByteArray("1700000000,") + bytes, bytes, QStringLiteral("log.bin")});
    }
    {
        const QByteArray a = frame(0x00, 0x00);
        const QByteArray b = frame(0x00, 0x06, hex("0101000101"));
        const QString text = QStringLiteral("Pin14 (module TX)\r\n\r\n%1\n// knob\r\n%2\n").arg(upperHex(a), spacedHex(b));
        ex.insert(QStringLiteral("hex-text"), {text.toUtf8(), a + b, QStringLiteral("notes.txt")});
    }
    {
        const QByteArray a = frame(0x00, 0x00);
        const QByteArray b = frame(0x03, 0x00, hex("01"));
        const QString text = QStringLiteral("//S 5/14/2024 9:30:00 AM WiFi sent:\r\n%1\r\n//R 5/14/2024 9:30:00 AM WiFi "
                                            "received:\r\n%2\r\n")
                                 .arg(upperHex(a), upperHex(b));
        ex.insert(QStringLiteral("tuyamcu-analyzer"), {text.toUtf8(), a + b, QStringLiteral("analyzer.txt")});
    }
    {
        const QByteArray a = frame(0x00, 0x08);
        const QByteArray b = frame(0x03, 0x07, hex("0101000101"));
        const QString text = QStringLiteral("09:30:00 TYA: Heartbeat\n09:30:01 TYA: Send \"%1\"\n09:30:01 TYA: RX Packet: "
                                            "\"%2\"\n")
                                 .arg(QString::fromLatin1(a.toHex()), QString::fromLatin1(b.toHex()));
        ex.insert(QStringLiteral("tasmota-log"), {text.toUtf8(), a + b, QStringLiteral("console.log")});
    }
    {
        const QByteArray a = frame(0x00, 0x00);
        const QByteArray b = frame(0x03, 0x00, hex("00"));
        const QString text = QStringLiteral("\"PortName\";\"Time\";\"DeltaTime\";\"ASCII\";\"Hex\";\"Message\"\r\n"
                                            "\"WiFi\";\"24-05-14 09:30:00.10\";\"00:00:00.00\";\"%1\";\"U....\";\"Heartbeat\"\r\n"
                                            "\"MCU\";\"24-05-14 09:30:00.13\";\"00:00:00.03\";\"%2\";\"U....\";\"Heartbeat\"\r\n")
                                 .arg(spacedHex(a), spacedHex(b));
        ex.insert(QStringLiteral("sniffuart-csv"), {text.toUtf8(), a + b, QStringLiteral("240514 0930 Sniff.txt")});
    }
    {
        const QByteArray json("{\"P\":\"Okurono2XLVRV0fB\",\"v\":\"1.1.0\"}");
        const QByteArray f = frame(0x00, 0x01, json);
        // 55 AA 00 01 00 $ + JSON, then the checksum as a hex pair.
        const QString text = QStringLiteral("MCU -> ESP8266: 55 AA 00 01 00 %1%2 %3\n")
                                 .arg(QString(QLatin1Char(char(json.size()))), QString::fromLatin1(json),
                                      QString::fromLatin1(f.right(1).toHex().toUpper()));
        ex.insert(QStringLiteral("hex-inline-ascii"), {text.toUtf8(), f, QStringLiteral("notes.md")});
    }
    {
        const QByteArray a = frame(0x03, 0x07, hex("0101000101"));
        const QString text = QStringLiteral("Info:TuyaMCU:Received: %1 \nInfo:TuyaMCU:ProcessIncoming[v=3]: cmd 7 (State) "
                                            "len 12\nInfo:TuyaMCU:Skipped data (part) 00 FF \n")
                                 .arg(spacedHex(a));
        ex.insert(QStringLiteral("openbeken-log"), {text.toUtf8(), a + hex("00FF"), QStringLiteral("obk.log")});
    }
    {
        // Tuya LAN socket trace (seed 000): send = app->device, recv = device->app.
        const QByteArray a = hex("000055AA000000090000000900000008B051AB030000AA55");
        const QByteArray b = hex("000055AA00000009000000090000000C00000000B051AB030000AA55");
        const QString text = QStringLiteral("[SOCKET] connect to ('192.168.1.55', 6668)\n[SOCKET] send %1 bytes: %2\n"
                                            "[SOCKET] recv %3 bytes: %4\n")
                                 .arg(a.size())
                                 .arg(QString::fromLatin1(a.toHex(' ')))
                                 .arg(b.size())
                                 .arg(QString::fromLatin1(b.toHex(' ')));
        ex.insert(QStringLiteral("tuya-lan-log"), {text.toUtf8(), a + b, QStringLiteral("socket.log")});
    }
    {
        // Classic pcap, little endian, LINKTYPE_USER0 (147), one packet holding one frame.
        auto le32 = [](QByteArray& b, quint32 v) {
            for (int i = 0; i < 4; ++i)
                b.append(char((v >> (8 * i)) & 0xFF));
        };
        auto le16 = [](QByteArray& b, quint16 v) {
            b.append(char(v & 0xFF));
            b.append(char((v >> 8) & 0xFF));
        };
        const QByteArray f = frame(0x03, 0x07, hex("0101000101"));
        QByteArray pcap;
        le32(pcap, 0xA1B2C3D4);
        le16(pcap, 2);
        le16(pcap, 4);
        le32(pcap, 0);
        le32(pcap, 0);
        le32(pcap, 65535);
        le32(pcap, 147);
        le32(pcap, 1700000000);
        le32(pcap, 250000);
        le32(pcap, quint32(f.size()));
        le32(pcap, quint32(f.size()));
        pcap += f;
        ex.insert(QStringLiteral("pcapng"), {pcap, f, QStringLiteral("serial.pcap")});
    }
    return ex;
}

// A record's bytes came from the input: raw, or as hex digits (whitespace ignored), or, for a
// typed command whose frame is built by the encoder, its payload is in the input as hex.
bool recordFromInput(const QByteArray& input, QByteArrayView bytes, quint8 flags)
{
    if (bytes.isEmpty())
        return true;
    if (input.contains(bytes))
        return true;
    QByteArray compact;
    for (char c : input) {
        if (!QChar::isSpace(uchar(c)))
            compact.append(char(QChar::toUpper(uchar(c))));
    }
    if (compact.contains(bytes.toByteArray().toHex().toUpper()))
        return true;
    if (validFrame(bytes)) {
        const QByteArray payload = bytes.toByteArray().mid(6, bytes.size() - 7);
        // A typed command whose frame the encoder built from a hex payload.
        if ((flags & RecordTypedCommand) && (payload.isEmpty() || compact.contains(payload.toHex().toUpper())))
            return true;
        // Inline ASCII: the payload was written as characters.
        if (!payload.isEmpty() && input.contains(payload))
            return true;
    }
    return false;
}

QByteArray randomInput(QRandomGenerator& rng, int round)
{
    const int size = int(rng.bounded(400));
    QByteArray out;
    if (round % 3 == 0) {
        for (int i = 0; i < size; ++i)
            out.append(char(rng.bounded(256)));
        return out;
    }
    // Text made of the pieces the text formats look for.
    static const char* const pieces[] = {
        "55", "AA", "55AA", "00", "03", "07", "FF", "0", "a", "x", " ", " ", "\n", "\r\n", "\r", "\t", "\"", ";",
        "\";\"", ":", "//S ", "//R ", "//R by File ", "# ", "TYA: Send \"", "TYA: RX Packet: \"", "T:>\"",
        "{\"TuyaReceived\":{\"Data\":\"", "TYA: Raw Data ", "TYA: E55 0x", "Info:TuyaMCU:Received: ",
        "Skipped data (part) ", "uartSendHex ", "tuyaMcu_sendCmd 0x", "SerialSend5 ", "$", "{", "}", "5/14/2024 9:30:00 AM",
        "24-05-14 09:30:00.10", "09:30:01.171 ", "1700000000,", "\xC3\xBF", "\x01", "55AA0300000100 03",
        "55 AA 00 01 00 ${\"p\":\"x\"}", "WiFi", "MCU"};
    const int count = int(sizeof(pieces) / sizeof(pieces[0]));
    while (out.size() < size)
        out.append(pieces[rng.bounded(count)]);
    return out;
}

} // namespace

class TestImporters : public QObject {
    Q_OBJECT
private slots:
    // ---- the contract, over every registered importer ----------------------------------------

    void everyImporterHonoursTheContract()
    {
        const auto importers = ImporterRegistry::instance().importers();
        QVERIFY(importers.size() >= 9);
        const QHash<QString, Example> examples = contractExamples();
        QSet<QString> ids;
        QRandomGenerator rng(20240514);
        for (const CaptureImporter* importer : importers) {
            const QString id = importer->id();
            QVERIFY2(!id.isEmpty(), "an importer has an empty id");
            QVERIFY2(!ids.contains(id), qPrintable(QStringLiteral("duplicate importer id %1").arg(id)));
            ids.insert(id);
            QVERIFY2(!importer->displayName().isEmpty(), qPrintable(id));
            QVERIFY2(examples.contains(id),
                     qPrintable(QStringLiteral("importer \"%1\" has no example in tst_importers.cpp's contract table")
                                    .arg(id)));
            const Example& ex = examples[id];

            // Its own example: it wins the probe, and the records hold exactly the expected bytes.
            const auto ranked = ImporterRegistry::instance().rank(ex.data, ex.fileName);
            QVERIFY(ranked.size() >= 2);
            QVERIFY2(ranked.at(0).importer == importer && ranked.at(0).confidence > ranked.at(1).confidence,
                     qPrintable(QStringLiteral("%1 does not win the probe on its own example (best: %2 with %3, "
                                               "next %4)")
                                    .arg(id, ranked.at(0).importer->id())
                                    .arg(ranked.at(0).confidence)
                                    .arg(ranked.at(1).confidence)));
            QVERIFY2(ranked.at(0).confidence <= 100, qPrintable(id));
            bool ok = false;
            const Capture c = importWith(id, ex.data, ex.fileName, Direction::Unknown, &ok);
            QVERIFY2(ok, qPrintable(id));
            QVERIFY2(c.recordCount() >= 1, qPrintable(id));
            QCOMPARE(allBytes(c), ex.expected);

            // Every truncated prefix: no crash, and every record is a piece of the full import.
            for (int len = 0; len <= ex.data.size(); ++len) {
                const QByteArray prefix = ex.data.left(len);
                (void)importer->probe(prefix, ex.fileName);
                const Capture p = importWith(id, prefix, ex.fileName);
                for (int i = 0; i < p.recordCount(); ++i) {
                    QVERIFY2(ex.expected.contains(p.recordBytes(i).toByteArray()),
                             qPrintable(QStringLiteral("%1: prefix of %2 bytes gave record %3 not in the example")
                                            .arg(id)
                                            .arg(len)
                                            .arg(upperHex(p.recordBytes(i).toByteArray()))));
                }
            }

            // Garbage: no crash, and no bytes that were not in the input.
            for (int round = 0; round < 300; ++round) {
                const QByteArray input = randomInput(rng, round);
                const int confidence = importer->probe(input, QStringLiteral("garbage.txt"));
                QVERIFY(confidence >= 0 && confidence <= 100);
                const Capture g = importWith(id, input, QStringLiteral("garbage.txt"));
                for (int i = 0; i < g.recordCount(); ++i) {
                    QVERIFY2(recordFromInput(input, g.recordBytes(i), g.recordFlags(i)),
                             qPrintable(QStringLiteral("%1: round %2 produced bytes %3 that are not in the input")
                                            .arg(id)
                                            .arg(round)
                                            .arg(upperHex(g.recordBytes(i).toByteArray()))));
                }
            }
        }
    }

    void binaryIsNeverClaimedByTextImportersAndTextNeverByBinary()
    {
        const QByteArray binary = hex("00FF") + frame(0x00, 0x00) + frame(0x00, 0x01);
        QCOMPARE(ImporterRegistry::instance().sniff(binary, QStringLiteral("x.txt")).importer->id(),
                 QStringLiteral("raw-binary"));
        const QByteArray text = "55AA00000000FF\n55AA0001000000\n";
        const ProbeResult r = ImporterRegistry::instance().sniff(text, QStringLiteral("x.bin"));
        QVERIFY(r.importer);
        QCOMPARE(r.importer->id(), QStringLiteral("hex-text"));
        const CaptureImporter* raw = ImporterRegistry::instance().find(QStringLiteral("raw-binary"));
        QCOMPARE(raw->probe(text, QStringLiteral("x.bin")), 0);
        // Prose without hex: nobody.
        QVERIFY(!ImporterRegistry::instance().sniff("Hello world, nothing here.\n", QStringLiteral("a.txt")).importer);
    }

    // ---- section 2: raw binary -----------------------------------------------------------------

    void rawBinaryDirectionFromContent()
    {
        // The section 2 example (module TX line): boot noise, heartbeat, product query, working
        // mode query, network status 4, DP query.
        const QByteArray bytes = hex("00ff 55aa 0000 0000 ff55 aa00 0100 0000 55aa 0002 0000 0155 aa00 0300 0104 0755"
                                     "aa00 0800 0007");
        // Named "rx" and saved as .txt: neither the name nor the extension decides.
        const LoadResult r = loadCaptureData(bytes, QStringLiteral("dump_rx.txt"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("raw-binary"));
        QCOMPARE(r.capture.recordCount(), 1);
        QCOMPARE(r.capture.recordDirection(0), Direction::ModuleToMcu);
        QCOMPARE(r.capture.recordTime(0), kUnknownTime);
        QCOMPARE(allBytes(r.capture), bytes);
        QCOMPARE(r.capture.channels().first().name, QStringLiteral("dump_rx.txt"));
        QVERIFY(r.capture.channels().first().description.contains(QLatin1String("rx")));
        QVERIFY(findNote(r.capture, QStringLiteral("DIRECTION_INFERRED")));

        // Version 0x03 frames: the MCU.
        const LoadResult mcu = loadCaptureData(sectionThreeFrames(), QStringLiteral("module_tx.bin"));
        QVERIFY(mcu.ok);
        QCOMPARE(mcu.capture.recordDirection(0), Direction::McuToModule);

        // Low-power version-0 MCU: product JSON in 0x01 and a 0x05 DP report.
        const QByteArray lp = frame(0x00, 0x01, "{\"p\":\"x\",\"v\":\"1.0.0\"}") + frame(0x00, 0x02)
                              + frame(0x00, 0x05, hex("0101000101"));
        const LoadResult lpr = loadCaptureData(lp, QStringLiteral("sensor.bin"));
        QVERIFY(lpr.ok);
        QCOMPARE(lpr.capture.recordDirection(0), Direction::McuToModule);

        // The caller's direction wins.
        LoadOptions o;
        o.direction = Direction::McuToModule;
        const LoadResult forced = loadCaptureData(bytes, QStringLiteral("dump.bin"), o);
        QCOMPARE(forced.capture.recordDirection(0), Direction::McuToModule);

        // No frames at all: direction unknown, still imported.
        const QByteArray noise = hex("00010203FEFD8081");
        const LoadResult n = loadCaptureData(noise, QStringLiteral("noise.bin"));
        QVERIFY(n.ok);
        QCOMPARE(n.capture.recordDirection(0), Direction::Unknown);
        QCOMPARE(allBytes(n.capture), noise);
    }

    void rawBinaryIsChunked()
    {
        QByteArray big;
        while (big.size() < 150 * 1024)
            big += frame(0x03, 0x07, hex("0101000101")) + hex("00");
        const LoadResult r = loadCaptureData(big, QStringLiteral("big.bin"));
        QVERIFY(r.ok);
        QCOMPARE(r.capture.recordCount(), 3);
        for (int i = 0; i < r.capture.recordCount(); ++i)
            QVERIFY(r.capture.recordBytes(i).size() <= 64 * 1024);
        QCOMPARE(allBytes(r.capture), big);
    }

    // ---- section 3: epoch prefix --------------------------------------------------------------

    void epochPrefixGivesTheFirstRecordATime()
    {
        const QByteArray bytes = hex("3137 3030 3030 3030 3030 2c55 aa03 0000 0100 0355 aa03 0100 2a7b 2270 223a 2261"
                                     "6263 6431 3233 3465 6667 6835 3637 3822 2c22 7622 3a22 312e 302e 3022 2c22 6d22"
                                     "3a30 7db7 55aa 0302 0000 04");
        const LoadResult r = loadCaptureData(bytes, QStringLiteral("capture.bin"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("epoch-binary"));
        QCOMPARE(r.capture.recordTime(0), qint64(1700000000) * 1000000);
        QCOMPARE(r.capture.recordDirection(0), Direction::McuToModule);
        QCOMPARE(allBytes(r.capture), bytes.mid(11));
        QCOMPARE(split(allBytes(r.capture)).good, 3);
    }

    // ---- sections 4 and 5: continuous and wrapped hex ------------------------------------------

    void continuousAndWrappedHexGiveTheSameBytes()
    {
        const QByteArray continuous =
            "55AA03000001000355AA0301002A7B2270223A2261626364313233346566676835363738222C2276223A22312E302E30222C226D223A"
            "307DB755AA030200000455AA030300000555AA0307000501010001011255AA0307000802020004000000D7F0";
        const QByteArray wrapped = "55 AA 03 00 00 01 00 03 55 AA 03 01 00 2A 7B 22\n"
                                   "70 22 3A 22 61 62 63 64 31 32 33 34 65 66 67 68\n"
                                   "35 36 37 38 22 2C 22 76 22 3A 22 31 2E 30 2E 30\n"
                                   "22 2C 22 6D 22 3A 30 7D B7 55 AA 03 02 00 00 04\n"
                                   "55 AA 03 03 00 00 05 55 AA 03 07 00 05 01 01 00\n"
                                   "01 01 12 55 AA 03 07 00 08 02 02 00 04 00 00 00\n"
                                   "D7 F0\n";
        const LoadResult a = loadCaptureData(continuous, QStringLiteral("realterm.txt"));
        const LoadResult b = loadCaptureData(wrapped, QStringLiteral("wrapped.txt"));
        QVERIFY(a.ok && b.ok);
        QCOMPARE(a.files.first().importerId, QStringLiteral("hex-text"));
        QCOMPARE(b.files.first().importerId, QStringLiteral("hex-text"));
        QCOMPARE(a.capture.recordCount(), 1);
        QCOMPARE(b.capture.recordCount(), 7); // one record per line; framing spans records
        const QByteArray expected = QByteArray::fromHex(continuous);
        QCOMPARE(allBytes(a.capture), expected);
        QCOMPARE(allBytes(b.capture), expected);
        QCOMPARE(split(allBytes(b.capture)).good, 6);
        QCOMPARE(b.capture.recordDirection(0), Direction::Unknown);
        QVERIFY(!findNote(a.capture, QStringLiteral("ODD_HEX_DIGITS")));
    }

    void oddHexDigitsAreReportedWithLineAndColumn()
    {
        // Truncated write: one digit too many at the end of line 2.
        const QByteArray text = "55AA00000000FF\n55AA00010000005\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("odd.txt"));
        QVERIFY(r.ok);
        const CaptureNote* note = findNote(r.capture, QStringLiteral("ODD_HEX_DIGITS"));
        QVERIFY(note);
        QCOMPARE(note->line, 2);
        QCOMPARE(note->column, 15);
        QCOMPARE(note->file, QStringLiteral("odd.txt"));
        QVERIFY(note->message.contains(QLatin1String("odd.txt")));
        // The complete bytes are still imported.
        QCOMPARE(allBytes(r.capture), hex("55AA00000000FF55AA0001000000"));

        // Spaced hex with a lone digit inside a run.
        const LoadResult s = loadCaptureData("// x\n55 AA 00 01 00 00 0 00\n", QStringLiteral("s.txt"));
        const CaptureNote* n2 = findNote(s.capture, QStringLiteral("ODD_HEX_DIGITS"));
        QVERIFY(n2);
        QCOMPARE(n2->line, 2);
        QCOMPARE(n2->column, 19);
    }

    // ---- section 6: one frame per line with annotations ----------------------------------------

    void annotatedLinesKeepEveryWord()
    {
        const QByteArray text = "Pin14 (module TX)\r\n"
                                "\r\n"
                                "55AA00000000FF\n"
                                "55AA0001000000\r\n"
                                "////////////// turned the knob up\n"
                                "55AA0006000802020004000000FA0F\n"
                                "Pick RED\r\n"
                                "55 AA 03 07 00 10 18 03 00 0C 30 30 30 30 30 33 65 38 30 33 65 38 00\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("notes.txt"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("hex-text"));
        QCOMPARE(r.capture.recordCount(), 4);
        QCOMPARE(r.capture.record(0).annotation, QStringLiteral("Pin14 (module TX)"));
        QCOMPARE(r.capture.record(1).annotation, QString());
        QCOMPARE(r.capture.record(2).annotation, QStringLiteral("////////////// turned the knob up"));
        QCOMPARE(r.capture.record(3).annotation, QStringLiteral("Pick RED"));
        QCOMPARE(r.capture.record(3).bytes.toByteArray(),
                 hex("55AA030700101803000C303030303033653830336538 00"));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(r.capture.recordDirection(i), Direction::Unknown); // headings do not decide
            QVERIFY(validFrame(r.capture.recordBytes(i)));
        }
    }

    void shortLinesAreDataOnlyWithADigit()
    {
        const QByteArray text = "cafe\nAdd\nbad\ndec\nRX\nMCU\nWiFi\n80\n00\n0080\n55AA0001000000\n";
        const Capture c = importWith(QStringLiteral("hex-text"), text);
        QCOMPARE(recordList(c), (QVector<QByteArray>{hex("80"), hex("00"), hex("0080"), hex("55AA0001000000")}));
        QCOMPARE(c.record(0).annotation, QStringLiteral("cafe\nAdd\nbad\ndec\nRX\nMCU\nWiFi"));
    }

    void hexRunsInsideTextAndTypedCommands()
    {
        const QByteArray text = "55 AA 00 02 00 00 01\t(02=MCU Conf)\r\n"
                                "uartSendHex 55AA000200010002   \r\n"
                                "SerialSend5 55aa0001000000\n"
                                "After issuing serial command 55aa0006000501010001010e (Device power)\n"
                                "head vr id size FL YY MM DD\n";
        const Capture c = importWith(QStringLiteral("hex-text"), text);
        QCOMPARE(c.recordCount(), 4);
        QCOMPARE(c.recordBytes(0).toByteArray(), hex("55AA0002000001"));
        QCOMPARE(c.record(0).annotation, QStringLiteral("(02=MCU Conf)"));
        QCOMPARE(c.recordDirection(0), Direction::Unknown);
        QCOMPARE(c.recordBytes(1).toByteArray(), hex("55AA000200010002"));
        QCOMPARE(c.recordDirection(1), Direction::ModuleToMcu);
        QVERIFY(c.recordFlags(1) & RecordTypedCommand);
        QCOMPARE(c.record(1).annotation, QStringLiteral("uartSendHex"));
        QCOMPARE(c.recordDirection(2), Direction::ModuleToMcu);
        QVERIFY(c.recordFlags(2) & RecordTypedCommand);
        QCOMPARE(c.recordBytes(3).toByteArray(), hex("55aa0006000501010001010e"));
        QCOMPARE(c.recordDirection(3), Direction::Unknown);
        QVERIFY(!(c.recordFlags(3) & RecordTypedCommand));
        QCOMPARE(c.record(3).annotation, QStringLiteral("After issuing serial command (Device power)"));
        // The dissection heading after the last frame is kept as a note.
        const CaptureNote* trailing = findNote(c, QStringLiteral("TRAILING_TEXT"));
        QVERIFY(trailing);
        QVERIFY(trailing->message.contains(QLatin1String("head vr id size")));
    }

    // ---- section 7: TuyaMCUAnalyzer ------------------------------------------------------------

    void analyzerMarkersGiveDirectionAndTime()
    {
        const QByteArray text = "//S 5/14/2024 9:30:00 AM WiFi sent:\n"
                                "55AA00000000FF\n"
                                "//R 5/14/2024 9:30:00 AM WiFi received:\n"
                                "55AA030000010003\n"
                                "//S 5/14/2024 9:30:01 AM WiFi sent:\n"
                                "55AA0001000000\n"
                                "//R 5/14/2024 9:30:01 AM WiFi received:\n"
                                "55AA0301002A7B2270223A2261626364313233346566676835363738222C2276223A22312E302E30222C226D"
                                "223A307DB7\n"
                                "// free comment lines start with two slashes\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("analyzer.txt"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("tuyamcu-analyzer"));
        const Capture& c = r.capture;
        QCOMPARE(c.recordCount(), 4);
        const Direction expected[] = {Direction::ModuleToMcu, Direction::McuToModule, Direction::ModuleToMcu,
                                      Direction::McuToModule};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(c.recordDirection(i), expected[i]);
            QVERIFY(validFrame(c.recordBytes(i)));
        }
        QCOMPARE(c.recordTime(0), utcUs(2024, 5, 14, 9, 30, 0));
        QCOMPARE(c.recordTime(3), utcUs(2024, 5, 14, 9, 30, 1));
    }

    void analyzerTimestampsInSeveralLocales_data()
    {
        QTest::addColumn<QString>("stamp");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("en-US") << QStringLiteral("5/14/2024 9:30:00 AM") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("en-US pm") << QStringLiteral("5/14/2024 9:30:05 PM") << utcUs(2024, 5, 14, 21, 30, 5);
        QTest::newRow("en-US noon") << QStringLiteral("5/14/2024 12:00:00 PM") << utcUs(2024, 5, 14, 12, 0, 0);
        QTest::newRow("en-US midnight") << QStringLiteral("5/14/2024 12:10:00 AM") << utcUs(2024, 5, 14, 0, 10, 0);
        QTest::newRow("de-DE") << QStringLiteral("14.05.2024 09:30:00") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("zh-CN") << QStringLiteral("2024/5/14 9:30:00") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("en-GB") << QStringLiteral("14/05/2024 09:30:00") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("ISO") << QStringLiteral("2024-05-14 09:30:00") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("nl-NL") << QStringLiteral("14-5-2024 09:30:00") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("hu-HU") << QStringLiteral("2024. 05. 14. 9:30:00") << utcUs(2024, 5, 14, 9, 30, 0);
        QTest::newRow("zh-TW") << QStringLiteral("2024/5/14 下午 09:30:00") << utcUs(2024, 5, 14, 21, 30, 0);
    }
    void analyzerTimestampsInSeveralLocales()
    {
        QFETCH(QString, stamp);
        QFETCH(qint64, expected);
        const QString text = QStringLiteral("//R %1 WiFi received:\n55AA030000010003\n").arg(stamp);
        const Capture c = importWith(QStringLiteral("tuyamcu-analyzer"), text.toUtf8());
        QCOMPARE(c.recordCount(), 1);
        QCOMPARE(c.recordTime(0), expected);
        QCOMPARE(c.recordDirection(0), Direction::McuToModule);
        QCOMPARE(c.record(0).annotation, QString());
    }

    void analyzerUnparseableTimeAndByFileMarkers()
    {
        const QByteArray text = "//S sometime on Tuesday WiFi sent:\n"
                                "55AA00000000FF\n"
                                "//R by File 5/14/2024 9:30:00 AM\n"
                                "55AA030000010003\n";
        const Capture c = importWith(QStringLiteral("tuyamcu-analyzer"), text);
        QCOMPARE(c.recordCount(), 2);
        QCOMPARE(c.recordTime(0), kUnknownTime);
        QCOMPARE(c.recordDirection(0), Direction::ModuleToMcu);
        QCOMPARE(c.record(0).annotation, QStringLiteral("//S sometime on Tuesday WiFi sent:"));
        QCOMPARE(c.recordDirection(1), Direction::Unknown); // "by File": no reliable direction
        QVERIFY(c.record(1).annotation.contains(QLatin1String("by File")));
    }

    // ---- section 8: Tasmota ---------------------------------------------------------------------

    void tasmotaOlderDriverConsole()
    {
        const QByteArray text = "09:30:00 TYA: Heartbeat\n"
                                "09:30:01 TYA: Send \"55aa0008000007\"\n"
                                "09:30:01 TYA: RX Packet: \"55aa03070005010100010112\"\n"
                                "09:30:01 TYA: fnId=11 is set for dpId=1\n"
                                "09:30:01 TYA: RX Relay-1 --> MCU State: On Current State:On\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("console.txt"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("tasmota-log"));
        const Capture& c = r.capture;
        QCOMPARE(c.recordCount(), 2);
        QCOMPARE(c.recordBytes(0).toByteArray(), hex("55aa0008000007"));
        QCOMPARE(c.recordDirection(0), Direction::ModuleToMcu);
        QCOMPARE(c.recordTime(0), todUs(9, 30, 1));
        QCOMPARE(c.record(0).annotation, QStringLiteral("09:30:00 TYA: Heartbeat"));
        QCOMPARE(c.recordBytes(1).toByteArray(), hex("55aa03070005010100010112"));
        QCOMPARE(c.recordDirection(1), Direction::McuToModule);
        QVERIFY(findNote(c, QStringLiteral("TRAILING_TEXT"))->message.contains(QLatin1String("fnId=11")));
    }

    void tasmotaTuyaReceivedJsonAndErrors()
    {
        const QByteArray text =
            "09:30:01.171 MQT: tele/tasmota_A1B2C3/RESULT = {\"TuyaReceived\":{\"Data\":\"55AA03070005010100010112\","
            "\"Cmnd\":7,\"CmndData\":\"0101000101\",\"DpType1Id1\":1,\"1\":{\"DpId\":1,\"DpIdType\":1,\"DpIdData\":\"01\"}}}\n"
            "{\"TuyaReceived\":{\"Data\":\"55AA03070005010100010112\",\"ChkSum\":\"0x12\",\"Cmnd\":7}}\n"
            "09:30:02.000 T:>\"55aa0008000007\"\n"
            "09:30:03.500 TYA: Bad CS 0x13 != 0x12\n"
            "09:30:03.500 TYA: Raw Data 55AA03070005010100010113\n"
            "09:30:03.600 TYA: E55 0x1F\n"
            "23:59:59.900 TYA: Send \"55aa00000000ff\"\n"
            "00:00:00.100 TYA: Send \"55aa00000000ff\"\n";
        const Capture c = importWith(QStringLiteral("tasmota-log"), text);
        QCOMPARE(c.recordCount(), 7);
        QCOMPARE(c.recordTime(0), todUs(9, 30, 1, 171));
        QCOMPARE(c.recordDirection(0), Direction::McuToModule);
        QVERIFY(c.record(0).annotation.contains(QLatin1String("tele/tasmota_A1B2C3/RESULT")));
        QCOMPARE(c.recordTime(1), kUnknownTime);
        QCOMPARE(c.recordBytes(1).toByteArray(), hex("55AA03070005010100010112"));
        QCOMPARE(c.recordDirection(2), Direction::ModuleToMcu);
        QCOMPARE(c.recordTime(2), todUs(9, 30, 2));
        QCOMPARE(c.recordBytes(3).toByteArray(), hex("55AA03070005010100010113"));
        QVERIFY(c.recordFlags(3) & RecordRejectedByFirmware);
        QVERIFY(c.record(3).annotation.contains(QLatin1String("Bad CS")));
        QCOMPARE(c.recordBytes(4).toByteArray(), hex("1F"));
        QVERIFY(c.recordFlags(4) & RecordRejectedByFirmware);
        QVERIFY(!(c.recordFlags(0) & RecordRejectedByFirmware));
        // Past midnight the clock keeps running forward.
        QCOMPARE(c.recordTime(5), todUs(23, 59, 59, 900));
        QCOMPARE(c.recordTime(6), todUs(24, 0, 0, 100));
    }

    void ansiColouredConsoleIsText()
    {
        QByteArray text;
        for (int i = 0; i < 3; ++i)
            text += "\x1b[0;32m09:30:0" + QByteArray::number(i) + " TYA: Send \"55aa0008000007\"\x1b[0m\r\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("serial-monitor.log"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("tasmota-log"));
        QCOMPARE(r.capture.recordCount(), 3);
        QCOMPARE(r.capture.recordTime(2), todUs(9, 30, 2));
        QCOMPARE(allBytes(r.capture), hex("55aa0008000007").repeated(3));
    }

    void tasmotaSeedYieldsExactlyTheQuotedFrames()
    {
        const QString path = test::sharedPath(QStringLiteral("seeds/001_36c5a254ea5fcf82.txt"));
        const QByteArray raw = test::readFile(path);
        QVERIFY2(!raw.isEmpty(), qPrintable(path));
        const QString text = QString::fromUtf8(raw);
        const int expectedCount = int(text.count(QLatin1String("\"Data\":\"")) + text.count(QLatin1String("TYA: Send"))
                                      + text.count(QLatin1String("RX Packet")));
        QVERIFY(expectedCount > 0);
        // The quoted frames in file order, found independently.
        static const QRegularExpression quoted(
            QStringLiteral("\"Data\":\"([0-9A-Fa-f]+)\"|TYA: Send \"([0-9A-Fa-f]+)\"|RX Packet: \"([0-9A-Fa-f]+)\""));
        QVector<QByteArray> frames;
        for (auto it = quoted.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            for (int g = 1; g <= 3; ++g) {
                if (m.capturedLength(g) > 0)
                    frames.push_back(QByteArray::fromHex(m.captured(g).toLatin1()));
            }
        }
        QCOMPARE(frames.size(), expectedCount);

        const LoadResult r = loadCaptureFiles({path});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("tasmota-log"));
        QCOMPARE(r.capture.recordCount(), expectedCount);
        QCOMPARE(recordList(r.capture), frames);
        for (int i = 0; i < r.capture.recordCount(); ++i)
            QVERIFY2(validFrame(r.capture.recordBytes(i)), qPrintable(QString::number(i)));
    }

    // ---- section 9: OpenBeken --------------------------------------------------------------------

    void openBekenLogAndScript()
    {
        const QByteArray text = "Info:TuyaMCU:Received: 55 AA 03 07 00 05 01 01 00 01 01 12 \n"
                                "Info:TuyaMCU:ProcessIncoming[v=3]: cmd 7 (State) len 12\n"
                                "Info:TuyaMCU:Consumed 2 unwanted non-header byte in Tuya MCU buffer\n"
                                "Info:TuyaMCU:Skipped data (part) 00 FF \n"
                                "12:00:01 Info:TuyaMCU:TUYAMCU received: 55 AA 03 00 00 01 01 04\n"
                                "uartSendHex 55AA0001000000\n"
                                "tuyaMcu_sendCmd 0x30 000000\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("obk.txt"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("openbeken-log"));
        const Capture& c = r.capture;
        QCOMPARE(c.recordCount(), 5);
        QCOMPARE(c.recordBytes(0).toByteArray(), hex("55AA03070005010100010112"));
        QCOMPARE(c.recordDirection(0), Direction::McuToModule);
        QCOMPARE(c.recordBytes(1).toByteArray(), hex("00FF"));
        QVERIFY(c.recordFlags(1) & RecordRejectedByFirmware);
        QVERIFY(c.record(1).annotation.contains(QLatin1String("Consumed 2 unwanted")));
        QCOMPARE(c.recordBytes(2).toByteArray(), hex("55AA030000010104"));
        QCOMPARE(c.recordDirection(2), Direction::McuToModule);
        QCOMPARE(c.record(2).annotation, QStringLiteral("12:00:01 Info")); // the viewer's time is kept
        QCOMPARE(c.recordBytes(3).toByteArray(), hex("55AA0001000000"));
        QCOMPARE(c.recordDirection(3), Direction::ModuleToMcu);
        QVERIFY(c.recordFlags(3) & RecordTypedCommand);
        // tuyaMcu_sendCmd 0x30 000000 -> 55 AA 00 30 00 03 00 00 00 32 (reference 11.2)
        QCOMPARE(c.recordBytes(4).toByteArray(), hex("55AA0030000300000032"));
        QCOMPARE(c.recordDirection(4), Direction::ModuleToMcu);
        QVERIFY(c.recordFlags(4) & RecordTypedCommand);
    }

    // ---- section 10: SniffUART -----------------------------------------------------------------

    void sniffUartRowsChannelsAndTimes()
    {
        const QByteArray product = frame(0x03, 0x01, "{\"p\":\"abc\",\"m\":0}");
        const QByteArray text =
            "\"PortName\";\"Time\";\"DeltaTime\";\"ASCII\";\"Hex\";\"Message\"\r\n"
            "\"WiFi\";\"24-05-14 09:30:00.10\";\"00:00:00.00\";\"55 AA 00 00 00 00 FF\";\"U\xC2\xAA....\xC3\xBF\";\"Heartbeat\"\r\n"
            "\"MCU\";\"24-05-14 09:30:00.13\";\"00:00:00.03\";\"55 AA 03 00 00 01 00 03\";\"U\xC2\xAA......\";\"Heartbeat MCU "
            "restarting\"\r\n"
            "\"Open COM5\";\"24-05-14 09:30:01.00\"\r\n"
            "\"MCU\";\"24-05-14 09:30:01.50\";\"00:00:01.37\";\""
            + spacedHex(product).toLatin1()
            + "\";\"U\xC2\xAA...{\"p\":\"abc\",\"m\":0}.\";\"Product {\"p\":\"abc\"}\"\r\n"
              "\"CB3S\";\"24-05-14 09:30:02.00\";\"00:00:00.50\";\"55 AA 00 01 00 00 00\";\"U\xC2\xAA.....\";\"Query\"\r\n"
              "\"Port A\";\"24-05-14 09:30:03.00\";\"00:00:01.00\";\"55 AA 00 08 00 00 07\";\"U\xC2\xAA.....\";\"\"\r\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("240514 0930 Sniff.txt"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("sniffuart-csv"));
        const Capture& c = r.capture;
        QCOMPARE(c.recordCount(), 5);
        QCOMPARE(c.channels().size(), 4); // WiFi, MCU, CB3S, Port A
        QCOMPARE(c.recordDirection(0), Direction::ModuleToMcu);
        QCOMPARE(c.recordDirection(1), Direction::McuToModule);
        QCOMPARE(c.recordDirection(2), Direction::McuToModule);
        QCOMPARE(c.recordDirection(3), Direction::ModuleToMcu);
        QCOMPARE(c.recordDirection(4), Direction::Unknown);
        QCOMPARE(c.recordChannel(1), c.recordChannel(2));
        QVERIFY(c.recordChannel(0) != c.recordChannel(1));
        QCOMPARE(c.channels().at(c.recordChannel(0)).name, QStringLiteral("WiFi"));
        QCOMPARE(c.recordTime(0), utcUs(2024, 5, 14, 9, 30, 0, 100));
        QCOMPARE(c.recordTime(1), utcUs(2024, 5, 14, 9, 30, 0, 130));
        QCOMPARE(c.recordBytes(0).toByteArray(), hex("55AA00000000FF"));
        QCOMPARE(c.recordBytes(2).toByteArray(), product);
        QVERIFY(c.record(2).annotation.contains(QLatin1String("Open COM5")));
        for (int i = 0; i < c.recordCount(); ++i)
            QVERIFY2(validFrame(c.recordBytes(i)), qPrintable(QString::number(i)));
    }

    // ---- section 11: inline ASCII -----------------------------------------------------------------

    void inlineAsciiFramesVerify()
    {
        const QByteArray json1("{\"P\":\"Okurono2XLVRV0fB\",\"v\":\"1.1.0\"}");
        const QByteArray json2("{\"p\":\"abcd1234efgh5678\",\"v\":\"1.0.0\",\"m\":0}");
        const QByteArray json3("{\"p\":\"e7dny8zvmiyhqerw\",\"v\":\"1.0.0\"}");
        const QByteArray text = "ESP8266 -> MCU: 55 AA 00 01 00 00 00\n"
                                "MCU -> ESP8266: 55 AA 00 01 00 ${\"P\":\"Okurono2XLVRV0fB\",\"v\":\"1.1.0\"} 19\n"
                                "55 AA 03 01 00 *{\"p\":\"abcd1234efgh5678\",\"v\":\"1.0.0\",\"m\":0} B7\n"
                                "55 AA 00 01 00 ${\"p\":\"e7dny8zvmiyhqerw\",\"v\":\"1.0.0\"}$\n"
                                "55 AA 00 01 00 ${\"P\":\"Okurono2XLVRV0fB\",\"v\":\"1.1.0\"} 18\n";
        const LoadResult r = loadCaptureData(text, QStringLiteral("esphome.md"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.first().importerId, QStringLiteral("hex-inline-ascii"));
        const QVector<QByteArray> expected{frame(0x00, 0x01), frame(0x00, 0x01, json1), frame(0x03, 0x01, json2),
                                           frame(0x00, 0x01, json3)};
        QCOMPARE(recordList(r.capture), expected);
        QCOMPARE(expected.at(1).right(1), hex("19")); // the reference checksums hold
        QCOMPARE(expected.at(2).right(1), hex("B7"));
        QCOMPARE(expected.at(3).right(1), QByteArray("$"));
        QCOMPARE(r.capture.record(1).annotation, QStringLiteral("MCU -> ESP8266:"));
        // The last line has a wrong checksum: kept as text, not as a record.
        const CaptureNote* trailing = findNote(r.capture, QStringLiteral("TRAILING_TEXT"));
        QVERIFY(trailing);
        QVERIFY(trailing->message.contains(QLatin1String("} 18")));
    }

    // ---- the real captures -------------------------------------------------------------------------

    void realCapturesFrameCleanly()
    {
        const QDir dir(test::sharedPath(QStringLiteral("captures/tuyamcu-real")));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 18, qPrintable(dir.path()));
        for (const QString& name : files) {
            const QString path = dir.filePath(name);
            const LoadResult r = loadCaptureFiles({path});
            QVERIFY2(r.ok, qPrintable(QStringLiteral("%1: %2").arg(name, r.error)));
            QCOMPARE(r.files.size(), 1);
            QVERIFY2(r.capture.recordCount() > 0, qPrintable(name));
            int good = 0;
            qint64 garbage = 0;
            const auto perStream = streams(r.capture);
            for (auto it = perStream.cbegin(); it != perStream.cend(); ++it) {
                const SplitCounts counts = split(it.value());
                QVERIFY2(counts.bad == 0, qPrintable(QStringLiteral("%1: %2 frames with a bad checksum")
                                                         .arg(name)
                                                         .arg(counts.bad)));
                QCOMPARE(counts.good, bruteForceFrames(it.value()));
                good += counts.good;
                garbage += counts.garbage;
            }
            QVERIFY2(good > 0, qPrintable(name));
            // Binary content goes to a binary importer whatever the extension; text never does.
            const QByteArray raw = test::readFile(path);
            bool binary = false;
            for (char ch : raw)
                binary = binary || ch == 0;
            if (binary)
                QVERIFY2(r.files.first().importerId.endsWith(QLatin1String("binary")), qPrintable(name));
            qInfo("%-48s %-14s records=%-5d good=%-5d garbage=%lld", qPrintable(name),
                  qPrintable(r.files.first().importerId), r.capture.recordCount(), good, garbage);
        }
    }

    void realCaptureDetails()
    {
        const QDir dir(test::sharedPath(QStringLiteral("captures/tuyamcu-real")));
        // Raw binary saved as .txt (with noise) is still raw binary.
        const LoadResult noisy = loadCaptureFiles({dir.filePath(QStringLiteral("doorsensor_tywe3s_rxpin_onDoorOpen.txt"))});
        QVERIFY(noisy.ok);
        QCOMPARE(noisy.files.first().importerId, QStringLiteral("raw-binary"));
        // The epoch-prefixed capture: first record at 1646227547 s.
        const LoadResult th06 = loadCaptureFiles({dir.filePath(QStringLiteral("th06_capt_on_wb3s_rxd1_timestamps.txt"))});
        QVERIFY(th06.ok);
        QCOMPARE(th06.files.first().importerId, QStringLiteral("epoch-binary"));
        QCOMPARE(th06.capture.recordTime(0), qint64(1646227547) * 1000000);
        // Hand notes: both typed uartSendHex lines are module -> MCU typed commands.
        const LoadResult notes = loadCaptureFiles({dir.filePath(QStringLiteral("door_sensor_click_rxd.txt"))});
        QVERIFY(notes.ok);
        int typed = 0;
        for (int i = 0; i < notes.capture.recordCount(); ++i) {
            if (notes.capture.recordFlags(i) & RecordTypedCommand) {
                ++typed;
                QCOMPARE(notes.capture.recordDirection(i), Direction::ModuleToMcu);
            }
        }
        QCOMPARE(typed, 2);
        // Pin headings stay annotations with unknown direction.
        const LoadResult mts = loadCaptureFiles({dir.filePath(QStringLiteral("MTS-700-WB-TuyaMCU-capture.txt"))});
        QVERIFY(mts.ok);
        QCOMPARE(mts.capture.record(0).annotation, QStringLiteral("Pin14"));
        QCOMPARE(mts.capture.recordDirection(0), Direction::Unknown);
        bool pin13 = false;
        for (int i = 0; i < mts.capture.recordCount(); ++i)
            pin13 = pin13 || mts.capture.record(i).annotation == QLatin1String("Pin13");
        QVERIFY(pin13);
    }

    void rxTxPairsMergeIntoOneTimeline_data()
    {
        QTest::addColumn<QString>("moduleFile");
        QTest::addColumn<QString>("mcuFile");
        // Directions as read from the bytes (version-0x03 frames come from the MCU), not from the
        // names: the PJ-MGW1103 "_tx" file is the MCU's, the "_rx" file the module's.
        QTest::newRow("PJ-MGW1103") << QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_rx.bin")
                                    << QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_tx.bin");
        QTest::newRow("Radar") << QStringLiteral("Radar_TX_DUMP.bin") << QStringLiteral("Radar_RX_DUMP.bin");
    }
    void rxTxPairsMergeIntoOneTimeline()
    {
        QFETCH(QString, moduleFile);
        QFETCH(QString, mcuFile);
        const QDir dir(test::sharedPath(QStringLiteral("captures/tuyamcu-real")));
        const QString modulePath = dir.filePath(moduleFile);
        const QString mcuPath = dir.filePath(mcuFile);
        // Given in "MCU file first" order on purpose: the order of the paths must not matter.
        const LoadResult r = loadCaptureFiles({mcuPath, modulePath});
        QVERIFY2(r.ok, qPrintable(r.error));
        const Capture& c = r.capture;
        QCOMPARE(r.files.size(), 2);

        // Each file's bytes are intact and in order on its own channel, with the content's direction.
        QMap<QString, QByteArray> perChannel;
        QMap<QString, Direction> channelDirection;
        for (int i = 0; i < c.recordCount(); ++i) {
            const QString name = c.channels().at(c.recordChannel(i)).name;
            perChannel[name].append(c.recordBytes(i).data(), c.recordBytes(i).size());
            channelDirection[name] = c.recordDirection(i);
            QVERIFY(c.recordFlags(i) & RecordTimeSynthetic);
            QVERIFY(c.recordTime(i) != kUnknownTime);
            if (i > 0)
                QVERIFY(c.recordTime(i) > c.recordTime(i - 1));
        }
        QCOMPARE(perChannel.value(moduleFile), test::readFile(modulePath));
        QCOMPARE(perChannel.value(mcuFile), test::readFile(mcuPath));
        QCOMPARE(channelDirection.value(moduleFile), Direction::ModuleToMcu);
        QCOMPARE(channelDirection.value(mcuFile), Direction::McuToModule);

        const CaptureNote* note = findNote(c, QStringLiteral("TIME_UNKNOWN"));
        QVERIFY(note);
        QVERIFY(note->message.contains(QLatin1String("reconstructed")));

        // Plausible interleaving: the first frames are the module's heartbeat and then the MCU's
        // heartbeat reply, and the directions alternate often.
        QVector<QPair<Direction, QByteArray>> framesInOrder;
        int moduleFrames = 0;
        int mcuFrames = 0;
        for (int i = 0; i < c.recordCount(); ++i) {
            for (const QByteArray& f : split(c.recordBytes(i).toByteArray()).frames) {
                framesInOrder.push_back({c.recordDirection(i), f});
                (c.recordDirection(i) == Direction::ModuleToMcu ? moduleFrames : mcuFrames) += 1;
            }
        }
        QVERIFY(moduleFrames > 0 && mcuFrames > 0);
        QVERIFY(framesInOrder.size() >= 2);
        QCOMPARE(framesInOrder.at(0).first, Direction::ModuleToMcu);
        QCOMPARE(framesInOrder.at(0).second, frame(0x00, 0x00));
        QCOMPARE(framesInOrder.at(1).first, Direction::McuToModule);
        QCOMPARE(quint8(framesInOrder.at(1).second.at(3)), quint8(0x00));
        int switches = 0;
        for (int i = 1; i < framesInOrder.size(); ++i)
            switches += framesInOrder.at(i).first != framesInOrder.at(i - 1).first ? 1 : 0;
        QVERIFY2(switches >= qMin(moduleFrames, mcuFrames),
                 qPrintable(QStringLiteral("only %1 direction changes for %2 module and %3 MCU frames")
                                .arg(switches)
                                .arg(moduleFrames)
                                .arg(mcuFrames)));
    }

    void hexTextPairMergesWithDirectionsFromContent()
    {
        const QDir dir(test::sharedPath(QStringLiteral("captures/tuyamcu-real")));
        const LoadResult r = loadCaptureFiles({dir.filePath(QStringLiteral("on_esp_rx_noTouching.txt")),
                                               dir.filePath(QStringLiteral("on_esp_tx_noTouching1.txt"))});
        QVERIFY2(r.ok, qPrintable(r.error));
        // The "rx" file holds version-0x03 frames: the MCU's line.
        QCOMPARE(r.capture.channels().at(0).direction, Direction::McuToModule);
        QCOMPARE(r.capture.channels().at(1).direction, Direction::ModuleToMcu);
        const CaptureNote* note = findNote(r.capture, QStringLiteral("TIME_UNKNOWN"));
        QVERIFY(note);
        QVERIFY(note->message.contains(QLatin1String("decided from the content")));
        bool both[3] = {false, false, false};
        for (int i = 0; i < r.capture.recordCount(); ++i) {
            both[int(r.capture.recordDirection(i))] = true;
            QVERIFY(r.capture.recordFlags(i) & RecordTimeSynthetic);
        }
        QVERIFY(both[1] && both[2] && !both[0]);
    }

    void textEncodings()
    {
        // UTF-8 byte order mark and UTF-16 (Notepad "Unicode") text.
        const QByteArray bom = "\xEF\xBB\xBF" "55AA00000000FF\r\n";
        const LoadResult a = loadCaptureData(bom, QStringLiteral("bom.txt"));
        QVERIFY2(a.ok, qPrintable(a.error));
        QCOMPARE(allBytes(a.capture), hex("55AA00000000FF"));
        const QString text = QStringLiteral("Pin13\r\n55AA030000010003\r\n");
        QByteArray utf16("\xFF\xFE");
        for (QChar c : text) {
            utf16.append(char(c.unicode() & 0xFF));
            utf16.append(char(c.unicode() >> 8));
        }
        const LoadResult b = loadCaptureData(utf16, QStringLiteral("unicode.txt"));
        QVERIFY2(b.ok, qPrintable(b.error));
        QCOMPARE(b.files.first().importerId, QStringLiteral("hex-text"));
        QCOMPARE(allBytes(b.capture), hex("55AA030000010003"));
        QCOMPARE(b.capture.record(0).annotation, QStringLiteral("Pin13"));
    }

    void timedFilesMergeByTime()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString a = tmp.filePath(QStringLiteral("a.log"));
        const QString b = tmp.filePath(QStringLiteral("b.log"));
        auto write = [](const QString& path, const QByteArray& data) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
        };
        QVERIFY(write(a, "10:00:00 TYA: Send \"55aa00000000ff\"\n10:00:02 TYA: Send \"55aa0008000007\"\n"));
        QVERIFY(write(b, "10:00:01 TYA: RX Packet: \"55aa030000010104\"\n"));
        const LoadResult r = loadCaptureFiles({a, b});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(recordList(r.capture),
                 (QVector<QByteArray>{hex("55aa00000000ff"), hex("55aa030000010104"), hex("55aa0008000007")}));
        QVERIFY(!(r.capture.recordFlags(0) & RecordTimeSynthetic));
    }

    // ---- bad input -------------------------------------------------------------------------------

    void badInputIsReportedWithTheFileName()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString missing = tmp.filePath(QStringLiteral("does-not-exist.bin"));
        const LoadResult r1 = loadCaptureFiles({missing});
        QVERIFY(!r1.ok);
        QVERIFY2(r1.error.contains(missing), qPrintable(r1.error));

        const LoadResult r2 = loadCaptureFiles({tmp.path()});
        QVERIFY(!r2.ok);
        QVERIFY2(r2.error.contains(tmp.path()), qPrintable(r2.error));

        // One bad file fails the whole load and is named.
        const QString good = test::sharedPath(QStringLiteral("captures/tuyamcu-real/Radar_TX_DUMP.bin"));
        const LoadResult r3 = loadCaptureFiles({good, missing});
        QVERIFY(!r3.ok);
        QVERIFY(r3.error.contains(missing));

        // Empty file: accepted, with a note that says so.
        const QString empty = tmp.filePath(QStringLiteral("empty.bin"));
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const LoadResult r4 = loadCaptureFiles({empty});
        QVERIFY2(r4.ok, qPrintable(r4.error));
        QCOMPARE(r4.capture.recordCount(), 0);
        bool emptyNote = false;
        for (const CaptureNote& n : r4.capture.notes())
            emptyNote = emptyNote || (n.message.contains(QLatin1String("empty")) && n.file == empty);
        QVERIFY(emptyNote);

        // Text with nothing to import: an error that names the file.
        const LoadResult r5 = loadCaptureData("just some words\nand more words\n", QStringLiteral("prose.txt"));
        QVERIFY(!r5.ok);
        QVERIFY(r5.error.contains(QLatin1String("prose.txt")));

        // A log that is recognised but carries no frames: loaded, with a warning.
        const LoadResult r5b = loadCaptureData("09:30:00 TYA: Heartbeat\n09:30:10 TYA: Heartbeat\n",
                                               QStringLiteral("quiet.log"));
        QVERIFY(r5b.ok);
        QCOMPARE(r5b.capture.recordCount(), 0);
        QVERIFY(findNote(r5b.capture, QStringLiteral("NO_DATA")));

        // "Open as" an importer that does not exist.
        LoadOptions o;
        o.forcedImporterId = QStringLiteral("no-such-format");
        const LoadResult r6 = loadCaptureData("55AA00000000FF", QStringLiteral("x.txt"), o);
        QVERIFY(!r6.ok);
        QVERIFY(r6.error.contains(QLatin1String("no-such-format")));

        // "Open as" an existing importer overrides the sniffing.
        o.forcedImporterId = QStringLiteral("raw-binary");
        const LoadResult r7 = loadCaptureData("55AA00000000FF", QStringLiteral("x.txt"), o);
        QVERIFY(r7.ok);
        QCOMPARE(r7.files.first().importerId, QStringLiteral("raw-binary"));
        QCOMPARE(allBytes(r7.capture), QByteArray("55AA00000000FF"));

        // The epoch importer forced onto a file without the prefix: error with file and offset.
        o.forcedImporterId = QStringLiteral("epoch-binary");
        const LoadResult r8 = loadCaptureData(frame(0, 0), QStringLiteral("noprefix.bin"), o);
        QVERIFY(!r8.ok);
        QVERIFY(r8.error.contains(QLatin1String("noprefix.bin")));
        QVERIFY(r8.error.contains(QLatin1String("offset 0")));
    }

    void unreadableInputNeverCrashesTheLoader()
    {
        QRandomGenerator rng(7);
        for (int round = 0; round < 400; ++round) {
            const QByteArray input = randomInput(rng, round);
            const LoadResult r = loadCaptureData(input, QStringLiteral("random.bin"));
            if (!r.ok)
                QVERIFY(r.error.contains(QLatin1String("random.bin")));
        }
    }
};

QTEST_GUILESS_MAIN(TestImporters)
#include "tst_importers.moc"
