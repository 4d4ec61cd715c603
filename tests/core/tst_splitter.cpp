// The streaming framer: vectors, robustness cases and chunking invariance.

#include "support/TestSupport.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/StreamSplitter.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

struct Recorded {
    StreamSplitter::EventKind kind;
    qint64 offset;
    QByteArray bytes;
    bool checksumOk;
    quint8 expected;
    bool operator==(const Recorded& o) const
    {
        return kind == o.kind && offset == o.offset && bytes == o.bytes && checksumOk == o.checksumOk
               && expected == o.expected;
    }
};

class Recorder : public StreamSplitter::Sink {
public:
    void onEvent(const StreamSplitter::Event& e) override
    {
        events.push_back({e.kind, e.offset, e.bytes.toByteArray(), e.checksumOk, e.expectedChecksum});
    }
    QVector<Recorded> events;
    int count(StreamSplitter::EventKind kind, bool goodOnly = false) const
    {
        int n = 0;
        for (const Recorded& r : events)
            n += (r.kind == kind && (!goodOnly || r.checksumOk)) ? 1 : 0;
        return n;
    }
};

QVector<Recorded> splitWhole(const QByteArray& bytes)
{
    StreamSplitter s;
    Recorder r;
    s.feed(bytes, 0, r);
    s.finish(r);
    return r.events;
}

QVector<Recorded> splitAt(const QByteArray& bytes, const QVector<int>& cuts)
{
    StreamSplitter s;
    Recorder r;
    int from = 0;
    for (int cut : cuts) {
        s.feed(QByteArrayView(bytes).sliced(from, cut - from), 0, r);
        from = cut;
    }
    s.feed(QByteArrayView(bytes).sliced(from), 0, r);
    s.finish(r);
    return r.events;
}

} // namespace

class TestSplitter : public QObject {
    Q_OBJECT
private slots:
    void encodesTheWorkedExample()
    {
        const QByteArray data = test::fromHex(QStringLiteral("0202000400000096"));
        QCOMPARE(encodeFrame(0x03, 0x07, data), test::fromHex(QStringLiteral("55AA030700080202000400000096AF")));
    }

    void everyValidVectorIsExactlyOneGoodFrame_data()
    {
        QTest::addColumn<QString>("hex");
        for (const test::McuVector& v : test::loadMcuVectors()) {
            if (v.section.startsWith(QLatin1String("malformed")))
                continue;
            QTest::newRow(qPrintable(QStringLiteral("line %1").arg(v.line))) << v.hex;
        }
    }
    void everyValidVectorIsExactlyOneGoodFrame()
    {
        QFETCH(QString, hex);
        const QByteArray bytes = test::fromHex(hex);
        const auto events = splitWhole(bytes);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, StreamSplitter::EventKind::Frame);
        QVERIFY(events.first().checksumOk);
        QCOMPARE(events.first().bytes, bytes);
    }

    void badChecksumIsReportedThenRescanned()
    {
        // R1: computed 12, found 13; the bytes end up as garbage because no good frame follows.
        const auto events = splitWhole(test::fromHex(QStringLiteral("55AA03070005010100010113")));
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).kind, StreamSplitter::EventKind::Frame);
        QVERIFY(!events.at(0).checksumOk);
        QCOMPARE(events.at(0).expected, quint8(0x12));
        QCOMPARE(events.at(1).kind, StreamSplitter::EventKind::Garbage);
        QCOMPARE(events.at(1).bytes.size(), 12);
    }

    void garbageBetweenFramesKeepsOffsets()
    {
        // R15
        const auto events = splitWhole(test::fromHex(QStringLiteral("FF0055AA03000001010412345655AA03070005010100010112")));
        QCOMPARE(events.size(), 4);
        QCOMPARE(events.at(0).kind, StreamSplitter::EventKind::Garbage);
        QCOMPARE(events.at(0).offset, 0);
        QCOMPARE(events.at(0).bytes, test::fromHex(QStringLiteral("FF00")));
        QCOMPARE(events.at(1).offset, 2);
        QCOMPARE(events.at(2).kind, StreamSplitter::EventKind::Garbage);
        QCOMPARE(events.at(2).offset, 10);
        QCOMPARE(events.at(2).bytes, test::fromHex(QStringLiteral("123456")));
        QCOMPARE(events.at(3).offset, 13);
        QVERIFY(events.at(3).checksumOk);
    }

    void implausibleLengthSkipsOneByteAndResyncs()
    {
        // R16
        Recorder r;
        StreamSplitter s;
        s.feed(test::fromHex(QStringLiteral("550055AA0307FFFF55AA030000010104")), 0, r);
        s.finish(r);
        QCOMPARE(r.count(StreamSplitter::EventKind::ImplausibleLength), 1);
        QCOMPARE(r.count(StreamSplitter::EventKind::Frame, true), 1);
        QCOMPARE(r.events.last().offset, 8);
    }

    void danglingHeaderByteIsKeptAcrossReads()
    {
        // R17: split after byte 9
        const QByteArray bytes = test::fromHex(QStringLiteral("55AA03000001010455AA03070005010100010011"));
        const auto events = splitAt(bytes, {9});
        QCOMPARE(events.size(), 2);
        QVERIFY(events.at(0).checksumOk && events.at(1).checksumOk);
        QCOMPARE(events.at(1).offset, 8);
    }

    void sixteenBitLengthIsHonoured()
    {
        const QByteArray big = encodeFrame(0x03, 0x07, QByteArray(300, '\x11'));
        const auto events = splitWhole(big);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().bytes.size(), 307);
        QVERIFY(events.first().checksumOk);
    }

    void truncatedTrailingFrameIsReportedNotGarbage()
    {
        // R20
        const auto events = splitWhole(test::fromHex(QStringLiteral("55AA03000001010455AA030700080202000400")));
        QCOMPARE(events.size(), 2);
        QVERIFY(events.at(0).checksumOk);
        QCOMPARE(events.at(1).kind, StreamSplitter::EventKind::Truncated);
        QCOMPARE(events.at(1).offset, 8);
        QCOMPARE(events.at(1).bytes.size(), 11);
    }

    void headerInsidePayloadDoesNotRestartFraming()
    {
        // R21
        const auto events = splitWhole(test::fromHex(QStringLiteral("55AA030700092800000555AA03070048")));
        QCOMPARE(events.size(), 1);
        QVERIFY(events.first().checksumOk);
    }

    void chunkingInvarianceOverRandomSplits()
    {
        // A stream mixing good frames, garbage, bad checksums, a 16-bit length and a lone 0x55.
        QByteArray stream;
        stream += test::fromHex(QStringLiteral("FF00"));
        stream += encodeFrame(0x00, 0x00, {});
        stream += test::fromHex(QStringLiteral("55AA03070005010100010113")); // bad checksum
        stream += encodeFrame(0x03, 0x07, test::fromHex(QStringLiteral("0202000400000096")));
        stream += test::fromHex(QStringLiteral("55"));
        stream += encodeFrame(0x03, 0x07, QByteArray(300, '\x55'));
        stream += test::fromHex(QStringLiteral("550055AA0307FFFF"));
        stream += encodeFrame(0x00, 0x06, test::fromHex(QStringLiteral("0101000101")));
        stream += test::fromHex(QStringLiteral("55AA0307000802")); // truncated at the end
        const auto reference = splitWhole(stream);
        QVERIFY(reference.size() >= 8);

        // One byte at a time.
        QVector<int> everyByte;
        for (int i = 1; i < stream.size(); ++i)
            everyByte.push_back(i);
        QCOMPARE(splitAt(stream, everyByte), reference);

        QRandomGenerator rng(20261121);
        for (int round = 0; round < 500; ++round) {
            QVector<int> cuts;
            int pos = 0;
            while (true) {
                pos += 1 + int(rng.bounded(40));
                if (pos >= stream.size())
                    break;
                cuts.push_back(pos);
            }
            const auto events = splitAt(stream, cuts);
            QVERIFY2(events == reference, qPrintable(QStringLiteral("round %1 differs").arg(round)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSplitter)
#include "tst_splitter.moc"
