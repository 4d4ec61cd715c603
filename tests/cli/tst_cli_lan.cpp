// decode on Tuya LAN captures, run as a process: a pcap written by the test (Ethernet/IPv4/TCP),
// keys from --devices and --key, the JSON keys of LAN items, and keys never printed.

#include "support/PacketBytes.h"
#include "support/CliRun.h"
#include "support/TestSupport.h"

#include "tuyalan/LanFrameEncoder.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::lan;

namespace {

using test::be16;
using test::be32;
using test::le32;
using test::Pcap;

using Run = test::CliRun;

Run cli(const QStringList& args)
{
    return test::runCli(args);
}

QVector<QJsonObject> jsonLines(const QString& text)
{
    QVector<QJsonObject> out;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out.push_back(QJsonDocument::fromJson(line.toUtf8()).object());
    return out;
}

QJsonObject vectors()
{
    return QJsonDocument::fromJson(test::readFile(test::sharedPath(QStringLiteral("vectors/lan-vectors.json")))).object();
}

QByteArray vec(const char* name)
{
    return QByteArray::fromHex(vectors().value(QLatin1String(name)).toObject().value(QLatin1String("hex")).toString().toLatin1());
}

struct Tcp {
    Pcap& pcap;
    quint32 clientIp;
    quint32 serverIp;
    quint16 serverPort = 6668;
    quint16 clientPort = 50000;
    qint64 t = 1700000000LL * 1000000LL;
    quint32 cseq = 1000;
    quint32 sseq = 90000;

    void packet(bool fromClient, quint8 flags, const QByteArray& payload)
    {
        QByteArray tcp = be16(fromClient ? clientPort : serverPort) + be16(fromClient ? serverPort : clientPort)
                         + be32(fromClient ? cseq : sseq) + be32(fromClient ? sseq : cseq);
        tcp.append(char(0x50)).append(char(flags));
        tcp += be16(65535) + be16(0) + be16(0) + payload;
        QByteArray ip;
        ip.append(char(0x45)).append(char(0));
        ip += be16(quint16(20 + tcp.size())) + be16(1) + be16(0x4000);
        ip.append(char(64)).append(char(6));
        ip += be16(0) + be32(fromClient ? clientIp : serverIp) + be32(fromClient ? serverIp : clientIp);
        t += 1000;
        pcap.add(t, QByteArray::fromHex("020000000001020000000002") + be16(0x0800) + ip + tcp);
        (fromClient ? cseq : sseq) += quint32(payload.size()) + ((flags & 0x02) ? 1u : 0u);
    }
    void open()
    {
        packet(true, 0x02, {});
        packet(false, 0x12, {});
        packet(true, 0x10, {});
    }
    void client(const QByteArray& p) { packet(true, 0x18, p); }
    void server(const QByteArray& p) { packet(false, 0x18, p); }
};

const QByteArray kSecret("s3cr3tK3y!ABCDEF");
const QString kSecretId = QStringLiteral("bf1234567890abcdefgh");

QByteArray encode33(LanSender sender, quint32 seq, quint32 command, const QByteArray& body)
{
    LanEncodeRequest r;
    r.version = LanVersion::V33;
    r.sender = sender;
    r.seq = seq;
    r.cmd = command;
    r.body = body;
    r.key = kSecret;
    if (sender == LanSender::Device)
        r.retcode = 0;
    return encodeLanFrame(r).frame;
}

} // namespace

class TestCliLan : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(!vectors().isEmpty());
        // Flow 1: a 3.3 device at 192.168.1.50 whose key comes from devices.json.
        Tcp a{m_pcap, QHostAddress(QStringLiteral("192.168.1.10")).toIPv4Address(),
              QHostAddress(QStringLiteral("192.168.1.50")).toIPv4Address()};
        a.open();
        a.client(encode33(LanSender::Client, 1, 0x0a, R"({"gwId":"bf1234567890abcdefgh","devId":"bf1234567890abcdefgh"})"));
        a.server(encode33(LanSender::Device, 1, 0x0a, R"({"devId":"bf1234567890abcdefgh","dps":{"1":true,"2":"auto","3":null}})"));
        // Flow 2: the 3.4 vectors on port 6669 (--port) at 192.168.1.60 (--key IP=KEY).
        Tcp b{m_pcap, QHostAddress(QStringLiteral("192.168.1.10")).toIPv4Address(),
              QHostAddress(QStringLiteral("192.168.1.60")).toIPv4Address()};
        b.serverPort = 6669;
        b.clientPort = 50001;
        b.open();
        b.client(vec("v34_sess_key_neg_start_client"));
        b.server(vec("v34_sess_key_neg_resp_device"));
        b.client(vec("v34_sess_key_neg_finish_client"));
        b.server(vec("v34_status_push_device"));
        m_pcapPath = m_dir.filePath(QStringLiteral("lan.pcap"));
        QFile f(m_pcapPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_pcap.data);
        f.close();
        m_devicesPath = m_dir.filePath(QStringLiteral("devices.json"));
        QFile d(m_devicesPath);
        QVERIFY(d.open(QIODevice::WriteOnly));
        d.write(QStringLiteral(R"([{"name":"Plug","id":"%1","key":"%2","ip":"192.168.1.50","version":"3.3"}])")
                    .arg(kSecretId, QString::fromLatin1(kSecret))
                    .toUtf8());
    }

    void jsonItemsWithKeysFromDevicesAndKey()
    {
        const Run r = cli({QStringLiteral("decode"), m_pcapPath, QStringLiteral("--devices"), m_devicesPath,
                           QStringLiteral("--key"), QStringLiteral("192.168.1.60=0123456789abcdef"), QStringLiteral("--port"),
                           QStringLiteral("6669"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QVector<QJsonObject> items = jsonLines(r.out);
        QCOMPARE(items.size(), 6);
        const QStringList keys = {QStringLiteral("index"),  QStringLiteral("kind"),       QStringLiteral("time"),
                                  QStringLiteral("time_us"), QStringLiteral("dir"),       QStringLiteral("channel"),
                                  QStringLiteral("offset"), QStringLiteral("cmd"),        QStringLiteral("cmd_name"),
                                  QStringLiteral("summary"), QStringLiteral("checksum"),  QStringLiteral("diagnostics"),
                                  QStringLiteral("hex"),    QStringLiteral("dps"),        QStringLiteral("protocol"),
                                  QStringLiteral("version"), QStringLiteral("seq"),       QStringLiteral("flow"),
                                  QStringLiteral("crypto")};
        for (int i = 0; i < items.size(); ++i) {
            for (const QString& k : keys)
                QVERIFY2(items.at(i).contains(k), qPrintable(QStringLiteral("item %1 lacks %2").arg(i).arg(k)));
            QCOMPARE(items.at(i).value(QLatin1String("index")).toInt(), i);
            QCOMPARE(items.at(i).value(QLatin1String("protocol")).toString(), QStringLiteral("tuya-lan"));
            QCOMPARE(items.at(i).value(QLatin1String("crypto")).toString(), QStringLiteral("decrypted"));
        }
        // The 3.3 reply: dps as sent.
        const QJsonObject reply = items.at(1);
        QCOMPARE(reply.value(QLatin1String("dir")).toString(), QStringLiteral("device->app"));
        QCOMPARE(reply.value(QLatin1String("version")).toString(), QStringLiteral("3.3"));
        QCOMPARE(reply.value(QLatin1String("cmd")).toInt(), 0x0a);
        QCOMPARE(reply.value(QLatin1String("cmd_name")).toString(), QStringLiteral("DP_QUERY"));
        QCOMPARE(reply.value(QLatin1String("seq")).toInt(), 1);
        QCOMPARE(reply.value(QLatin1String("flow")).toInt(), 0);
        const QJsonArray dps = reply.value(QLatin1String("dps")).toArray();
        QCOMPARE(dps.size(), 3);
        QCOMPARE(dps.at(0).toObject().value(QLatin1String("id")).toInt(), 1);
        QCOMPARE(dps.at(0).toObject().value(QLatin1String("type")).toString(), QStringLiteral("bool"));
        QCOMPARE(dps.at(0).toObject().value(QLatin1String("value")), QJsonValue(true));
        QCOMPARE(dps.at(1).toObject().value(QLatin1String("value")), QJsonValue(QStringLiteral("auto")));
        QVERIFY(dps.at(2).toObject().value(QLatin1String("value")).isNull());
        // The 3.4 push after the handshake: data.dps lifted.
        const QJsonObject push = items.at(5);
        QCOMPARE(push.value(QLatin1String("version")).toString(), QStringLiteral("3.4"));
        QCOMPARE(push.value(QLatin1String("flow")).toInt(), 1);
        QCOMPARE(push.value(QLatin1String("dps")).toArray().at(0).toObject().value(QLatin1String("value")), QJsonValue(false));
        // The key of devices.json never appears, in any spelling.
        for (const QString& text : {r.out, r.err}) {
            QVERIFY(!text.contains(QString::fromLatin1(kSecret)));
            QVERIFY(!text.contains(QString::fromLatin1(kSecret.toHex()), Qt::CaseInsensitive));
        }
    }

    void textFormatAndNoKeys()
    {
        const Run r = cli({QStringLiteral("decode"), m_pcapPath, QStringLiteral("--devices"), m_devicesPath});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("LAN frame(s)")));
        QVERIFY(!r.out.contains(QString::fromLatin1(kSecret)));
        const Run none = cli({QStringLiteral("decode"), m_pcapPath, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(none.exitCode, 0);
        const QVector<QJsonObject> items = jsonLines(none.out);
        QCOMPARE(items.size(), 2);   // port 6669 not followed without --port
        QCOMPARE(items.at(1).value(QLatin1String("crypto")).toString(), QStringLiteral("no-key"));
    }

    void badKeyArgumentsAreRejectedWithoutEchoingTheKey()
    {
        const Run r = cli({QStringLiteral("decode"), m_pcapPath, QStringLiteral("--key"), QStringLiteral("192.168.1.50=tooShortSecret")});
        QVERIFY(r.exitCode != 0);
        QVERIFY(!r.err.contains(QStringLiteral("tooShortSecret")));
        QVERIFY(!r.out.contains(QStringLiteral("tooShortSecret")));
    }

    void socketTraceLog()
    {
        const QByteArray q = encode33(LanSender::Client, 1, 0x0a, R"({"gwId":"bf1234567890abcdefgh"})");
        const QByteArray a = encode33(LanSender::Device, 1, 0x0a, R"({"dps":{"1":false}})");
        const QString text = QStringLiteral("[SOCKET] send %1 bytes: %2\n[SOCKET] recv %3 bytes: %4\n")
                                 .arg(q.size())
                                 .arg(QString::fromLatin1(q.toHex(' ')))
                                 .arg(a.size())
                                 .arg(QString::fromLatin1(a.toHex(' ')));
        const QString path = m_dir.filePath(QStringLiteral("socket.log"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        const Run r = cli({QStringLiteral("decode"), path, QStringLiteral("--key"),
                           QStringLiteral("%1=%2").arg(kSecretId, QString::fromLatin1(kSecret)), QStringLiteral("--format"),
                           QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QVector<QJsonObject> items = jsonLines(r.out);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).value(QLatin1String("dir")).toString(), QStringLiteral("app->device"));
        QCOMPARE(items.at(1).value(QLatin1String("dir")).toString(), QStringLiteral("device->app"));
        QCOMPARE(items.at(1).value(QLatin1String("crypto")).toString(), QStringLiteral("decrypted"));
        QCOMPARE(items.at(1).value(QLatin1String("dps")).toArray().at(0).toObject().value(QLatin1String("value")), QJsonValue(false));
        QVERIFY(!r.out.contains(QString::fromLatin1(kSecret)));
    }

    // dpId discovery reads LAN captures too: the app's CONTROL writes of dp 1 echoed in STATUS
    // pushes (a relay), and pushes of dp 18/19/20 that satisfy V x I = P (a metering plug).
    void dpsAndExportsReadLanCaptures()
    {
        QString text;
        quint32 seq = 1;
        const auto line = [&](bool send, const QByteArray& frame) {
            text += QStringLiteral("[SOCKET] %1 %2 bytes: %3\n")
                        .arg(send ? QStringLiteral("send") : QStringLiteral("recv"))
                        .arg(frame.size())
                        .arg(QString::fromLatin1(frame.toHex(' ')));
        };
        for (int i = 0; i < 4; ++i) {
            const bool on = i % 2 == 0;
            const QByteArray set = QStringLiteral(R"({"devId":"%1","uid":"%1","t":"1700000000","dps":{"1":%2}})")
                                       .arg(kSecretId, on ? QStringLiteral("true") : QStringLiteral("false"))
                                       .toUtf8();
            line(true, encode33(LanSender::Client, seq++, 0x07, set));
            const int deciVolts = 2301 + i;
            const int milliAmps = on ? 150 + i : 0;
            const int deciWatts = int(deciVolts * milliAmps / 10000.0 + 0.5);
            const QByteArray push = QStringLiteral(R"({"devId":"%1","dps":{"1":%2,"18":%3,"19":%4,"20":%5}})")
                                        .arg(kSecretId, on ? QStringLiteral("true") : QStringLiteral("false"))
                                        .arg(milliAmps).arg(deciWatts).arg(deciVolts)
                                        .toUtf8();
            line(false, encode33(LanSender::Device, 0, 0x08, push));
        }
        const QString path = m_dir.filePath(QStringLiteral("plug-socket.log"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        const QString key = QStringLiteral("%1=%2").arg(kSecretId, QString::fromLatin1(kSecret));

        const Run infer = cli({QStringLiteral("dps"), QStringLiteral("--infer"), QStringLiteral("--format"), QStringLiteral("json"),
                               path, QStringLiteral("--key"), key});
        QCOMPARE(infer.exitCode, 0);
        QVERIFY(!infer.out.contains(QString::fromLatin1(kSecret)));
        QMap<int, QString> best;
        for (const QJsonValue& row : QJsonDocument::fromJson(infer.out.toUtf8()).object().value(QLatin1String("dps")).toArray()) {
            const QJsonArray roles = row.toObject().value(QLatin1String("roles")).toArray();
            best.insert(row.toObject().value(QLatin1String("id")).toInt(),
                        roles.isEmpty() ? QString() : roles.first().toObject().value(QLatin1String("role")).toString());
        }
        QVERIFY2(best.value(1) == QLatin1String("switch"), qPrintable(infer.out));
        QVERIFY2(best.value(20) == QLatin1String("voltage"), qPrintable(infer.out));
        QVERIFY2(best.value(18) == QLatin1String("current"), qPrintable(infer.out));
        QVERIFY2(best.value(19) == QLatin1String("power"), qPrintable(infer.out));

        const Run text33 = cli({QStringLiteral("dps"), QStringLiteral("--infer"), path, QStringLiteral("--key"), key});
        QVERIFY2(text33.out.contains(QStringLiteral("(consistent)")), qPrintable(text33.out));

        // Without the key nothing decrypts: no dps, and no guessing.
        const Run locked = cli({QStringLiteral("dps"), QStringLiteral("--infer"), path, QStringLiteral("--keystore"),
                                m_dir.filePath(QStringLiteral("no-keystore.json"))});
        QCOMPARE(locked.exitCode, 0);
        QVERIFY2(locked.out.contains(QStringLiteral("-- no dp unit in these files")), qPrintable(locked.out));

        const Run tinytuya = cli({QStringLiteral("export"), QStringLiteral("--to"), QStringLiteral("tinytuya"), path,
                                  QStringLiteral("--key"), key});
        QCOMPARE(tinytuya.exitCode, 0);
        const QJsonObject mapping = QJsonDocument::fromJson(tinytuya.out.toUtf8()).object();
        QVERIFY2(mapping.contains(QLatin1String("20")), qPrintable(tinytuya.out));
        QVERIFY(!tinytuya.out.contains(QString::fromLatin1(kSecret)));
    }

private:
    QTemporaryDir m_dir;
    Pcap m_pcap;
    QString m_pcapPath;
    QString m_devicesPath;
};

QTEST_GUILESS_MAIN(TestCliLan)
#include "tst_cli_lan.moc"
