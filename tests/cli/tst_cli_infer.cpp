// `tuyascope-cli dps --infer`: the JSON contract per dp ({id, type, roles: [{role, confidence,
// reason, scale, unit}]}) on seed 001's power-metering log, the text form, and bad usage; and a dp
// that changes type, flagged by `dps` and `dps --infer`.

#include "support/CliRun.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tuyascope;

namespace {

QString seed001()
{
    return test::sharedPath(QStringLiteral("seeds/001_36c5a254ea5fcf82.txt"));
}

QJsonObject dpRow(const QJsonArray& rows, int id)
{
    for (const QJsonValue& row : rows) {
        if (row.toObject().value(QStringLiteral("id")).toInt() == id)
            return row.toObject();
    }
    return {};
}

// Frames as a hex-lines capture file in `dir`; "" when it cannot be written.
QString writeHexLines(const QTemporaryDir& dir, const QString& name, const QList<QByteArray>& frames)
{
    QByteArray text;
    for (const QByteArray& frame : frames)
        text += frame.toHex(' ').toUpper() + '\n';
    const QString path = dir.filePath(name);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() ? path : QString();
}

} // namespace

class TestCliInfer : public QObject {
    Q_OBJECT
private slots:
    void jsonNamesTheEnergyTrio_data()
    {
        QTest::addColumn<int>("dp");
        QTest::addColumn<QString>("role");
        QTest::addColumn<double>("scale");
        QTest::addColumn<QString>("unit");
        QTest::newRow("voltage") << 104 << "voltage" << 0.1 << "V";
        QTest::newRow("power") << 103 << "power" << 0.1 << "W";
        QTest::newRow("current") << 102 << "current" << 0.001 << "A";
    }

    void jsonNamesTheEnergyTrio()
    {
        QFETCH(int, dp);
        QFETCH(QString, role);
        QFETCH(double, scale);
        QFETCH(QString, unit);
        const test::CliRun run = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), QStringLiteral("--format"),
                                               QStringLiteral("json"), seed001()});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isObject());
        const QJsonArray rows = doc.object().value(QStringLiteral("dps")).toArray();
        QVERIFY(doc.object().value(QStringLiteral("models")).isArray()); // the matched device models
        QVERIFY(!rows.isEmpty());
        for (const QJsonValue& row : rows) {
            const QJsonObject o = row.toObject();
            QVERIFY(o.contains(QStringLiteral("id")) && o.contains(QStringLiteral("type")) && o.value(QStringLiteral("roles")).isArray());
            for (const QJsonValue& h : o.value(QStringLiteral("roles")).toArray()) {
                const QJsonObject r = h.toObject();
                for (const char* key : {"role", "confidence", "reason", "scale", "unit"})
                    QVERIFY2(r.contains(QLatin1String(key)), key);
                const double c = r.value(QStringLiteral("confidence")).toDouble();
                QVERIFY(c > 0 && c <= 1);
            }
        }
        const QJsonObject row = dpRow(rows, dp);
        QCOMPARE(row.value(QStringLiteral("type")).toString(), QStringLiteral("value"));
        const QJsonObject best = row.value(QStringLiteral("roles")).toArray().at(0).toObject();
        QCOMPARE(best.value(QStringLiteral("role")).toString(), role);
        QCOMPARE(best.value(QStringLiteral("scale")).toDouble(), scale);
        QCOMPARE(best.value(QStringLiteral("unit")).toString(), unit);
        QVERIFY2(best.value(QStringLiteral("reason")).toString().contains(QStringLiteral("V x I")),
                 qPrintable(best.value(QStringLiteral("reason")).toString()));
    }

    void textReportsTheConsistencyCheck()
    {
        const test::CliRun run = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), seed001()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("dp 104 (value)")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("-- energy: V x I")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("(consistent)")), qPrintable(run.out));
    }

    void csvIsRefusedWithInfer()
    {
        const test::CliRun run = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), QStringLiteral("--format"),
                                               QStringLiteral("csv"), seed001()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("text or json")));
        QVERIFY(run.out.isEmpty());
    }

    void aTypeChangeIsADiagnostic()
    {
        // MCU reports (version 0x03): dp 5 as an enum, then as a value; dp 1 stays a bool.
        const QList<QByteArray> frames{mcu::encodeFrame(0x03, 0x07, QByteArray::fromHex("0504000100")),
                                       mcu::encodeFrame(0x03, 0x07, QByteArray::fromHex("050200040000000A")),
                                       mcu::encodeFrame(0x03, 0x07, QByteArray::fromHex("0101000101"))};
        QTemporaryDir dir;
        const QString path = writeHexLines(dir, QStringLiteral("type-change.txt"), frames);
        QVERIFY(!path.isEmpty());

        const test::CliRun table = test::runCli({QStringLiteral("dps"), path});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QStringLiteral("#1 warning DP_TYPE_CHANGED: dp 5 changed type from enum to value")), qPrintable(table.out));
        QCOMPARE(table.out.count(QStringLiteral("DP_TYPE_CHANGED")), 1);

        const test::CliRun json = test::runCli({QStringLiteral("dps"), QStringLiteral("--format"), QStringLiteral("json"), path});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
        const QJsonArray dp5 = dpRow(rows, 5).value(QStringLiteral("diagnostics")).toArray();
        QCOMPARE(dp5.size(), 1);
        QCOMPARE(dp5.first().toObject().value(QStringLiteral("code")).toString(), QStringLiteral("DP_TYPE_CHANGED"));
        QCOMPARE(dp5.first().toObject().value(QStringLiteral("index")).toInt(), 1);
        QVERIFY(dpRow(rows, 5).value(QStringLiteral("mixed_types")).toBool());
        QVERIFY(dpRow(rows, 1).value(QStringLiteral("diagnostics")).toArray().isEmpty());

        const test::CliRun infer = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), path});
        QVERIFY2(infer.out.contains(QStringLiteral("note: dp 5 changed type from enum to value")), qPrintable(infer.out));
    }

    // Raising the set-point (module write of dp 2) and the MCU's report turning dp 102 on.
    void writeEffectsArePrinted()
    {
        const QList<QByteArray> frames{mcu::encodeFrame(0x03, 0x07, mcu::encodeValueDp(2, 200) + mcu::encodeBoolDp(102, false)),
                                       mcu::encodeFrame(0x00, 0x06, mcu::encodeValueDp(2, 250)),
                                       mcu::encodeFrame(0x03, 0x07, mcu::encodeValueDp(2, 250) + mcu::encodeBoolDp(102, true))};
        QTemporaryDir dir;
        const QString path = writeHexLines(dir, QStringLiteral("setpoint.txt"), frames);
        QVERIFY(!path.isEmpty());
        const test::CliRun run = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), path});
        QCOMPARE(run.exitCode, 0);
        const QString dp102 = run.out.mid(run.out.indexOf(QStringLiteral("dp 102 (bool)")));
        QVERIFY2(dp102.contains(QStringLiteral("changed after writes of dp 2 (1 of 1)")), qPrintable(run.out));
        const test::CliRun json = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), QStringLiteral("--format"),
                                                QStringLiteral("json"), path});
        const QJsonArray after = dpRow(QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("dps")).toArray(), 102)
                                     .value(QStringLiteral("changes_after_writes_of")).toArray();
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().toObject().value(QStringLiteral("dp")).toInt(), 2);
        QCOMPARE(after.first().toObject().value(QStringLiteral("count")).toInt(), 1);
    }

    // The TYWE3S door-sensor files hold the handshake only: no dp, but the product id is known.
    void handshakeOnlyCaptureNamesItsProduct()
    {
        const QString real = QStringLiteral("captures/tuyamcu-real/");
        const test::CliRun run = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"),
                                               test::sharedPath(real + QStringLiteral("doorsensor_tywe3s_rxpin_onDoorOpen_hex.txt")),
                                               test::sharedPath(real + QStringLiteral("doorsensor_tywe3s_txpin_doorOpen_hex.txt"))});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("-- category prior: product id 3slpirlnlqp0bqo1 is a known sensor")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("-- no dp unit in these files")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QStringLiteral("\ndp ")), qPrintable(run.out));
    }

    void missingFileFails()
    {
        const test::CliRun run = test::runCli({QStringLiteral("dps"), QStringLiteral("--infer"), QStringLiteral("/nonexistent/x.bin")});
        QCOMPARE(run.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliInfer)
#include "tst_cli_infer.moc"
