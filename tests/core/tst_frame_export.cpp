// Frame exports (CSV, JSON lines, text): each format over a TuyaMCU capture and a keyed LAN log,
// subsets in the order given, RFC 4180 quoting, JSON lines that parse back, no key in any output,
// and one contract every registered exporter keeps.
#include "support/TestSupport.h"

#include "export/FrameExport.h"
#include "frames/CaptureFrames.h"
#include "frames/FrameSummary.h"
#include "import/CaptureLoader.h"
#include "keys/KeyAssignment.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace tuyascope;

namespace {

const QString kVectorKey = QStringLiteral("0123456789abcdef");
const QString kVectorDeviceId = QStringLiteral("eb0123456789abcdefghij");

QByteArray lanVector(const QString& name)
{
    const QJsonObject all = QJsonDocument::fromJson(test::readFile(test::sharedPath(QStringLiteral("vectors/lan-vectors.json")))).object();
    return QByteArray::fromHex(all.value(name).toObject().value(QStringLiteral("hex")).toString().toLatin1());
}

// The TuyaMCU demo capture, or a tinytuya-style LAN log with its local key in the key store.
std::unique_ptr<CaptureFrames> loadSource(const QString& source)
{
    if (source == QLatin1String("mcu")) {
        const LoadResult loaded = loadCaptureFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))});
        return loaded.ok ? std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()) : nullptr;
    }
    const QByteArray control = lanVector(QStringLiteral("v33_control_client"));
    const QByteArray reply = lanVector(QStringLiteral("v33_dp_query_response_device"));
    const QByteArray log = "[SOCKET] send " + QByteArray::number(control.size()) + " bytes: " + control.toHex() + "\n"
                         + "[SOCKET] recv " + QByteArray::number(reply.size()) + " bytes: " + reply.toHex() + "\n";
    const LoadResult loaded = loadCaptureData(log, QStringLiteral("session.log"));
    keys::KeyStore store;
    if (const auto assignment = keys::parseKeyAssignment(kVectorDeviceId + QLatin1Char('=') + kVectorKey))
        store.assign(*assignment);
    return loaded.ok ? std::make_unique<CaptureFrames>(loaded.capture, store) : nullptr;
}

QByteArray exportRows(const QString& id, const FrameTable& table, const QVector<int>& rows, QString* error = nullptr)
{
    const FrameExporter* exporter = FrameExporterRegistry::instance().find(id);
    if (!exporter)
        return "no exporter " + id.toUtf8();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString message;
    if (!exporter->write(table, rows, buffer, &message)) {
        if (error)
            *error = message;
        return {};
    }
    return buffer.data();
}

// A strict RFC 4180 reader: records of fields, CRLF record ends, quoted fields with doubled quotes.
QVector<QStringList> parseCsv(const QString& text, bool* ok)
{
    QVector<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || fieldWasQuoted)
                *ok = false; // a quote inside an unquoted field
            quoted = fieldWasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            fieldWasQuoted = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            record << field;
            records << record;
            record.clear();
            field.clear();
            fieldWasQuoted = false;
            ++i;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            *ok = false; // a bare line break outside quotes
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        *ok = false; // the last record must end with CRLF
    return records;
}

// A hand-made table: frame texts chosen to need CSV quoting.
class FakeTable : public FrameTable {
public:
    QStringList summaries;
    int frameCount() const override { return int(summaries.size()); }
    FrameFacts facts(int row) const override
    {
        FrameFacts f;
        f.timeUs = 1646227547000000LL + row * 1500; // 2022-03-02T13:25:47.000000Z + 1.5 ms per row
        f.direction = Direction::McuToModule;
        f.version = QStringLiteral("3");
        f.command = 0x07;
        f.length = 8 + row;
        return f;
    }
    QByteArray frameBytes(int row) const override { return QByteArray(8 + row, char(0x55)); }
    Dissection dissect(int row) const override
    {
        Dissection d;
        d.addSource(QStringLiteral("frame"), frameBytes(row));
        d.addField(-1, QStringLiteral("Header"), QStringLiteral("tuyamcu.header"), QStringLiteral("55 AA"), 0, 2);
        d.summary = summaries.at(row);
        d.checksum = ChecksumStatus::Good;
        return d;
    }
};

QList<QByteArray> nonEmptyLines(const QByteArray& data)
{
    QList<QByteArray> lines = data.split('\n');
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TestFrameExport : public QObject {
    Q_OBJECT
private slots:
    void registryHasTheThreeFormats()
    {
        QStringList ids;
        for (const FrameExporter* e : FrameExporterRegistry::instance().exporters()) {
            QVERIFY2(!ids.contains(e->id()), qPrintable(e->id()));
            QVERIFY(!e->displayName().isEmpty());
            QVERIFY(!e->extension().isEmpty() && !e->extension().startsWith(QLatin1Char('.')));
            ids << e->id();
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("csv"), QStringLiteral("jsonl"), QStringLiteral("text")}));
        QVERIFY(!FrameExporterRegistry::instance().find(QStringLiteral("xml")));
    }

    void everyFormatOverBothProtocols_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("source");
        for (const char* format : {"csv", "jsonl", "text"}) {
            for (const char* source : {"mcu", "lan"})
                QTest::addRow("%s-%s", format, source) << QString::fromLatin1(format) << QString::fromLatin1(source);
        }
    }
    void everyFormatOverBothProtocols()
    {
        QFETCH(QString, format);
        QFETCH(QString, source);
        const auto frames = loadSource(source);
        QVERIFY(frames);
        const int count = frames->frameCount();
        QVERIFY(count >= 2);
        QString error;
        const QByteArray out = exportRows(format, *frames, allRows(*frames), &error);
        QVERIFY2(!out.isEmpty(), qPrintable(error));

        if (format == QLatin1String("csv")) {
            bool ok = false;
            const QVector<QStringList> records = parseCsv(QString::fromUtf8(out), &ok);
            QVERIFY(ok);
            QCOMPARE(records.size(), count + 1);
            QCOMPARE(records.first().join(QLatin1Char(',')),
                     QStringLiteral("no,time,dir,protocol,version,command,command_name,length,dps,info,status"));
            for (int row = 0; row < count; ++row) {
                const QStringList& r = records.at(row + 1);
                QCOMPARE(r.size(), 11);
                const FrameSummary s = summarizeFrame(frames->facts(row), frames->dissect(row));
                QCOMPARE(r.at(0), QString::number(row + 1));
                QCOMPARE(r.at(2), directionKey(frames->facts(row).direction));
                QCOMPARE(r.at(7), QString::number(frames->frameBytes(row).size()));
                QCOMPARE(r.at(8), s.dps);
                QCOMPARE(r.at(10), s.status);
            }
        } else if (format == QLatin1String("jsonl")) {
            const QList<QByteArray> lines = nonEmptyLines(out);
            QCOMPARE(lines.size(), count);
            QVERIFY(out.endsWith('\n'));
            for (int row = 0; row < count; ++row) {
                QJsonParseError parseError;
                const QJsonDocument doc = QJsonDocument::fromJson(lines.at(row), &parseError);
                QVERIFY2(doc.isObject(), qPrintable(parseError.errorString()));
                const QJsonObject o = doc.object();
                QCOMPARE(o.value(QStringLiteral("no")).toInt(), row + 1);
                QCOMPARE(o.value(QStringLiteral("hex")).toString(), QString::fromLatin1(frames->frameBytes(row).toHex().toUpper()));
                QCOMPARE(o.value(QStringLiteral("dps")).toArray().size(), dpUnitsOf(frames->dissect(row)).size());
                QVERIFY(o.value(QStringLiteral("diagnostics")).isArray());
                for (const char* key : {"time", "dir", "protocol", "version", "command", "command_name", "length", "info", "status"})
                    QVERIFY2(o.contains(QLatin1String(key)), key);
            }
        } else {
            // One block per frame: the list line, the indented tree, a blank line.
            const QList<QByteArray> blocks = out.split('\n');
            int frameLines = 0;
            for (const QByteArray& line : blocks) {
                if (!line.isEmpty() && !line.startsWith(' '))
                    ++frameLines;
            }
            QCOMPARE(frameLines, count);
            QVERIFY(out.startsWith("1  "));
            QVERIFY(out.contains("\n  "));
            QVERIFY(out.endsWith("\n\n"));
        }

        if (source == QLatin1String("lan")) {
            // The local key is in the key store, and the frames were decrypted with it; it is in no
            // export. (The vectors' device id happens to contain the key's text: it is taken out first.)
            QByteArray withoutDeviceId = out;
            withoutDeviceId.replace(kVectorDeviceId.toLatin1(), "");
            if (format == QLatin1String("text"))
                QVERIFY(out.contains(kVectorDeviceId.toLatin1())); // the decrypted body is exported
            QVERIFY(!withoutDeviceId.contains(kVectorKey.toLatin1()));
            QVERIFY(!out.toLower().contains(kVectorKey.toLatin1().toHex()));
            QVERIFY(out.contains(format == QLatin1String("jsonl") ? "tuya-lan" : "Tuya LAN"));
        }
    }

    void madeUpTimesAreNotExportedAsTimes()
    {
        // An RX/TX pair without times is merged with order-only times: no 1970 timestamps.
        const QDir dir(test::sharedPath(QStringLiteral("captures/tuyamcu-real")));
        const LoadResult pair = loadCaptureFiles({dir.filePath(QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_rx.bin")),
                                                  dir.filePath(QStringLiteral("PJ-MGW1103_clamp_bulb_20W-0.083A-240V_tx.bin"))});
        QVERIFY2(pair.ok, qPrintable(pair.error));
        const CaptureFrames merged(pair.capture, keys::KeyStore());
        QVERIFY(merged.frameCount() > 10);
        QVERIFY(merged.facts(1).timeUs != kUnknownTime); // the list's order key is there...
        bool ok = false;
        const QVector<QStringList> records = parseCsv(QString::fromUtf8(exportRows(QStringLiteral("csv"), merged, allRows(merged))), &ok);
        QVERIFY(ok);
        QCOMPARE(records.size(), merged.frameCount() + 1);
        for (int i = 1; i < records.size(); ++i)
            QCOMPARE(records.at(i).at(1), QString()); // ...but it is not exported as a time
        const QList<QByteArray> lines = nonEmptyLines(exportRows(QStringLiteral("jsonl"), merged, {0, 1}));
        QVERIFY(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("time")).isNull());
        QVERIFY(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("time_us")).isNull());

        // A capture with real times keeps them.
        const LoadResult timed = loadCaptureFiles({dir.filePath(QStringLiteral("th06_capt_on_wb3s_rxd1_timestamps.txt"))});
        QVERIFY2(timed.ok, qPrintable(timed.error));
        const CaptureFrames th06(timed.capture, keys::KeyStore());
        const QVector<QStringList> timedRecords = parseCsv(QString::fromUtf8(exportRows(QStringLiteral("csv"), th06, {0})), &ok);
        QVERIFY(ok);
        QCOMPARE(timedRecords.at(1).at(1), QStringLiteral("2022-03-02T13:25:47.000000Z"));
    }

    void jsonLinesCarryTypedDps()
    {
        const auto lan = loadSource(QStringLiteral("lan"));
        QVERIFY(lan);
        const QList<QByteArray> lines = nonEmptyLines(exportRows(QStringLiteral("jsonl"), *lan, {1}));
        QCOMPARE(lines.size(), 1);
        const QJsonObject answer = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(answer.value(QStringLiteral("no")).toInt(), 2);
        QCOMPARE(answer.value(QStringLiteral("dir")).toString(), QStringLiteral("device->app"));
        QCOMPARE(answer.value(QStringLiteral("version")).toString(), QStringLiteral("3.3"));
        const QJsonArray dps = answer.value(QStringLiteral("dps")).toArray();
        QCOMPARE(dps.size(), 2);
        QCOMPARE(dps.at(0).toObject().value(QStringLiteral("id")).toInt(), 1);
        QCOMPARE(dps.at(0).toObject().value(QStringLiteral("value")), QJsonValue(true));
        QCOMPARE(dps.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("bool"));
        QCOMPARE(dps.at(1).toObject().value(QStringLiteral("value")), QJsonValue(0));

        // TuyaMCU: the unit's type name and a typed value from its bytes.
        const auto mcu = loadSource(QStringLiteral("mcu"));
        QVERIFY(mcu);
        int typed = 0;
        for (const QByteArray& line : nonEmptyLines(exportRows(QStringLiteral("jsonl"), *mcu, allRows(*mcu)))) {
            for (const QJsonValue& dp : QJsonDocument::fromJson(line).object().value(QStringLiteral("dps")).toArray()) {
                const QJsonObject o = dp.toObject();
                QVERIFY(o.value(QStringLiteral("id")).isDouble());
                const QString type = o.value(QStringLiteral("type")).toString();
                if (type == QLatin1String("bool")) {
                    QVERIFY(o.value(QStringLiteral("value")).isBool());
                    ++typed;
                } else if (type == QLatin1String("value")) {
                    QVERIFY(o.value(QStringLiteral("value")).isDouble());
                    ++typed;
                }
            }
        }
        QVERIFY(typed > 0);
    }

    void subsetsKeepTheGivenOrder_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << QStringLiteral("csv");
        QTest::newRow("jsonl") << QStringLiteral("jsonl");
        QTest::newRow("text") << QStringLiteral("text");
    }
    void subsetsKeepTheGivenOrder()
    {
        QFETCH(QString, format);
        const auto frames = loadSource(QStringLiteral("mcu"));
        QVERIFY(frames && frames->frameCount() > 6);
        const QByteArray out = exportRows(format, *frames, {5, 1, 3});
        QVector<int> numbers;
        for (const QByteArray& line : nonEmptyLines(out)) {
            if (line.isEmpty() || line.startsWith(' ') || line.startsWith("no,"))
                continue;
            if (format == QLatin1String("jsonl"))
                numbers << QJsonDocument::fromJson(line).object().value(QStringLiteral("no")).toInt();
            else
                numbers << line.left(line.indexOf(format == QLatin1String("csv") ? ',' : ' ')).toInt();
        }
        QCOMPARE(numbers, (QVector<int>{6, 2, 4}));
    }

    void csvQuotesCommasQuotesAndLineBreaks()
    {
        FakeTable table;
        table.summaries = {QStringLiteral("plain"), QStringLiteral("a, b"), QStringLiteral("say \"hi\""),
                           QStringLiteral("two\nlines"), QStringLiteral("cr\rhere")};
        const QByteArray out = exportRows(QStringLiteral("csv"), table, allRows(table));
        QVERIFY(out.contains("\r\n1,2022-03-02T13:25:47.000000Z,mcu->module,TuyaMCU,3,0x07,"));
        QVERIFY(out.contains("2022-03-02T13:25:47.001500Z"));
        QVERIFY(out.contains(",plain,"));
        QVERIFY(out.contains(",\"a, b\","));
        QVERIFY(out.contains(",\"say \"\"hi\"\"\","));
        QVERIFY(out.contains(",\"two\nlines\","));
        QVERIFY(out.contains(",\"cr\rhere\","));
        bool ok = false;
        const QVector<QStringList> records = parseCsv(QString::fromUtf8(out), &ok);
        QVERIFY(ok);
        QCOMPARE(records.size(), 6);
        for (int row = 0; row < table.summaries.size(); ++row)
            QCOMPARE(records.at(row + 1).at(9), table.summaries.at(row));
    }

    void textKeepsEachTreeLineOneLine()
    {
        FakeTable table;
        table.summaries = {QStringLiteral("two\nlines")};
        const QByteArray out = exportRows(QStringLiteral("text"), table, {0});
        QCOMPARE(out, QByteArray("1  2022-03-02T13:25:47.000000Z  mcu->module  TuyaMCU  v3  0x07  0x07  len=8  two\\nlines  [good]\n"
                                 "  Header: 55 AA\n\n"));
    }

    void rowsOutOfRangeWriteNothing()
    {
        FakeTable table;
        table.summaries = {QStringLiteral("one")};
        for (const FrameExporter* e : FrameExporterRegistry::instance().exporters()) {
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QString error;
            QVERIFY(!e->write(table, {0, 1}, buffer, &error));
            QVERIFY2(error.contains(QLatin1String("frame 2")), qPrintable(error));
            QVERIFY(buffer.data().isEmpty());
            QVERIFY(!e->write(table, {-1}, buffer, &error));
            QBuffer closed;
            QVERIFY(!e->write(table, {0}, closed, &error));
        }
    }

    void progressCanCancel()
    {
        FakeTable table;
        table.summaries = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        int calls = 0;
        const bool done = FrameExporterRegistry::instance().find(QStringLiteral("jsonl"))->write(
            table, allRows(table), buffer, &error, [&calls](int doneCount, int total) {
                ++calls;
                return !(doneCount == 2 && total == 3);
            });
        QVERIFY(!done);
        QCOMPARE(calls, 2);
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        QCOMPARE(nonEmptyLines(buffer.data()).size(), 2);
    }

    // The contract every registered exporter keeps, whatever its format.
    void contract_data()
    {
        QTest::addColumn<QString>("id");
        for (const FrameExporter* e : FrameExporterRegistry::instance().exporters())
            QTest::newRow(qPrintable(e->id())) << e->id();
    }
    void contract()
    {
        QFETCH(QString, id);
        FakeTable table;
        table.summaries = {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")};
        // An empty selection (or table): at most a header line.
        const QByteArray none = exportRows(id, table, {});
        QVERIFY(nonEmptyLines(none).size() <= 1);
        FakeTable empty;
        QCOMPARE(exportRows(id, empty, allRows(empty)), none);
        // Non-empty: more than the header, and every frame's own text in the order given.
        const QByteArray all = exportRows(id, table, allRows(table));
        QVERIFY(all.size() > none.size());
        QVERIFY(all.startsWith(none));
        for (int row = 0; row < table.frameCount(); ++row)
            QVERIFY(all.contains(table.summaries.at(row).toUtf8()));
        auto single = [&](int row) { return exportRows(id, table, {row}).mid(none.size()); };
        QVERIFY(!single(0).isEmpty());
        QCOMPARE(exportRows(id, table, {2, 0, 1}), none + single(2) + single(0) + single(1));
        QCOMPARE(all, none + single(0) + single(1) + single(2));
    }
};

QTEST_GUILESS_MAIN(TestFrameExport)
#include "tst_frame_export.moc"
