// The live commands as processes: the loopback demo, serial host and simulate mcu talking over a
// pseudo-terminal wire, serial sniff, and an autosave file that survives SIGKILL.

#include "pcapng/PcapngReader.h"
#include "support/Pty.h"
#include "support/TestSupport.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace tuyascope;

namespace {

QProcess* startCli(const QStringList& args, QObject* parent)
{
    auto* p = new QProcess(parent);
    p->start(QStringLiteral(TUYASCOPE_CLI_PATH), args);
    return p;
}

QVector<QJsonObject> jsonLines(const QByteArray& text)
{
    QVector<QJsonObject> out;
    for (const QByteArray& line : text.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            out.push_back(doc.object());
    }
    return out;
}

int countEvents(const QVector<QJsonObject>& lines, const QString& code)
{
    int n = 0;
    for (const QJsonObject& o : lines)
        n += o.value(QStringLiteral("type")).toString() == QLatin1String("event") && o.value(QStringLiteral("code")).toString() == code;
    return n;
}

QStringList filesIn(const QString& dir)
{
    QStringList out;
    for (const QString& name : QDir(dir).entryList({QStringLiteral("*.pcapng")}, QDir::Files))
        out << QDir(dir).filePath(name);
    return out;
}

} // namespace

class TestCliLive : public QObject {
    Q_OBJECT
private slots:
    void demoRunsHostAndSimulatedThermostat()
    {
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("demo"), QStringLiteral("--duration"), QStringLiteral("3"),
                                                     QStringLiteral("--autosave-dir"), dir.path()});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        // Like every live session, the demo is autosaved; the file reads back.
        const QStringList saved = filesIn(dir.path());
        QCOMPARE(saved.size(), 1);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(saved.first()));
        QFile file(saved.first());
        QVERIFY(file.open(QIODevice::ReadOnly));
        Capture capture;
        PcapngReader reader;
        QVERIFY2(reader.read(file.readAll(), capture, saved.first()), qPrintable(reader.errorString()));
        QVERIFY(capture.recordCount() >= 30);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("INIT_COMPLETE")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Product information")) || out.contains(QStringLiteral("product")));
        QVERIFY2(out.contains(QStringLiteral("dp2 value=235")), qPrintable(out)); // the set-point written and reported
        QVERIFY(out.contains(QStringLiteral("module->mcu")));
        QVERIFY(out.contains(QStringLiteral("mcu->module")));
        QVERIFY(!out.contains(QStringLiteral("BAD checksum")));
    }

    void profilesAndUsage()
    {
        QProcess p;
        p.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("simulate"), QStringLiteral("profiles")});
        QVERIFY(p.waitForFinished(10000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        for (const char* name : {"hy609-thermostat", "energy-plug", "dimmer", "door-sensor"})
            QVERIFY2(out.contains(QLatin1String(name)), name);
        QProcess list;
        list.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("serial"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(list.waitForFinished(10000));
        QCOMPARE(list.exitCode(), 0);
        QVERIFY(QJsonDocument::fromJson(list.readAllStandardOutput()).isArray());
        QProcess noPort;
        noPort.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("serial"), QStringLiteral("host")});
        QVERIFY(noPort.waitForFinished(10000));
        QCOMPARE(noPort.exitCode(), 2);
        QProcess badSend;
        badSend.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("serial"), QStringLiteral("host"), QStringLiteral("--port"), QStringLiteral("/nonexistent"), QStringLiteral("--send"), QStringLiteral("TuyaSend1 300,1")});
        QVERIFY(badSend.waitForFinished(10000));
        QCOMPARE(badSend.exitCode(), 2);
        QVERIFY(QString::fromUtf8(badSend.readAllStandardError()).contains(QStringLiteral("300")));
        QProcess missing;
        missing.start(QStringLiteral(TUYASCOPE_CLI_PATH), {QStringLiteral("serial"), QStringLiteral("host"), QStringLiteral("--port"), QStringLiteral("/nonexistent/ttyX"), QStringLiteral("--no-autosave")});
        QVERIFY(missing.waitForFinished(10000));
        QCOMPARE(missing.exitCode(), 1);
        QVERIFY(QString::fromUtf8(missing.readAllStandardError()).contains(QStringLiteral("/nonexistent/ttyX")));
    }

    // Two processes on two pty slaves joined by a bridge: the CLI host drives the CLI simulator.
    void hostDrivesSimulatorAcrossProcesses()
    {
        test::PtyPair moduleSide, mcuSide;
        QVERIFY(moduleSide.ok() && mcuSide.ok());
        test::PtyBridge wire(&moduleSide, &mcuSide);
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("host.pcapng"));
        QProcess* sim = startCli({QStringLiteral("simulate"), QStringLiteral("mcu"), QStringLiteral("--port"), mcuSide.slavePath(),
                                  QStringLiteral("--profile"), QStringLiteral("hy609-thermostat"), QStringLiteral("--baud"), QStringLiteral("115200"),
                                  QStringLiteral("--duration"), QStringLiteral("6"), QStringLiteral("--no-autosave"), QStringLiteral("--format"), QStringLiteral("json")},
                                 this);
        QVERIFY(sim->waitForStarted());
        QProcess* host = startCli({QStringLiteral("serial"), QStringLiteral("host"), QStringLiteral("--port"), moduleSide.slavePath(),
                                   QStringLiteral("--baud"), QStringLiteral("115200"), QStringLiteral("--duration"), QStringLiteral("4"),
                                   QStringLiteral("--send"), QStringLiteral("TuyaSend1 1,0"), QStringLiteral("--send"), QStringLiteral("TuyaSend2 2,240"),
                                   QStringLiteral("-o"), saved, QStringLiteral("--autosave-dir"), dir.path(), QStringLiteral("--format"), QStringLiteral("json")},
                                  this);
        QVERIFY(host->waitForStarted());
        // A command typed on the host's stdin while it runs is sent too; a bad one is refused.
        QTest::qWait(1500);
        host->write("TuyaSend4 4,2\nTuyaSend1 999,1\n");
        QTRY_VERIFY_WITH_TIMEOUT(host->state() == QProcess::NotRunning, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(sim->state() == QProcess::NotRunning, 20000);
        QCOMPARE(host->exitCode(), 0);
        QCOMPARE(sim->exitCode(), 0);
        const QVector<QJsonObject> hostLines = jsonLines(host->readAllStandardOutput());
        const QVector<QJsonObject> simLines = jsonLines(sim->readAllStandardOutput());
        QCOMPARE(countEvents(hostLines, QStringLiteral("INIT_COMPLETE")), 1);
        QVERIFY(countEvents(simLines, QStringLiteral("WRITE_APPLIED")) >= 3);
        QCOMPARE(countEvents(hostLines, QStringLiteral("INPUT_REJECTED")), 1);
        // The host saw the set-point come back as 240.
        bool reported = false;
        for (const QJsonObject& o : hostLines) {
            if (o.value(QStringLiteral("dir")).toString() != QLatin1String("mcu->module"))
                continue;
            for (const QJsonValue& dp : o.value(QStringLiteral("dps")).toArray())
                reported |= dp.toObject().value(QStringLiteral("id")).toInt() == 2 && dp.toObject().value(QStringLiteral("value")).toInt() == 240;
        }
        QVERIFY(reported);
        // -o and the autosave file hold the same session.
        QFile out(saved);
        QVERIFY(out.open(QIODevice::ReadOnly));
        Capture fromOutput;
        PcapngReader reader;
        QVERIFY2(reader.read(out.readAll(), fromOutput, saved), qPrintable(reader.errorString()));
        QVERIFY(fromOutput.recordCount() > 10);
        const QStringList autosaved = filesIn(dir.path());
        QCOMPARE(autosaved.size(), 2); // host.pcapng and the autosave
    }

    // The autosave is appended at least every 200 ms in whole blocks: SIGKILL loses at most the
    // last second, and what is there is readable by the importer and by tshark.
    void autosaveSurvivesSigkill()
    {
        test::PtyPair line;
        QVERIFY(line.ok());
        QTemporaryDir dir;
        QProcess* sniff = startCli({QStringLiteral("serial"), QStringLiteral("sniff"), QStringLiteral("--rx"), line.slavePath(),
                                    QStringLiteral("--autosave-dir"), dir.path(), QStringLiteral("--format"), QStringLiteral("json")},
                                   this);
        QVERIFY(sniff->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(filesIn(dir.path()).size() == 1, 10000); // the port is open and autosave started
        QVector<QByteArray> frames;
        for (int i = 0; i < 40; ++i) {
            frames << mcu::encodeFrame(3, 0x07, mcu::encodeValueDp(3, 200 + i));
            QCOMPARE(line.writeMaster(frames.back()), frames.back().size());
            QTest::qWait(25);
        }
        QTest::qWait(1100); // more than the one second the autosave may lose
        sniff->kill();      // SIGKILL: no handler runs
        QVERIFY(sniff->waitForFinished(5000));
        QCOMPARE(sniff->exitStatus(), QProcess::CrashExit);

        const QString path = filesIn(dir.path()).value(0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        Capture capture;
        PcapngReader reader;
        QVERIFY2(reader.read(file.readAll(), capture, path), qPrintable(reader.errorString()));
        QByteArray all;
        for (int i = 0; i < capture.recordCount(); ++i)
            all += capture.recordBytes(i).toByteArray();
        QByteArray expected;
        for (const QByteArray& f : frames)
            expected += f;
        QCOMPARE(all.toHex(), expected.toHex());

        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        if (tshark.isEmpty())
            QSKIP("tshark is not installed (packaging/install-deps.sh installs it)");
        QProcess t;
        t.start(tshark, {QStringLiteral("-r"), path, QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"), QStringLiteral("frame.len")});
        QVERIFY(t.waitForFinished(60000));
        QCOMPARE(t.exitCode(), 0);
        int total = 0;
        for (const QByteArray& l : t.readAllStandardOutput().split('\n'))
            total += l.trimmed().toInt();
        QCOMPARE(total, int(expected.size()));
    }
};

QTEST_GUILESS_MAIN(TestCliLive)
#include "tst_cli_live.moc"
