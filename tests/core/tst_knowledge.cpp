// The device knowledge base (core/knowledge) and what role inference draws from it: the shipped
// resource loads with the figures of the descriptions it was built from, a missing or damaged one
// is a diagnostic, product ids identify models, signatures rank them, and the issue's real
// devices get their roles with the evidence named.
#include "capture/Capture.h"
#include "dpmap/DpEngine.h"
#include "dpmap/DpTypeCodes.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/MappingExport.h"
#include "dpmap/DpLabels.h"
#include "dpmap/ModelMatching.h"
#include "dpmap/KnowledgePriors.h"
#include "dpmap/RoleInference.h"
#include "import/CaptureLoader.h"
#include "knowledge/DeviceKnowledge.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuSession.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

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

    // The schema's reporting names (current_temperature, current_humidity, hvac_action, ...) are
    // read-only by nature although the descriptions do not say so; a boolean operation_mode whose
    // false is "off" is the power switch.
    void schemaFactsCarryOver()
    {
        const DeviceKnowledge& kb = DeviceKnowledge::bundled();
        const KnownModel* kettle = kb.byKey(QStringLiteral("aeno_ek1s_kettle"));
        QVERIFY(kettle);
        QCOMPARE(kettle->find(10)->name, QStringLiteral("current_temperature"));
        QCOMPARE(kettle->find(10)->role, QStringLiteral("temperature_current"));
        QVERIFY(kettle->find(10)->readOnly);
        QCOMPARE(kettle->find(1)->role, QStringLiteral("switch"));
        QVERIFY(!kettle->find(1)->readOnly);
        const KnownModel* thermostat = kb.byKey(QStringLiteral("nashone_mts700wb_thermostat"));
        QVERIFY(thermostat->find(24)->readOnly); // current_temperature
        QVERIFY(!thermostat->find(16)->readOnly); // temperature (the set-point) stays writable
        int reportingWritable = 0;
        for (const KnownModel& m : kb.models())
            for (const knowledge::KnownDp& dp : m.dps)
                if ((dp.name == QLatin1String("current_temperature") || dp.name == QLatin1String("current_humidity")) && !dp.readOnly)
                    ++reportingWritable;
        QCOMPARE(reportingWritable, 0);
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
        // fuzz_knowledge: a min or max no dp value can hold (5.9e23 was converted to qint64,
        // undefined behaviour) leaves that dp out.
        QTest::newRow("bound beyond a dp value")
            << QByteArray(R"({"format":"tuyascope-device-knowledge","models":[{"key":"a","dps":[
                 {"id":1,"type":2,"min":-2147483648,"max":2147483647},
                 {"id":2,"type":2,"min":0,"max":592233720368547758080000},
                 {"id":3,"type":2,"min":-1e300},{"id":4,"type":2,"max":2147483648}]}]})")
            << "KB_DAMAGED" << 1;
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

    // Near-identical models (one dp layout, several brands) vote per dp, even when none of them
    // matches the capture completely; a written 0/1 that is not dp 1 and that they all call
    // child_lock is a child lock, not a second relay (the "written 0/1 -> switch?" guess defers).
    void similarModelsVoteOnEachDp()
    {
        QByteArray json = R"({"format":"tuyascope-device-knowledge","version":1,"models":[)";
        for (int brand = 0; brand < 3; ++brand) {
            json += QStringLiteral(R"(%1{"key":"heater_%2","name":"Heater","category":"climate","dps":[)"
                                   R"({"id":1,"type":1,"role":"switch","name":"hvac_mode"},)"
                                   R"({"id":2,"type":2,"role":"temperature_target","name":"temperature","min":5,"max":35},)"
                                   R"({"id":3,"type":2,"role":"temperature_current","name":"current_temperature","ro":1},)"
                                   R"({"id":7,"type":1,"role":"child_lock","name":"lock"},)"
                                   R"({"id":%3,"type":2,"role":"","name":"extra"}]})")
                        .arg(brand ? QStringLiteral(",") : QString()).arg(brand).arg(101 + brand)
                        .toUtf8();
        }
        json += R"(,{"key":"plug","name":"Plug","category":"switch","dps":[{"id":1,"type":1,"role":"switch","name":"switch"},)"
                R"({"id":7,"type":1,"role":"switch","name":"switch_2"}]}]})";
        const DeviceKnowledge kb = DeviceKnowledge::fromJson(json, QStringLiteral("test.json"));
        QCOMPARE(kb.models().size(), 4);
        DpEngine e;
        int item = 0;
        for (int i = 0; i < 3; ++i) {
            report(e, 1, kBool, QByteArray(1, char(i % 2)), ++item, true);
            report(e, 1, kBool, QByteArray(1, char(i % 2)), ++item);
            report(e, 7, kBool, QByteArray(1, char(i % 2)), ++item, true);
            report(e, 7, kBool, QByteArray(1, char(i % 2)), ++item);
            report(e, 2, kValue, be32(20 + i), ++item, true);
            report(e, 3, kValue, be32(215 + i), ++item);
            report(e, 200, kValue, be32(7), ++item); // a stray dp no model has
        }
        InferenceOptions options;
        options.knowledge = &kb;
        const InferenceResult r = inferRoles(e, options);
        const DpRoles* lock = r.find(7);
        QVERIFY(lock && lock->best());
        QCOMPARE(lock->best()->role, QStringLiteral("child_lock"));
        QVERIFY(lock->best()->hasSource(EvidenceSource::KnowledgeBase));
        QVERIFY2(lock->best()->reason.contains(QStringLiteral("of 4 similar model(s) with dp 7 call it child_lock")),
                 qPrintable(lock->best()->reason));
        // The behaviour guess is still listed, with its evidence, below the prior.
        const RoleHypothesis* relay = lock->find(QStringLiteral("switch"));
        QVERIFY(relay && relay->hasSource(EvidenceSource::Behaviour));
        QVERIFY(relay->confidence < lock->best()->confidence);
        QCOMPARE(bestRole(r, 1), QStringLiteral("switch"));
    }

    // A model that has the dp but gives it no role abstains: the others' vote stands, less sure.
    void abstainingModelsMakeTheVoteLessCertain()
    {
        const auto kbWith = [](int named, int unnamed) {
            QStringList models;
            for (int i = 0; i < named + unnamed; ++i)
                models << QStringLiteral(R"({"key":"m%1","name":"M","category":"switch","dps":[)"
                                         R"({"id":1,"type":1,"role":"switch","name":"switch"},)"
                                         R"({"id":5,"type":2,"role":"%2","name":"n%1"}]})")
                              .arg(i).arg(i < named ? QStringLiteral("countdown") : QString());
            return DeviceKnowledge::fromJson(
                QStringLiteral(R"({"format":"tuyascope-device-knowledge","version":1,"models":[%1]})").arg(models.join(QLatin1Char(','))).toUtf8(),
                QStringLiteral("test.json"));
        };
        const DeviceKnowledge named = kbWith(2, 0);
        const DeviceKnowledge mixed = kbWith(2, 3);
        DpEngine e;
        report(e, 1, kBool, QByteArray(1, '\1'), 1, true);
        report(e, 5, kValue, be32(600), 2, true);
        report(e, 5, kValue, be32(600), 3);
        const auto voteOn5 = [&](const DeviceKnowledge& kb) {
            MatchOptions all;
            all.limit = 0;
            all.minScore = 0.05;
            for (const KnowledgeVote& v : knowledgeVotes(matchModels(e, kb, QString(), all), e))
                if (v.dp == 5)
                    return v;
            return KnowledgeVote{};
        };
        const KnowledgeVote clear = voteOn5(named);
        const KnowledgeVote diluted = voteOn5(mixed);
        QCOMPARE(clear.role, QStringLiteral("countdown"));
        QCOMPARE(diluted.role, QStringLiteral("countdown")); // "no role" is no vote for another one
        QCOMPARE(diluted.models, 5);
        QCOMPARE(diluted.agreeing, 2);
        QVERIFY(diluted.certainty > 0);
        QVERIFY(diluted.certainty < clear.certainty);
    }

    // A firmware variant that lacks dp 2 and calls dp 3 what the others call dp 2 numbers its
    // dps differently: even as the best match, its say on dp 3 counts less.
    void aRenumberedVariantCountsLess()
    {
        QByteArray json = R"({"format":"tuyascope-device-knowledge","version":1,"models":[)"
                          R"({"key":"variant","name":"Thermostat","category":"climate","dps":[)"
                          R"({"id":1,"type":1,"role":"switch","name":"power"},{"id":3,"type":2,"role":"temperature_target","name":"temperature","scale":0.1},)"
                          R"({"id":4,"type":4,"role":"mode","name":"preset"},{"id":5,"type":1,"role":"child_lock","name":"lock"},)"
                          R"({"id":6,"type":1,"role":"","name":"valve"}]})";
        for (int i = 0; i < 2; ++i) {
            json += QStringLiteral(R"(,{"key":"full_%1","name":"Thermostat","category":"climate","dps":[)"
                                   R"({"id":1,"type":1,"role":"switch","name":"power"},{"id":2,"type":2,"role":"temperature_target","name":"temperature","scale":0.1},)"
                                   R"({"id":3,"type":2,"role":"temperature_current","name":"current_temperature","scale":0.1},)"
                                   R"({"id":4,"type":4,"role":"mode","name":"preset"},{"id":5,"type":1,"role":"child_lock","name":"lock"},)"
                                   R"({"id":6,"type":1,"role":"","name":"valve"})")
                        .arg(i)
                        .toUtf8();
            for (int extra = 10; extra < 17; ++extra)
                json += QStringLiteral(R"(,{"id":%1,"type":2,"role":"","name":"x%1"})").arg(extra).toUtf8();
            json += "]}";
        }
        json += "]}";
        const DeviceKnowledge kb = DeviceKnowledge::fromJson(json, QStringLiteral("test.json"));
        QCOMPARE(kb.models().size(), 3);
        DpEngine e;
        int item = 0;
        report(e, 1, kBool, QByteArray(1, '\1'), ++item);
        report(e, 2, kValue, be32(205), ++item);
        report(e, 3, kValue, be32(214), ++item);
        report(e, 4, kEnum, QByteArray(1, '\1'), ++item);
        report(e, 5, kBool, QByteArray(1, '\0'), ++item);
        report(e, 6, kBool, QByteArray(1, '\0'), ++item);
        MatchOptions all;
        all.limit = 0;
        all.minScore = 0.05;
        const QVector<ModelMatch> matches = matchModels(e, kb, QString(), all);
        QCOMPARE(matches.first().model->key, QStringLiteral("variant")); // it leaves nothing unseen
        QVERIFY(matches.first().lacking.contains(2));
        QString roleOf3, roleOf2;
        for (const KnowledgeVote& v : knowledgeVotes(matches, e)) {
            if (v.dp == 3)
                roleOf3 = v.role;
            if (v.dp == 2)
                roleOf2 = v.role;
        }
        QCOMPARE(roleOf2, QStringLiteral("temperature_target"));
        QCOMPARE(roleOf3, QStringLiteral("temperature_current"));
    }

    // What a model says a dp measures bounds its values even without a range; an energy total
    // never goes down.
    void aDpFitsWhatTheModelSaysItMeasures()
    {
        const auto profile = [](std::initializer_list<qint32> values) {
            DpEngine e;
            int item = 0;
            for (const qint32 v : values)
                report(e, 19, kValue, be32(v), ++item);
            return *e.find(19);
        };
        knowledge::KnownDp humidity;
        humidity.id = 19;
        humidity.type = kValue;
        humidity.role = QStringLiteral("humidity");
        humidity.unit = QStringLiteral("%");
        knowledge::KnownDp temperature = humidity;
        temperature.role = QStringLiteral("temperature_current");
        temperature.unit = QStringLiteral("C");
        temperature.scale = 0.1;
        knowledge::KnownDp energy = humidity;
        energy.role = QStringLiteral("energy");
        energy.unit = QStringLiteral("kWh");
        energy.scale = 0.01;
        const dpmap::DpProfile tenths = profile({404, 596, 451});
        QCOMPARE(dpFit(temperature, tenths), 1.0);
        QVERIFY(dpFit(humidity, tenths) < 0.6); // 404..596 % is no humidity
        QCOMPARE(dpFit(humidity, profile({40, 59, 45})), 1.0);
        QCOMPARE(dpFit(energy, profile({7000, 7012, 7100})), 1.0);
        QVERIFY(dpFit(energy, profile({7000, 7012, 6900})) < 0.6); // it went down
        knowledge::KnownDp frequency = humidity;
        frequency.role = QStringLiteral("frequency");
        frequency.unit = QStringLiteral("Hz");
        frequency.scale = 0.01;
        QCOMPARE(dpFit(frequency, profile({4998, 5001})), 1.0);
        QVERIFY(dpFit(frequency, profile({2086, 2101})) < 0.6); // 20.9 Hz: no supply
    }

    // A model that reads its voltage as whole volts puts an x1 voltage into the V x I = P check.
    void aWholeVoltVoltageIsCheckedAsSuch()
    {
        const QByteArray json = R"({"format":"tuyascope-device-knowledge","version":1,"models":[)"
                                R"({"key":"meter","name":"Meter","category":"sensor","dps":[)"
                                R"({"id":21,"type":2,"role":"current","name":"current","unit":"A","scale":0.001,"ro":1},)"
                                R"({"id":22,"type":2,"role":"power","name":"power","unit":"W","ro":1},)"
                                R"({"id":23,"type":2,"role":"voltage","name":"voltage","unit":"V","ro":1}]}]})";
        const DeviceKnowledge kb = DeviceKnowledge::fromJson(json, QStringLiteral("test.json"));
        DpEngine e;
        for (int i = 0; i < 4; ++i) {
            const int volts = 229 + i % 2;
            const int milliamps = 1000 + 100 * i;
            report(e, 21, kValue, be32(milliamps), 10 + i);
            report(e, 22, kValue, be32(qint32(std::lround(volts * milliamps / 1000.0))), 10 + i);
            report(e, 23, kValue, be32(volts), 10 + i);
        }
        InferenceOptions options;
        options.knowledge = &kb;
        const InferenceResult r = inferRoles(e, options);
        QVERIFY2(r.energy.found && r.energy.consistent, qPrintable(r.energy.text));
        QCOMPARE(int(r.energy.voltageDp), 23);
        QCOMPARE(r.energy.voltageScale, 1.0);
        QCOMPARE(bestRole(r, 23), QStringLiteral("voltage"));
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
