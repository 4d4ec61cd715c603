// The MCU simulator and its device profiles: profile parsing and errors, the built-in profiles,
// and the simulator driven over a loopback link by a module scripted in the test (standard
// init/writes/robustness, low-power handshake/ack/resend/sleep/wake).

#include "common/Hex.h"
#include "simulator/DeviceProfile.h"
#include "simulator/DpState.h"
#include "simulator/McuSimulator.h"
#include "support/TestSupport.h"
#include "transport/LoopbackLink.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/StreamSplitter.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

QByteArray hex(const char* text)
{
    return test::fromHex(QString::fromLatin1(text));
}

struct Frame {
    quint8 version = 0;
    quint8 command = 0;
    QByteArray data;
    QByteArray bytes;
};

// One DP unit of a frame's data, when the data is exactly one unit.
struct Unit {
    quint8 id = 0;
    quint8 type = 0;
    QByteArray value;
};

QVector<Unit> unitsOf(const QByteArray& data)
{
    QVector<Unit> units;
    const DpParseResult r = parseDpUnits(data, 0, int(data.size()));
    if (!r.ok())
        return units;
    for (const DpUnit& u : r.units)
        units.append({u.id, u.type, data.mid(u.valueOffset(), u.length)});
    return units;
}

// The Wi-Fi module side of a loopback link, scripted by the test: sends version-0 frames and
// frames what arrives with its own splitter (so the simulator's bytes are framed from reads).
class ScriptedModule : public StreamSplitter::Sink {
public:
    explicit ScriptedModule(const DeviceProfile& profile, const SimulatorOptions& options = {}, int maxChunk = 0)
    {
        link.setMaxChunk(maxChunk, 7);
        link.moduleEnd()->open();
        link.mcuEnd()->open();
        QObject::connect(link.moduleEnd(), &Transport::chunkReceived, &link,
                         [this](qint64 timeUs, const QByteArray& bytes) { splitter.feed(bytes, timeUs, *this); });
        sim = std::make_unique<McuSimulator>(link.mcuEnd(), profile, options);
        QObject::connect(sim.get(), &McuSimulator::event, &link,
                         [this](const AgentEvent& e) { events.append(e); });
        QObject::connect(sim.get(), &McuSimulator::frameSent, &link,
                         [this](qint64, const QByteArray& frame, const QString& note) {
                             sent.append(frame);
                             notes.append(note);
                         });
    }

    void onEvent(const StreamSplitter::Event& e) override
    {
        if (e.kind != StreamSplitter::EventKind::Frame || !e.checksumOk) {
            ++junk;
            return;
        }
        Frame f;
        f.bytes = e.bytes.toByteArray();
        f.version = quint8(f.bytes[2]);
        f.command = quint8(f.bytes[3]);
        f.data = f.bytes.mid(6, f.bytes.size() - 7);
        frames.append(f);
    }

    void send(quint8 command, const QByteArray& data = {}) { link.moduleEnd()->write(encodeFrame(0x00, command, data)); }
    void sendRaw(const QByteArray& bytes) { link.moduleEnd()->write(bytes); }

    // Waits until `count` more frames arrived (since the last take) and returns them.
    QVector<Frame> take(int count, int timeoutMs = 2000)
    {
        (void)QTest::qWaitFor([&] { return frames.size() >= count; }, timeoutMs);
        QVector<Frame> out = frames.mid(0, qMin<qsizetype>(count, frames.size()));
        frames.remove(0, out.size());
        return out;
    }
    // Lets queued deliveries settle, then returns everything that arrived.
    QVector<Frame> drain(int waitMs = 30)
    {
        QTest::qWait(waitMs);
        QVector<Frame> out = frames;
        frames.clear();
        return out;
    }
    bool waitEvent(const QString& code, int count = 1, int timeoutMs = 2000)
    {
        return QTest::qWaitFor([&] { return eventCount(code) >= count; }, timeoutMs);
    }
    int eventCount(const QString& code) const
    {
        int n = 0;
        for (const AgentEvent& e : events)
            n += e.code == code ? 1 : 0;
        return n;
    }
    const AgentEvent* lastEvent(const QString& code) const
    {
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->code == code)
                return &*it;
        }
        return nullptr;
    }

    LoopbackLink link;
    StreamSplitter splitter;
    std::unique_ptr<McuSimulator> sim;
    QVector<Frame> frames;
    QVector<AgentEvent> events;
    QVector<QByteArray> sent;
    QStringList notes;
    int junk = 0;
};

DeviceProfile builtin(const QString& name)
{
    DeviceProfile p;
    QString error;
    if (!loadDeviceProfile(name, p, &error))
        qWarning("%s", qPrintable(error));
    return p;
}

// A small valid profile; tests replace one part of it to provoke an error.
QByteArray profileJson(const QByteArray& dps = R"([{"id":1,"type":"bool"}])",
                       const QByteArray& extra = QByteArray())
{
    return R"({"productId":"abcdefgh12345678",)" + extra + R"("dps":)" + dps + "}";
}

} // namespace

class TstSimulator : public QObject {
    Q_OBJECT
private slots:
    // ---- profiles ----
    void parseErrors_data();
    void parseErrors();
    void parseDefaultsAndInitialValues();
    void productJson();
    void builtinNames();
    void builtins_data();
    void builtins();
    void loadErrors();
    void randomWalkIsSeeded();

    // ---- standard protocol ----
    void standardInit();
    void writes_data();
    void writes();
    void malformedInput();
    void reportsOnlyAfterInit();
    void restartAnswersZeroAgain();
    void setDpValueReports();
    void featureNotification();

    // ---- low-power protocol ----
    void lowPowerHandshakeAndAck();
    void lowPowerResendsUntilTimeout();
    void lowPowerModuleCommand();
    void lowPowerDpCache();
};

// ---- profiles ----

void TstSimulator::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // the whole message must start with this

    const QByteArray three = R"([{"id":1,"type":"bool"},{"id":2,"type":"value"},)";
    QTest::newRow("bad type") << profileJson(three + R"({"id":3,"type":"floaty"}])")
                              << QStringLiteral("dps[2].type: unknown type \"floaty\"");
    QTest::newRow("missing type") << profileJson(R"([{"id":3}])") << QStringLiteral("dps[0].type: missing");
    QTest::newRow("duplicate id") << profileJson(three + R"({"id":2,"type":"enum"}])")
                                  << QStringLiteral("dps[2].id: duplicate id 2 (also dps[1])");
    QTest::newRow("id 0") << profileJson(R"([{"id":0,"type":"bool"}])") << QStringLiteral("dps[0].id: 0 outside 1..255");
    QTest::newRow("id 256") << profileJson(R"([{"id":256,"type":"bool"}])") << QStringLiteral("dps[0].id: 256 outside 1..255");
    QTest::newRow("id missing") << profileJson(R"([{"type":"bool"}])") << QStringLiteral("dps[0].id: missing");
    QTest::newRow("enum index past labels")
        << profileJson(R"([{"id":1,"type":"enum","labels":["a","b"],"initial":2}])")
        << QStringLiteral("dps[0].initial: index 2 is not below the 2 labels");
    QTest::newRow("enum label unknown")
        << profileJson(R"([{"id":1,"type":"enum","labels":["a","b"],"initial":"c"}])")
        << QStringLiteral("dps[0].initial: \"c\" is not one of the labels");
    QTest::newRow("value out of range")
        << profileJson(R"([{"id":2,"type":"value","min":50,"max":350,"initial":400}])")
        << QStringLiteral("dps[0].initial: 400 outside 50..350");
    QTest::newRow("value not integer")
        << profileJson(R"([{"id":2,"type":"value","initial":1.5}])")
        << QStringLiteral("dps[0].initial: expected an integer");
    QTest::newRow("min above max")
        << profileJson(R"([{"id":2,"type":"value","min":10,"max":5}])")
        << QStringLiteral("dps[0].max: 5 is less than min 10");
    QTest::newRow("bool initial")
        << profileJson(R"([{"id":1,"type":"bool","initial":"yes"}])")
        << QStringLiteral("dps[0].initial: expected true or false");
    QTest::newRow("bitmap width 3")
        << profileJson(R"([{"id":12,"type":"bitmap","bitmapBytes":3}])")
        << QStringLiteral("dps[0].bitmapBytes: must be 1, 2 or 4");
    QTest::newRow("bitmap too wide")
        << profileJson(R"([{"id":12,"type":"bitmap","bitmapBytes":1,"initial":256}])")
        << QStringLiteral("dps[0].initial: 256 outside 0..255");
    QTest::newRow("raw not hex")
        << profileJson(R"([{"id":119,"type":"raw","initial":"0G"}])")
        << QStringLiteral("dps[0].initial: not hex text");
    QTest::newRow("raw length")
        << profileJson(R"([{"id":119,"type":"raw","min":9,"max":9,"initial":"0102"}])")
        << QStringLiteral("dps[0].initial: 2 bytes, outside the length range 9..9");
    QTest::newRow("labels on value")
        << profileJson(R"([{"id":2,"type":"value","labels":["a"]}])")
        << QStringLiteral("dps[0].labels: only enum dps have labels");
    QTest::newRow("access")
        << profileJson(R"([{"id":2,"type":"value","access":"wo"}])")
        << QStringLiteral("dps[0].access: expected \"rw\" or \"ro\"");
    QTest::newRow("report mode")
        << profileJson(R"([{"id":2,"type":"value","report":{"mode":"sometimes"}}])")
        << QStringLiteral("dps[0].report.mode: unknown mode \"sometimes\"");
    QTest::newRow("random walk on bool")
        << profileJson(R"([{"id":1,"type":"bool","report":{"mode":"random-walk"}}])")
        << QStringLiteral("dps[0].report.mode: random-walk needs a value dp");
    QTest::newRow("interval")
        << profileJson(R"([{"id":2,"type":"value","report":{"mode":"periodic","intervalS":0}}])")
        << QStringLiteral("dps[0].report.intervalS: expected a positive number");
    QTest::newRow("unknown dp key")
        << profileJson(R"([{"id":2,"type":"value","intial":3}])") << QStringLiteral("dps[0].intial: unknown key");
    QTest::newRow("missing productId") << QByteArray(R"({"dps":[]})") << QStringLiteral("productId: missing");
    QTest::newRow("empty productId") << QByteArray(R"({"productId":"","dps":[]})") << QStringLiteral("productId: expected");
    QTest::newRow("missing dps") << QByteArray(R"({"productId":"x"})") << QStringLiteral("dps: missing");
    QTest::newRow("protocol") << profileJson(R"([])", R"("protocol":"zigbee",)")
                              << QStringLiteral("protocol: expected \"standard\" or \"low-power\"");
    QTest::newRow("protocolVersion") << profileJson(R"([])", R"("protocolVersion":300,)")
                                     << QStringLiteral("protocolVersion: 300 outside 0..255");
    QTest::newRow("workingMode one gpio") << profileJson(R"([])", R"("workingMode":[14],)")
                                          << QStringLiteral("workingMode: expected \"cooperative\"");
    QTest::newRow("workingMode gpio") << profileJson(R"([])", R"("workingMode":[14,300],)")
                                      << QStringLiteral("workingMode[1]: 300 outside 0..255");
    QTest::newRow("mcuVersion") << profileJson(R"([])", R"("mcuVersion":"one",)")
                                << QStringLiteral("mcuVersion: expected x.y.z");
    QTest::newRow("wakeIntervalS") << profileJson(R"([])", R"("wakeIntervalS":-1,)")
                                   << QStringLiteral("wakeIntervalS: expected a positive number");
    QTest::newRow("features") << profileJson(R"([])", R"("features":"not json",)")
                              << QStringLiteral("features: expected a JSON object");
    QTest::newRow("unknown top key") << profileJson(R"([])", R"("prodcutId":"x",)") << QStringLiteral("prodcutId: unknown key");
    QTest::newRow("not json") << QByteArray("{\"productId\":") << QStringLiteral("(json): ");
    QTest::newRow("not an object") << QByteArray("[1,2]") << QStringLiteral("(json): expected an object");
}

void TstSimulator::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    DeviceProfile p;
    p.name = QStringLiteral("untouched");
    QString message;
    QVERIFY2(!parseDeviceProfile(json, p, &message), json.constData());
    QVERIFY2(message.startsWith(error), qPrintable(message));
    QCOMPARE(p.name, QStringLiteral("untouched")); // a failed parse leaves the profile alone
}

void TstSimulator::parseDefaultsAndInitialValues()
{
    const QByteArray json = profileJson(R"([
        {"id":1,"type":"bool","initial":true},
        {"id":2,"type":"value","min":50,"max":350},
        {"id":3,"type":"value","initial":-10,"min":-100,"max":100,"access":"ro"},
        {"id":4,"type":"enum","labels":["a","b","c"],"initial":"c"},
        {"id":5,"type":"bitmap","bitmapBytes":2,"initial":258},
        {"id":6,"type":"string","initial":"h\u00e9"},
        {"id":7,"type":"raw","initial":"06 00 14"},
        {"id":8,"type":"int","report":{"mode":"random-walk","intervalS":2.5,"walkStep":4}},
        {"id":9,"type":"enum","report":{"mode":"toggle"},"comment":"ignored","_x":1}])",
                                        R"("comment":"top-level comments are allowed",)");
    DeviceProfile p;
    QString error;
    QVERIFY2(parseDeviceProfile(json, p, &error), qPrintable(error));
    QCOMPARE(p.protocol, Family::Standard);
    QCOMPARE(p.protocolVersion, quint8(3));
    QVERIFY(p.workingMode.isEmpty());
    QCOMPARE(p.mcuVersion, QStringLiteral("1.0.0"));
    QCOMPARE(p.dps.size(), 9);
    QCOMPARE(p.dp(1)->initialValue, hex("01"));
    QCOMPARE(p.dp(2)->initialValue, hex("00000032")); // 0 clamped into 50..350
    QCOMPARE(p.dp(3)->initialValue, hex("FFFFFFF6"));
    QVERIFY(!p.dp(3)->settable);
    QVERIFY(p.dp(2)->settable);
    QCOMPARE(p.dp(4)->initialValue, hex("02"));
    QCOMPARE(p.dp(4)->maximum, 2);
    QCOMPARE(p.dp(5)->initialValue, hex("0102"));
    QCOMPARE(p.dp(6)->initialValue, QByteArray("h\xC3\xA9"));
    QCOMPARE(p.dp(7)->initialValue, hex("060014"));
    QCOMPARE(p.dp(8)->type, DpType::Value);
    QCOMPARE(p.dp(8)->reporting, DpProfile::Reporting::RandomWalk);
    QCOMPARE(p.dp(8)->intervalMs, 2500);
    QCOMPARE(p.dp(8)->walkStep, 4);
    QCOMPARE(p.dp(9)->reporting, DpProfile::Reporting::Toggle);
    QCOMPARE(p.dp(9)->intervalMs, 10000);
    QVERIFY(p.dp(10) == nullptr);

    // Range checks used for writes.
    QVERIFY(p.dp(2)->accepts(2, hex("000000FF")));
    QString why;
    QVERIFY(!p.dp(2)->accepts(2, hex("00000190"), &why));
    QCOMPARE(why, QStringLiteral("400 outside 50..350"));
    QVERIFY(!p.dp(2)->accepts(1, hex("01"), &why));
    QVERIFY(!p.dp(4)->accepts(4, hex("03"), &why));
    QVERIFY(!p.dp(5)->accepts(5, hex("01"), &why)); // width 2
    QVERIFY(!p.dp(1)->accepts(1, hex("02"), &why));

    DeviceProfile lp;
    QVERIFY2(parseDeviceProfile(profileJson("[]", R"("protocol":"low-power","wakeIntervalS":0.5,)"), lp, &error),
             qPrintable(error));
    QCOMPARE(lp.protocol, Family::LowPower);
    QCOMPARE(lp.protocolVersion, quint8(0));
    QCOMPARE(lp.wakeIntervalMs, 500);
}

void TstSimulator::productJson()
{
    DeviceProfile p;
    QString error;
    QVERIFY(parseDeviceProfile(profileJson("[]", R"("mcuVersion":"1.2.3",)"), p, &error));
    QCOMPARE(p.productJson(), QByteArray(R"({"p":"abcdefgh12345678","v":"1.2.3","m":0})"));
    QVERIFY(parseDeviceProfile(profileJson("[]", R"("workingMode":[14,0],)"), p, &error));
    QCOMPARE(p.workingMode, hex("0E00"));
    QCOMPARE(p.productJson(), QByteArray(R"({"p":"abcdefgh12345678","v":"1.0.0","m":2})"));
}

void TstSimulator::builtinNames()
{
    QCOMPARE(builtinProfileNames(), QStringList({QStringLiteral("dimmer"), QStringLiteral("door-sensor"),
                                                 QStringLiteral("energy-plug"), QStringLiteral("hy609-thermostat")}));
}

void TstSimulator::builtins_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("lowPower");
    QTest::addColumn<QList<int>>("ids");
    QTest::newRow("hy609-thermostat")
        << QStringLiteral("hy609-thermostat") << false
        << QList<int>{1, 2, 3, 4, 6, 12, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114,
                      115, 116, 117, 118, 119, 120, 121, 122};
    QTest::newRow("energy-plug") << QStringLiteral("energy-plug") << false
                                 << QList<int>{1, 9, 17, 18, 19, 20, 21, 22, 23, 24, 25};
    QTest::newRow("dimmer") << QStringLiteral("dimmer") << false << QList<int>{1, 2, 3, 4};
    QTest::newRow("door-sensor") << QStringLiteral("door-sensor") << true << QList<int>{1, 101};
}

void TstSimulator::builtins()
{
    QFETCH(QString, name);
    QFETCH(bool, lowPower);
    QFETCH(QList<int>, ids);
    DeviceProfile p;
    QString error;
    QVERIFY2(loadDeviceProfile(name, p, &error), qPrintable(error));
    QCOMPARE(p.name, name);
    QCOMPARE(p.protocol, lowPower ? Family::LowPower : Family::Standard);
    QCOMPARE(p.protocolVersion, quint8(lowPower ? 0 : 3));
    QCOMPARE(p.productId.size(), 16);
    QList<int> actual;
    for (const DpProfile& dp : p.dps)
        actual.append(dp.id);
    QCOMPARE(actual, ids);

    if (name == QLatin1String("hy609-thermostat")) {
        QCOMPARE(p.dp(1)->type, DpType::Bool);
        QCOMPARE(p.dp(2)->type, DpType::Value);
        QCOMPARE(p.dp(2)->minimum, 50);
        QCOMPARE(p.dp(2)->maximum, 350);
        QCOMPARE(p.dp(2)->step, 5);
        QCOMPARE(p.dp(2)->scale, 1);
        QCOMPARE(p.dp(3)->reporting, DpProfile::Reporting::RandomWalk);
        QVERIFY(!p.dp(3)->settable);
        QCOMPARE(p.dp(4)->type, DpType::Enum);
        QCOMPARE(p.dp(12)->type, DpType::Bitmap);
        QCOMPARE(p.dp(109)->initialValue, hex("FFFFFFF6"));
        QCOMPARE(p.dp(118)->type, DpType::Enum);
        for (int id : {119, 120, 121, 122}) {
            QCOMPARE(p.dp(quint8(id))->type, DpType::Raw);
            QCOMPARE(p.dp(quint8(id))->initialValue.size(), 9);
        }
        QVERIFY(p.workingMode.isEmpty());
    } else if (name == QLatin1String("energy-plug")) {
        QCOMPARE(p.dp(9)->maximum, 86400);
        for (int id : {18, 19, 20}) {
            QCOMPARE(p.dp(quint8(id))->reporting, DpProfile::Reporting::RandomWalk);
            QVERIFY(!p.dp(quint8(id))->settable);
        }
        QCOMPARE(mcu::dpIntegerValue(2, p.dp(20)->initialValue), 2300);
        QVERIFY(p.dp(1)->settable);
        QCOMPARE(p.dp(21)->type, DpType::Enum);
    } else if (name == QLatin1String("dimmer")) {
        QCOMPARE(p.dp(2)->minimum, 10);
        QCOMPARE(p.dp(2)->maximum, 1000);
        QCOMPARE(p.dp(4)->type, DpType::Enum);
    } else {
        QCOMPARE(p.dp(1)->labels, QStringList({QStringLiteral("open"), QStringLiteral("closed")}));
        QCOMPARE(p.dp(1)->reporting, DpProfile::Reporting::Toggle);
        QCOMPARE(p.dp(101)->labels.size(), 3);
        QVERIFY(!p.dp(101)->settable);
        QCOMPARE(p.wakeIntervalMs, 30000);
        QVERIFY(p.productJson().startsWith("{\"p\":\"" + p.productId.toLatin1() + "\""));
    }
}

void TstSimulator::loadErrors()
{
    DeviceProfile p;
    QString error;
    QVERIFY(!loadDeviceProfile(QStringLiteral("/nonexistent/dir/profile.json"), p, &error));
    QVERIFY2(error.contains(QLatin1String("/nonexistent/dir/profile.json")), qPrintable(error));
    QVERIFY(!loadDeviceProfile(QStringLiteral("no-such-builtin"), p, &error));
    QVERIFY2(error.contains(QLatin1String("no-such-builtin")) && error.contains(QLatin1String("dimmer")), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(profileJson(R"([{"id":1,"type":"floaty"}])"));
    file.close();
    QVERIFY(!loadDeviceProfile(path, p, &error));
    QVERIFY2(error.startsWith(path) && error.contains(QLatin1String("dps[0].type")), qPrintable(error));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(profileJson(R"([{"id":1,"type":"bool"}])"));
    file.close();
    QVERIFY2(loadDeviceProfile(path, p, &error), qPrintable(error));
    QCOMPARE(p.name, QStringLiteral("mine")); // no "name": the file's base name
}

void TstSimulator::randomWalkIsSeeded()
{
    const DeviceProfile p = builtin(QStringLiteral("energy-plug"));
    const DpProfile& voltage = *p.dp(20);
    auto walk = [&](quint32 seed) {
        DpState state(p, seed);
        QVector<qint64> values;
        for (int i = 0; i < 200; ++i) {
            state.advance(voltage);
            const qint64 v = dpIntegerValue(2, state.value(20));
            if (v < voltage.minimum || v > voltage.maximum || qAbs(v - (values.isEmpty() ? 2300 : values.last())) > 5)
                return QVector<qint64>{};
            values.append(v);
        }
        return values;
    };
    const QVector<qint64> a = walk(1);
    QCOMPARE(a.size(), 200);
    QCOMPARE(walk(1), a);
    QVERIFY(walk(2) != a);
    QVERIFY(std::adjacent_find(a.begin(), a.end(), std::not_equal_to<>()) != a.end()); // it moves
}

// ---- standard protocol ----

void TstSimulator::standardInit()
{
    const DeviceProfile profile = builtin(QStringLiteral("hy609-thermostat"));
    ScriptedModule m(profile, {}, 3); // reads of 1..3 bytes
    m.sim->start();

    m.send(0x00);
    QVector<Frame> f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, hex("55AA030000010003"));
    m.send(0x00);
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, hex("55AA030000010104")); // seed 004's heartbeat reply

    m.send(0x01);
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].command, quint8(0x01));
    QCOMPARE(f[0].data, QByteArray(R"({"p":"hy609SimThermo01","v":"1.0.0","m":0})"));

    m.send(0x02);
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, hex("55AA0302000004"));

    m.send(0x03, hex("04"));
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, hex("55AA0303000005"));

    m.send(0x08);
    f = m.take(int(profile.dps.size()));
    QCOMPARE(f.size(), profile.dps.size());
    for (int i = 0; i < f.size(); ++i) {
        QCOMPARE(f[i].command, quint8(0x07));
        QCOMPARE(f[i].version, quint8(0x03));
        QVERIFY(f[i].data.size() <= 255);
        const QVector<Unit> units = unitsOf(f[i].data);
        QCOMPARE(units.size(), 1);
        const DpProfile& dp = profile.dps[i];
        QCOMPARE(units[0].id, dp.id);
        QCOMPARE(units[0].type, quint8(dp.type));
        QCOMPARE(units[0].value, dp.initialValue);
    }
    // Seed 004's reports of dp 2 and dp 109 come out byte for byte.
    QCOMPARE(f[1].bytes, hex("55AA030700080202000400000096AF"));
    QCOMPARE(f[14].bytes, hex("55AA030700086D020004FFFFFFF677"));

    // Everything the simulator says it sent arrived, framed from 1..3-byte reads.
    QVERIFY(m.drain().isEmpty());
    QCOMPARE(m.sent.size(), 5 + profile.dps.size());
    QCOMPARE(m.sent.last(), f.last().bytes);
    QCOMPARE(m.junk, 0);
}

void TstSimulator::writes_data()
{
    QTest::addColumn<QByteArray>("units");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QByteArray>("reported"); // the 0x07 frames' data, concatenated
    QTest::addColumn<QByteArray>("dp2After");
    QTest::addColumn<QByteArray>("dp3After");

    const QByteArray dp2Initial = hex("00000096");
    const QByteArray dp3Initial = hex("000000F5");
    QTest::newRow("set-point 255") << encodeValueDp(2, 255) << QStringLiteral("WRITE_APPLIED")
                                   << encodeValueDp(2, 255) << hex("000000FF") << dp3Initial;
    QTest::newRow("read-only room temperature") << encodeValueDp(3, 200) << QStringLiteral("WRITE_REJECTED")
                                                << encodeValueDp(3, 245) << dp2Initial << dp3Initial;
    QTest::newRow("set-point above range") << encodeValueDp(2, 400) << QStringLiteral("WRITE_REJECTED")
                                           << encodeValueDp(2, 150) << dp2Initial << dp3Initial;
    QTest::newRow("set-point below range") << encodeValueDp(2, 0) << QStringLiteral("WRITE_REJECTED")
                                           << encodeValueDp(2, 150) << dp2Initial << dp3Initial;
    QTest::newRow("type mismatch") << encodeBoolDp(2, true) << QStringLiteral("WRITE_REJECTED")
                                   << encodeValueDp(2, 150) << dp2Initial << dp3Initial;
    QTest::newRow("wrong length") << encodeDpUnit(2, 2, hex("00FF")) << QStringLiteral("WRITE_REJECTED")
                                  << encodeValueDp(2, 150) << dp2Initial << dp3Initial;
    QTest::newRow("unknown dp") << encodeBoolDp(200, true) << QStringLiteral("WRITE_REJECTED") << QByteArray()
                                << dp2Initial << dp3Initial;
    QTest::newRow("two units, one rejected")
        << encodeValueDp(2, 305) + encodeValueDp(3, 1) << QStringLiteral("WRITE_REJECTED")
        << encodeValueDp(2, 305) + encodeValueDp(3, 245) << hex("00000131") << dp3Initial;
}

void TstSimulator::writes()
{
    QFETCH(QByteArray, units);
    QFETCH(QString, event);
    QFETCH(QByteArray, reported);
    QFETCH(QByteArray, dp2After);
    QFETCH(QByteArray, dp3After);

    ScriptedModule m(builtin(QStringLiteral("hy609-thermostat")));
    QList<quint8> changed;
    QObject::connect(m.sim.get(), &McuSimulator::dpChanged, &m.link, [&](quint8 id, const QByteArray&) { changed.append(id); });
    m.sim->start();
    m.send(0x06, units);
    QVERIFY(m.waitEvent(event));
    const QVector<Frame> f = m.drain(50);
    QByteArray data;
    for (const Frame& frame : f) {
        QCOMPARE(frame.command, quint8(0x07));
        QCOMPARE(unitsOf(frame.data).size(), 1); // one DP per report frame
        data += frame.data;
    }
    QCOMPARE(data, reported);
    QCOMPARE(m.sim->dpValue(2), dp2After);
    QCOMPARE(m.sim->dpValue(3), dp3After);
    QCOMPARE(changed.contains(2), dp2After != hex("00000096"));
    if (event == QLatin1String("WRITE_REJECTED"))
        QCOMPARE(m.lastEvent(event)->severity, Severity::Warning);
}

void TstSimulator::malformedInput()
{
    ScriptedModule m(builtin(QStringLiteral("hy609-thermostat")), {}, 2);
    m.sim->start();
    m.send(0x00);
    QCOMPARE(m.take(1).size(), 1);

    // R6: dp2's value declares 4 bytes, 3 remain. Nothing applied, nothing reported.
    m.sendRaw(hex("55AA000600070202000400006478"));
    QVERIFY(m.waitEvent(QStringLiteral("MALFORMED_DP_IGNORED")));
    // Trailing bytes after a good unit: also nothing applied (strict).
    m.send(0x06, encodeValueDp(2, 255) + hex("0102"));
    QVERIFY(m.waitEvent(QStringLiteral("MALFORMED_DP_IGNORED"), 2));
    m.send(0x06); // no units at all
    QVERIFY(m.waitEvent(QStringLiteral("MALFORMED_DP_IGNORED"), 3));
    QVERIFY(m.drain().isEmpty());
    QCOMPARE(m.sim->dpValue(2), hex("00000096"));

    // R2: heartbeat with a bad checksum, then a good one: the good one is answered.
    m.sendRaw(hex("55AA00000000FE"));
    QVERIFY(m.waitEvent(QStringLiteral("BAD_FRAME_IGNORED")));
    QCOMPARE(m.lastEvent(QStringLiteral("BAD_FRAME_IGNORED"))->severity, Severity::Warning);
    m.sendRaw(hex("FF0055AA00000000FF")); // garbage in front of a good heartbeat
    const QVector<Frame> f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, hex("55AA030000010104"));

    // Unknown command: an event, no answer.
    m.send(0x99, hex("0102"));
    QVERIFY(m.waitEvent(QStringLiteral("COMMAND_IGNORED")));
    QVERIFY(m.drain().isEmpty());
    m.send(0x00);
    QCOMPARE(m.take(1).size(), 1); // still alive
}

void TstSimulator::reportsOnlyAfterInit()
{
    const DeviceProfile profile = builtin(QStringLiteral("energy-plug"));
    SimulatorOptions options;
    options.timeScale = 0.01; // random walk every 50 ms
    ScriptedModule m(profile, options, 3);
    m.sim->start();
    m.send(0x00);
    m.send(0x01);
    m.send(0x02);
    QCOMPARE(m.take(3).size(), 3);
    QVERIFY(m.drain(200).isEmpty()); // before init: no reports at all

    m.send(0x03, hex("04"));
    QCOMPARE(m.take(1).first().command, quint8(0x03));
    QHash<quint8, QVector<qint64>> seen;
    (void)QTest::qWaitFor([&] {
        for (const Frame& frame : m.drain(10)) {
            if (frame.command != 0x07)
                continue;
            for (const Unit& u : unitsOf(frame.data))
                seen[u.id].append(dpIntegerValue(u.type, u.value));
        }
        return seen.value(18).size() >= 4 && seen.value(19).size() >= 4 && seen.value(20).size() >= 4;
    }, 3000);
    for (int id : {18, 19, 20}) {
        const DpProfile* dp = profile.dp(quint8(id));
        QVERIFY2(seen.value(quint8(id)).size() >= 4, qPrintable(QString::number(id)));
        for (qint64 v : seen.value(quint8(id)))
            QVERIFY(v >= dp->minimum && v <= dp->maximum);
        const qint64 last = dpIntegerValue(2, m.sim->dpValue(quint8(id)));
        QVERIFY(last >= dp->minimum && last <= dp->maximum);
    }
    QVERIFY(!seen.contains(1)); // mode none: never reported on its own
}

void TstSimulator::restartAnswersZeroAgain()
{
    SimulatorOptions options;
    options.timeScale = 0.01;
    ScriptedModule m(builtin(QStringLiteral("energy-plug")), options);
    m.sim->start();
    m.send(0x00);
    m.send(0x00);
    QVector<Frame> f = m.take(2);
    QCOMPARE(f.size(), 2);
    QCOMPARE(f[0].data, hex("00"));
    QCOMPARE(f[1].data, hex("01"));
    m.send(0x08);
    QVERIFY(m.take(11).size() == 11);
    QVERIFY(QTest::qWaitFor([&] { return !m.drain(10).isEmpty(); }, 1000)); // reporting runs

    m.sim->restart();
    QVERIFY(m.waitEvent(QStringLiteral("RESTARTED")));
    m.drain(20);
    QVERIFY(m.drain(200).isEmpty()); // reporting stopped until the module re-inits
    m.send(0x00);
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].data, hex("00"));
    m.send(0x00);
    QCOMPARE(m.take(1).value(0).data, hex("01"));

    // stop() + start() is a power cycle as well.
    m.sim->stop();
    m.send(0x00);
    QVERIFY(m.drain(50).isEmpty());
    m.sim->start();
    m.send(0x00);
    QCOMPARE(m.take(1).value(0).data, hex("00"));
}

void TstSimulator::setDpValueReports()
{
    ScriptedModule m(builtin(QStringLiteral("dimmer")));
    m.sim->start();
    QVERIFY(m.sim->setDpValue(2, hex("00000064"))); // before init: stored, not reported
    QVERIFY(m.drain(50).isEmpty());
    QCOMPARE(m.sim->dpValue(2), hex("00000064"));
    m.send(0x03, hex("04"));
    QCOMPARE(m.take(1).size(), 1);

    QVERIFY(m.sim->setDpValue(1, hex("00")));
    QVector<Frame> f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].data, encodeBoolDp(1, false));
    QVERIFY(!m.sim->setDpValue(2, hex("00000005")));  // below 10
    QVERIFY(!m.sim->setDpValue(4, hex("03")));        // 3 labels
    QVERIFY(!m.sim->setDpValue(9, hex("00")));        // no such dp
    QVERIFY(!m.sim->setDpValue(1, hex("0001")));      // wrong length
    QVERIFY(m.drain(50).isEmpty());
    QCOMPARE(m.sim->dpValue(9), QByteArray());
    QCOMPARE(m.sim->profile().name, QStringLiteral("dimmer"));
}

void TstSimulator::featureNotification()
{
    DeviceProfile p;
    QString error;
    QVERIFY2(parseDeviceProfile(profileJson("[]", R"("features":{"mcu_ota":0,"buf":256},"protocolVersion":1,)"), p, &error),
             qPrintable(error));
    ScriptedModule m(p);
    m.sim->start();
    m.send(0x01);
    const QVector<Frame> f = m.take(2);
    QCOMPARE(f.size(), 2);
    QCOMPARE(f[0].version, quint8(0x01));
    QCOMPARE(f[1].command, quint8(0x37));
    QCOMPARE(f[1].data, QByteArray(1, '\0') + QByteArray(R"({"buf":256,"mcu_ota":0})"));
    m.send(0x37, hex("0000")); // the module's answer is accepted quietly
    QVERIFY(m.drain(30).isEmpty());
    QCOMPARE(m.eventCount(QStringLiteral("COMMAND_IGNORED")), 0);
}

// ---- low-power protocol ----

namespace {

SimulatorOptions lowPowerOptions(double timeScale = 0.01)
{
    SimulatorOptions options;
    options.timeScale = timeScale; // 0.01: 30 s asleep -> 300 ms
    options.ackTimeoutMs = 150;
    options.ackRetries = 3;
    return options;
}

// The handshake of seed 003: product query, then network status 02, 03, 04, each acked.
void handshake(ScriptedModule& m, const DeviceProfile& profile)
{
    m.send(0x01);
    QVector<Frame> f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, encodeFrame(0x00, 0x01, profile.productJson()));
    for (const char* status : {"02", "03", "04"}) {
        m.send(0x02, hex(status));
        f = m.take(1);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].bytes, hex("55AA0002000001"));
    }
}

} // namespace

void TstSimulator::lowPowerHandshakeAndAck()
{
    const DeviceProfile profile = builtin(QStringLiteral("door-sensor"));
    ScriptedModule m(profile, lowPowerOptions(), 3);
    m.sim->start();
    QVERIFY(m.waitEvent(QStringLiteral("WAKE")));
    QVERIFY(m.drain(50).isEmpty()); // the MCU waits for the module

    // Before 04 nothing is reported.
    m.send(0x01);
    QCOMPARE(m.take(1).size(), 1);
    m.send(0x02, hex("03"));
    QCOMPARE(m.take(1).size(), 1);
    QVERIFY(m.drain(60).isEmpty());

    handshake(m, profile);
    QVector<Frame> f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].command, quint8(0x05));
    QCOMPARE(f[0].version, quint8(0x00));
    QCOMPARE(f[0].data, encodeEnumDp(1, 1) + encodeEnumDp(101, 2)); // closed, battery high

    m.sendRaw(hex("55AA000500010005"));
    QVERIFY(m.waitEvent(QStringLiteral("REPORT_ACKED")));
    QVERIFY(m.waitEvent(QStringLiteral("SLEEP")));
    QElapsedTimer asleep;
    asleep.start();
    QCOMPARE(m.eventCount(QStringLiteral("REPORT_RESENT")), 0);

    // After the scaled wake interval the door has opened: a new report, sent directly.
    f = m.take(1, 3000);
    QCOMPARE(f.size(), 1);
    QVERIFY2(asleep.elapsed() >= 200, qPrintable(QString::number(asleep.elapsed())));
    QCOMPARE(f[0].command, quint8(0x05));
    QCOMPARE(f[0].data, encodeEnumDp(1, 0) + encodeEnumDp(101, 2));
    QCOMPARE(m.eventCount(QStringLiteral("WAKE")), 2);
    QCOMPARE(m.sim->dpValue(1), hex("00"));
    m.sendRaw(hex("55AA000500010005"));
    QVERIFY(m.waitEvent(QStringLiteral("SLEEP"), 2));

    // And closes again on the next wake.
    f = m.take(1, 3000);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].data, encodeEnumDp(1, 1) + encodeEnumDp(101, 2));
    m.sendRaw(hex("55AA000500010005"));
    QVERIFY(m.waitEvent(QStringLiteral("SLEEP"), 3));

    // A stray ack is noted, not fatal; restart() is a new wake that waits for the handshake.
    m.sendRaw(hex("55AA000500010005"));
    QVERIFY(m.waitEvent(QStringLiteral("UNEXPECTED_ACK")));
    m.sim->restart();
    QVERIFY(m.waitEvent(QStringLiteral("WAKE"), 4));
    QVERIFY(m.drain(60).isEmpty());
    handshake(m, profile);
    QCOMPARE(m.take(1).value(0).command, quint8(0x05));
}

void TstSimulator::lowPowerResendsUntilTimeout()
{
    const DeviceProfile profile = builtin(QStringLiteral("door-sensor"));
    ScriptedModule m(profile, lowPowerOptions());
    m.sim->start();
    handshake(m, profile);
    QVERIFY(m.waitEvent(QStringLiteral("ACK_TIMEOUT"), 1, 3000));
    QCOMPARE(m.lastEvent(QStringLiteral("ACK_TIMEOUT"))->severity, Severity::Warning);
    QVERIFY(m.waitEvent(QStringLiteral("SLEEP")));
    const QVector<Frame> f = m.drain(10);
    QCOMPARE(f.size(), 4); // the report and 3 resends
    for (const Frame& frame : f)
        QCOMPARE(frame.bytes, f[0].bytes);
    QCOMPARE(m.eventCount(QStringLiteral("REPORT_RESENT")), 3);
    QCOMPARE(m.eventCount(QStringLiteral("REPORT_ACKED")), 0);

    // A failure answer (01) counts as an attempt and resends at once; then an ack ends it.
    QCOMPARE(m.take(1, 3000).size(), 1); // next wake's report
    m.send(0x05, hex("01"));
    QVERIFY(m.waitEvent(QStringLiteral("REPORT_FAILED")));
    QCOMPARE(m.take(1).size(), 1);
    m.send(0x05, hex("00"));
    QVERIFY(m.waitEvent(QStringLiteral("REPORT_ACKED")));
}

void TstSimulator::lowPowerModuleCommand()
{
    const DeviceProfile profile = builtin(QStringLiteral("door-sensor"));
    ScriptedModule m(profile, lowPowerOptions(1.0), 3); // no timer wake-ups during this test
    m.sim->start();
    handshake(m, profile);
    QCOMPARE(m.take(1).size(), 1);
    m.send(0x05, hex("00"));
    QVERIFY(m.waitEvent(QStringLiteral("SLEEP")));

    m.send(0x09, encodeEnumDp(1, 0) + encodeEnumDp(101, 0));
    QVector<Frame> f = m.take(2);
    QCOMPARE(f.size(), 2);
    QCOMPARE(f[0].bytes, hex("55AA0009000008")); // empty ack, version 0
    QCOMPARE(f[1].command, quint8(0x05));
    QCOMPARE(f[1].data, encodeEnumDp(1, 0) + encodeEnumDp(101, 2)); // 101 is read-only: the truth
    QCOMPARE(m.sim->dpValue(1), hex("00"));
    QCOMPARE(m.sim->dpValue(101), hex("02"));
    QCOMPARE(m.eventCount(QStringLiteral("WRITE_APPLIED")), 1);
    QCOMPARE(m.eventCount(QStringLiteral("WRITE_REJECTED")), 1);
    m.send(0x05, hex("00"));
    QVERIFY(m.waitEvent(QStringLiteral("REPORT_ACKED"), 2));

    // setDpValue reports with 0x05 as well; a local-time answer is accepted.
    QVERIFY(m.sim->setDpValue(1, hex("01")));
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].data, encodeEnumDp(1, 1));
    m.send(0x05, hex("00"));
    m.send(0x06, hex("0118050E091E0002"));
    QVERIFY(m.waitEvent(QStringLiteral("LOCAL_TIME")));
    m.send(0x09, hex("0104000401")); // overrun: acked, nothing applied
    QVERIFY(m.waitEvent(QStringLiteral("MALFORMED_DP_IGNORED")));
    QCOMPARE(m.take(1).value(0).bytes, hex("55AA0009000008"));
    QCOMPARE(m.sim->dpValue(1), hex("01"));
}

void TstSimulator::lowPowerDpCache()
{
    DeviceProfile profile = builtin(QStringLiteral("door-sensor"));
    profile.requestDpCache = true;
    ScriptedModule m(profile, lowPowerOptions(1.0));
    m.sim->start();
    handshake(m, profile);
    QVector<Frame> f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].bytes, encodeFrame(0x00, 0x10, hex("00"))); // obtain DP cache: all
    QVERIFY(m.drain(20).isEmpty()); // the report waits for the cache
    m.send(0x10, hex("01 01") + encodeEnumDp(1, 0));
    f = m.take(1);
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].data, encodeEnumDp(1, 0) + encodeEnumDp(101, 2));
    QCOMPARE(m.eventCount(QStringLiteral("WRITE_APPLIED")), 1);
}

QTEST_GUILESS_MAIN(TstSimulator)
#include "tst_simulator.moc"
