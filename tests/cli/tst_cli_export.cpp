// `tuyascope-cli export`: from a mapping file in each import format, from a capture with and
// without its sidecar, and the usage errors.
#include "support/CliRun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using tuyascope::test::CliRun;
using tuyascope::test::runCli;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

// dp 1 bool = 1 (MCU report), dp 109 value = -10.
const QByteArray kCapture = "55AA03070005010100010112\n55AA030700086D020004FFFFFFF677\n";

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT

private slots:
    void exportsAMappingFile_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<QByteArray>("mapping");
        QTest::addColumn<QStringList>("expected");
        const QByteArray autoexec = "startDriver TuyaMCU\nsetChannelType 1 Toggle\nlinkTuyaMCUOutputToChannel 1 bool 1\n"
                                    "setChannelType 2 Voltage_div10\nlinkTuyaMCUOutputToChannel 20 val 2\n";
        QTest::newRow("openbeken to tasmota") << QStringLiteral("tasmota") << autoexec
                                              << QStringList{QStringLiteral("Backlog TuyaMCU 11,1; TuyaMCU 33,20")};
        QTest::newRow("openbeken to esphome") << QStringLiteral("esphome") << autoexec
                                              << QStringList{QStringLiteral("uart:"), QStringLiteral("switch_datapoint: 1"),
                                                             QStringLiteral("sensor_datapoint: 20"), QStringLiteral("- multiply: 0.1")};
        QTest::newRow("tasmota to openbeken") << QStringLiteral("openbeken") << QByteArray("Backlog TuyaMCU 11,1; TuyaMCU 32,18\n")
                                              << QStringList{QStringLiteral("startDriver TuyaMCU"), QStringLiteral("tuyaMcu_setBaudRate 9600"),
                                                             QStringLiteral("setChannelType 2 Current_div1000\nlinkTuyaMCUOutputToChannel 18 val 2")};
        QTest::newRow("tuyascope json to tinytuya")
            << QStringLiteral("tinytuya")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [{"id": 4, "name": "mode", "role": "mode", "type": "enum", "enum": ["a", "b"]}]})")
            << QStringList{QStringLiteral("\"4\": {"), QStringLiteral("\"code\": \"mode\""), QStringLiteral("\"role\": \"mode\"")};
    }
    void exportsAMappingFile()
    {
        QFETCH(QString, to);
        QFETCH(QByteArray, mapping);
        QFETCH(QStringList, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("map.txt"), mapping);
        QVERIFY(!path.isEmpty());
        const CliRun r = runCli({QStringLiteral("export"), QStringLiteral("--to"), to, QStringLiteral("--mapping"), path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const QString& text : expected)
            QVERIFY2(r.out.contains(text), qPrintable(text + QStringLiteral(" missing in:\n") + r.out));
    }

    void exportsACaptureWithoutSidecar()
    {
        QTemporaryDir dir;
        const QString capture = writeFile(dir, QStringLiteral("frames.txt"), kCapture);
        const CliRun r = runCli({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("tinytuya"), capture});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject mapping = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(mapping.keys(), (QStringList{QStringLiteral("1"), QStringLiteral("109")}));
        QCOMPARE(mapping.value(QStringLiteral("1")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("Boolean"));
        QCOMPARE(mapping.value(QStringLiteral("109")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("Integer"));
        // Without a sidecar the roles come from inference when it is confident (dp 1, a bool, is
        // the relay); what stays unknown is listed as a comment, not guessed.
        const CliRun t = runCli({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("tasmota"), capture});
        QCOMPARE(t.exitCode, 0);
        QVERIFY2(t.out.contains(QLatin1String("TuyaMCU 11,1")), qPrintable(t.out));
        QVERIFY2(!t.out.contains(QLatin1String("# dp 1 (role unknown")), qPrintable(t.out));
        QVERIFY2(t.out.contains(QLatin1String("# dp 109 (role unknown, value)")), qPrintable(t.out));
    }

    void exportsACaptureWithItsSidecar()
    {
        QTemporaryDir dir;
        const QString capture = writeFile(dir, QStringLiteral("frames.txt"), kCapture);
        const QString sidecar = writeFile(dir, QStringLiteral("frames.txt.tuyascope.json"),
                                          R"({"format": "tuyascope-sidecar", "version": 1, "dps": {
                                              "1": {"name": "power", "role": "switch"},
                                              "109": {"name": "offset", "scale": 0.1, "unit": "°C", "role": "temperature_current"}}})");
        QVERIFY(!sidecar.isEmpty());
        const CliRun r = runCli({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("openbeken"), capture});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("setChannelType 1 Toggle\nlinkTuyaMCUOutputToChannel 1 bool 1\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("setChannelType 2 Temperature_div10\nlinkTuyaMCUOutputToChannel 109 val 2\n")));
    }

    void badUseIsExplained_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no target") << QStringList{QStringLiteral("export"), QStringLiteral("x.txt")} << 2 << QStringLiteral("--to takes");
        QTest::newRow("unknown target") << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("zigbee"), QStringLiteral("x.txt")}
                                        << 2 << QStringLiteral("--to takes");
        QTest::newRow("nothing to export") << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("tasmota")} << 2
                                           << QStringLiteral("needs --mapping");
        QTest::newRow("missing mapping") << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("tasmota"),
                                                        QStringLiteral("--mapping"), QStringLiteral("/nonexistent/map.json")}
                                         << 1 << QStringLiteral("/nonexistent/map.json");
        QTest::newRow("bad baud") << QStringList{QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("tasmota"),
                                                 QStringLiteral("--baud"), QStringLiteral("fast"), QStringLiteral("x.txt")}
                                  << 2 << QStringLiteral("--baud");
    }
    void badUseIsExplained()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const CliRun r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void aFileThatIsNoMappingIsRejected()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("list.txt"), "milk\neggs; bread\n");
        const CliRun r = runCli({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("esphome"), QStringLiteral("--mapping"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("not a dp mapping in any format")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
