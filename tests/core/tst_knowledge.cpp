// The device knowledge base (core/knowledge) and what role inference draws from it: the shipped
// resource loads with the figures of the descriptions it was built from, a missing or damaged one
// is a diagnostic, product ids identify models, signatures rank them, and the issue's real
// devices get their roles with the evidence named.
#include "capture/Capture.h"
#include "dpmap/DpEngine.h"
#include "dpmap/DpTypeCodes.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/MappingExport.h"
#include "dptable/DpLabels.h"
#include "dpmap/ModelMatching.h"
#include "dpmap/RoleInference.h"
#include "import/CaptureLoader.h"
#include "knowledge/DeviceKnowledge.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuSession.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tuyascope;
using namespace tuyascope::dpmap;
using knowledge::DeviceKnowledge;
using knowledge::KnownModel;

namespace {

QByteArray be32(qint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((quint32(v) >> (24 - 8 * i)) & 0xFF);
    return b;
}

void report(DpEngine& e, quint8 id, quint8 type, const QByteArray& value, int item, bool written = false)
{
    DpObservation o;
    o.id = id;
    o.type = type;
    o.value = value;
    o.item = item;
    o.timeUs = qint64(item) * 1'000'000;
    o.written = written;
    e.add(o);
}

InferenceResult inferFiles(const QStringList& paths)
{
    const LoadResult loaded = loadCaptureFiles(paths);
    if (!loaded.ok)
        return {};
    return inferRoles(DpEngine::fromSession(mcu::McuSession::analyze(loaded.capture)));
}

QString bestRole(const InferenceResult& r, int dp)
{
    const DpRoles* roles = r.find(quint8(dp));
    return roles && roles->best() ? roles->best()->role : QString();
}

bool hasSource(const InferenceResult& r, int dp, EvidenceSource source)
{
    const DpRoles* roles = r.find(quint8(dp));
    return roles && roles->best() && roles->best()->hasSource(source);
}

} // namespace

class TestKnowledge : public QObject {
    Q_OBJECT

private slots:
    void bundledResourceHoldsTheDescriptions()
    {
        const DeviceKnowledge& kb = DeviceKnowledge::bundled();
        QVERIFY2(kb.problems().isEmpty(), qPrintable(kb.problems().isEmpty() ? QString() : kb.problems().first().message));
        QVERIFY(kb.isLoaded());
        QCOMPARE(kb.models().size(), 1709);
        QVERIFY2(kb.productCount() >= 1880, qPrintable(QString::number(kb.productCount())));
        QVERIFY2(kb.dpCount() > 20000, qPrintable(QString::number(kb.dpCount())));
        for (const KnownModel& m : kb.models()) {
            QVERIFY(!m.key.isEmpty());
            QVERIFY(!m.dps.isEmpty());
            for (int i = 1; i < m.dps.size(); ++i)
                QVERIFY(m.dps[i - 1].id < m.dps[i].id); // sorted, one entry per dp
        }
        QVERIFY(DeviceKnowledge::licenseNotice().contains(QStringLiteral("MIT")));
        QVERIFY(DeviceKnowledge::licenseNotice().contains(QStringLiteral("Permission is hereby granted")));
    }

    void modelFactsCarryOver()
    {
        const DeviceKnowledge& kb = DeviceKnowledge::bundled();
        const KnownModel* thermostat = kb.byKey(QStringLiteral("nashone_mts700wb_thermostat"));
        QVERIFY(thermostat);
        QCOMPARE(thermostat->displayName(), QStringLiteral("Thermostat — Nashone MTS-700-WB"));
        QCOMPARE(thermostat->category, QStringLiteral("climate"));
        QCOMPARE(thermostat->find(16)->role, QStringLiteral("temperature_target"));
        QCOMPARE(*thermostat->find(16)->min, qint64(-20));
        QCOMPARE(*thermostat->find(16)->max, qint64(105));
        QCOMPARE(thermostat->find(17)->role, QStringLiteral("temperature_target")); // temp_f
        QCOMPARE(thermostat->find(24)->role, QStringLiteral("temperature_current"));
        QCOMPARE(thermostat->find(24)->name, QStringLiteral("current_temperature"));
        QCOMPARE(thermostat->find(42)->unit, QStringLiteral("s"));
        QVERIFY(thermostat->find(42)->readOnly);
        QVERIFY(!thermostat->find(16)->readOnly);

        const KnownModel* plug = kb.byKey(QStringLiteral("smartplugv1"));
        QVERIFY(plug);
        QCOMPARE(plug->find(1)->role, QStringLiteral("switch"));
        QCOMPARE(int(plug->find(1)->type), int(kBool));
        QCOMPARE(plug->find(4)->role, QStringLiteral("current"));
        QCOMPARE(plug->find(4)->unit, QStringLiteral("A")); // mA in the description
        QCOMPARE(plug->find(4)->scale, 0.001);
        QCOMPARE(plug->find(5)->role, QStringLiteral("power"));
        QCOMPARE(plug->find(5)->scale, 0.1);
        QCOMPARE(plug->find(6)->role, QStringLiteral("voltage"));
        QCOMPARE(plug->find(6)->scale, 0.1);
        QVERIFY(plug->find(7)->optional);
    }

    // The issue's fact: every model whose dps 18, 19 and 20 are all electrical has 18 = current,
    // 19 = power, 20 = voltage.
    void electricalTrioLayout()
    {
        int models = 0, agreeing = 0, tenths = 0;
        const QStringList electrical{QStringLiteral("current"), QStringLiteral("power"), QStringLiteral("voltage"), QStringLiteral("energy")};
        for (const KnownModel& m : DeviceKnowledge::bundled().models()) {
            const auto* a = m.find(18);
            const auto* b = m.find(19);
            const auto* c = m.find(20);
            if (!a || !b || !c || !electrical.contains(a->role) || !electrical.contains(b->role) || !electrical.contains(c->role))
                continue;
            ++models;
            if (a->role == QLatin1String("current") && b->role == QLatin1String("power") && c->role == QLatin1String("voltage"))
                ++agreeing;
            if (b->scale == 0.1 && c->scale == 0.1)
                ++tenths;
        }
        QCOMPARE(models, 35);
        QCOMPARE(agreeing, 35);
        QCOMPARE(tenths, 28);
    }

    void productIdsIdentifyModels()
    {
        const DeviceKnowledge& kb = DeviceKnowledge::bundled();
        const KnownModel* clamp = kb.byProductId(QStringLiteral("djfep9s6s3b2qk89"));
        QVERIFY(clamp);
        QCOMPARE(clamp->key, QStringLiteral("pj1103_clamp_meter"));
        QCOMPARE(kb.byProductId(QStringLiteral("DJFEP9S6S3B2QK89")), clamp); // MCUs answer in either case
        QVERIFY(!kb.byProductId(QStringLiteral("nosuchproduct000")));
        QVERIFY(!kb.byProductId(QString()));
    }

    void aMissingOrDamagedResourceIsADiagnostic_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("models");
        QTest::newRow("not json") << QByteArray("{\"format\": \"tuyascope-device-knowledge\", \"models\": [") << "KB_DAMAGED" << 0;
        QTest::newRow("other format") << QByteArray(R"({"format":"something","models":[]})") << "KB_DAMAGED" << 0;
        QTest::newRow("no models") << QByteArray(R"({"format":"tuyascope-device-knowledge","models":[]})") << "KB_DAMAGED" << 0;
        QTest::newRow("bad entries left out")
            << QByteArray(R"({"format":"tuyascope-device-knowledge","models":[
                 {"key":"a","name":"A","dps":[{"id":1,"type":1,"role":"switch"},{"id":999,"type":1},{"id":2,"type":9}]},
                 {"name":"no key","dps":[{"id":1,"type":1}]}]})")
            << "KB_DAMAGED" << 1;
        QTest::newRow("empty") << QByteArray() << "KB_DAMAGED" << 0;
    }

    void aMissingOrDamagedResourceIsADiagnostic()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        QFETCH(int, models);
        const DeviceKnowledge kb = DeviceKnowledge::fromJson(json, QStringLiteral("test.json"));
        QCOMPARE(kb.models().size(), models);
        QCOMPARE(kb.isLoaded(), models > 0);
        QCOMPARE(kb.problems().size(), 1);
        QCOMPARE(kb.problems().first().code, code);
        QVERIFY(kb.problems().first().message.contains(QStringLiteral("test.json")));
        if (models == 1)
            QCOMPARE(kb.models().first().dps.size(), 1);

        const DeviceKnowledge missing = DeviceKnowledge::fromFile(QStringLiteral("/nonexistent/kb.json"));
        QVERIFY(!missing.isLoaded());
        QCOMPARE(missing.problems().first().code, QStringLiteral("KB_MISSING"));
        // Inference runs on without it: values alone still give roles.
        DpEngine e;
        report(e, 1, kBool, QByteArray(1, '\1'), 0, true);
        report(e, 1, kBool, QByteArray(1, '\1'), 1);
        InferenceOptions options;
        options.knowledge = &missing;
        const InferenceResult r = inferRoles(e, options);
        QVERIFY(r.models.isEmpty());
        QCOMPARE(bestRole(r, 1), QStringLiteral("switch"));
    }

    // A wall thermostat the tests had not seen (issue 13): set-point 28 °C on dp 16, the same in
    // °F (82) on dp 17, room temperature on dp 24.
    void wallThermostatByItsSignature()
    {
        const InferenceResult r = inferFiles({test::sharedPath(QStringLiteral("captures/tuyamcu-real/MTS-700-WB-TuyaMCU-capture.txt"))});
        QVERIFY(!r.models.isEmpty());
        QCOMPARE(r.models.first().model->key, QStringLiteral("nashone_mts700wb_thermostat"));
        QVERIFY(!r.models.first().byProductId);
        QVERIFY(r.models.first().agree.contains(16));
        QCOMPARE(bestRole(r, 16), QStringLiteral("temperature_target"));
        QCOMPARE(bestRole(r, 17), QStringLiteral("temperature_target"));
        QCOMPARE(r.find(17)->best()->unit, QStringLiteral("°F"));
        QCOMPARE(bestRole(r, 24), QStringLiteral("temperature_current"));
        QCOMPARE(bestRole(r, 29), QStringLiteral("temperature_current"));
        QCOMPARE(bestRole(r, 23), QStringLiteral("temperature_unit"));
        QCOMPARE(r.find(24)->knownName, QStringLiteral("current_temperature"));
        // Evidence from several sources, each named.
        QVERIFY(hasSource(r, 16, EvidenceSource::KnowledgeBase));
        QVERIFY(hasSource(r, 16, EvidenceSource::Physics));
        // One °C/°F twin per dp: 16 with 17, 24 with 29.
        QCOMPARE(r.temperaturePairs.size(), 2);
        for (const TemperaturePair& pair : r.temperaturePairs)
            QVERIFY((pair.celsiusDp == 16 && pair.fahrenheitDp == 17) || (pair.celsiusDp == 24 && pair.fahrenheitDp == 29));
    }

    // The energy clamp names itself (product id in the 0x01 answer): current and power where
    // the model has them, and the product id's match is exact.
    void clampIdentifiedByProductId()
    {
        const QString base = QStringLiteral("captures/tuyamcu-real/PJ-MGW1103_clamp_bulb_20W-0.083A-240V_");
        const InferenceResult r = inferFiles({test::sharedPath(base + QStringLiteral("rx.bin")), test::sharedPath(base + QStringLiteral("tx.bin"))});
        QVERIFY(!r.models.isEmpty());
        QVERIFY(r.models.first().byProductId);
        QCOMPARE(r.models.first().score, 1.0);
        QCOMPARE(r.models.first().model->key, QStringLiteral("pj1103_clamp_meter"));
        QCOMPARE(bestRole(r, 18), QStringLiteral("current"));
        QCOMPARE(bestRole(r, 19), QStringLiteral("power"));
        QCOMPARE(bestRole(r, 20), QStringLiteral("voltage"));
        QCOMPARE(r.find(19)->best()->scale, 0.1);
    }

    // V x I ~= P multiplies samples of one report, never maxima of different moments; a check
    // that disagrees with a strong product-id prior does not override it.
    void energyCheckUsesAlignedSamples()
    {
        DpEngine e;
        e.setProductId(QStringLiteral("djfep9s6s3b2qk89")); // the clamp: 18 current, 19 power, 20 voltage
        // Load on, then off: the maxima (2400 dV, 2000 mA, 480 dW) were never reported together.
        report(e, 20, kValue, be32(2400), 1);
        report(e, 18, kValue, be32(2000), 1);
        report(e, 19, kValue, be32(4800), 1); // 240 V x 2 A = 480 W
        report(e, 20, kValue, be32(2300), 2);
        report(e, 18, kValue, be32(0), 2);
        report(e, 19, kValue, be32(0), 2);
        report(e, 20, kValue, be32(2310), 3);
        report(e, 18, kValue, be32(500), 3);
        report(e, 19, kValue, be32(1155), 3); // 231 V x 0.5 A = 115.5 W
        const InferenceResult r = inferRoles(e);
        QVERIFY(r.energy.found);
        QVERIFY2(r.energy.consistent, qPrintable(r.energy.text));
        QCOMPARE(int(r.energy.currentDp), 18);
        QCOMPARE(int(r.energy.powerDp), 19);
        QCOMPARE(bestRole(r, 18), QStringLiteral("current"));
        QCOMPARE(bestRole(r, 19), QStringLiteral("power"));
        QVERIFY(hasSource(r, 19, EvidenceSource::Physics));
        QVERIFY(hasSource(r, 19, EvidenceSource::KnowledgeBase));
    }

    // The DP-cache request (low-power 0x10) names dps without values: no measurement role.
    void dpCacheRequestIsNoMeasurement()
    {
        Capture capture;
        const int channel = capture.addChannel({});
        const auto frame = [&](qint64 t, Direction d, quint8 cmd, const QByteArray& data) {
            const QByteArray bytes = mcu::encodeFrame(0x00, cmd, data);
            capture.append(t, d, channel, bytes);
        };
        frame(1000, Direction::ModuleToMcu, 0x02, QByteArray(1, '\4'));
        frame(2000, Direction::McuToModule, 0x02, QByteArray());
        frame(3000, Direction::McuToModule, 0x10, QByteArray::fromHex("021112")); // asks for dps 17 and 18
        frame(4000, Direction::ModuleToMcu, 0x10, QByteArray::fromHex("0100"));
        frame(5000, Direction::McuToModule, 0x05, QByteArray::fromHex("0304000100") + QByteArray::fromHex("0102000400000057"));
        const mcu::McuSession session = mcu::McuSession::analyze(capture);
        QCOMPARE(int(session.item(2).family), int(mcu::Family::LowPower));
        const DpEngine engine = DpEngine::fromSession(session);
        QVERIFY(engine.lowPower());
        QCOMPARE(engine.requestedOnly(), (QVector<quint8>{17, 18}));
        const InferenceResult r = inferRoles(engine);
        for (const quint8 id : {quint8(17), quint8(18)}) {
            const DpRoles* dp = r.find(id);
            QVERIFY(dp);
            QVERIFY(dp->requestOnly);
            QVERIFY(dp->roles.isEmpty());
        }
        QVERIFY(r.find(1) && !r.find(1)->requestOnly);
        // No model is matched on requested dps: only dps 1 and 3 count.
        for (const ModelMatch& m : r.models)
            QVERIFY(!m.agree.contains(17) && !m.lacking.contains(17));
    }

    void leaveOneOutHidesTheModel()
    {
        const DeviceKnowledge& kb = DeviceKnowledge::bundled();
        const KnownModel* thermostat = kb.byKey(QStringLiteral("nashone_mts700wb_thermostat"));
        QVERIFY(thermostat);
        DpEngine e;
        int item = 0;
        for (const auto& known : thermostat->dps)
            if (known.type == kValue || known.type == kBool)
                report(e, known.id, known.type, known.type == kBool ? QByteArray(1, '\1') : be32(qint32(known.min.value_or(0))), ++item);
        MatchOptions options;
        QCOMPARE(matchModels(e, kb, QString(), options).first().model, thermostat);
        options.exclude = thermostat;
        for (const ModelMatch& m : matchModels(e, kb, QString(), options))
            QVERIFY(m.model != thermostat);
    }

    // Exports carry the match: names, units and scales (issue 13.6).
    void exportsCarryTheMatch()
    {
        const auto engineOf = [](const QStringList& files) {
            const LoadResult loaded = loadCaptureFiles(files);
            return DpEngine::fromSession(mcu::McuSession::analyze(loaded.capture));
        };
        const DpEngine thermostat = engineOf({test::sharedPath(QStringLiteral("captures/tuyamcu-real/MTS-700-WB-TuyaMCU-capture.txt"))});
        const DpMapping m = mappingForCapture(thermostat, DpLabels());
        QVERIFY(m.find(24));
        QCOMPARE(m.find(24)->name, QStringLiteral("current_temperature"));
        QCOMPARE(m.find(27)->name, QStringLiteral("temperature_calibration")); // known without a role
        QCOMPARE(m.find(41)->enumLabels, (QStringList{QStringLiteral("cancel"), QStringLiteral("1h")}));
        const QString tasmota = exportTasmota(m, {});
        QVERIFY2(tasmota.contains(QStringLiteral("TuyaMCU 72,16")) && tasmota.contains(QStringLiteral("TuyaMCU 71,24")), qPrintable(tasmota));
        const QString esphome = exportEsphome(m, {});
        QVERIFY2(esphome.contains(QStringLiteral("target_temperature_datapoint: 16")), qPrintable(esphome));
        QVERIFY2(esphome.contains(QStringLiteral("enum_datapoint: 41")), qPrintable(esphome));
        QVERIFY2(esphome.contains(QStringLiteral("name: \"temperature_calibration\"")) || esphome.contains(QStringLiteral("\"temperature_calibration\"")),
                 qPrintable(esphome));

        const QString base = QStringLiteral("captures/tuyamcu-real/PJ-MGW1103_clamp_bulb_20W-0.083A-240V_");
        const DpMapping clamp = mappingForCapture(engineOf({test::sharedPath(base + QStringLiteral("rx.bin")), test::sharedPath(base + QStringLiteral("tx.bin"))}), DpLabels());
        QCOMPARE(clamp.find(19)->name, QStringLiteral("power"));
        QCOMPARE(clamp.find(19)->scale, 0.1);
        QCOMPARE(clamp.find(18)->unit, QStringLiteral("A"));
        const QString yaml = exportEsphome(clamp, {});
        QVERIFY2(yaml.contains(QStringLiteral("sensor_datapoint: 19")) && yaml.contains(QStringLiteral("- multiply: 0.1")), qPrintable(yaml));
        QVERIFY2(exportTinytuya(clamp, {}).contains(QStringLiteral("\"power\"")), qPrintable(exportTinytuya(clamp, {})));

        // A two-dp signature names nothing after a model.
        DpEngine tiny;
        report(tiny, 1, kBool, QByteArray(1, '\1'), 1);
        report(tiny, 109, kValue, be32(20), 2);
        const DpMapping small = mappingForCapture(tiny, DpLabels());
        QVERIFY(small.find(109) && small.find(109)->name.isEmpty());
    }

    void typesFitAcrossTheWires()
    {
        QVERIFY(typeFits(kEnum, kString));  // LAN: an enum as its label
        QVERIFY(typeFits(kRaw, kString));   // LAN: raw as base64
        QVERIFY(typeFits(kBitmap, kValue)); // LAN: a bitmap as a number
        QVERIFY(typeFits(kString, kEnum));  // an enum the description keeps as a string
        QVERIFY(!typeFits(kBool, kValue));
        QVERIFY(!typeFits(kValue, kBool));
    }
};

QTEST_GUILESS_MAIN(TestKnowledge)
#include "tst_knowledge.moc"
