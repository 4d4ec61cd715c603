// Typed send commands (Tasmota TuyaSend0..9, OpenBeken tuyaMcu_send*, whole hex frames):
// every accepted form builds the exact frame, every rejected one names the bad token.

#include "support/TestSupport.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/SendCommand.h"

#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

class TestSendCommand : public QObject {
    Q_OBJECT
private slots:
    void buildsTheExactFrame_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("frameHex"); // encodeFrame(0, command, data), as the module sends it
        QTest::addColumn<bool>("dpWrite");

        QTest::newRow("TuyaSend0") << QStringLiteral("TuyaSend0") << QStringLiteral("55AA0008000007") << false;
        QTest::newRow("TuyaSend1 1,1") << QStringLiteral("TuyaSend1 1,1") << QStringLiteral("55AA0006000501010001010E") << true;
        QTest::newRow("tuyasend1 0x65,0") << QStringLiteral("tuyasend1 0x65,0") << QStringLiteral("55AA00060005650100010071") << true;
        QTest::newRow("TuyaSend2 2,150") << QStringLiteral("TuyaSend2 2,150") << QStringLiteral("55AA000600080202000400000096AB") << true;
        QTest::newRow("TuyaSend2 109,-10") << QStringLiteral("TuyaSend2 109,-10") << QStringLiteral("55AA000600086D020004FFFFFFF673") << true;
        QTest::newRow("TuyaSend2 2,0xAABBCCDD") << QStringLiteral("TuyaSend2 2,0xAABBCCDD") << QStringLiteral("55AA0006000802020004AABBCCDD23") << true;
        QTest::newRow("TuyaSend2 2,4294967295") << QStringLiteral("TuyaSend2 2,4294967295") << QStringLiteral("55AA0006000802020004FFFFFFFF11") << true;
        QTest::newRow("TuyaSend2 2,-2147483648") << QStringLiteral("TuyaSend2 2,-2147483648") << QStringLiteral("55AA00060008020200048000000095") << true;
        QTest::newRow("TuyaSend3 5,hello, world ") << QStringLiteral("TuyaSend3 5,hello, world ") << QStringLiteral("55AA000600110503000D68656C6C6F2C20776F726C6420D3") << true;
        QTest::newRow("TuyaSend3 5,") << QStringLiteral("TuyaSend3 5,") << QStringLiteral("55AA000600040503000011") << true;
        QTest::newRow("TuyaSend4 4,2") << QStringLiteral("TuyaSend4 4,2") << QStringLiteral("55AA00060005040400010215") << true;
        QTest::newRow("TuyaSend4 4,0xFF") << QStringLiteral("TuyaSend4 4,0xFF") << QStringLiteral("55AA0006000504040001FF12") << true;
        QTest::newRow("TuyaSend5 24,00DC03E803E8") << QStringLiteral("TuyaSend5 24,00DC03E803E8") << QStringLiteral("55AA0006000A1803000600DC03E803E8E2") << true;
        QTest::newRow("TuyaSend6 6,08FC0001F4000069") << QStringLiteral("TuyaSend6 6,08FC0001F4000069") << QStringLiteral("55AA0006000C0600000808FC0001F400006981") << true;
        QTest::newRow("TuyaSend7 0x1c,0110041305060702") << QStringLiteral("TuyaSend7 0x1c,0110041305060702") << QStringLiteral("55AA001C000801100413050607025F") << false;
        QTest::newRow("TuyaSend7 0x30,") << QStringLiteral("TuyaSend7 0x30,") << QStringLiteral("55AA003000002F") << false;
        QTest::newRow("TuyaSend8") << QStringLiteral("TuyaSend8") << QStringLiteral("55AA0001000000") << false;
        QTest::newRow("tuyaMcu_sendState 1 bool 1") << QStringLiteral("tuyaMcu_sendState 1 bool 1") << QStringLiteral("55AA0006000501010001010E") << true;
        QTest::newRow("tuyaMcu_sendState 2 val -10") << QStringLiteral("tuyaMcu_sendState 2 val -10") << QStringLiteral("55AA0006000802020004FFFFFFF608") << true;
        QTest::newRow("tuyaMcu_sendState 3 str hello world") << QStringLiteral("tuyaMcu_sendState 3 str hello world") << QStringLiteral("55AA0006000F0303000B68656C6C6F20776F726C6481") << true;
        QTest::newRow("tuyaMcu_sendState 4 enum 3") << QStringLiteral("tuyaMcu_sendState 4 enum 3") << QStringLiteral("55AA00060005040400010316") << true;
        QTest::newRow("tuyaMcu_sendState 6 raw 08FC00") << QStringLiteral("tuyaMcu_sendState 6 raw 08FC00") << QStringLiteral("55AA000600070600000308FC0019") << true;
        QTest::newRow("tuyaMcu_sendState 12 bitmap 0x0004") << QStringLiteral("tuyaMcu_sendState 12 bitmap 0x0004") << QStringLiteral("55AA000600060C050002000422") << true;
        QTest::newRow("tuyaMcu_sendState 12 bitmap 4") << QStringLiteral("tuyaMcu_sendState 12 bitmap 4") << QStringLiteral("55AA000600050C0500010420") << true;
        QTest::newRow("tuyaMcu_sendState 2 2 100") << QStringLiteral("tuyaMcu_sendState 2 2 100") << QStringLiteral("55AA00060008020200040000006479") << true;
        QTest::newRow("tuyaMcu_sendState 1 1 0") << QStringLiteral("tuyaMcu_sendState 1 1 0") << QStringLiteral("55AA0006000501010001000D") << true;
        QTest::newRow("tuyaMcu_sendCmd 0x30 000000") << QStringLiteral("tuyaMcu_sendCmd 0x30 000000") << QStringLiteral("55AA0030000300000032") << false;
        QTest::newRow("tuyaMcu_sendQueryState") << QStringLiteral("tuyaMcu_sendQueryState") << QStringLiteral("55AA0008000007") << false;
        QTest::newRow("tuyaMcu_sendHeartbeat") << QStringLiteral("tuyaMcu_sendHeartbeat") << QStringLiteral("55AA00000000FF") << false;
        QTest::newRow("tuyaMcu_sendProductInformation") << QStringLiteral("tuyaMcu_sendProductInformation") << QStringLiteral("55AA0001000000") << false;
        QTest::newRow("tuyaMcu_sendMCUConf") << QStringLiteral("tuyaMcu_sendMCUConf") << QStringLiteral("55AA0002000001") << false;
        // A typed MCU frame (version 03): command and data are kept, the version is the sender's.
        QTest::newRow("frame ver 03") << QStringLiteral("55AA030700050101000101 12") << QStringLiteral("55AA0007000501010001010F") << false;
        QTest::newRow("frame lower case, no spaces") << QStringLiteral("55aa0006000501010001010e") << QStringLiteral("55AA0006000501010001010E") << false;
        QTest::newRow("leading spaces, spaced args") << QStringLiteral("   TuyaSend1 1, 1") << QStringLiteral("55AA0006000501010001010E") << true;
        QTest::newRow("TuyaSend5 0x prefix") << QStringLiteral("TuyaSend5 3,0x3132") << QStringLiteral("55AA0006000603030002313276") << true;
    }

    void buildsTheExactFrame()
    {
        QFETCH(QString, input);
        QFETCH(QString, frameHex);
        QFETCH(bool, dpWrite);
        const SendParseResult r = parseSendCommand(input);
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(encodeFrame(0x00, r.request.command, r.request.data), test::fromHex(frameHex));
        QCOMPARE(r.request.dpWrite, dpWrite);
        QCOMPARE(r.request.text, input.trimmed());
    }

    void textKeepsCommasAndSpaces()
    {
        const SendParseResult r = parseSendCommand(QStringLiteral("TuyaSend3 7, a,b  c "));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.request.data.mid(4), QByteArray(" a,b  c "));
    }

    void rejectsWithTheBadToken_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mustContain");

        QTest::newRow("dpId too big") << QStringLiteral("TuyaSend1 300,1") << QStringLiteral("TuyaSend1: dpId \"300\" is out of range 1..255");
        QTest::newRow("dpId zero") << QStringLiteral("TuyaSend1 0,1") << QStringLiteral("\"0\"");
        QTest::newRow("dpId not a number") << QStringLiteral("TuyaSend4 abc,1") << QStringLiteral("dpId \"abc\" is not a number");
        QTest::newRow("bool 2") << QStringLiteral("TuyaSend1 1,2") << QStringLiteral("\"2\"");
        QTest::newRow("no comma") << QStringLiteral("TuyaSend1 1") << QStringLiteral("dpId,value");
        QTest::newRow("no args") << QStringLiteral("TuyaSend2") << QStringLiteral("dpId,value");
        QTest::newRow("value > 32 bit") << QStringLiteral("TuyaSend2 2,4294967296") << QStringLiteral("\"4294967296\"");
        QTest::newRow("value < int32") << QStringLiteral("TuyaSend2 2,-2147483649") << QStringLiteral("\"-2147483649\"");
        QTest::newRow("hex value > 32 bit") << QStringLiteral("TuyaSend2 2,0x1FFFFFFFF") << QStringLiteral("\"0x1FFFFFFFF\"");
        QTest::newRow("value text") << QStringLiteral("TuyaSend2 2,12abc") << QStringLiteral("\"12abc\"");
        QTest::newRow("enum 256") << QStringLiteral("TuyaSend4 4,256") << QStringLiteral("\"256\" is out of range 0..255");
        QTest::newRow("odd hex string") << QStringLiteral("TuyaSend5 1,ABC") << QStringLiteral("\"ABC\"");
        QTest::newRow("bad raw hex") << QStringLiteral("TuyaSend6 1,XYZ1") << QStringLiteral("\"XYZ1\"");
        QTest::newRow("empty raw") << QStringLiteral("TuyaSend6 1,") << QStringLiteral("TuyaSend6: value is empty");
        QTest::newRow("command > 255") << QStringLiteral("TuyaSend7 0x100,00") << QStringLiteral("command \"0x100\"");
        QTest::newRow("bad payload") << QStringLiteral("TuyaSend7 0x1c,01G") << QStringLiteral("\"01G\"");
        QTest::newRow("TuyaSend9") << QStringLiteral("TuyaSend9 1") << QStringLiteral("sends no frame");
        QTest::newRow("TuyaSend10") << QStringLiteral("TuyaSend10 1,1") << QStringLiteral("\"TuyaSend10\"");
        QTest::newRow("TuyaSend0 with args") << QStringLiteral("TuyaSend0 5") << QStringLiteral("\"5\"");
        QTest::newRow("sendState bad type") << QStringLiteral("tuyaMcu_sendState 1 colour 1") << QStringLiteral("\"colour\"");
        QTest::newRow("sendState missing value") << QStringLiteral("tuyaMcu_sendState 1 bool") << QStringLiteral("missing value");
        QTest::newRow("sendState dpId") << QStringLiteral("tuyaMcu_sendState 256 bool 1") << QStringLiteral("dpId \"256\" is out of range 1..255");
        QTest::newRow("sendState extra") << QStringLiteral("tuyaMcu_sendState 1 val 5 6") << QStringLiteral("\"6\"");
        QTest::newRow("sendState raw not hex") << QStringLiteral("tuyaMcu_sendState 6 raw $CH1$") << QStringLiteral("\"$CH1$\"");
        QTest::newRow("sendCmd spaced payload") << QStringLiteral("tuyaMcu_sendCmd 0x30 00 00") << QStringLiteral("\"00\"");
        QTest::newRow("sendCmd bad cmd") << QStringLiteral("tuyaMcu_sendCmd zz 00") << QStringLiteral("\"zz\"");
        QTest::newRow("sendHeartbeat args") << QStringLiteral("tuyaMcu_sendHeartbeat now") << QStringLiteral("\"now\"");
        QTest::newRow("frame bad checksum") << QStringLiteral("55AA 00 06 0005 0101000101 0D")
                                            << QStringLiteral("checksum is 0x0D, expected 0x0E");
        QTest::newRow("frame bad length") << QStringLiteral("55AA0006000601010001010E") << QStringLiteral("expected length field 0005");
        QTest::newRow("frame too short") << QStringLiteral("55AA00") << QStringLiteral("shorter than the minimum frame");
        QTest::newRow("frame not hex") << QStringLiteral("55AA0G000000") << QStringLiteral("\"G\"");
        QTest::newRow("unknown") << QStringLiteral("foo 1,2") << QStringLiteral("\"foo\"");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("empty command");
    }

    void rejectsWithTheBadToken()
    {
        QFETCH(QString, input);
        QFETCH(QString, mustContain);
        const SendParseResult r = parseSendCommand(input);
        QVERIFY2(!r.ok, qPrintable(QStringLiteral("accepted: ") + input));
        QVERIFY2(r.error.contains(mustContain), qPrintable(r.error));
    }

    void helpListsEveryForm()
    {
        const QString help = sendCommandHelp();
        QVERIFY(help.count(QLatin1Char('\n')) >= 10);
        for (const char* form : {"TuyaSend0", "TuyaSend1", "TuyaSend2", "TuyaSend3", "TuyaSend4", "TuyaSend5", "TuyaSend6",
                                 "TuyaSend7", "TuyaSend8", "tuyaMcu_sendState", "tuyaMcu_sendCmd", "tuyaMcu_sendQueryState",
                                 "tuyaMcu_sendHeartbeat", "tuyaMcu_sendProductInformation", "tuyaMcu_sendMCUConf", "55AA"})
            QVERIFY2(help.contains(QLatin1String(form)), form);
    }
};

QTEST_GUILESS_MAIN(TestSendCommand)
#include "tst_sendcommand.moc"
