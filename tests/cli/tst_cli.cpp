// The command-line face, run as a process: JSON contract of decode, the dp table, convert to
// pcapng (read back by tshark), and clear failures on bad input.

#include "support/CliRun.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace tuyascope;

namespace {

using Run = test::CliRun;

Run cli(const QStringList& args)
{
    return test::runCli(args);
}

QVector<QJsonObject> jsonLines(const QString& text)
{
    QVector<QJsonObject> out;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};
        out.push_back(doc.object());
    }
    return out;
}

QString writeTemp(QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QString();
    f.write(content);
    return path;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void decodeJsonHasTheDocumentedKeys()
    {
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("frames.txt"),
                                       "55AA00000000FF\n55AA030000010104\n55AA030700086D020004FFFFFFF677\n55AA03070005010100010113\n");
        const Run r = cli({QStringLiteral("decode"), QStringLiteral("--format"), QStringLiteral("json"), path});
        QCOMPARE(r.exitCode, 0);
        const QVector<QJsonObject> items = jsonLines(r.out);
        QVERIFY2(!items.isEmpty(), qPrintable(r.out + r.err));
        const QStringList keys{QStringLiteral("index"), QStringLiteral("time"), QStringLiteral("dir"), QStringLiteral("protocol"),
                               QStringLiteral("version"), QStringLiteral("cmd"), QStringLiteral("cmd_name"), QStringLiteral("family"),
                               QStringLiteral("checksum"), QStringLiteral("dps"), QStringLiteral("diagnostics"), QStringLiteral("hex")};
        for (const QJsonObject& o : items) {
            for (const QString& k : keys)
                QVERIFY2(o.contains(k), qPrintable(k));
            QCOMPARE(o.value(QStringLiteral("protocol")).toString(), QStringLiteral("tuyamcu"));
        }
        const QJsonObject dp109 = items.at(2);
        QCOMPARE(dp109.value(QStringLiteral("cmd")).toInt(), 7);
        QCOMPARE(dp109.value(QStringLiteral("family")).toString(), QStringLiteral("std"));
        QCOMPARE(dp109.value(QStringLiteral("checksum")).toString(), QStringLiteral("good"));
        const QJsonObject unit = dp109.value(QStringLiteral("dps")).toArray().at(0).toObject();
        QCOMPARE(unit.value(QStringLiteral("id")).toInt(), 109);
        QCOMPARE(unit.value(QStringLiteral("type")).toString(), QStringLiteral("value"));
        QCOMPARE(unit.value(QStringLiteral("value")).toInt(), -10);
        // The bad-checksum frame is listed with its diagnosis, and its bytes as garbage.
        bool sawBad = false;
        for (const QJsonObject& o : items) {
            if (o.value(QStringLiteral("checksum")).toString() != QLatin1String("bad"))
                continue;
            sawBad = true;
            QCOMPARE(o.value(QStringLiteral("diagnostics")).toArray().first().toObject().value(QStringLiteral("code")).toString(),
                     QStringLiteral("BAD_CHECKSUM"));
        }
        QVERIFY(sawBad);
    }

    void dpsCsvAndJsonAgree()
    {
        const QString seed = test::sharedPath(QStringLiteral("seeds/004_cdd815c9710f97b2.txt"));
        const Run csv = cli({QStringLiteral("dps"), QStringLiteral("--format"), QStringLiteral("csv"), seed});
        QCOMPARE(csv.exitCode, 0);
        const QStringList lines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith(QLatin1String("id,type,count,distinct,min,max")));
        const Run json = cli({QStringLiteral("dps"), QStringLiteral("--format"), QStringLiteral("json"), seed});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(rows.size(), lines.size() - 1);
        bool found = false;
        for (const QJsonValue& v : rows) {
            const QJsonObject row = v.toObject();
            if (row.value(QStringLiteral("id")).toInt() != 2)
                continue;
            found = true;
            QCOMPARE(row.value(QStringLiteral("max")).toInt(), 305);
            QCOMPARE(row.value(QStringLiteral("set_by_module")).toBool(), false);
        }
        QVERIFY(found);
    }

    void convertWritesPcapngThatTsharkReads()
    {
        QTemporaryDir dir;
        const QString rx = test::sharedPath(QStringLiteral("captures/tuyamcu-real/Radar_RX_DUMP.bin"));
        const QString tx = test::sharedPath(QStringLiteral("captures/tuyamcu-real/Radar_TX_DUMP.bin"));
        const QString out = dir.filePath(QStringLiteral("radar.pcapng"));
        const Run r = cli({QStringLiteral("convert"), rx, tx, QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 0);
        const QRegularExpression wrote(QStringLiteral("wrote .*: (\\d+) record"));
        const auto m = wrote.match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        QVERIFY2(!tshark.isEmpty(), "tshark is needed for this interop test: apt-get install tshark");
        QProcess p;
        p.start(tshark, {QStringLiteral("-r"), out, QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
                         QStringLiteral("frame.number")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QStringList numbers = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(numbers.size(), m.captured(1).toInt());
        // And the file reads back through the importer with the same frames.
        const Run decoded = cli({QStringLiteral("decode"), QStringLiteral("--format"), QStringLiteral("json"), out});
        const Run original = cli({QStringLiteral("decode"), QStringLiteral("--format"), QStringLiteral("json"), rx, tx});
        QCOMPARE(decoded.exitCode, 0);
        const auto a = jsonLines(decoded.out);
        const auto b = jsonLines(original.out);
        QCOMPARE(a.size(), b.size());
        for (int i = 0; i < a.size(); ++i)
            QCOMPARE(a.at(i).value(QStringLiteral("hex")).toString(), b.at(i).value(QStringLiteral("hex")).toString());
    }

    void captureDemoPrintsFramesAndTheDpTable()
    {
        const Run r = cli({QStringLiteral("demo"), QStringLiteral("--capture")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("dp2 value=305")));
        QVERIFY(r.out.contains(QStringLiteral("dpId table")));
        QVERIFY(r.out.contains(QStringLiteral("119")));
    }

    void badInputFailsWithAClearMessage()
    {
        const Run missing = cli({QStringLiteral("decode"), QStringLiteral("/nonexistent/capture.bin")});
        QVERIFY(missing.exitCode != 0);
        QVERIFY(missing.err.contains(QStringLiteral("/nonexistent/capture.bin")));
        const Run usage = cli({QStringLiteral("decode"), QStringLiteral("--format"), QStringLiteral("xml"), QStringLiteral("x")});
        QCOMPARE(usage.exitCode, 2);
        const Run unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        const Run noOutput = cli({QStringLiteral("convert"), QStringLiteral("a.bin")});
        QCOMPARE(noOutput.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
