// The dp labels sidecar: JSON round trip, keys of newer versions kept, bad files rejected with a
// reason (and never overwritten), scale and unit applied to value texts, and where the file goes.
#include "dpmap/DpLabels.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tuyascope;

namespace {

DpLabels thermostatLabels()
{
    DpLabels labels;
    DpLabel temperature;
    temperature.name = QStringLiteral("room temperature");
    temperature.scale = 0.1;
    temperature.unit = QStringLiteral("°C");
    temperature.notes = QStringLiteral("random walk in the demo");
    labels.setLabel(QStringLiteral("3"), temperature);
    DpLabel power;
    power.name = QStringLiteral("power");
    labels.setLabel(QStringLiteral("1"), power);
    return labels;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestDpLabels : public QObject {
    Q_OBJECT
private slots:
    void jsonRoundTripKeepsEveryLabel()
    {
        const DpLabels labels = thermostatLabels();
        const QByteArray json = labels.toJson();
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("tuyascope-sidecar"));
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        QString error;
        const std::optional<DpLabels> back = DpLabels::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == labels);
        QCOMPARE(back->label(QStringLiteral("3")).scale, 0.1);
        QCOMPARE(back->label(QStringLiteral("3")).unit, QStringLiteral("°C"));
        QCOMPARE(back->label(QStringLiteral("1")).scale, 1.0);
        QCOMPARE(back->toJson(), json);
    }

    void emptyLabelRemovesTheEntry()
    {
        DpLabels labels = thermostatLabels();
        labels.setLabel(QStringLiteral("1"), DpLabel());
        QCOMPARE(labels.labels().size(), 1);
        QVERIFY(!labels.labels().contains(QStringLiteral("1")));
    }

    void unknownKeysAreKept()
    {
        const QByteArray json = R"({"format": "tuyascope-sidecar", "version": 1, "device": {"id": "bf01"},
            "dps": {"4": {"name": "mode", "role": "enum", "enumLabels": ["program", "manual"]}}})";
        QString error;
        std::optional<DpLabels> labels = DpLabels::fromJson(json, &error);
        QVERIFY2(labels, qPrintable(error));
        DpLabel mode = labels->label(QStringLiteral("4"));
        QCOMPARE(mode.name, QStringLiteral("mode"));
        mode.unit = QStringLiteral("-");
        labels->setLabel(QStringLiteral("4"), mode);
        const QJsonObject root = QJsonDocument::fromJson(labels->toJson()).object();
        QCOMPARE(root.value(QStringLiteral("device")).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("bf01"));
        const QJsonObject entry = root.value(QStringLiteral("dps")).toObject().value(QStringLiteral("4")).toObject();
        QCOMPARE(entry.value(QStringLiteral("role")).toString(), QStringLiteral("enum"));
        QCOMPARE(entry.value(QStringLiteral("enumLabels")).toArray().size(), 2);
        QCOMPARE(entry.value(QStringLiteral("unit")).toString(), QStringLiteral("-"));
    }

    void badInputIsRejectedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{\"format\": ") << QStringLiteral("not JSON");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("top level");
        QTest::newRow("other format") << QByteArray(R"({"format": "x", "version": 1})") << QStringLiteral("format");
        QTest::newRow("no version") << QByteArray(R"({"format": "tuyascope-sidecar"})") << QStringLiteral("version");
        QTest::newRow("fractional version") << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1.5})")
                                            << QStringLiteral("version");
        QTest::newRow("newer version") << QByteArray(R"({"format": "tuyascope-sidecar", "version": 2})")
                                       << QStringLiteral("newer TuyaScope");
        QTest::newRow("dps not object") << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1, "dps": []})")
                                        << QStringLiteral("\"dps\"");
        QTest::newRow("entry not object") << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1, "dps": {"1": 5}})")
                                          << QStringLiteral("dp 1");
        QTest::newRow("name not string")
            << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1, "dps": {"2": {"name": 7}}})") << QStringLiteral("dp 2");
        QTest::newRow("zero scale")
            << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1, "dps": {"3": {"scale": 0}}})") << QStringLiteral("scale");
        QTest::newRow("text scale")
            << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1, "dps": {"3": {"scale": "0.1"}}})") << QStringLiteral("scale");
        QTest::newRow("empty id") << QByteArray(R"({"format": "tuyascope-sidecar", "version": 1, "dps": {"": {}}})")
                                  << QStringLiteral("empty id");
    }

    void badInputIsRejectedWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!DpLabels::fromJson(json, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    void saveAndLoadBesideTheCapture()
    {
        QTemporaryDir dir;
        const QString capture = dir.filePath(QStringLiteral("thermostat.pcapng"));
        const QString path = sidecarPathFor({capture, dir.filePath(QStringLiteral("second.txt"))});
        QCOMPARE(path, capture + QStringLiteral(".tuyascope.json"));
        QString error;
        const std::optional<DpLabels> missing = DpLabels::load(path, &error);
        QVERIFY(missing && missing->isEmpty()); // no sidecar yet: empty, not an error
        const DpLabels labels = thermostatLabels();
        QVERIFY2(labels.save(path, &error), qPrintable(error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary file left
        const std::optional<DpLabels> back = DpLabels::load(path, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == labels);
    }

    void aBrokenSidecarIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("capture.txt.tuyascope.json"));
        const QByteArray broken = "{\"format\": \"tuyascope-sidecar\", \"version\": 1, \"dps\": {\"3\": {\"name\": \"room\"";
        QVERIFY(writeFile(path, broken));
        QString error;
        QVERIFY(!DpLabels::load(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not JSON")), qPrintable(error));
        QVERIFY(!thermostatLabels().save(path, &error));
        QVERIFY2(error.contains(QStringLiteral("not overwriting")), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), broken);
    }

    void sidecarPathForNothingIsEmpty()
    {
        QCOMPARE(sidecarPathFor({}), QString());
        QCOMPARE(sidecarPathFor({QString()}), QString());
        QCOMPARE(sidecarPathFor({QStringLiteral("/tmp/live-1.pcapng")}), QStringLiteral("/tmp/live-1.pcapng.tuyascope.json"));
    }

    void scaleAndUnitApplyToNumericValueTexts_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("scale");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tenths") << QStringLiteral("215") << 0.1 << QStringLiteral("°C") << QStringLiteral("21.5 °C");
        QTest::newRow("negative") << QStringLiteral("-10") << 0.5 << QString() << QStringLiteral("-5");
        QTest::newRow("unit only") << QStringLiteral("150") << 1.0 << QStringLiteral("W") << QStringLiteral("150 W");
        QTest::newRow("untouched") << QStringLiteral("150") << 1.0 << QString() << QStringLiteral("150");
        QTest::newRow("thousandths") << QStringLiteral("2305") << 0.001 << QStringLiteral("kWh") << QStringLiteral("2.305 kWh");
        QTest::newRow("bool stays") << QStringLiteral("true") << 10.0 << QStringLiteral("W") << QStringLiteral("true");
        QTest::newRow("text stays") << QStringLiteral("manual") << 0.1 << QStringLiteral("x") << QStringLiteral("manual");
        QTest::newRow("raw stays") << QStringLiteral("0x01ff") << 0.1 << QStringLiteral("x") << QStringLiteral("0x01ff");
    }

    void scaleAndUnitApplyToNumericValueTexts()
    {
        QFETCH(QString, value);
        QFETCH(double, scale);
        QFETCH(QString, unit);
        QFETCH(QString, expected);
        QCOMPARE(scaledDpValueText(value, scale, unit), expected);
        DpLabels labels;
        labels.setLabel(QStringLiteral("9"), DpLabel{QString(), scale, unit, QString(), {}});
        QCOMPARE(labels.scaledValue(QStringLiteral("9"), value), expected);
        QCOMPARE(labels.scaledValue(QStringLiteral("10"), value), value); // no label: as is
    }
};

QTEST_GUILESS_MAIN(TestDpLabels)
#include "tst_dplabels.moc"
