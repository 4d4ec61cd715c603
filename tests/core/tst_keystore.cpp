// The key store: tinytuya devices.json in both shapes, malformed files, Debugfile schemas, key
// matching priority, DP labels, redaction of local keys and the 0600 key file.

#include "keys/Debugfile.h"
#include "keys/DevicesJson.h"
#include "keys/DpLabel.h"
#include "keys/KeyAssignment.h"
#include "keys/KeyNotes.h"
#include "keys/KeyStore.h"
#include "keys/KeyStoreFile.h"
#include "keys/LocalKey.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h> // POSIX-only test (tests/CMakeLists.txt): file modes

// Declared before the JSON samples: Qt 6.4's moc mis-lexes raw strings holding "//" or \",
// and would miss a class declared after them.
class TestKeyStore : public QObject {
    Q_OBJECT

private slots:
    void importsTinytuyaArray();
    void importsDevicesObjectAndSnapshot();
    void mappingShapes();
    void malformedFiles_data();
    void malformedFiles();
    void duplicateIdsLastWins();
    void reimportKeepsUserKey();
    void matchPriority();
    void matchOnlyDevicesWithKeys();
    void parsesKeyAssignments_data();
    void parsesKeyAssignments();
    void keyValidation();
    void redaction();
    void saveIsOwnerOnly();
    void saveTightensAnExistingLooseFile();
    void loadWarnsAboutLoosePermissions();
    void saveLoadRoundTrip();
    void loadRejectsBrokenFile();
    void exportWithoutKeys();
    void debugfileImport();
    void debugfileMalformed();
    void debugfileLabelsDevice();
    void labelsWithScaleAndUnit();
    void labelsEnumsBitmapsAndUnknown();
    void scaledTextIsExact_data();
    void scaledTextIsExact();
};

using namespace tuyascope;
using namespace tuyascope::keys;

namespace {

// Distinctive keys, so "the key text appears nowhere" is a real check. The third has a quote and
// an '=' (legal in tinytuya keys; JSON escaping and ID=KEY splitting must cope).
const QString kPlugKey = QStringLiteral("Pl7gK3yQ9x!4mZ2w");
const QString kBulbKey = QStringLiteral("bU1bk3y#R8t5vW0q");
const QString kOddKey = QStringLiteral("k3y=With\"Quote1!");

// Seed 000's AUBESS 20A plug: dps 1 switch, 9 countdown, 18 mA, 19 W x10, 20 V x10.
const char* const kPlugEntry = R"({
    "name": "Pinguin plug",
    "id": "bf1bd7f0bda4cbc644ichw",
    "key": "Pl7gK3yQ9x!4mZ2w",
    "mac": "aa:bb:cc:dd:33:11",
    "category": "cz",
    "product_name": "Smart Socket 20A",
    "product_id": "keym4vvjhx4sd9kk",
    "biz_type": 18,
    "model": "AUBESS 20A",
    "sub": false,
    "icon": "https://images.tuyaus.com/smart/icon/plug.png",
    "mapping": {
        "1":  {"code": "switch_1",    "type": "Boolean", "values": {}},
        "9":  {"code": "countdown_1", "type": "Integer", "values": {"unit": "s",  "min": 0, "max": 86400, "scale": 0, "step": 1}},
        "18": {"code": "cur_current", "type": "Integer", "values": {"unit": "mA", "min": 0, "max": 30000, "scale": 0, "step": 1}},
        "19": {"code": "cur_power",   "type": "Integer", "values": {"unit": "W",  "min": 0, "max": 50000, "scale": 1, "step": 1}},
        "20": {"code": "cur_voltage", "type": "Integer", "values": {"unit": "V",  "min": 0, "max": 5000,  "scale": 1, "step": 1}}
    },
    "ip": "192.168.1.55",
    "version": "3.3"
})";

// A bulb whose mapping uses every other shape: values as JSON-encoded strings, String values as
// the raw cloud text, a Json DP with raw_values, an enum, a code-keyed DP, a CJK unit.
const char* const kBulbEntry = R"({
    "name": "",
    "id": "eb0123456789abcdefgh",
    "key": "bU1bk3y#R8t5vW0q",
    "mac": "",
    "category": "dj",
    "product_id": "bulbPid000000001",
    "mapping": {
        "20": {"code": "switch_led",  "type": "Boolean", "values": "{}"},
        "21": {"code": "work_mode",   "type": "Enum",    "values": "{\"range\":[\"white\",\"colour\",\"scene\",\"music\"]}"},
        "22": {"code": "bright_value","type": "Integer", "values": "{\"min\":10,\"max\":1000,\"scale\":0,\"step\":1}"},
        "24": {"code": "colour_data", "type": "Json",    "raw_values": "{\"h\":{}}",
               "values": {"h": {"min": 0, "scale": 0, "unit": "", "max": 360, "step": 1}}},
        "27": {"code": "music_data",  "type": "String",  "values": "{\"maxlen\":255}"},
        "101": {"code": "temp_room",  "type": "Integer", "values": {"unit": "\u2103", "min": -200, "max": 600, "scale": 1, "step": 5}},
        "102": {"code": "fault",      "type": "Bitmap",  "values": {"label": ["ov_cr", "ov_vol", "ov_temp"], "maxlen": 3}},
        "countdown": {"code": "countdown", "type": "Integer", "values": {"unit": "s"}}
    },
    "last_ip": "192.168.1.60",
    "ip": "192.168.1.59",
    "version": "3.5"
})";

const char* const kDebugfile = R"({
    "Pro_Key": "keym4vvjhx4sd9kk",
    "Dp_Data": [
        {"id": 1,  "code": "switch_1", "name": "Switch", "mode": "rw", "defaultValue": false, "property": {"type": "bool"}},
        {"id": "2", "code": "temp_set", "name": "Set point", "mode": "rw", "property": {"type": "value", "min": 50, "max": 350, "step": 5, "scale": 1, "unit": "\u2103"}},
        {"id": 4,  "code": "mode", "name": "Mode", "mode": "rw", "property": {"type": "enum", "range": ["manual", "program", "holiday"]}},
        {"id": 12, "code": "fault", "name": "Fault", "mode": "ro", "property": {"type": "bitmap", "label": ["sensor", "overheat"], "maxlen": 2}},
        {"id": 13, "code": "label", "name": "Label", "mode": "rw", "property": {"type": "string", "maxlen": 64}},
        {"id": 14, "code": "blob", "name": "Blob", "mode": "rw", "property": {"type": "raw", "maxlen": 255}},
        {"code": "no_id", "property": {"type": "bool"}},
        {"id": 4,  "code": "mode", "name": "Mode again", "mode": "rw", "property": {"type": "enum", "range": ["a", "b"]}}
    ]
})";

QByteArray arrayFile(std::initializer_list<const char*> entries)
{
    QByteArray out("[\n");
    bool first = true;
    for (const char* e : entries) {
        if (!first)
            out += ",\n";
        out += e;
        first = false;
    }
    return out + "\n]\n";
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return QString();
    return path;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString allNotes(const QVector<Diagnostic>& notes)
{
    QStringList lines;
    for (const Diagnostic& d : notes)
        lines << severityName(d.severity) + QLatin1Char(' ') + d.code + QLatin1Char(' ') + d.message;
    return lines.join(QLatin1Char('\n'));
}

bool hasNote(const QVector<Diagnostic>& notes, Severity severity, const QString& text)
{
    for (const Diagnostic& d : notes)
        if (d.severity == severity && d.message.contains(text))
            return true;
    return false;
}

LocalKey key(const QString& text)
{
    return LocalKey::fromString(text).value_or(LocalKey());
}

// Every qDebug/qWarning line while alive.
class MessageCapture {
public:
    MessageCapture() { s_lines.clear(); m_previous = qInstallMessageHandler(&MessageCapture::handler); }
    ~MessageCapture() { qInstallMessageHandler(m_previous); }
    QString text() const { return s_lines.join(QLatin1Char('\n')); }

private:
    static void handler(QtMsgType, const QMessageLogContext&, const QString& message) { s_lines << message; }
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

int fileMode(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace


void TestKeyStore::importsTinytuyaArray()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("devices.json"), arrayFile({kPlugEntry, kBulbEntry}));
    QVERIFY(!path.isEmpty());

    const DevicesImport r = importDevicesJson(readAll(path));
    QVERIFY2(r.readable && !r.hasErrors(), qPrintable(allNotes(r.notes)));
    QCOMPARE(r.devices.size(), 2);

    const DeviceEntry& plug = r.devices.at(0);
    QCOMPARE(plug.id, QStringLiteral("bf1bd7f0bda4cbc644ichw"));
    QCOMPARE(plug.name, QStringLiteral("Pinguin plug"));
    QVERIFY(plug.hasKey());
    QCOMPARE(plug.key.reveal(), kPlugKey.toLatin1());
    QCOMPARE(plug.ip, QHostAddress(QStringLiteral("192.168.1.55")));
    QCOMPARE(plug.version, QStringLiteral("3.3"));
    QCOMPARE(plug.productKey, QStringLiteral("keym4vvjhx4sd9kk"));
    QCOMPARE(plug.productName, QStringLiteral("Smart Socket 20A"));
    QCOMPARE(plug.category, QStringLiteral("cz"));
    QCOMPARE(plug.model, QStringLiteral("AUBESS 20A"));
    QCOMPARE(plug.mac, QStringLiteral("aa:bb:cc:dd:33:11"));
    QVERIFY(!plug.subDevice);

    QCOMPARE(plug.dps.size(), 5);
    QList<int> ids;
    for (const DpSpec& s : plug.dps)
        ids << s.id;
    QCOMPARE(ids, (QList<int>{1, 9, 18, 19, 20})); // numeric order, not JSON key order
    const DpSpec* power = plug.dp(19);
    QVERIFY(power);
    QCOMPARE(power->code, QStringLiteral("cur_power"));
    QCOMPARE(power->kind, DpKind::Value);
    QCOMPARE(power->scale, 1);
    QCOMPARE(power->unit, QStringLiteral("W"));
    QCOMPARE(power->min, std::optional<qint64>(0));
    QCOMPARE(power->max, std::optional<qint64>(50000));
    QCOMPARE(power->step, std::optional<qint64>(1));
    QCOMPARE(plug.dp(1)->kind, DpKind::Bool);
    QCOMPARE(plug.dp(9)->max, std::optional<qint64>(86400));
    QVERIFY(!plug.dp(2));

    const DeviceEntry& bulb = r.devices.at(1);
    QCOMPARE(bulb.name, QString());
    QCOMPARE(bulb.ip, QHostAddress(QStringLiteral("192.168.1.60"))); // last_ip preferred
    QCOMPARE(bulb.version, QStringLiteral("3.5"));
}

void TestKeyStore::importsDevicesObjectAndSnapshot()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray object = QByteArray(R"({"devices": [)") + kPlugEntry + R"(,
        {"id": "snap0000000000000001", "key": "bU1bk3y#R8t5vW0q", "ver": "3.4", "ip": "10.0.0.7",
         "name": "from snapshot", "mapping": null},
        {"id": "nomap000000000000001", "mapping": {}, "sub": true, "node_id": "a4c1381234567890",
         "parent": "bf1bd7f0bda4cbc644ichw", "version": 3.3}
    ], "timestamp": 1700000000})";
    const QString path = writeFile(dir, QStringLiteral("snapshot.json"), object);
    const DevicesImport r = importDevicesJson(readAll(path));
    QVERIFY2(r.readable && !r.hasErrors(), qPrintable(allNotes(r.notes)));
    QCOMPARE(r.devices.size(), 3);
    QCOMPARE(r.devices.at(0).dps.size(), 5);

    const DeviceEntry& snap = r.devices.at(1);
    QCOMPARE(snap.version, QStringLiteral("3.4")); // "ver" as snapshot.json writes it
    QCOMPARE(snap.ip, QHostAddress(QStringLiteral("10.0.0.7")));
    QCOMPARE(snap.key.reveal(), kBulbKey.toLatin1());
    QVERIFY(snap.dps.isEmpty());

    const DeviceEntry& sub = r.devices.at(2);
    QVERIFY(!sub.hasKey()); // missing key: tolerated, no error
    QVERIFY(sub.subDevice);
    QCOMPARE(sub.nodeId, QStringLiteral("a4c1381234567890"));
    QCOMPARE(sub.parentId, QStringLiteral("bf1bd7f0bda4cbc644ichw"));
    QCOMPARE(sub.version, QStringLiteral("3.3")); // a number, as some hand-edited files have
    QVERIFY(sub.ip.isNull());
}

void TestKeyStore::mappingShapes()
{
    const DevicesImport r = importDevicesJson(arrayFile({kBulbEntry}));
    QVERIFY2(!r.hasErrors(), qPrintable(allNotes(r.notes)));
    QVERIFY2(r.notes.isEmpty(), qPrintable(allNotes(r.notes)));
    const DeviceEntry& bulb = r.devices.at(0);

    const DpSpec* mode = bulb.dp(21); // values given as a JSON-encoded string
    QVERIFY(mode);
    QCOMPARE(mode->kind, DpKind::Enum);
    QCOMPARE(mode->range, (QStringList{QStringLiteral("white"), QStringLiteral("colour"), QStringLiteral("scene"), QStringLiteral("music")}));
    const DpSpec* bright = bulb.dp(22);
    QCOMPARE(bright->min, std::optional<qint64>(10));
    QCOMPARE(bright->max, std::optional<qint64>(1000));

    const DpSpec* music = bulb.dp(27); // String: the raw cloud text kept, maxlen read from it
    QCOMPARE(music->kind, DpKind::String);
    QCOMPARE(music->valuesText, QStringLiteral("{\"maxlen\":255}"));
    QCOMPARE(music->maxLen, std::optional<int>(255));

    const DpSpec* colour = bulb.dp(24);
    QCOMPARE(colour->kind, DpKind::Json);
    QVERIFY(colour->valuesText.contains(QStringLiteral("\"max\":360")));

    QCOMPARE(bulb.dp(101)->unit, QStringLiteral("\u00b0C")); // ℃ normalised like tinytuya
    QCOMPARE(bulb.dp(101)->min, std::optional<qint64>(-200));
    QCOMPARE(bulb.dp(102)->labels.size(), 3);
    QCOMPARE(bulb.dp(102)->maxLen, std::optional<int>(3));

    // The code-keyed DP (no dp_id from the cloud) is kept, but has no id to label by.
    QCOMPARE(bulb.dps.first().id, int(DpSpec::kNoId));
    QCOMPARE(bulb.dps.first().code, QStringLiteral("countdown"));
    QCOMPARE(bulb.dps.size(), 8);

    // Code-keyed DPs are ordered by code, not by the file's key order (found by the fuzzer: the
    // order changed between a file and its re-export).
    const DevicesImport coded = importDevicesJson(R"([{"id": "c1", "mapping": {
        "zeta": {"code": "a_first"}, "alpha": {"code": "b_second"}, "7": {"code": "seven"}}}])");
    QStringList codes;
    for (const DpSpec& s : coded.devices.at(0).dps)
        codes << s.code;
    QCOMPARE(codes, (QStringList{QStringLiteral("a_first"), QStringLiteral("b_second"), QStringLiteral("seven")}));
}

void TestKeyStore::malformedFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("readable");
    QTest::addColumn<bool>("isError");     // the expected note is an error (else a warning)
    QTest::addColumn<QString>("expected"); // text the note must contain
    QTest::addColumn<int>("devices");

    QTest::newRow("not json") << QByteArray("[{\"id\": ") << false << true << QStringLiteral("not JSON") << 0;
    QTest::newRow("devices not a list") << QByteArray(R"({"devices": {"a1": {}}})") << false << true
                                        << QStringLiteral("expected a list of devices") << 0;
    QTest::newRow("object without devices") << QByteArray(R"({"devs": []})") << false << true
                                            << QStringLiteral("expected a list of devices") << 0;
    QTest::newRow("entry not an object") << QByteArray(R"([{"id": "a1"}, 7])") << true << true
                                         << QStringLiteral("devices[1]: expected an object, got a number") << 1;
    QTest::newRow("id missing") << QByteArray(R"([{"id": "a1"}, {"id": "a2"}, {"name": "x"}])") << true << true
                                << QStringLiteral("devices[2].id: missing") << 2;
    QTest::newRow("id not a string") << QByteArray(R"([{"id": 12345}])") << true << true
                                     << QStringLiteral("devices[0].id: expected a string, got a number") << 0;
    QTest::newRow("key too short") << QByteArray(R"([{"id": "a1", "key": "Pl7gK3yQ9x!4mZ2"}])") << true << true
                                   << QStringLiteral("devices[0].key: a local key has 16 characters, this one has 15") << 1;
    QTest::newRow("key not a string") << QByteArray(R"([{"id": "a1"}, {"id": "a2", "key": 1234567890123456}])") << true << true
                                      << QStringLiteral("devices[1].key: expected a string") << 2;
    QTest::newRow("key control char") << QByteArray(R"([{"id": "a1", "key": "Pl7gK3yQ9x!4mZ2\n"}])") << true << true
                                      << QStringLiteral("devices[0].key: a local key is printable ASCII") << 1;
    QTest::newRow("bad ip") << QByteArray(R"([{"id": "a1", "ip": "Auto"}])") << true << false
                            << QStringLiteral("devices[0].ip: not an IP address") << 1;
    QTest::newRow("bad version") << QByteArray(R"([{"id": "a1", "version": "9.9"}])") << true << false
                                 << QStringLiteral("devices[0].version: \"9.9\" is not a protocol version") << 1;
    QTest::newRow("name not a string") << QByteArray(R"([{"id": "a1", "name": ["x"]}])") << true << false
                                       << QStringLiteral("devices[0].name: expected a string, got an array") << 1;
    QTest::newRow("mapping not an object") << QByteArray(R"([{"id": "a1", "mapping": []}])") << true << false
                                           << QStringLiteral("devices[0].mapping: expected an object, got an array") << 1;
    QTest::newRow("mapping entry not an object") << QByteArray(R"([{"id": "a1", "mapping": {"19": "cur_power"}}])") << true << false
                                                 << QStringLiteral("devices[0].mapping.19: expected an object") << 1;
    QTest::newRow("scale out of range") << QByteArray(R"([{"id": "a1", "mapping": {"19": {"code": "p", "type": "Integer", "values": {"scale": 40}}}}])")
                                        << true << false << QStringLiteral("devices[0].mapping.19.values.scale: 40 is outside 0..9") << 1;
    QTest::newRow("min not a number") << QByteArray(R"([{"id": "a1", "mapping": {"19": {"code": "p", "type": "Integer", "values": {"min": "low"}}}}])")
                                      << true << false << QStringLiteral("devices[0].mapping.19.values.min: expected an integer") << 1;
    QTest::newRow("unknown dp type") << QByteArray(R"({"devices": [{"id": "a1", "mapping": {"5": {"code": "p", "type": "Floaty"}}}]})")
                                     << true << false << QStringLiteral("devices[0].mapping.5.type: unknown type \"Floaty\"") << 1;
    QTest::newRow("dp id too big") << QByteArray(R"([{"id": "a1", "mapping": {"99999999": {"code": "p"}}}])") << true << false
                                   << QStringLiteral("devices[0].mapping.99999999: DP id beyond 65535") << 1;
}

void TestKeyStore::malformedFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, readable);
    QFETCH(bool, isError);
    QFETCH(QString, expected);
    QFETCH(int, devices);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const DevicesImport r = importDevicesJson(readAll(writeFile(dir, QStringLiteral("bad.json"), json)));
    QCOMPARE(r.readable, readable);
    QVERIFY2(hasNote(r.notes, isError ? Severity::Error : Severity::Warning, expected), qPrintable(allNotes(r.notes)));
    QCOMPARE(r.hasErrors(), isError);
    QCOMPARE(r.devices.size(), devices);
    // The key of the "key too short" row is a prefix of kPlugKey: it must not be quoted either.
    QVERIFY(!allNotes(r.notes).contains(QStringLiteral("Pl7gK3yQ9x!4mZ2")));
}

void TestKeyStore::duplicateIdsLastWins()
{
    const QByteArray json = R"([
        {"id": "dup0000000000000001", "name": "first",  "key": "Pl7gK3yQ9x!4mZ2w"},
        {"id": "other00000000000001", "name": "other"},
        {"id": "dup0000000000000001", "name": "second", "key": "bU1bk3y#R8t5vW0q"}
    ])";
    const DevicesImport r = importDevicesJson(json);
    QVERIFY(r.readable);
    QCOMPARE(r.devices.size(), 2);
    QCOMPARE(r.devices.at(0).name, QStringLiteral("second"));
    QCOMPARE(r.devices.at(0).key.reveal(), kBulbKey.toLatin1());
    QVERIFY2(hasNote(r.notes, Severity::Warning, QStringLiteral("devices[2].id: \"dup0000000000000001\" repeats devices[0]; the later entry wins")),
             qPrintable(allNotes(r.notes)));
    QCOMPARE(r.notes.first().code, code::DuplicateDevice);
    QVERIFY(!r.hasErrors());

    // Importing again into a store: still one entry per id, the newer data.
    KeyStore store;
    QVERIFY(store.importDevicesJson(json));
    QVERIFY(store.importDevicesJson(R"([{"id": "dup0000000000000001", "name": "third"}])"));
    QCOMPARE(store.devices().size(), 2);
    QCOMPARE(store.find(QStringLiteral("dup0000000000000001"))->name, QStringLiteral("third"));
}

void TestKeyStore::reimportKeepsUserKey()
{
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry})));
    QVERIFY(store.assign(QStringLiteral("bf1bd7f0bda4cbc644ichw"), kOddKey));
    QVector<Diagnostic> notes;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry}), &notes));
    const DeviceEntry* plug = store.find(QStringLiteral("bf1bd7f0bda4cbc644ichw"));
    QVERIFY(plug);
    QVERIFY(plug->keyFromUser);
    QCOMPARE(plug->key.reveal(), kOddKey.toLatin1());
    QCOMPARE(plug->dps.size(), 5);
}

void TestKeyStore::matchPriority()
{
    KeyStore store;
    QVERIFY(store.importDevicesJson(R"([
        {"id": "gwA00000000000000001", "key": "Pl7gK3yQ9x!4mZ2w", "ip": "10.0.0.10"},
        {"id": "gwB00000000000000001", "key": "bU1bk3y#R8t5vW0q", "ip": "10.0.0.11"}
    ])"));
    const QString gwA = QStringLiteral("gwA00000000000000001");
    const QString gwB = QStringLiteral("gwB00000000000000001");
    const QHostAddress ip10(QStringLiteral("10.0.0.10"));
    const QHostAddress ip11(QStringLiteral("10.0.0.11"));
    const QHostAddress ip99(QStringLiteral("10.0.0.99"));

    // gwId beats IP: the flow is at B's old address but discovery says it is A.
    KeyMatch m = store.matchDetailed(gwA, ip11);
    QVERIFY(m.entry);
    QCOMPARE(m.entry->id, gwA);
    QCOMPARE(m.by, MatchedBy::GwId);
    // No gwId seen: the IP decides.
    m = store.matchDetailed(QString(), ip11);
    QCOMPARE(m.entry->id, gwB);
    QCOMPARE(m.by, MatchedBy::Ip);
    // An unknown gwId falls back to the IP.
    m = store.matchDetailed(QStringLiteral("unknown0000000000001"), ip10);
    QCOMPARE(m.entry->id, gwA);
    QCOMPARE(m.by, MatchedBy::Ip);
    // A dual-stack socket reports v4-mapped v6 addresses.
    QCOMPARE(store.match(QString(), QHostAddress(QStringLiteral("::ffff:10.0.0.10")))->id, gwA);
    QVERIFY(!store.match(QString(), ip99));
    QVERIFY(!store.match(QStringLiteral("nobody"), QHostAddress()));

    // A user key for an IP beats the imported gwId and IP matches.
    QVERIFY(store.assign(QStringLiteral("10.0.0.10"), kOddKey));
    m = store.matchDetailed(gwA, ip10);
    QCOMPARE(m.by, MatchedBy::UserIp);
    QCOMPARE(m.entry->key.reveal(), kOddKey.toLatin1());
    QVERIFY(m.entry->id.isEmpty());
    // ...but only for that IP.
    QCOMPARE(store.matchDetailed(gwA, ip99).by, MatchedBy::GwId);

    // A user key for a device id beats everything, the user's IP assignment included.
    QVERIFY(store.assign(gwA, kBulbKey));
    m = store.matchDetailed(gwA, ip10);
    QCOMPARE(m.by, MatchedBy::UserId);
    QCOMPARE(m.entry->id, gwA);
    QCOMPARE(m.entry->key.reveal(), kBulbKey.toLatin1());
    QCOMPARE(store.devices().size(), 3); // the id assignment updated A in place

    // A user key for a device nobody imported creates it.
    QVERIFY(store.assign(QStringLiteral("newdev00000000000001"), kPlugKey));
    m = store.matchDetailed(QStringLiteral("newdev00000000000001"), ip11);
    QCOMPARE(m.by, MatchedBy::UserId);
    QCOMPARE(matchedByName(m.by), QStringLiteral("user id"));
}

void TestKeyStore::matchOnlyDevicesWithKeys()
{
    KeyStore store;
    QVERIFY(store.importDevicesJson(R"([
        {"id": "nokey000000000000001", "ip": "10.0.0.10"},
        {"id": "haskey00000000000001", "key": "Pl7gK3yQ9x!4mZ2w", "ip": "10.0.0.10"}
    ])"));
    const KeyMatch m = store.matchDetailed(QStringLiteral("nokey000000000000001"), QHostAddress(QStringLiteral("10.0.0.10")));
    QVERIFY(m.entry);
    QCOMPARE(m.entry->id, QStringLiteral("haskey00000000000001"));
    QCOMPARE(m.by, MatchedBy::Ip);
    QVERIFY(store.find(QStringLiteral("nokey000000000000001"))); // still there for labels
}

void TestKeyStore::parsesKeyAssignments_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("ip");
    QTest::addColumn<QString>("keyOrError");

    QTest::newRow("device id") << QStringLiteral("bf1bd7f0bda4cbc644ichw=Pl7gK3yQ9x!4mZ2w") << true
                               << QStringLiteral("bf1bd7f0bda4cbc644ichw") << QString() << kPlugKey;
    QTest::newRow("ipv4") << QStringLiteral("192.168.1.55=Pl7gK3yQ9x!4mZ2w") << true << QString()
                          << QStringLiteral("192.168.1.55") << kPlugKey;
    QTest::newRow("ipv6") << QStringLiteral("fe80::1=Pl7gK3yQ9x!4mZ2w") << true << QString() << QStringLiteral("fe80::1") << kPlugKey;
    QTest::newRow("numeric id is not an ip") << QStringLiteral("1234=Pl7gK3yQ9x!4mZ2w") << true << QStringLiteral("1234") << QString() << kPlugKey;
    QTest::newRow("key with = and quote") << QStringLiteral("dev1=") + kOddKey << true << QStringLiteral("dev1") << QString() << kOddKey;
    QTest::newRow("spaces around id") << QStringLiteral("  dev1 =Pl7gK3yQ9x!4mZ2w") << true << QStringLiteral("dev1") << QString() << kPlugKey;
    QTest::newRow("no =") << QStringLiteral("Pl7gK3yQ9x!4mZ2w") << false << QString() << QString() << QStringLiteral("expected ID=KEY");
    QTest::newRow("no id") << QStringLiteral("=Pl7gK3yQ9x!4mZ2w") << false << QString() << QString() << QStringLiteral("is missing");
    QTest::newRow("short key") << QStringLiteral("dev1=Pl7gK3yQ9x!4mZ2") << false << QString() << QString()
                               << QStringLiteral("key for dev1: a local key has 16 characters, this one has 15");
    QTest::newRow("long key") << QStringLiteral("dev1=Pl7gK3yQ9x!4mZ2wX") << false << QString() << QString()
                              << QStringLiteral("this one has 17");
    QTest::newRow("non-ascii key") << QStringLiteral("dev1=Pl7gK3yQ9x!4mZ2\u00e9") << false << QString() << QString()
                                   << QStringLiteral("non-ASCII");
}

void TestKeyStore::parsesKeyAssignments()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, id);
    QFETCH(QString, ip);
    QFETCH(QString, keyOrError);

    QString error;
    const std::optional<KeyAssignment> a = parseKeyAssignment(text, &error);
    QCOMPARE(a.has_value(), ok);
    if (ok) {
        QCOMPARE(a->id, id);
        QCOMPARE(a->ip, ip.isEmpty() ? QHostAddress() : QHostAddress(ip));
        QCOMPARE(a->key.reveal(), keyOrError.toLatin1());
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY2(error.contains(keyOrError), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("Pl7gK3yQ9x")), qPrintable(error)); // no part of the key
    }
}

void TestKeyStore::keyValidation()
{
    QVERIFY(LocalKey::fromString(kPlugKey));
    QVERIFY(LocalKey::fromString(kOddKey));
    QVERIFY(!LocalKey::fromString(QString()));
    QVERIFY(!LocalKey::fromString(QStringLiteral("0123456789abcde")));
    QVERIFY(!LocalKey::fromBytes(QByteArray("0123456789abcde\x01", 16)));
    QVERIFY(LocalKey::fromBytes(QByteArray("0123456789abcdef")));
    QVERIFY(!LocalKey().isSet());
    QCOMPARE(key(kPlugKey), key(kPlugKey));
    QVERIFY(key(kPlugKey) != key(kBulbKey));
}

void TestKeyStore::redaction()
{
    const LocalKey k = key(kPlugKey);
    QVERIFY(k.isSet());
    QCOMPARE(k.redacted(), kRedactedKey);
    QCOMPARE(LocalKey().redacted(), QString());

    KeyStore store;
    QVector<Diagnostic> notes;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry, kBulbEntry}), &notes));
    QVERIFY(store.assign(QStringLiteral("10.0.0.5"), kOddKey));
    const DeviceEntry* plug = store.find(QStringLiteral("bf1bd7f0bda4cbc644ichw"));
    QVERIFY(plug);

    {
        MessageCapture capture;
        qDebug() << k;
        qDebug() << *plug;
        for (const DeviceEntry& e : store.devices())
            qWarning() << e << e.key;
        const QString logged = capture.text();
        QVERIFY2(logged.contains(QStringLiteral("****")), qPrintable(logged)); // the mask is there...
        QVERIFY2(logged.contains(QStringLiteral("bf1bd7f0bda4cbc644ichw")), qPrintable(logged));
        for (const QString& secret : {kPlugKey, kBulbKey, kOddKey}) // ...and no key
            QVERIFY2(!logged.contains(secret), qPrintable(logged));
    }

    // Notes from a store reload with loose permissions, a bad key and a re-import.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    KeyStoreFile file(dir.filePath(QStringLiteral("keys.json")));
    QString error;
    QVERIFY2(file.save(store, &error), qPrintable(error));
    QVERIFY(QFile::setPermissions(file.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    KeyStore loaded;
    QVERIFY(file.load(loaded, &notes));
    QVERIFY(store.importDevicesJson(R"([{"id": "x1", "key": "Pl7gK3yQ9x!4mZ2w_"}])", &notes));
    QVERIFY(!store.assign(QStringLiteral("dev1"), kOddKey + QLatin1Char('x'), &error));
    const QString noteText = allNotes(notes) + QLatin1Char('\n') + error;
    QVERIFY2(noteText.contains(QStringLiteral("devices[0].key")), qPrintable(noteText));
    for (const QString& secret : {kPlugKey, kBulbKey, kOddKey})
        QVERIFY2(!noteText.contains(secret), qPrintable(noteText));

    // An export without keys has none; with keys (the user asked) has them all.
    const QByteArray without = store.exportJson(false);
    const QByteArray with = store.exportJson(true);
    const QByteArray oddEscaped = QByteArray(R"(k3y=With\"Quote1!)");
    for (const QByteArray& secret : {kPlugKey.toLatin1(), kBulbKey.toLatin1(), oddEscaped})
        QVERIFY2(!without.contains(secret), without.constData());
    for (const QByteArray& secret : {kPlugKey.toLatin1(), kBulbKey.toLatin1(), oddEscaped})
        QVERIFY2(with.contains(secret), secret.constData());
    QVERIFY(!without.contains("\"key\""));
}

void TestKeyStore::saveIsOwnerOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A nested folder that does not exist yet, and the most permissive umask: the default
    // mode would be 0666, so only an explicit chmod gives 0600.
    const QString path = dir.filePath(QStringLiteral("config/TuyaScope/keys.json"));
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry})));
    KeyStoreFile file(path);
    // At the first write the temporary file (unnamed on Linux: O_TMPFILE) is already 0600 and
    // still empty.
    QStringList seen;
    file.setBeforeFirstWriteHook([&seen](const QFileDevice& device) {
        struct stat st {};
        if (::fstat(device.handle(), &st) == 0)
            seen << QStringLiteral("%1 %2").arg(int(st.st_mode & 07777), 0, 8).arg(qint64(st.st_size));
        const QFileDevice::Permissions p = device.permissions();
        seen << ((p & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) ? QStringLiteral("others can read") : QStringLiteral("owner only"));
    });
    const mode_t previous = ::umask(0);
    QString error;
    const bool saved = file.save(store, &error);
    ::umask(previous);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(seen, (QStringList{QStringLiteral("600 0"), QStringLiteral("owner only")}));

    QCOMPARE(fileMode(path), 0600);
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    QVERIFY(p.testFlag(QFileDevice::ReadOwner) && p.testFlag(QFileDevice::WriteOwner));
    QVERIFY(!(p & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
                   | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther)));
    QCOMPARE(fileMode(QFileInfo(path).absolutePath()), 0700); // the folder we created too
    QVERIFY(readAll(path).contains(kPlugKey.toLatin1()));     // the saved store has the key
    // No temporary file left behind.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList{QStringLiteral("keys.json")});
}

void TestKeyStore::saveTightensAnExistingLooseFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("keys.json"), QByteArray("[]"));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    QCOMPARE(fileMode(path), 0644);
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry})));
    QString error;
    QVERIFY2(KeyStoreFile(path).save(store, &error), qPrintable(error));
    QCOMPARE(fileMode(path), 0600); // QSaveFile copies the old mode; we narrow it again
}

void TestKeyStore::loadWarnsAboutLoosePermissions()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("keys.json"));
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry})));
    QVERIFY(KeyStoreFile(path).save(store));

    KeyStore tight;
    QVector<Diagnostic> notes;
    QVERIFY(KeyStoreFile(path).load(tight, &notes));
    QVERIFY2(notes.isEmpty(), qPrintable(allNotes(notes)));
    QCOMPARE(tight.devices().size(), 1);

    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                            | QFileDevice::ReadOther));
    KeyStore loose;
    QVERIFY(KeyStoreFile(path).load(loose, &notes)); // still loads...
    QCOMPARE(loose.devices().size(), 1);
    QVERIFY(loose.devices().first().hasKey());
    QCOMPARE(notes.size(), 1); // ...with one warning
    QCOMPARE(notes.first().code, code::LoosePermissions);
    QCOMPARE(notes.first().severity, Severity::Warning);
    QVERIFY(!notes.first().message.contains(kPlugKey));
}

void TestKeyStore::saveLoadRoundTrip()
{
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry, kBulbEntry})));
    QVERIFY(store.assign(QStringLiteral("10.0.0.5"), kOddKey));
    QVERIFY(store.assign(QStringLiteral("userdev0000000000001"), kPlugKey));
    const DebugfileImport schema = importDebugfile(kDebugfile);
    QVERIFY(schema.readable);
    QCOMPARE(store.applySchema(schema.schema, QStringLiteral("thermo00000000000001")), 1);
    QCOMPARE(store.devices().size(), 5);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const KeyStoreFile file(dir.filePath(QStringLiteral("keys.json")));
    QString error;
    QVERIFY2(file.save(store, &error), qPrintable(error));

    KeyStore loaded;
    QVERIFY(loaded.assign(QStringLiteral("stale000000000000001"), kBulbKey)); // replaced by load
    QVector<Diagnostic> notes;
    QVERIFY(file.load(loaded, &notes));
    QVERIFY2(notes.isEmpty(), qPrintable(allNotes(notes)));
    QCOMPARE(loaded.devices().size(), store.devices().size());
    for (int i = 0; i < int(store.devices().size()); ++i) {
        const DeviceEntry& a = store.devices().at(i);
        const DeviceEntry& b = loaded.devices().at(i);
        QVERIFY2(a == b, qPrintable(QStringLiteral("device %1 (%2) differs after the round trip").arg(i).arg(a.id)));
    }
    // Matching behaves the same on the reloaded store.
    QCOMPARE(loaded.matchDetailed(QString(), QHostAddress(QStringLiteral("10.0.0.5"))).by, MatchedBy::UserIp);
    QCOMPARE(loaded.matchDetailed(QStringLiteral("userdev0000000000001"), QHostAddress()).by, MatchedBy::UserId);
    // And saving the loaded store writes the same bytes.
    QCOMPARE(loaded.exportJson(true), store.exportJson(true));

    // A missing file is an empty store.
    KeyStore fresh;
    QVERIFY(fresh.assign(QStringLiteral("dev1"), kPlugKey));
    QVERIFY(KeyStoreFile(dir.filePath(QStringLiteral("none.json"))).load(fresh));
    QVERIFY(fresh.isEmpty());
    QVERIFY(KeyStoreFile::defaultPath().endsWith(QStringLiteral("/keys.json")));
}

void TestKeyStore::loadRejectsBrokenFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("keys.json"), QByteArray("{\"devices\": [ {\"id\": \"a\", \"key\": \"Pl7gK3yQ9x!4mZ2w\""));
    KeyStore store;
    QVERIFY(store.assign(QStringLiteral("dev1"), kBulbKey));
    QVector<Diagnostic> notes;
    QVERIFY(!KeyStoreFile(path).load(store, &notes));
    QCOMPARE(store.devices().size(), 1); // unchanged
    QVERIFY2(hasNote(notes, Severity::Error, QStringLiteral("not JSON")), qPrintable(allNotes(notes)));
    QVERIFY(!allNotes(notes).contains(kPlugKey));
}

void TestKeyStore::exportWithoutKeys()
{
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry, kBulbEntry})));
    QVERIFY(store.assign(QStringLiteral("10.0.0.5"), kOddKey));
    const QByteArray json = store.exportJson(false);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QLatin1String("format")).toString(), QStringLiteral("tuyascope-keys"));
    QCOMPARE(root.value(QLatin1String("devices")).toArray().size(), 2); // the IP-only key entry is left out

    // The export is a devices.json tinytuya (and we) can read: same devices, no keys.
    const DevicesImport again = importDevicesJson(json);
    QVERIFY2(!again.hasErrors(), qPrintable(allNotes(again.notes)));
    QCOMPARE(again.devices.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(!again.devices.at(i).hasKey());
        DeviceEntry expected = store.devices().at(i);
        expected.key = LocalKey();
        QVERIFY(again.devices.at(i) == expected);
    }
}

void TestKeyStore::debugfileImport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const DebugfileImport r = importDebugfile(readAll(writeFile(dir, QStringLiteral("debugfile.json"), kDebugfile)));
    QVERIFY(r.readable);
    QCOMPARE(r.schema.productKey, QStringLiteral("keym4vvjhx4sd9kk"));
    QList<int> ids;
    for (const DpSpec& s : r.schema.dps)
        ids << s.id;
    QCOMPARE(ids, (QList<int>{1, 2, 4, 12, 13, 14}));

    const DpSpec& setPoint = r.schema.dps.at(1);
    QCOMPARE(setPoint.code, QStringLiteral("temp_set"));
    QCOMPARE(setPoint.name, QStringLiteral("Set point"));
    QCOMPARE(setPoint.mode, QStringLiteral("rw"));
    QCOMPARE(setPoint.kind, DpKind::Value);
    QCOMPARE(setPoint.scale, 1);
    QCOMPARE(setPoint.unit, QStringLiteral("\u00b0C"));
    QCOMPARE(setPoint.min, std::optional<qint64>(50));
    QCOMPARE(setPoint.max, std::optional<qint64>(350));
    QCOMPARE(setPoint.step, std::optional<qint64>(5));
    QCOMPARE(r.schema.dps.at(0).kind, DpKind::Bool);
    QCOMPARE(r.schema.dps.at(3).kind, DpKind::Bitmap);
    QCOMPARE(r.schema.dps.at(3).labels, (QStringList{QStringLiteral("sensor"), QStringLiteral("overheat")}));
    QCOMPARE(r.schema.dps.at(4).kind, DpKind::String);
    QCOMPARE(r.schema.dps.at(4).maxLen, std::optional<int>(64));
    QCOMPARE(r.schema.dps.at(5).kind, DpKind::Raw);

    // The repeated id 4: the later entry wins, with a warning; the id-less entry is an error.
    const DpSpec& mode = r.schema.dps.at(2);
    QCOMPARE(mode.name, QStringLiteral("Mode again"));
    QCOMPARE(mode.range, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY2(hasNote(r.notes, Severity::Warning, QStringLiteral("Dp_Data[7].id: dp 4 is listed twice")), qPrintable(allNotes(r.notes)));
    QVERIFY2(hasNote(r.notes, Severity::Error, QStringLiteral("Dp_Data[6].id: expected a DP id")), qPrintable(allNotes(r.notes)));
    QVERIFY(r.hasErrors());
}

void TestKeyStore::debugfileMalformed()
{
    DebugfileImport r = importDebugfile("not json");
    QVERIFY(!r.readable);
    QVERIFY(hasNote(r.notes, Severity::Error, QStringLiteral("not JSON")));
    r = importDebugfile(R"({"Pro_Key": "x"})");
    QVERIFY(!r.readable);
    QVERIFY(hasNote(r.notes, Severity::Error, QStringLiteral("Dp_Data: missing")));
    r = importDebugfile(R"([1, 2])");
    QVERIFY(!r.readable);
    r = importDebugfile(R"({"Dp_Data": [7, {"id": 70000, "property": {"type": "bool"}}, {"id": 3, "property": {"type": "wat"}},
                                         {"id": 5, "property": "value"}]})");
    QVERIFY(r.readable);
    QVERIFY2(hasNote(r.notes, Severity::Error, QStringLiteral("Dp_Data[0]: expected an object, got a number")), qPrintable(allNotes(r.notes)));
    QVERIFY2(hasNote(r.notes, Severity::Error, QStringLiteral("Dp_Data[1].id: expected a DP id 0..65535, got 70000")), qPrintable(allNotes(r.notes)));
    QVERIFY2(hasNote(r.notes, Severity::Warning, QStringLiteral("Dp_Data[2].property.type: unknown type \"wat\"")), qPrintable(allNotes(r.notes)));
    QVERIFY2(hasNote(r.notes, Severity::Warning, QStringLiteral("Dp_Data[3].property: expected an object, got a string")), qPrintable(allNotes(r.notes)));
    QCOMPARE(r.schema.dps.size(), 2);
    QCOMPARE(r.schema.dps.at(0).kind, DpKind::Unknown);
}

void TestKeyStore::debugfileLabelsDevice()
{
    const DebugfileImport r = importDebugfile(kDebugfile);
    KeyStore store;
    QVERIFY(store.importDevicesJson(arrayFile({kPlugEntry, kBulbEntry})));

    // By device id: the plug gets dp 2/4/12/13/14 and a named dp 1.
    QCOMPARE(store.applySchema(r.schema, QStringLiteral("bf1bd7f0bda4cbc644ichw")), 1);
    const DeviceEntry* plug = store.find(QStringLiteral("bf1bd7f0bda4cbc644ichw"));
    QCOMPARE(plug->dps.size(), 10);
    QCOMPARE(plug->dp(1)->name, QStringLiteral("Switch"));
    QCOMPARE(dpLabel(plug, 2, QJsonValue(215)), QStringLiteral("temp_set = 21.5 \u00b0C"));
    QCOMPARE(dpLabel(plug, 4, QJsonValue(QStringLiteral("b"))), QStringLiteral("mode = b (index 1)"));
    QCOMPARE(dpLabel(plug, 19, QJsonValue(575)), QStringLiteral("cur_power = 57.5 W")); // mapping kept

    // By product key: only devices of that product (the bulb is not one).
    KeyStore byProduct;
    QVERIFY(byProduct.importDevicesJson(arrayFile({kPlugEntry, kBulbEntry})));
    QCOMPARE(byProduct.applySchema(r.schema), 1);
    QVERIFY(byProduct.find(QStringLiteral("bf1bd7f0bda4cbc644ichw"))->dp(2));
    QVERIFY(!byProduct.find(QStringLiteral("eb0123456789abcdefgh"))->dp(2));

    // An unknown device id gets an entry without a key: labels, but no key match.
    QCOMPARE(store.applySchema(r.schema, QStringLiteral("thermo00000000000001")), 1);
    const DeviceEntry* thermo = store.find(QStringLiteral("thermo00000000000001"));
    QVERIFY(thermo && !thermo->hasKey());
    QCOMPARE(thermo->productKey, QStringLiteral("keym4vvjhx4sd9kk"));
    QVERIFY(!store.match(QStringLiteral("thermo00000000000001"), QHostAddress()));
}

void TestKeyStore::labelsWithScaleAndUnit()
{
    const DevicesImport r = importDevicesJson(arrayFile({kPlugEntry, kBulbEntry}));
    const DeviceEntry* plug = &r.devices.at(0);
    // Seed 000's readings: 18 = 2340 mA, 19 = 523 (W x10), 20 = 2301 (V x10).
    QCOMPARE(dpLabel(plug, 1, QJsonValue(true)), QStringLiteral("switch_1 = true"));
    QCOMPARE(dpLabel(plug, 9, QJsonValue(0)), QStringLiteral("countdown_1 = 0 s"));
    QCOMPARE(dpLabel(plug, 18, QJsonValue(2340)), QStringLiteral("cur_current = 2340 mA"));
    QCOMPARE(dpLabel(plug, 19, QJsonValue(523)), QStringLiteral("cur_power = 52.3 W"));
    QCOMPARE(dpLabel(plug, 19, QJsonValue(575)), QStringLiteral("cur_power = 57.5 W"));
    QCOMPARE(dpLabel(plug, 20, QJsonValue(2301)), QStringLiteral("cur_voltage = 230.1 V"));
    QCOMPARE(dpLabel(plug, 19, QJsonValue(60000)), QStringLiteral("cur_power = 6000.0 W (outside 0.0..5000.0)"));
    QCOMPARE(dpLabel(plug, 19, QJsonValue(QStringLiteral("n/a"))), QStringLiteral("cur_power = \"n/a\""));
    QCOMPARE(dpLabel(plug, 1, QJsonValue(1)), QStringLiteral("switch_1 = true")); // TuyaMCU style 0/1

    const DeviceEntry* bulb = &r.devices.at(1);
    QCOMPARE(dpLabel(bulb, 101, QJsonValue(-15)), QStringLiteral("temp_room = -1.5 \u00b0C"));
    QCOMPARE(dpLabel(bulb, 27, QJsonValue(QStringLiteral("a\"b"))), QStringLiteral("music_data = \"a\\\"b\""));
}

void TestKeyStore::labelsEnumsBitmapsAndUnknown()
{
    const DevicesImport r = importDevicesJson(arrayFile({kBulbEntry}));
    const DeviceEntry* bulb = &r.devices.at(0);
    // LAN devices send the label, TuyaMCU the index: both show label and index.
    QCOMPARE(dpLabel(bulb, 21, QJsonValue(QStringLiteral("colour"))), QStringLiteral("work_mode = colour (index 1)"));
    QCOMPARE(dpLabel(bulb, 21, QJsonValue(2)), QStringLiteral("work_mode = scene (index 2)"));
    QCOMPARE(dpLabel(bulb, 21, QJsonValue(QStringLiteral("disco"))), QStringLiteral("work_mode = \"disco\" (not in range)"));
    QCOMPARE(dpLabel(bulb, 21, QJsonValue(4)), QStringLiteral("work_mode = 4 (not in range)"));
    QCOMPARE(dpLabel(bulb, 102, QJsonValue(5)), QStringLiteral("fault = 0x5 (ov_cr, ov_temp)"));
    QCOMPARE(dpLabel(bulb, 102, QJsonValue(8)), QStringLiteral("fault = 0x8 (bit 3)"));
    QCOMPARE(dpLabel(bulb, 102, QJsonValue(0)), QStringLiteral("fault = 0x0 (none)"));
    QCOMPARE(dpLabel(bulb, 24, QJsonValue(QJsonObject{{QStringLiteral("h"), 120}})), QStringLiteral("colour_data = {\"h\":120}"));
    // Unknown dp, unknown device.
    QCOMPARE(dpLabel(bulb, 99, QJsonValue(5)), QStringLiteral("dp 99 = 5"));
    QCOMPARE(dpLabel(static_cast<const DeviceEntry*>(nullptr), 7, QJsonValue(false)), QStringLiteral("dp 7 = false"));
    DpSpec unnamed;
    unnamed.id = 3;
    QCOMPARE(dpLabel(&unnamed, 3, QJsonValue(QStringLiteral("x"))), QStringLiteral("dp 3 = \"x\""));
}

void TestKeyStore::scaledTextIsExact_data()
{
    QTest::addColumn<qint64>("raw");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("text");
    QTest::newRow("scale 0") << qint64(2340) << 0 << QStringLiteral("2340");
    QTest::newRow("scale 1") << qint64(575) << 1 << QStringLiteral("57.5");
    QTest::newRow("leading zeros") << qint64(5) << 3 << QStringLiteral("0.005");
    QTest::newRow("negative") << qint64(-5) << 2 << QStringLiteral("-0.05");
    QTest::newRow("negative big") << qint64(-12345) << 2 << QStringLiteral("-123.45");
    QTest::newRow("not 0.1+0.2") << qint64(3) << 1 << QStringLiteral("0.3");
    QTest::newRow("2^53") << qint64(9007199254740992) << 9 << QStringLiteral("9007199.254740992");
}

void TestKeyStore::scaledTextIsExact()
{
    QFETCH(qint64, raw);
    QFETCH(int, scale);
    QFETCH(QString, text);
    QCOMPARE(scaledText(raw, scale), text);
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
