// `keys import|list|remove|path`: the user's key store as a file (mode 0600) that the CLI never
// prints a key from, unless `keys list --show-keys` asks for it.

#include "support/CliRun.h"
#include "tuyalan/LanFrameEncoder.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using tuyascope::test::CliRun;
using tuyascope::test::runCli;

namespace {

const QString kKeyA = QStringLiteral("K(OTq/}aduz<BotO");
const QString kKeyB = QStringLiteral("f3b2c1a0d9e8f7a6");
const QString kIdA = QStringLiteral("bf1bd7f0bda4cbc644ichw");
const QString kIdB = QStringLiteral("eb0123456789abcdefgh");

QByteArray devicesJson()
{
    return QStringLiteral("[{\"name\":\"Desk plug\",\"id\":\"%1\",\"key\":\"%2\",\"ip\":\"10.0.0.5\",\"version\":\"3.3\"},"
                          "{\"name\":\"Lamp\",\"id\":\"%3\",\"key\":\"%4\",\"ip\":\"10.0.0.6\",\"version\":\"3.5\"}]")
        .arg(kIdA, kKeyA, kIdB, kKeyB)
        .toUtf8();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

int modeBits(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray frame33(tuyascope::lan::LanSender sender, const QByteArray& body)
{
    tuyascope::lan::LanEncodeRequest r;
    r.version = tuyascope::lan::LanVersion::V33;
    r.sender = sender;
    r.seq = 1;
    r.cmd = 0x0a; // DP_QUERY
    r.body = body;
    r.key = kKeyA.toLatin1();
    if (sender == tuyascope::lan::LanSender::Device)
        r.retcode = 0;
    return tuyascope::lan::encodeLanFrame(r).frame;
}

QStringList keys(const QString& sub, const QString& store, const QStringList& more = {})
{
    return QStringList{QStringLiteral("keys"), sub, QStringLiteral("--keystore"), store} + more;
}

} // namespace

class TestCliKeys : public QObject {
    Q_OBJECT
private slots:
    void importListRemove()
    {
        QTemporaryDir dir;
        const QString devices = dir.filePath(QStringLiteral("devices.json"));
        const QString store = dir.filePath(QStringLiteral("config/keys.json"));
        QVERIFY(writeFile(devices, devicesJson()));

        const CliRun imported = runCli(keys(QStringLiteral("import"), store, {devices}));
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.contains(QLatin1String("imported 2 device(s) (2 with a local key)")), qPrintable(imported.out));
        QVERIFY(QFileInfo::exists(store));
        QCOMPARE(modeBits(store), 0600);
        QVERIFY(!imported.out.contains(kKeyA) && !imported.err.contains(kKeyA));

        // list: ids, names, addresses, versions - never a key.
        const CliRun list = runCli(keys(QStringLiteral("list"), store));
        QCOMPARE(list.exitCode, 0);
        for (const QString& expected : {kIdA, kIdB, QStringLiteral("Desk plug"), QStringLiteral("10.0.0.6"), QStringLiteral("3.5")})
            QVERIFY2(list.out.contains(expected), qPrintable(list.out));
        QCOMPARE(list.out.count(QLatin1String("key: stored")), 2);
        for (const QString& key : {kKeyA, kKeyB})
            QVERIFY2(!list.out.contains(key) && !list.err.contains(key), qPrintable(list.out));

        const CliRun json = runCli(keys(QStringLiteral("list"), store, {QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(json.exitCode, 0);
        int lines = 0;
        for (const QString& line : json.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QVERIFY(o.value(QStringLiteral("key_stored")).toBool());
            QVERIFY(!o.contains(QStringLiteral("key")));
            ++lines;
        }
        QCOMPARE(lines, 2);
        QVERIFY(!json.out.contains(kKeyA) && !json.out.contains(kKeyB));

        // --show-keys: the one way to see them.
        const CliRun shown = runCli(keys(QStringLiteral("list"), store, {QStringLiteral("--show-keys")}));
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.out.contains(QStringLiteral("key: ") + kKeyA), qPrintable(shown.out));
        QVERIFY(shown.out.contains(QStringLiteral("key: ") + kKeyB));
        const CliRun shownJson = runCli(keys(QStringLiteral("list"), store,
                                             {QStringLiteral("--show-keys"), QStringLiteral("--format"), QStringLiteral("json")}));
        QVERIFY(shownJson.out.contains(QStringLiteral("\"key\":\"") + kKeyB + QLatin1Char('"')));

        // remove
        const CliRun removed = runCli(keys(QStringLiteral("remove"), store, {kIdA}));
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        const CliRun after = runCli(keys(QStringLiteral("list"), store, {QStringLiteral("--show-keys")}));
        QVERIFY(!after.out.contains(kIdA));
        QVERIFY(!after.out.contains(kKeyA));
        QVERIFY(after.out.contains(kIdB));
        QVERIFY(!readFile(store).contains(kKeyA.toLatin1()));
        QCOMPARE(modeBits(store), 0600); // rewritten, still private

        const QByteArray before = readFile(store);
        const CliRun unknown = runCli(keys(QStringLiteral("remove"), store, {QStringLiteral("nosuchdevice")}));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QLatin1String("no device nosuchdevice")), qPrintable(unknown.err));
        QCOMPARE(readFile(store), before);
    }

    void importMerges()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("keys.json"));
        const QString first = dir.filePath(QStringLiteral("a.json"));
        const QString second = dir.filePath(QStringLiteral("b.json"));
        QVERIFY(writeFile(first, QStringLiteral("[{\"id\":\"%1\",\"key\":\"%2\",\"name\":\"old name\"}]").arg(kIdA, kKeyA).toUtf8()));
        QVERIFY(writeFile(second, QStringLiteral("{\"devices\":[{\"id\":\"%1\",\"key\":\"%2\",\"name\":\"new name\"},"
                                                 "{\"id\":\"%3\",\"key\":\"%4\"}]}")
                                      .arg(kIdA, kKeyA, kIdB, kKeyB)
                                      .toUtf8()));
        QCOMPARE(runCli(keys(QStringLiteral("import"), store, {first})).exitCode, 0);
        const CliRun merged = runCli(keys(QStringLiteral("import"), store, {second}));
        QCOMPARE(merged.exitCode, 0);
        QVERIFY2(merged.out.contains(QLatin1String("1 new")) && merged.out.contains(QLatin1String("holds 2 device(s)")),
                 qPrintable(merged.out));
        const CliRun list = runCli(keys(QStringLiteral("list"), store));
        QVERIFY(list.out.contains(QLatin1String("new name")));
        QVERIFY(!list.out.contains(QLatin1String("old name")));
    }

    void badDevicesJsonLeavesStoreUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"devices\": [") << QStringLiteral("is not a devices.json device list");
        QTest::newRow("not a list") << QByteArray("{\"hello\": 1}") << QStringLiteral("is not a devices.json device list");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("cannot read");
    }

    void badDevicesJsonLeavesStoreUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("keys.json"));
        const QString good = dir.filePath(QStringLiteral("devices.json"));
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(writeFile(good, devicesJson()));
        if (!content.isEmpty())
            QVERIFY(writeFile(bad, content));
        QCOMPARE(runCli(keys(QStringLiteral("import"), store, {good})).exitCode, 0);
        const QByteArray before = readFile(store);
        const QDateTime modified = QFileInfo(store).lastModified();
        QVERIFY(!before.isEmpty());

        // The bad file after a good one: nothing of either is saved.
        const CliRun r = runCli(keys(QStringLiteral("import"), store, {good, bad}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY2(r.err.contains(bad), qPrintable(r.err));
        QCOMPARE(readFile(store), before);
        QCOMPARE(QFileInfo(store).lastModified(), modified);
        QVERIFY(!r.err.contains(kKeyA) && !r.out.contains(kKeyA));

        // Into a store that does not exist yet: none is created.
        const QString fresh = dir.filePath(QStringLiteral("fresh.json"));
        QCOMPARE(runCli(keys(QStringLiteral("import"), fresh, {bad})).exitCode, 1);
        QVERIFY(!QFileInfo::exists(fresh));
    }

    void pathFollowsOptionThenEnvironment()
    {
        const CliRun byOption = runCli({QStringLiteral("keys"), QStringLiteral("path"), QStringLiteral("--keystore"),
                                        QStringLiteral("/tmp/somewhere/keys.json")});
        QCOMPARE(byOption.exitCode, 0);
        QCOMPARE(byOption.out.trimmed(), QStringLiteral("/tmp/somewhere/keys.json"));

        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TUYASCOPE_KEYSTORE"), QStringLiteral("/tmp/from-env/keys.json"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("keys"), QStringLiteral("path")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(), QStringLiteral("/tmp/from-env/keys.json"));

        env.remove(QStringLiteral("TUYASCOPE_KEYSTORE"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("keys"), QStringLiteral("path")});
        QVERIFY(p.waitForFinished(20000));
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).trimmed().endsWith(QLatin1String("/keys.json")));
    }

    void emptyStoreAndUsage()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("none.json"));
        const CliRun list = runCli(keys(QStringLiteral("list"), store));
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(QLatin1String("-- 0 device(s)")), qPrintable(list.out));
        QVERIFY(!QFileInfo::exists(store)); // listing creates nothing
        QCOMPARE(runCli({QStringLiteral("keys")}).exitCode, 2);
        QCOMPARE(runCli(keys(QStringLiteral("import"), store)).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("keys"), QStringLiteral("frobnicate")}).exitCode, 2);
    }

    // decode takes keys from the store too ($TUYASCOPE_KEYSTORE here), never printing them.
    void decodeUsesTheKeyStore()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("keys.json"));
        const QString devices = dir.filePath(QStringLiteral("devices.json"));
        QVERIFY(writeFile(devices, devicesJson()));
        QCOMPARE(runCli(keys(QStringLiteral("import"), store, {devices})).exitCode, 0);
        const QByteArray q = frame33(tuyascope::lan::LanSender::Client, QStringLiteral("{\"gwId\":\"%1\"}").arg(kIdA).toUtf8());
        const QByteArray a = frame33(tuyascope::lan::LanSender::Device, QByteArrayLiteral("{\"dps\":{\"1\":false}}"));
        const QString log = dir.filePath(QStringLiteral("socket.log"));
        QVERIFY(writeFile(log, QStringLiteral("[SOCKET] send %1 bytes: %2\n[SOCKET] recv %3 bytes: %4\n")
                                   .arg(q.size())
                                   .arg(QString::fromLatin1(q.toHex(' ')))
                                   .arg(a.size())
                                   .arg(QString::fromLatin1(a.toHex(' ')))
                                   .toUtf8()));
        const auto decode = [&log](const QString& keyStore) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TUYASCOPE_KEYSTORE"), keyStore);
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("decode"), log, QStringLiteral("--format"), QStringLiteral("json")});
            p.waitForFinished(20000);
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        const QString withStore = decode(store);
        QVERIFY2(withStore.contains(QLatin1String("\"crypto\":\"decrypted\"")), qPrintable(withStore));
        QVERIFY(!withStore.contains(kKeyA));
        const QString without = decode(dir.filePath(QStringLiteral("none.json")));
        QVERIFY2(!without.contains(QLatin1String("\"crypto\":\"decrypted\"")), qPrintable(without));
    }
};

QTEST_GUILESS_MAIN(TestCliKeys)
#include "tst_cli_keys.moc"
