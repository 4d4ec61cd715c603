// Host mode: TuyaScope as the Wi-Fi module against a scripted MCU over the loopback link.
// The scripted MCU has its own framer, records every frame the host wrote and answers per
// script (standard MCU version 0x03, low-power MCU version 0x00).

#include "common/Hex.h"
#include "host/ModuleHost.h"
#include "support/TestSupport.h"
#include "transport/LoopbackLink.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/McuFrame.h"
#include "tuyamcu/SendCommand.h"
#include "tuyamcu/StreamSplitter.h"

#include <QElapsedTimer>
#include <QTimeZone>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

namespace {

constexpr int kWaitMs = 4000;

QByteArray hex(const char* text)
{
    return test::fromHex(QString::fromLatin1(text));
}

// 2024-05-14 09:30:15 at UTC+2: a Tuesday (weekday 2), 07:30:15 UTC.
QDateTime pinnedClock()
{
    return QDateTime(QDate(2024, 5, 14), QTime(9, 30, 15), QTimeZone(7200));
}

class ScriptedMcu : public QObject, public StreamSplitter::Sink {
public:
    enum class Kind { Standard, LowPower };

    struct Rx {
        QByteArray frame;
        quint8 command;
        QByteArray data;
    };

    ScriptedMcu(Transport* end, Kind kind) : m_end(end), m_kind(kind)
    {
        m_version = kind == Kind::Standard ? 0x03 : 0x00;
        m_end->open();
        connect(m_end, &Transport::chunkReceived, this,
                [this](qint64 timeUs, const QByteArray& bytes) { m_splitter.feed(bytes, timeUs, *this); });
    }

    // Script knobs.
    bool silent = false;             // answer nothing at all
    bool answerHeartbeats = true;    // std
    bool answerProduct = true;
    QByteArray product = QByteArray(R"({"p":"abcdefghijklmnop","v":"1.0.0","m":0})");
    QByteArray workingMode;          // empty: cooperative; 2/3 bytes: GPIOs
    QByteArray features;             // non-empty: send 0x37/00 + this JSON after the product answer
    QByteArray dpReport = hex("0101000101");

    QVector<Rx> received;
    int badFrames = 0;

    void restart() { m_firstHeartbeat = true; }

    void send(quint8 command, const QByteArray& data) { m_end->write(encodeFrame(m_version, command, data)); }
    void sendRaw(const QByteArray& bytes) { m_end->write(bytes); }

    QVector<quint8> commands() const
    {
        QVector<quint8> out;
        for (const Rx& r : received)
            out.push_back(r.command);
        return out;
    }
    int count(quint8 command) const
    {
        int n = 0;
        for (const Rx& r : received)
            n += r.command == command ? 1 : 0;
        return n;
    }

    void onEvent(const StreamSplitter::Event& event) override
    {
        if (event.kind != StreamSplitter::EventKind::Frame)
            return;
        if (!event.checksumOk) {
            ++badFrames;
            return;
        }
        const QByteArray frame = event.bytes.toByteArray();
        Rx rx{frame, quint8(frame[kCommandOffset]), frame.mid(kDataOffset, frame.size() - kMinFrameSize)};
        received.push_back(rx);
        if (!silent)
            answer(rx);
    }

private:
    void answer(const Rx& rx)
    {
        if (m_kind == Kind::Standard) {
            switch (rx.command) {
            case 0x00:
                if (answerHeartbeats) {
                    send(0x00, QByteArray(1, m_firstHeartbeat ? '\x00' : '\x01'));
                    m_firstHeartbeat = false;
                }
                break;
            case 0x01:
                if (answerProduct) {
                    send(0x01, product);
                    if (!features.isEmpty())
                        send(0x37, QByteArray(1, '\x00') + features);
                }
                break;
            case 0x02: send(0x02, workingMode); break;
            case 0x03: send(0x03, QByteArray()); break;
            case 0x08: send(0x07, dpReport); break;
            case 0x06: send(0x07, rx.data); break;
            default: break;
            }
            return;
        }
        switch (rx.command) {
        case 0x01:
            if (answerProduct)
                send(0x01, product);
            break;
        case 0x02: send(0x02, QByteArray()); break;
        case 0x09: sendRaw(hex("55AA030900000B")); break; // Tuya's example ack uses version 03
        default: break; // a low-power MCU does not know heartbeats
        }
    }

    Transport* m_end;
    Kind m_kind;
    quint8 m_version;
    StreamSplitter m_splitter;
    bool m_firstHeartbeat = true;
};

HostOptions fastOptions(Family family)
{
    HostOptions o;
    o.family = family;
    o.probeIntervalMs = 20;
    o.replyTimeoutMs = 50;
    o.heartbeatIntervalMs = 100;
    o.heartbeatTimeoutMs = 150;
    o.featureWaitMs = 30;
    o.clock = pinnedClock;
    return o;
}

struct Sent {
    QByteArray frame;
    bool typed;
    QString note;
};

// A host and a scripted MCU on one loopback link, with everything the host reports recorded.
struct Rig {
    Rig(Family hostFamily, ScriptedMcu::Kind mcuKind, int maxChunk = 0, HostOptions options = {})
        : link(), mcu(link.mcuEnd(), mcuKind),
          host(link.moduleEnd(), options.clock ? options : fastOptions(hostFamily))
    {
        if (maxChunk > 0)
            link.setMaxChunk(maxChunk, 7);
        QObject::connect(&host, &ModuleHost::event, &host, [this](const AgentEvent& e) { events.push_back(e); });
        QObject::connect(&host, &ModuleHost::frameSent, &host,
                         [this](qint64, const QByteArray& frame, bool typed, const QString& note) {
                             sent.push_back({frame, typed, note});
                         });
    }

    int eventCount(const QString& code) const
    {
        int n = 0;
        for (const AgentEvent& e : events)
            n += e.code == code ? 1 : 0;
        return n;
    }
    bool hasEvent(const QString& code) const { return eventCount(code) > 0; }

    LoopbackLink link;
    ScriptedMcu mcu;
    ModuleHost host;
    QVector<AgentEvent> events;
    QVector<Sent> sent;
};

QVector<quint8> cmds(std::initializer_list<int> values)
{
    QVector<quint8> out;
    for (int v : values)
        out.push_back(quint8(v));
    return out;
}

SendRequest parsed(const char* text)
{
    const SendParseResult r = parseSendCommand(QString::fromLatin1(text));
    if (!r.ok)
        qFatal("bad test command %s: %s", text, qPrintable(r.error));
    return r.request;
}

// Frames the MCU received from index `from` on, heartbeats left out.
QVector<ScriptedMcu::Rx> nonHeartbeatsFrom(const ScriptedMcu& mcu, int from)
{
    QVector<ScriptedMcu::Rx> out;
    for (int i = from; i < mcu.received.size(); ++i) {
        if (mcu.received[i].command != 0x00)
            out.push_back(mcu.received[i]);
    }
    return out;
}

} // namespace

class TestHost : public QObject {
    Q_OBJECT
private slots:
    void standardStartupOrder()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard, /*maxChunk*/ 2);
        QVector<ModuleHost::Stage> stages;
        connect(&rig.host, &ModuleHost::stageChanged, this, [&](ModuleHost::Stage s) { stages.push_back(s); });
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Running);
        QCOMPARE(rig.host.family(), Family::Standard);
        QCOMPARE(rig.host.productInfo(), QString::fromUtf8(rig.mcu.product));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.received.size() >= 7, kWaitMs);

        const QVector<quint8> first = rig.mcu.commands().mid(0, 7);
        QCOMPARE(first, cmds({0x00, 0x01, 0x02, 0x03, 0x08, 0x00, 0x00}));
        QCOMPARE(rig.mcu.received[3].frame, hex("55AA0003000104 07"));  // network status 04
        QCOMPARE(rig.mcu.received[0].frame, hex("55AA00000000FF"));
        QCOMPARE(rig.mcu.received[1].frame, hex("55AA0001000000"));
        QCOMPARE(rig.mcu.received[2].frame, hex("55AA0002000001"));
        QCOMPARE(rig.mcu.received[4].frame, hex("55AA0008000007"));
        QCOMPARE(rig.mcu.badFrames, 0);

        // frameSent reports exactly what went over the wire, all untyped, all version 0x00.
        QVERIFY(rig.sent.size() >= 7);
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(rig.sent[i].frame, rig.mcu.received[i].frame);
            QVERIFY(!rig.sent[i].typed);
            QVERIFY(!rig.sent[i].note.isEmpty());
        }
        QVERIFY(rig.sent[5].note.contains(QLatin1String("heartbeat")));
        QCOMPARE(rig.eventCount(QStringLiteral("INIT_COMPLETE")), 1);
        QVERIFY(rig.hasEvent(QStringLiteral("PRODUCT_INFO")));
        QCOMPARE(stages.mid(0, 7), (QVector<ModuleHost::Stage>{ModuleHost::Stage::Probing, ModuleHost::Stage::ProductInfo,
                                                               ModuleHost::Stage::Features, ModuleHost::Stage::WorkingMode,
                                                               ModuleHost::Stage::NetworkStatus, ModuleHost::Stage::QueryDps,
                                                               ModuleHost::Stage::Running}));
        QVERIFY(!rig.hasEvent(QStringLiteral("HEARTBEAT_TIMEOUT")));

        rig.host.stop();
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Idle);
        const int after = int(rig.mcu.received.size());
        QTest::qWait(250);
        QCOMPARE(rig.mcu.received.size(), after);
    }

    void featuresAnsweredBeforeWorkingMode()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard);
        rig.mcu.features = QByteArray(R"({"mcu_ota":0,"abv":3,"buf":1024})");
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.mcu.commands().mid(0, 6), cmds({0x00, 0x01, 0x37, 0x02, 0x03, 0x08}));
        QCOMPARE(rig.mcu.received[2].frame, hex("55AA00370002000038"));
        QCOMPARE(rig.eventCount(QStringLiteral("FEATURES")), 1);
    }

    void gpioWorkingModeSkipsNetworkStatus()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard, 2);
        rig.mcu.workingMode = hex("0C0D");
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.mcu.commands().mid(0, 4), cmds({0x00, 0x01, 0x02, 0x08}));
        QCOMPARE(rig.mcu.count(0x03), 0);
    }

    void mcuRestartRerunsInit()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        const int mark = int(rig.mcu.received.size());
        rig.mcu.restart(); // the next heartbeat answer is 00 again
        QTRY_VERIFY_WITH_TIMEOUT(rig.hasEvent(QStringLiteral("MCU_RESTARTED")), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.eventCount(QStringLiteral("INIT_COMPLETE")), 2, kWaitMs);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Running);
        QVector<quint8> again;
        for (const ScriptedMcu::Rx& rx : nonHeartbeatsFrom(rig.mcu, mark))
            again.push_back(rx.command);
        QCOMPARE(again.mid(0, 4), cmds({0x01, 0x02, 0x03, 0x08}));
        QVERIFY(!rig.hasEvent(QStringLiteral("HEARTBEAT_TIMEOUT")));
    }

    void heartbeatTimeoutGoesBackToProbing()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        rig.mcu.silent = true;
        QTRY_VERIFY_WITH_TIMEOUT(rig.hasEvent(QStringLiteral("HEARTBEAT_TIMEOUT")), kWaitMs);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Probing);
        // Probing sends heartbeats every probe interval until the MCU is back.
        const int mark = rig.mcu.count(0x00);
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x00) >= mark + 3, kWaitMs);
        rig.mcu.silent = false;
        QTRY_COMPARE_WITH_TIMEOUT(rig.eventCount(QStringLiteral("INIT_COMPLETE")), 2, kWaitMs);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Running);
    }

    void answersMcuRequests_data()
    {
        QTest::addColumn<quint8>("command");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QStringList>("replies"); // exact frames, in order
        QTest::addColumn<QString>("eventCode");   // expected event, if any

        QTest::newRow("0x1C local time") << quint8(0x1C) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA001C00080118050E091E0F0287")} << QStringLiteral("");
        QTest::newRow("0x0C GMT time") << quint8(0x0C) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA000C00070118050E071E0F72")} << QStringLiteral("");
        QTest::newRow("0x24 RSSI") << quint8(0x24) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA00240001C4E8")} << QStringLiteral("");
        QTest::newRow("0x2B network status") << quint8(0x2B) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA002B0001042F")} << QStringLiteral("");
        QTest::newRow("0x34/01 time service") << quint8(0x34) << QStringLiteral("0101")
            << QStringList{QStringLiteral("55AA003400020100 36"), QStringLiteral("55AA0034000902 01 18050E091E0F02 A2")}
            << QStringLiteral("");
        QTest::newRow("0x34/03") << quint8(0x34) << QStringLiteral("03")
            << QStringList{QStringLiteral("55AA00340002030038")} << QStringLiteral("");
        QTest::newRow("0x34/04 module reset") << quint8(0x34) << QStringLiteral("04")
            << QStringList{QStringLiteral("55AA00340002040039")} << QStringLiteral("");
        QTest::newRow("0x34/06 map session") << quint8(0x34) << QStringLiteral("06")
            << QStringList{QStringLiteral("55AA00340004060100003E")} << QStringLiteral("");
        QTest::newRow("0x34/0B record report") << quint8(0x34) << QStringLiteral("0B0101180514091E000101000101")
            << QStringList{QStringLiteral("55AA003400020B0141")} << QStringLiteral("");
        QTest::newRow("0x22 sync report") << quint8(0x22) << QStringLiteral("0101000101")
            << QStringList{QStringLiteral("55AA0023000101 24")} << QStringLiteral("");
        QTest::newRow("0x04 reset Wi-Fi") << quint8(0x04) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA0004000003")} << QStringLiteral("WIFI_RESET_REQUEST");
        QTest::newRow("0x05 reset Wi-Fi, AP") << quint8(0x05) << QStringLiteral("01")
            << QStringList{QStringLiteral("55AA0005000004")} << QStringLiteral("WIFI_MODE_RESET_REQUEST");
        QTest::newRow("0x20 weather") << quint8(0x20) << QStringLiteral("06772E74656D700A772E68756D6964697479")
            << QStringList{QStringLiteral("55AA00200002010022")} << QStringLiteral("");
        QTest::newRow("0x21 weather ack") << quint8(0x21) << QStringLiteral("") << QStringList{} << QStringLiteral("");
        QTest::newRow("0x0E Wi-Fi test") << quint8(0x0E) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA000E0002015060")} << QStringLiteral("");
        QTest::newRow("0x0F free memory") << quint8(0x0F) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA000F000400008000 92")} << QStringLiteral("");
        QTest::newRow("0x2D MAC") << quint8(0x2D) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA002D000700025453000001 DD")} << QStringLiteral("");
        QTest::newRow("0x25 disable heartbeats") << quint8(0x25) << QStringLiteral("")
            << QStringList{QStringLiteral("55AA0025000024")} << QStringLiteral("HEARTBEATS_DISABLED");
        QTest::newRow("0x37/00 features") << quint8(0x37) << QStringLiteral("007B226D63755F6F7461223A302C22616276223A332C22627566223A313032347D")
            << QStringList{QStringLiteral("55AA00370002000038")} << QStringLiteral("FEATURES");
        QTest::newRow("0x07 report consumed") << quint8(0x07) << QStringLiteral("0101000101") << QStringList{} << QStringLiteral("");
        QTest::newRow("0x99 unknown") << quint8(0x99) << QStringLiteral("0102") << QStringList{}
                                      << QStringLiteral("UNANSWERED_REQUEST");
    }

    void answersMcuRequests()
    {
        QFETCH(quint8, command);
        QFETCH(QString, payload);
        QFETCH(QStringList, replies);
        QFETCH(QString, eventCode);

        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        const int mark = int(rig.mcu.received.size());
        const int eventMark = int(rig.events.size());
        rig.mcu.send(command, test::fromHex(payload));
        // A marker request after it: the host answers in order, so everything before the
        // marker's answer belongs to the request under test.
        rig.mcu.send(0x2B, QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(nonHeartbeatsFrom(rig.mcu, mark).size() >= replies.size() + 1, kWaitMs);
        QTest::qWait(20); // nothing more may follow
        const QVector<ScriptedMcu::Rx> got = nonHeartbeatsFrom(rig.mcu, mark);
        QCOMPARE(got.size(), replies.size() + 1);
        for (int i = 0; i < replies.size(); ++i)
            QCOMPARE(toHex(got[i].frame), toHex(test::fromHex(replies[i])));
        QCOMPARE(got.back().frame, hex("55AA002B0001042F"));

        QStringList codes;
        for (int i = eventMark; i < rig.events.size(); ++i)
            codes << rig.events[i].code;
        if (eventCode.isEmpty())
            QVERIFY2(codes.isEmpty(), qPrintable(codes.join(QLatin1Char(','))));
        else
            QVERIFY2(codes.contains(eventCode), qPrintable(codes.join(QLatin1Char(','))));
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Running);
    }

    void heartbeatsStopAfter0x25()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        rig.mcu.send(0x25, QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x25) == 1, kWaitMs);
        const int heartbeats = rig.mcu.count(0x00);
        QTest::qWait(350);
        QCOMPARE(rig.mcu.count(0x00), heartbeats);
        QVERIFY(!rig.hasEvent(QStringLiteral("HEARTBEAT_TIMEOUT")));
    }

    void timeInvalidAnswersZeros()
    {
        HostOptions o = fastOptions(Family::Standard);
        o.timeValid = false;
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard, 0, o);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        rig.mcu.send(0x1C, QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x1C) == 1, kWaitMs);
        for (const ScriptedMcu::Rx& rx : rig.mcu.received) {
            if (rx.command == 0x1C)
                QCOMPARE(rx.data, QByteArray(8, '\0'));
        }
    }

    void badChecksumIsReportedAndIgnored()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard, 2);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        rig.mcu.sendRaw(hex("55AA031C00001F")); // 0x1C with checksum 1F, computed 1E
        rig.mcu.send(0x24, QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x24) == 1, kWaitMs);
        QVERIFY(rig.hasEvent(QStringLiteral("BAD_CHECKSUM")));
        QCOMPARE(rig.mcu.count(0x1C), 0);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Running);
        // Garbage and a bad frame during init do not stop the sequence either.
        Rig early(Family::Standard, ScriptedMcu::Kind::Standard);
        early.mcu.sendRaw(hex("FF0055AA00000001010355AA03"));
        early.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(early.host.initComplete(), kWaitMs);
    }

    void sendQueuesUntilInitThenFlushes()
    {
        Rig rig(Family::Standard, ScriptedMcu::Kind::Standard, 2);
        QString error;
        QVERIFY(rig.host.send(parsed("TuyaSend1 1,1"), &error));
        QVERIFY(rig.hasEvent(QStringLiteral("QUEUED_SEND")));
        QVERIFY(rig.sent.isEmpty());
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x06) == 1, kWaitMs);
        QVERIFY(rig.host.initComplete());
        QCOMPARE(rig.mcu.commands().mid(0, 6), cmds({0x00, 0x01, 0x02, 0x03, 0x08, 0x06}));
        QCOMPARE(rig.mcu.received[5].frame, hex("55AA0006000501010001010E"));
        int typed = 0;
        for (const Sent& s : rig.sent) {
            if (s.typed) {
                ++typed;
                QCOMPARE(s.frame, hex("55AA0006000501010001010E"));
            }
        }
        QCOMPARE(typed, 1);

        // After init a send goes out at once.
        QVERIFY(rig.host.send(parsed("TuyaSend7 0x1c,0110041305060702"), &error));
        QCOMPARE(rig.sent.back().frame, hex("55AA001C000801100413050607025F"));
        QVERIFY(rig.sent.back().typed);
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x1C) == 1, kWaitMs);
        QCOMPARE(rig.eventCount(QStringLiteral("QUEUED_SEND")), 1);
    }

    void lowPowerStartupAndAcks()
    {
        Rig rig(Family::LowPower, ScriptedMcu::Kind::LowPower, 2);
        rig.mcu.product = QByteArray(R"({"P":"Okurono2XLVRV0fB","v":"1.1.0"})");
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::LpReady);
        QCOMPARE(rig.host.family(), Family::LowPower);
        QCOMPARE(rig.host.productInfo(), QStringLiteral(R"({"P":"Okurono2XLVRV0fB","v":"1.1.0"})"));
        QCOMPARE(rig.mcu.received.size(), 4);
        QCOMPARE(rig.mcu.received[0].frame, hex("55AA0001000000"));
        QCOMPARE(rig.mcu.received[1].frame, hex("55AA0002000102 04"));
        QCOMPARE(rig.mcu.received[2].frame, hex("55AA0002000103 05"));
        QCOMPARE(rig.mcu.received[3].frame, hex("55AA0002000104 06"));
        QCOMPARE(rig.eventCount(QStringLiteral("INIT_COMPLETE")), 1);

        struct Case {
            quint8 command;
            const char* payload;
            const char* reply;
        };
        const Case cases[] = {
            {0x05, "6501000101", "55AA000500010005"},             // real-time report
            {0x08, "0118050E091E00 65010001 01", "55AA000800010008"}, // record report
            {0x10, "00", "55AA00100002010012"},                   // DP cache: nothing cached
            {0x06, "", "55AA000600080118050E091E0F0271"},         // local time
            {0x0B, "", "55AA000B000201505D"},                     // signal strength 80 %
            {0x07, "", "55AA00070002015059"},                     // Wi-Fi test
            {0x0A, "", "55AA000A0001010B"},                       // Wi-Fi upgrade: none
            {0x0C, "", "55AA000C0001010D"},                       // MCU upgrade status: none
            {0x04, "01", "55AA0004000003"},                       // reset Wi-Fi, AP mode
            {0x03, "", "55AA0003000002"},                         // reset Wi-Fi: echoed
        };
        for (const Case& c : cases) {
            const int mark = int(rig.mcu.received.size());
            rig.mcu.send(c.command, hex(c.payload));
            QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.received.size() > mark, kWaitMs);
            QCOMPARE(toHex(rig.mcu.received[mark].frame), toHex(hex(c.reply)));
        }
        QVERIFY(rig.hasEvent(QStringLiteral("WIFI_RESET_REQUEST")));
        QVERIFY(rig.hasEvent(QStringLiteral("WIFI_MODE_RESET_REQUEST")));
        QCOMPARE(rig.mcu.count(0x00), 0); // no heartbeats in the low-power protocol

        // Unknown low-power command: not answered, reported.
        const int mark = int(rig.mcu.received.size());
        rig.mcu.send(0x0F, QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(rig.hasEvent(QStringLiteral("UNANSWERED_REQUEST")), kWaitMs);
        QCOMPARE(rig.mcu.received.size(), mark);
    }

    void lowPowerClimbStopsAtAConfiguredLowStatus()
    {
        HostOptions o = fastOptions(Family::LowPower);
        o.networkStatus = 0x01;
        Rig rig(Family::LowPower, ScriptedMcu::Kind::LowPower, 0, o);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.mcu.received.size(), 2);
        QCOMPARE(rig.mcu.received[1].frame, hex("55AA0002000101 03"));
    }

    void lowPowerAckDelay()
    {
        HostOptions o = fastOptions(Family::LowPower);
        o.lowPowerAckDelayMs = 150;
        Rig rig(Family::LowPower, ScriptedMcu::Kind::LowPower, 0, o);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QElapsedTimer clock;
        clock.start();
        rig.mcu.send(0x05, hex("6501000101"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x05) == 1, kWaitMs);
        QVERIFY2(clock.elapsed() >= 120, qPrintable(QString::number(clock.elapsed())));
    }

    void lowPowerDpWrites()
    {
        Rig rig(Family::LowPower, ScriptedMcu::Kind::LowPower, 2);
        // While the MCU sleeps a DP write waits for its DP-cache request.
        QVERIFY(rig.host.send(parsed("TuyaSend1 1,1")));
        QVERIFY(rig.hasEvent(QStringLiteral("QUEUED_SEND")));
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.mcu.count(0x09), 0);
        QCOMPARE(rig.mcu.count(0x06), 0);

        int mark = int(rig.mcu.received.size());
        rig.mcu.send(0x10, hex("00"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.received.size() > mark, kWaitMs);
        QCOMPARE(toHex(rig.mcu.received[mark].frame), QStringLiteral("55AA00100007010101010001011C")); // 01 01 <dp1 bool 1>
        QVERIFY(rig.hasEvent(QStringLiteral("DP_CACHE_SENT")));

        mark = int(rig.mcu.received.size());
        rig.mcu.send(0x10, hex("00"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.received.size() > mark, kWaitMs);
        QCOMPARE(rig.mcu.received[mark].frame, hex("55AA00100002010012")); // taken: nothing left

        // Awake and ready: a DP write goes out as the low-power 0x09 at once.
        QVERIFY(rig.host.send(parsed("TuyaSend1 1,1")));
        QCOMPARE(rig.sent.back().frame, hex("55AA00090005010100010111"));
        QVERIFY(rig.sent.back().typed);
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x09) == 1, kWaitMs);
        // Non-DP commands keep their command word.
        QVERIFY(rig.host.send(parsed("TuyaSend8")));
        QCOMPARE(rig.sent.back().frame, hex("55AA0001000000"));
    }

    void lowPowerCacheFiltersRequestedDps()
    {
        Rig rig(Family::LowPower, ScriptedMcu::Kind::LowPower);
        QVERIFY(rig.host.send(parsed("TuyaSend1 1,1")));
        QVERIFY(rig.host.send(parsed("TuyaSend4 2,3")));
        QVERIFY(rig.host.send(parsed("TuyaSend4 2,1"))); // newer value for dp2 replaces the older
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        const int mark = int(rig.mcu.received.size());
        rig.mcu.send(0x10, hex("0102")); // only dp2
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.received.size() > mark, kWaitMs);
        QCOMPARE(rig.mcu.received[mark].data, hex("0101 02040001 01"));
    }

    void autoDetectsStandard()
    {
        Rig rig(Family::Unknown, ScriptedMcu::Kind::Standard, 2);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.host.family(), Family::Standard);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::Running);
        QCOMPARE(rig.eventCount(QStringLiteral("FAMILY_DETECTED")), 1);
        QCOMPARE(rig.mcu.commands().mid(0, 2), cmds({0x00, 0x01}));
        QVERIFY(rig.mcu.count(0x02) >= 1);
        QVERIFY(rig.mcu.count(0x03) == 1);
    }

    void autoDetectsLowPower()
    {
        Rig rig(Family::Unknown, ScriptedMcu::Kind::LowPower, 2);
        rig.host.start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.host.initComplete(), kWaitMs);
        QCOMPARE(rig.host.family(), Family::LowPower);
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::LpReady);
        QCOMPARE(rig.eventCount(QStringLiteral("FAMILY_DETECTED")), 1);
        QVector<QByteArray> climb;
        for (const ScriptedMcu::Rx& rx : rig.mcu.received) {
            if (rx.command == 0x02)
                climb.push_back(rx.data);
        }
        QCOMPARE(climb, (QVector<QByteArray>{hex("02"), hex("03"), hex("04")}));
    }

    void autoDetectsLowPowerFromAReport()
    {
        Rig rig(Family::Unknown, ScriptedMcu::Kind::LowPower);
        rig.mcu.answerProduct = false;
        rig.host.start();
        rig.mcu.send(0x05, hex("6501000101"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mcu.count(0x05) == 1, kWaitMs);
        QCOMPARE(rig.host.family(), Family::LowPower);
        for (const ScriptedMcu::Rx& rx : rig.mcu.received) {
            if (rx.command == 0x05)
                QCOMPARE(rx.frame, hex("55AA000500010005"));
        }
        QCOMPARE(rig.host.stage(), ModuleHost::Stage::ProductInfo); // still asking for the product
    }
};

QTEST_GUILESS_MAIN(TestHost)
#include "tst_host.moc"
