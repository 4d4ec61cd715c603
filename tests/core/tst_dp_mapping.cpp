// The dp mapping model, its importers (tasmota, openbeken, tinytuya, debugfile) and exporters
// (tasmota, openbeken, esphome, tinytuya): realistic inputs, command grammars, a YAML structure
// check and export -> import round trips.
#include "dpmap/DpMapping.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/MappingExport.h"
#include "dpmap/MappingImport.h"
#include "dpmap/DpLabels.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace tuyascope;

namespace {

DpMapping mappingFrom(const QByteArray& json)
{
    QVector<Diagnostic> notes;
    const std::optional<DpMapping> mapping = DpMapping::fromJson(json, notes);
    if (!mapping || !notes.isEmpty()) {
        for (const Diagnostic& d : notes)
            qWarning("%s", qPrintable(d.message));
        return {};
    }
    return *mapping;
}

QString jsonText(const DpMapping& mapping)
{
    return QString::fromUtf8(QJsonDocument(mapping.toJson()).toJson(QJsonDocument::Compact));
}

QString notesText(const QVector<Diagnostic>& notes)
{
    QStringList lines;
    for (const Diagnostic& d : notes)
        lines << severityName(d.severity) + QStringLiteral(": ") + d.message;
    return lines.join(QLatin1Char('\n'));
}

// What a console format carries: no names, and (Tasmota) no enum labels.
DpMapping withoutNames(DpMapping mapping, bool dropEnumLabels)
{
    for (DpMapEntry& e : mapping.dps) {
        e.name.clear();
        if (dropEnumLabels)
            e.enumLabels.clear();
    }
    mapping.productId.clear();
    return mapping;
}

// A plug with a dimmer and a fan: every role Tasmota has a function for, with Tasmota's scales.
const QByteArray kTasmotaMapping = R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
    {"id": 1, "role": "switch", "type": "bool"},
    {"id": 2, "role": "switch", "type": "bool"},
    {"id": 3, "role": "brightness", "type": "value", "min": 10, "max": 1000},
    {"id": 5, "role": "fan_speed", "type": "enum", "min": 0, "max": 3},
    {"id": 6, "role": "temperature_target", "type": "value"},
    {"id": 102, "role": "current", "type": "value", "scale": 0.001, "unit": "A"},
    {"id": 103, "role": "power", "type": "value", "scale": 0.1, "unit": "W"},
    {"id": 104, "role": "voltage", "type": "value", "scale": 0.1, "unit": "V"}]})";

// An energy meter with sensors: roles OpenBeken has channel types for.
const QByteArray kOpenBekenMapping = R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
    {"id": 1, "role": "switch", "type": "bool"},
    {"id": 2, "role": "brightness", "type": "value", "min": 1, "max": 1000},
    {"id": 4, "role": "mode", "type": "enum", "enum": ["low", "mid", "high"]},
    {"id": 17, "role": "energy", "type": "value", "scale": 0.01, "unit": "kWh"},
    {"id": 18, "role": "current", "type": "value", "scale": 0.001, "unit": "A"},
    {"id": 19, "role": "power", "type": "value", "unit": "W"},
    {"id": 20, "role": "voltage", "type": "value", "scale": 0.1, "unit": "V"},
    {"id": 101, "role": "temperature_current", "type": "value", "scale": 0.1, "unit": "°C"},
    {"id": 102, "role": "humidity", "type": "value", "unit": "%"},
    {"id": 103, "role": "battery_level", "type": "value", "unit": "%"},
    {"id": 104, "role": "contact", "type": "bool"}]})";

// A thermostat as tinytuya would carry it: names (codes), types, ranges, units, enum labels.
const QByteArray kTinytuyaMapping = R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
    {"id": 1, "name": "switch", "role": "switch", "type": "bool"},
    {"id": 2, "name": "temp_set", "role": "temperature_target", "type": "value", "scale": 0.1, "unit": "°C", "min": 50, "max": 350},
    {"id": 3, "name": "temp_current", "role": "temperature_current", "type": "value", "scale": 0.1, "unit": "°C", "min": -200, "max": 800},
    {"id": 4, "name": "mode", "role": "mode", "type": "enum", "enum": ["auto", "manual", "holiday"]},
    {"id": 12, "name": "fault", "role": "fault", "type": "bitmap"},
    {"id": 119, "name": "schedule", "type": "raw"}]})";

struct YamlLine {
    int indent = 0;
    QString text;
};

// A structural check of the small YAML subset the ESPHome exporter writes: spaces only, indents in
// steps of two, every line a `key:`, `key: value` or `- key: value`, no key twice in one block.
// Returns the top-level keys, or an error text.
QString checkYamlSubset(const QString& yaml, QStringList* topLevel)
{
    static const QRegularExpression line(QStringLiteral("^( *)(- )?([A-Za-z_][A-Za-z0-9_]*|\\d+):( .+)?$"));
    int previousIndent = 0;
    QVector<QSet<QString>> keysAtDepth(16);
    const QStringList lines = yaml.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString l = lines.at(i);
        if (l.trimmed().isEmpty() || l.trimmed().startsWith(QLatin1Char('#')))
            continue;
        if (l.contains(QLatin1Char('\t')))
            return QStringLiteral("line %1: tab").arg(i + 1);
        const QRegularExpressionMatch m = line.match(l);
        if (!m.hasMatch())
            return QStringLiteral("line %1: not key: value: %2").arg(i + 1).arg(l);
        const int indent = int(m.capturedLength(1)) + (m.capturedLength(2) ? 2 : 0);
        if (indent % 2 != 0 || indent > previousIndent + 2 + (m.capturedLength(2) ? 2 : 0))
            return QStringLiteral("line %1: bad indentation").arg(i + 1);
        const int depth = indent / 2;
        if (depth >= keysAtDepth.size())
            return QStringLiteral("line %1: too deep").arg(i + 1);
        if (m.capturedLength(2)) // a new list item starts a new block
            for (int d = depth; d < keysAtDepth.size(); ++d)
                keysAtDepth[d].clear();
        for (int d = depth + 1; d < keysAtDepth.size(); ++d)
            keysAtDepth[d].clear();
        if (keysAtDepth[depth].contains(m.captured(3)))
            return QStringLiteral("line %1: key %2 twice").arg(i + 1).arg(m.captured(3));
        keysAtDepth[depth].insert(m.captured(3));
        if (indent == 0)
            *topLevel << m.captured(3);
        previousIndent = indent;
    }
    return {};
}

// PyYAML, when installed, as a second and stricter reader; the document as JSON.
std::optional<QJsonObject> yamlByPython(const QString& yaml)
{
    QProcess p;
    p.start(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral("import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.buffer)))")});
    if (!p.waitForStarted(10000))
        return std::nullopt;
    p.write(yaml.toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(30000);
    if (p.exitCode() != 0 && QString::fromUtf8(p.readAllStandardError()).contains(QLatin1String("No module named")))
        return std::nullopt;
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

} // namespace

class TestDpMapping : public QObject {
    Q_OBJECT

private slots:
    void mappingJsonRoundTrips()
    {
        const DpMapping mapping = mappingFrom(kTinytuyaMapping);
        QCOMPARE(mapping.dps.size(), 6);
        QVector<Diagnostic> notes;
        const std::optional<DpMapping> again = DpMapping::fromJson(QJsonDocument(mapping.toJson()).toJson(), notes);
        QVERIFY(again);
        QCOMPARE(jsonText(*again), jsonText(mapping));
        QVERIFY(*again == mapping);
    }

    void badMappingJsonIsDiagnosed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("readable");
        QTest::addColumn<QString>("note");
        QTest::newRow("not json") << QByteArray("{\"dps\": [") << false << QStringLiteral("not JSON");
        QTest::newRow("other json") << QByteArray("{\"a\": 1}") << false << QStringLiteral("not a dp mapping");
        QTest::newRow("newer") << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 9, "dps": []})") << false
                               << QStringLiteral("newer");
        QTest::newRow("bad id") << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [{"id": 300}, {"id": 2}]})")
                                << true << QStringLiteral("dps[0]");
        QTest::newRow("bad scale") << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [{"id": 2, "scale": 0}]})")
                                   << true << QStringLiteral("scale");
        QTest::newRow("bad type") << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [{"id": 2, "type": "float"}]})")
                                  << true << QStringLiteral("unknown type");
    }
    void badMappingJsonIsDiagnosed()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, readable);
        QFETCH(QString, note);
        QVector<Diagnostic> notes;
        const std::optional<DpMapping> mapping = DpMapping::fromJson(json, notes);
        QCOMPARE(bool(mapping), readable);
        QVERIFY2(notesText(notes).contains(note), qPrintable(notesText(notes)));
        if (mapping)
            QVERIFY(mapping->find(2));
    }

    void sidecarKeepsRolesAndEnumLabels()
    {
        const DpMapping mapping = mappingFrom(kTinytuyaMapping);
        DpLabels labels;
        DpLabel notes;
        notes.notes = QStringLiteral("checked by hand");
        labels.setLabel(QStringLiteral("4"), notes);
        applyMappingToLabels(mapping, labels);
        QString error;
        const std::optional<DpLabels> read = DpLabels::fromJson(labels.toJson(), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->label(QStringLiteral("4")).notes, QStringLiteral("checked by hand"));
        // A mapping that names only roles (Tasmota lines) keeps the names and scales already set.
        DpLabels named = labels;
        DpMapping rolesOnly;
        rolesOnly.entry(4).role = QStringLiteral("fan_speed");
        applyMappingToLabels(rolesOnly, named);
        QCOMPARE(named.label(QStringLiteral("4")).role, QStringLiteral("fan_speed"));
        QCOMPARE(named.label(QStringLiteral("4")).name, labels.label(QStringLiteral("4")).name);
        QCOMPARE(named.label(QStringLiteral("4")).enumLabels, labels.label(QStringLiteral("4")).enumLabels);
        QVERIFY(!named.label(QStringLiteral("4")).name.isEmpty());
        QCOMPARE(read->label(QStringLiteral("4")).enumLabels, (QStringList{QStringLiteral("auto"), QStringLiteral("manual"), QStringLiteral("holiday")}));
        const DpMapping back = mappingFromLabels(*read);
        QCOMPARE(back.dps.size(), mapping.dps.size());
        for (const DpMapEntry& e : mapping.dps) {
            const DpMapEntry* b = back.find(e.id);
            QVERIFY(b);
            QCOMPARE(b->name, e.name);
            QCOMPARE(b->role, e.role);
            QCOMPARE(b->scale, e.scale);
            QCOMPARE(b->unit, e.unit);
            QCOMPARE(b->enumLabels, e.enumLabels);
        }
    }

    void importersReadRealisticInput_data()
    {
        QTest::addColumn<QString>("importer");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("tasmota walkthrough meter (seed 001)")
            << QStringLiteral("tasmota")
            << QByteArray("Backlog TuyaMCU 11,1; TuyaMCU 12,2; TuyaMCU 13,3; TuyaMCU 14,4\n"
                          "backlog tuyamcu 31,103; TuyaMCU 32,0x66; TuyaMCU 33,104; SetOption66 1\n")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
                {"id": 1, "role": "switch", "type": "bool"}, {"id": 2, "role": "switch", "type": "bool"},
                {"id": 3, "role": "switch", "type": "bool"}, {"id": 4, "role": "switch", "type": "bool"},
                {"id": 102, "role": "current", "type": "value", "scale": 0.001, "unit": "A"},
                {"id": 103, "role": "power", "type": "value", "scale": 0.1, "unit": "W"},
                {"id": 104, "role": "voltage", "type": "value", "scale": 0.1, "unit": "V"}]})");
        QTest::newRow("tasmota dimmer")
            << QStringLiteral("tasmota") << QByteArray("TuyaMCU 11,1\nTuyaMCU 21,2\nDimmerRange 10,1000\n")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
                {"id": 1, "role": "switch", "type": "bool"}, {"id": 2, "role": "brightness", "type": "value", "min": 10, "max": 1000}]})");
        QTest::newRow("openbeken ATORCH AT4PW")
            << QStringLiteral("openbeken")
            << QByteArray("// ATORCH AT4PW\nstartDriver TuyaMCU\ntuyaMcu_setBaudRate 115200\n"
                          "setChannelType 1 Toggle\nlinkTuyaMCUOutputToChannel 1 bool 1\n"
                          "linkTuyaMCUOutputToChannel 18 val 2\nsetChannelType 2 Current_div1000\n"
                          "setChannelType 3 Power\nlinkTuyaMCUOutputToChannel 19 val 3\n"
                          "setChannelType 4 Voltage_div10\nlinkTuyaMCUOutputToChannel 20 val 4\n"
                          "setChannelType 5 Frequency_div100\nlinkTuyaMCUOutputToChannel 133 val 5\n")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
                {"id": 1, "role": "switch", "type": "bool"},
                {"id": 18, "role": "current", "type": "value", "scale": 0.001, "unit": "A"},
                {"id": 19, "role": "power", "type": "value", "unit": "W"},
                {"id": 20, "role": "voltage", "type": "value", "scale": 0.1, "unit": "V"},
                {"id": 133, "role": "frequency", "type": "value", "scale": 0.01, "unit": "Hz"}]})");
        QTest::newRow("openbeken fan with enum")
            << QStringLiteral("openbeken")
            << QByteArray("startDriver TuyaMCU\nsetChannelType 1 Enum\nSetChannelEnum 1 0:Low 1:Mid 2:High\n"
                          "linkTuyaMCUOutputToChannel 3 enum 1\nlinkTuyaMCUOutputToChannel 7 2\n")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
                {"id": 3, "role": "mode", "type": "enum", "enum": ["Low", "Mid", "High"]}, {"id": 7, "type": "value"}]})");
        QTest::newRow("tinytuya devices.json")
            << QStringLiteral("tinytuya")
            << QByteArray(R"([{"name": "Plug", "id": "bf0123", "key": "0123456789abcdef", "product_id": "keyabc",
                "mapping": {"1": {"code": "switch_1", "type": "Boolean", "values": {}},
                            "18": {"code": "cur_current", "type": "Integer", "values": {"unit": "mA", "min": 0, "max": 30000, "scale": 0, "step": 1}},
                            "20": {"code": "cur_voltage", "type": "Integer", "values": {"unit": "V", "min": 0, "max": 5000, "scale": 1, "step": 1}},
                            "21": {"code": "relay_status", "type": "Enum", "values": {"range": ["0", "1", "2"]}}}}])")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "product_id": "keyabc", "dps": [
                {"id": 1, "name": "switch_1", "role": "switch", "type": "bool"},
                {"id": 18, "name": "cur_current", "role": "current", "type": "value", "unit": "mA", "min": 0, "max": 30000},
                {"id": 20, "name": "cur_voltage", "role": "voltage", "type": "value", "scale": 0.1, "unit": "V", "min": 0, "max": 5000},
                {"id": 21, "name": "relay_status", "type": "enum", "enum": ["0", "1", "2"]}]})");
        QTest::newRow("debugfile thermostat")
            << QStringLiteral("debugfile")
            << QByteArray(R"({"Pro_Key": "wqkz8uswywmvt6fd", "Dp_Data": [
                {"id": 2, "code": "temp_set", "name": "Set temperature", "mode": "rw",
                 "property": {"type": "value", "min": 50, "max": 350, "step": 5, "scale": 1, "unit": "°C"}},
                {"id": 4, "code": "mode", "name": "Mode", "mode": "rw", "property": {"type": "enum", "range": ["auto", "manual"]}},
                {"id": 1, "code": "switch", "name": "Power", "mode": "rw", "property": {"type": "bool"}}]})")
            << QByteArray(R"({"format": "tuyascope-dp-mapping", "version": 1, "product_id": "wqkz8uswywmvt6fd", "dps": [
                {"id": 1, "name": "switch", "role": "switch", "type": "bool"},
                {"id": 2, "name": "temp_set", "role": "temperature_target", "type": "value", "scale": 0.1, "unit": "°C", "min": 50, "max": 350},
                {"id": 4, "name": "mode", "role": "mode", "type": "enum", "enum": ["auto", "manual"]}]})");
    }
    void importersReadRealisticInput()
    {
        QFETCH(QString, importer);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const MappingImporter* reader = mappingImporterNamed(importer);
        QVERIFY(reader);
        const MappingImport result = reader->read(input);
        QVERIFY2(result.readable && !result.hasErrors(), qPrintable(notesText(result.notes)));
        const DpMapping want = mappingFrom(expected);
        QVERIFY(!want.dps.isEmpty());
        QCOMPARE(jsonText(result.mapping), jsonText(want));
        // Detection picks the same format.
        QString detected;
        const MappingImport any = importMappingAnyFormat(input, &detected);
        QCOMPARE(detected, importer);
    }

    void badLinesBecomeNumberedDiagnostics_data()
    {
        QTest::addColumn<QString>("importer");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("notes");
        QTest::addColumn<int>("dps");
        QTest::newRow("tasmota") << QStringLiteral("tasmota")
                                 << QByteArray("TuyaMCU 11\nTuyaMCU x,y\nBacklog TuyaMCU 11,1; TuyaMCU 55,2\nDimmerRange 9\nTuyaMCU 21,300\n")
                                 << QStringList{QStringLiteral("line 1:"), QStringLiteral("line 2:"), QStringLiteral("line 3: TuyaMCU fnId 55"),
                                                QStringLiteral("line 4:"), QStringLiteral("line 5:")}
                                 << 2;
        QTest::newRow("openbeken") << QStringLiteral("openbeken")
                                   << QByteArray("linkTuyaMCUOutputToChannel abc bool 1\nsetChannelType 1\n"
                                                 "linkTuyaMCUOutputToChannel 6 RAW_TAC2121C_VCP\nSetChannelEnum 2 Low High\n"
                                                 "setChannelType 3 NoSuchType\nlinkTuyaMCUOutputToChannel 9 val 3\n")
                                   << QStringList{QStringLiteral("line 1:"), QStringLiteral("line 2:"), QStringLiteral("line 3:"),
                                                  QStringLiteral("line 4:"), QStringLiteral("line 5:")}
                                   << 2;
    }
    void badLinesBecomeNumberedDiagnostics()
    {
        QFETCH(QString, importer);
        QFETCH(QByteArray, input);
        QFETCH(QStringList, notes);
        QFETCH(int, dps);
        const MappingImport result = mappingImporterNamed(importer)->read(input);
        QVERIFY(result.readable);
        const QString text = notesText(result.notes);
        for (const QString& note : notes)
            QVERIFY2(text.contains(note), qPrintable(note + QStringLiteral(" missing in:\n") + text));
        QCOMPARE(result.mapping.dps.size(), dps);
    }

    void garbageIsNotAMapping_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x55\xAA\x00\x07\xff\xfe\x00", 7);
        QTest::newRow("prose") << QByteArray("this is a shopping list\nmilk; eggs\n");
        QTest::newRow("json array of numbers") << QByteArray("[1, 2, 3]");
    }
    void garbageIsNotAMapping()
    {
        QFETCH(QByteArray, input);
        for (const MappingImporter& importer : mappingImporters()) {
            const MappingImport result = importer.read(input);
            QVERIFY2(!result.readable || result.mapping.dps.isEmpty(), qPrintable(importer.name));
        }
        QString format;
        const MappingImport any = importMappingAnyFormat(input, &format);
        QVERIFY(!any.readable);
        QVERIFY(any.hasErrors());
    }

    void tasmotaLinesFollowTheCommandGrammar()
    {
        const QString text = exportTasmota(mappingFrom(kTasmotaMapping), ExportOptions{115200});
        static const QRegularExpression command(QStringLiteral("^(TuyaMCU \\d{1,2},\\d{1,3}|DimmerRange \\d+,\\d+|SetOption97 1)$"));
        int commands = 0;
        for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QLatin1String("# ")))
                continue;
            QVERIFY2(line.startsWith(QLatin1String("Backlog ")), qPrintable(line));
            const QStringList parts = line.mid(8).split(QStringLiteral("; "));
            QVERIFY(parts.size() <= 30);
            for (const QString& part : parts) {
                QVERIFY2(command.match(part).hasMatch(), qPrintable(part));
                ++commands;
            }
        }
        QCOMPARE(commands, 10); // 8 dps, DimmerRange, SetOption97
        QVERIFY(text.contains(QLatin1String("TuyaMCU 62,5"))); // 4 speeds
        QVERIFY(text.contains(QLatin1String("TuyaMCU 21,3; DimmerRange 10,1000")));
        QVERIFY(!text.contains(QLatin1String("TuyaMCU 11,0")));
    }

    void openBekenLinesFollowTheCommandGrammar()
    {
        const QString text = exportOpenBeken(mappingFrom(kOpenBekenMapping), ExportOptions{});
        const QVector<QRegularExpression> grammar{
            QRegularExpression(QStringLiteral("^startDriver TuyaMCU$")),
            QRegularExpression(QStringLiteral("^tuyaMcu_setBaudRate \\d+$")),
            QRegularExpression(QStringLiteral("^tuyaMcu_setDimmerRange \\d+ \\d+$")),
            QRegularExpression(QStringLiteral("^setChannelType \\d+ [A-Z][A-Za-z0-9_]+$")),
            QRegularExpression(QStringLiteral("^SetChannelEnum \\d+( \\d+:\\S+)+$")),
            QRegularExpression(QStringLiteral("^linkTuyaMCUOutputToChannel \\d{1,3} (bool|val|str|enum|raw) \\d+$")),
            QRegularExpression(QStringLiteral("^// .*$")),
        };
        int links = 0;
        for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            bool matched = false;
            for (const QRegularExpression& rule : grammar)
                matched = matched || rule.match(line).hasMatch();
            QVERIFY2(matched, qPrintable(line));
            links += line.startsWith(QLatin1String("linkTuyaMCUOutputToChannel")) ? 1 : 0;
        }
        QCOMPARE(links, 11);
        QVERIFY(text.contains(QLatin1String("setChannelType 4 EnergyTotal_kWh_div100\nlinkTuyaMCUOutputToChannel 17 val 4")));
        QVERIFY(text.contains(QLatin1String("tuyaMcu_setDimmerRange 1 1000")));
    }

    void esphomeYamlParses()
    {
        DpMapping mapping = mappingFrom(kOpenBekenMapping);
        for (const DpMapEntry& e : mappingFrom(kTinytuyaMapping).dps) // the thermostat's dps 1-4 replace the meter's
            mapping.entry(e.id) = e;
        DpMapEntry& dimmer = mapping.entry(5);
        dimmer.role = QStringLiteral("brightness");
        dimmer.min = 10;
        dimmer.max = 1000;
        const QString yaml = exportEsphome(mapping, ExportOptions{});
        QStringList topLevel;
        const QString problem = checkYamlSubset(yaml, &topLevel);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + yaml));
        for (const char* key : {"uart", "tuya", "switch", "sensor", "select", "climate", "light", "binary_sensor"})
            QVERIFY2(topLevel.contains(QLatin1String(key)), key);
        QVERIFY(yaml.contains(QLatin1String("  - platform: tuya\n    name: \"voltage (dp 20)\"\n    sensor_datapoint: 20\n")));
        QVERIFY(yaml.contains(QLatin1String("      - multiply: 0.1\n")));
        QVERIFY(yaml.contains(QLatin1String("    dimmer_datapoint: 5\n    min_value: 10\n    max_value: 1000\n")));
        QVERIFY(yaml.contains(QLatin1String("    target_temperature_datapoint: 2\n    current_temperature_datapoint: 3\n    temperature_multiplier: 0.1\n")));
        QVERIFY(yaml.contains(QLatin1String("# dp 12 (fault")));
        QVERIFY(yaml.contains(QLatin1String("# dp 119 (role unknown")));

        const std::optional<QJsonObject> parsed = yamlByPython(yaml);
        if (!parsed) { // the structural check above stands alone
            qWarning("PyYAML is not installed (packaging/install-deps.sh installs python3-yaml): ESPHome YAML not parsed");
            return;
        }
        QVERIFY2(!parsed->isEmpty(), "PyYAML did not read the document");
        QCOMPARE(parsed->value(QStringLiteral("uart")).toObject().value(QStringLiteral("baud_rate")).toInt(), 9600);
        QVERIFY(parsed->contains(QStringLiteral("tuya")));
        QSet<int> datapoints;
        for (const QString& platform : parsed->keys()) {
            if (!parsed->value(platform).isArray())
                continue;
            for (const QJsonValue& entity : parsed->value(platform).toArray()) {
                const QJsonObject o = entity.toObject();
                QCOMPARE(o.value(QStringLiteral("platform")).toString(), QStringLiteral("tuya"));
                for (const QString& key : o.keys())
                    if (key.endsWith(QLatin1String("_datapoint")))
                        datapoints.insert(o.value(key).toInt());
            }
        }
        QCOMPARE(datapoints, (QSet<int>{1, 2, 3, 4, 5, 17, 18, 19, 20, 101, 102, 103, 104}));
        const QJsonArray selects = parsed->value(QStringLiteral("select")).toArray();
        QCOMPARE(selects.first().toObject().value(QStringLiteral("options")).toObject().value(QStringLiteral("2")).toString(), QStringLiteral("holiday"));
    }

    void rolesWithoutATargetAreComments_data()
    {
        QTest::addColumn<QString>("exporter");
        QTest::addColumn<QString>("marker");
        QTest::newRow("tasmota") << QStringLiteral("tasmota") << QStringLiteral("# dp");
        QTest::newRow("openbeken") << QStringLiteral("openbeken") << QStringLiteral("// dp");
        QTest::newRow("esphome") << QStringLiteral("esphome") << QStringLiteral("# dp");
    }
    void rolesWithoutATargetAreComments()
    {
        QFETCH(QString, exporter);
        QFETCH(QString, marker);
        const DpMapping mapping = mappingFrom(R"({"format": "tuyascope-dp-mapping", "version": 1, "dps": [
            {"id": 1, "role": "switch", "type": "bool"}, {"id": 9, "role": "countdown_of_doom", "type": "value"},
            {"id": 77, "type": "raw"}]})");
        const QString text = mappingExporterNamed(exporter)->write(mapping, ExportOptions{});
        QVERIFY2(text.contains(marker + QStringLiteral(" 9 (countdown_of_doom")), qPrintable(text));
        QVERIFY2(text.contains(marker + QStringLiteral(" 77 (role unknown")), qPrintable(text));
    }

    // What a capture suggests for export: the engine's types, the user's labels on top, confident
    // inferred roles for the rest, the observed range of a brightness dp, the product id.
    void mappingForCaptureLayersLabelsOverInference()
    {
        dpmap::DpEngine engine;
        engine.setProductId(QStringLiteral("abcd1234efgh5678"));
        int item = 0;
        const auto unit = [&](quint8 id, quint8 type, QByteArray value, bool written) {
            dpmap::DpObservation o;
            o.timeUs = 1'000'000LL * ++item;
            o.item = item;
            o.id = id;
            o.type = type;
            o.value = value;
            o.written = written;
            engine.add(o);
        };
        const auto be32 = [](qint32 v) {
            QByteArray b(4, '\0');
            for (int i = 0; i < 4; ++i)
                b[i] = char(quint32(v) >> (24 - 8 * i));
            return b;
        };
        // dp 1: a relay the module switches and the MCU echoes; dp 2: brightness 10..1000 written
        // and echoed; dp 7: bool then value (mixed).
        for (int i = 0; i < 4; ++i) {
            unit(1, 1, QByteArray(1, char(i % 2)), true);
            unit(1, 1, QByteArray(1, char(i % 2)), false);
            unit(2, 2, be32(10 + 330 * i), true);
            unit(2, 2, be32(10 + 330 * i), false);
        }
        unit(7, 1, QByteArray(1, '\1'), false);
        unit(7, 2, be32(5), false);

        DpLabels labels;
        DpLabel relay;
        relay.name = QStringLiteral("light");
        relay.role = QStringLiteral("switch_inverted");
        labels.setLabel(QStringLiteral("1"), relay);
        DpLabel only;
        only.name = QStringLiteral("never seen");
        labels.setLabel(QStringLiteral("42"), only);

        const DpMapping m = mappingForCapture(engine, labels);
        QCOMPARE(m.productId, QStringLiteral("abcd1234efgh5678"));
        QVERIFY(m.find(1) && m.find(2) && m.find(7) && m.find(42));
        QCOMPARE(m.find(1)->role, QStringLiteral("switch_inverted")); // the user's decision stands
        QCOMPARE(m.find(1)->name, QStringLiteral("light"));
        QCOMPARE(m.find(1)->kind, keys::DpKind::Bool);
        QCOMPARE(m.find(7)->kind, keys::DpKind::Unknown);             // seen with two types
        QCOMPARE(m.find(42)->name, QStringLiteral("never seen"));     // labelled, not in the capture
        const dpmap::InferenceResult inferred = dpmap::inferRoles(engine);
        const dpmap::RoleHypothesis* best = inferred.find(2)->best();
        QVERIFY(best && best->confidence >= kMinConfidenceForMapping);
        QCOMPARE(best->role, QStringLiteral("brightness")); // written, echoed, 10..1000
        QCOMPARE(m.find(2)->role, QStringLiteral("brightness"));
        QCOMPARE(m.find(2)->min, std::optional<qint64>(10));
        QCOMPARE(m.find(2)->max, std::optional<qint64>(1000));
        QVERIFY2(exportTasmota(m, {}).contains(QStringLiteral("DimmerRange 10,1000")), qPrintable(exportTasmota(m, {})));
        // A role the user gives that is not brightness gets no range.
        DpLabel level;
        level.role = QStringLiteral("temperature_target");
        labels.setLabel(QStringLiteral("2"), level);
        const DpMapping relabelled = mappingForCapture(engine, labels);
        QCOMPARE(relabelled.find(2)->role, QStringLiteral("temperature_target"));
        QVERIFY(!relabelled.find(2)->min && !relabelled.find(2)->max);
    }

    void exportThenImportGivesTheSameMapping_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("mapping");
        QTest::addColumn<bool>("keepsNames");
        QTest::addColumn<bool>("keepsEnumLabels");
        QTest::newRow("tasmota") << QStringLiteral("tasmota") << kTasmotaMapping << false << false;
        QTest::newRow("openbeken") << QStringLiteral("openbeken") << kOpenBekenMapping << false << true;
        QTest::newRow("tinytuya") << QStringLiteral("tinytuya") << kTinytuyaMapping << true << true;
    }
    void exportThenImportGivesTheSameMapping()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, mapping);
        QFETCH(bool, keepsNames);
        QFETCH(bool, keepsEnumLabels);
        const DpMapping original = mappingFrom(mapping);
        QVERIFY(!original.dps.isEmpty());
        const QString text = mappingExporterNamed(format)->write(original, ExportOptions{});
        const MappingImport back = mappingImporterNamed(format)->read(text.toUtf8());
        QVERIFY2(back.readable && !back.hasErrors(), qPrintable(notesText(back.notes)));
        const DpMapping expected = keepsNames ? original : withoutNames(original, !keepsEnumLabels);
        QCOMPARE(jsonText(back.mapping), jsonText(expected));
    }
};

QTEST_GUILESS_MAIN(TestDpMapping)
#include "tst_dp_mapping.moc"
