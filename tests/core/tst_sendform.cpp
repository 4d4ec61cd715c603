// The send panel's form as data: each mode's command line and the exact frame that goes out for
// the session's family (expected bytes written out by hand, checksums included), the errors that
// keep Send disabled, and the LAN dp-set form's JSON checks.

#include "common/Hex.h"
#include "tuyalan/LanDpForm.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/SendForm.h"

#include <QJsonDocument>
#include <QtTest>

using namespace tuyascope;
using namespace tuyascope::mcu;

Q_DECLARE_METATYPE(tuyascope::mcu::SendMode)
Q_DECLARE_METATYPE(tuyascope::mcu::Family)

class SendFormTest : public QObject {
    Q_OBJECT
private slots:
    void frames_data();
    void frames();
    void errors_data();
    void errors();
    void modeForDpType();
    void frameMatchesEncoder();
    void lanDpWrite_data();
    void lanDpWrite();
};

namespace {

SendForm form(SendMode mode, int dp = 1, qint64 number = 0, const QString& text = QString())
{
    SendForm f;
    f.mode = mode;
    f.dpId = dp;
    f.number = number;
    f.on = number != 0;
    f.text = text;
    return f;
}

} // namespace

void SendFormTest::frames_data()
{
    QTest::addColumn<SendMode>("mode");
    QTest::addColumn<int>("dp");
    QTest::addColumn<qint64>("number");
    QTest::addColumn<int>("extra");   // bitmap width or command
    QTest::addColumn<QString>("text");
    QTest::addColumn<Family>("family");
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("frameHex");

    const Family std_ = Family::Standard;
    QTest::newRow("query state") << SendMode::QueryState << 1 << qint64(0) << 0 << QString() << std_ << "TuyaSend0"
                                 << "55AA0008000007";
    QTest::newRow("product query") << SendMode::ProductQuery << 1 << qint64(0) << 0 << QString() << std_ << "TuyaSend8"
                                   << "55AA0001000000";
    QTest::newRow("bool on std") << SendMode::Bool << 1 << qint64(1) << 0 << QString() << std_ << "TuyaSend1 1,1"
                                 << "55AA0006000501010001010E";
    QTest::newRow("bool on lp -> 0x09") << SendMode::Bool << 1 << qint64(1) << 0 << QString() << Family::LowPower
                                        << "TuyaSend1 1,1" << "55AA00090005010100010111";
    QTest::newRow("bool on unknown family") << SendMode::Bool << 1 << qint64(1) << 0 << QString() << Family::Unknown
                                            << "TuyaSend1 1,1" << "55AA0006000501010001010E";
    QTest::newRow("value 235") << SendMode::Value << 2 << qint64(235) << 0 << QString() << std_ << "TuyaSend2 2,235"
                               << "55AA0006000802020004000000EB00";
    QTest::newRow("value -1") << SendMode::Value << 2 << qint64(-1) << 0 << QString() << std_ << "TuyaSend2 2,-1"
                              << "55AA0006000802020004FFFFFFFF11";
    QTest::newRow("string") << SendMode::String << 3 << qint64(0) << 0 << "auto" << std_ << "TuyaSend3 3,auto"
                            << "55AA00060008030300046175746FD0";
    QTest::newRow("string keeps commas and spaces") << SendMode::String << 3 << qint64(0) << 0 << "a, b " << std_
                                                    << "TuyaSend3 3,a, b " << "55AA0006000903030005612C20622048";
    QTest::newRow("string on lp") << SendMode::String << 3 << qint64(0) << 0 << "auto" << Family::LowPower
                                  << "TuyaSend3 3,auto" << "55AA00090008030300046175746FD3";
    QTest::newRow("enum") << SendMode::Enum << 4 << qint64(2) << 0 << QString() << std_ << "TuyaSend4 4,2"
                          << "55AA00060005040400010215";
    QTest::newRow("bitmap width 2") << SendMode::Bitmap << 12 << qint64(4) << 2 << QString() << std_
                                    << "tuyaMcu_sendState 12 bitmap 0x0004" << "55AA000600060C050002000422";
    QTest::newRow("raw with spaces") << SendMode::Raw << 5 << qint64(0) << 0 << "01 02 0a" << std_ << "TuyaSend6 5,01020a"
                                     << "55AA000600070500000301020A21";
    QTest::newRow("any command") << SendMode::AnyCommand << 1 << qint64(0) << 0x1c << "0110041305060702" << std_
                                 << "TuyaSend7 0x1C,0110041305060702" << "55AA001C000801100413050607025F";
    QTest::newRow("any command, no payload") << SendMode::AnyCommand << 1 << qint64(0) << 0 << QString() << std_
                                             << "TuyaSend7 0x00," << "55AA00000000FF";
    QTest::newRow("typed heartbeat") << SendMode::Typed << 1 << qint64(0) << 0 << "tuyaMcu_sendHeartbeat" << std_
                                     << "tuyaMcu_sendHeartbeat" << "55AA00000000FF";
    QTest::newRow("typed frame: version replaced") << SendMode::Typed << 1 << qint64(0) << 0
                                                   << "55 AA 03 06 00 05 01 01 00 01 01 11" << std_
                                                   << "55 AA 03 06 00 05 01 01 00 01 01 11" << "55AA0006000501010001010E";
}

void SendFormTest::frames()
{
    QFETCH(SendMode, mode);
    QFETCH(int, dp);
    QFETCH(qint64, number);
    QFETCH(int, extra);
    QFETCH(QString, text);
    QFETCH(Family, family);
    QFETCH(QString, commandLine);
    QFETCH(QString, frameHex);

    SendForm f = form(mode, dp, number, text);
    f.bitmapWidth = mode == SendMode::Bitmap ? extra : 1;
    f.command = extra;
    QCOMPARE(sendFormText(f), commandLine);
    const SendPreview p = previewSend(f, family);
    QVERIFY2(p.ok, qPrintable(p.error));
    QVERIFY(p.error.isEmpty());
    QCOMPARE(toHex(p.frame), frameHex);
    QCOMPARE(p.request.text, commandLine.trimmed());
    // A dp write in an undecided family says how it was shown; a standard one says nothing.
    QCOMPARE(!p.note.isEmpty(), p.request.dpWrite && family != Family::Standard);
}

void SendFormTest::errors_data()
{
    QTest::addColumn<SendMode>("mode");
    QTest::addColumn<int>("dp");
    QTest::addColumn<qint64>("number");
    QTest::addColumn<int>("extra");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("dp 0") << SendMode::Bool << 0 << qint64(1) << 0 << QString() << "dpId \"0\" is out of range";
    QTest::newRow("dp 256") << SendMode::Enum << 256 << qint64(1) << 0 << QString() << "dpId \"256\" is out of range";
    QTest::newRow("value too big") << SendMode::Value << 2 << qint64(4294967296LL) << 0 << QString() << "out of range";
    QTest::newRow("enum 256") << SendMode::Enum << 4 << qint64(256) << 0 << QString() << "out of range 0..255";
    QTest::newRow("raw not hex") << SendMode::Raw << 5 << qint64(0) << 0 << "0G" << "is not hex";
    QTest::newRow("raw odd digits") << SendMode::Raw << 5 << qint64(0) << 0 << "012" << "is not hex";
    QTest::newRow("raw empty") << SendMode::Raw << 5 << qint64(0) << 0 << QString() << "value is empty";
    QTest::newRow("any command 256") << SendMode::AnyCommand << 1 << qint64(0) << 256 << QString() << "out of range 0..255";
    QTest::newRow("any command bad payload") << SendMode::AnyCommand << 1 << qint64(0) << 6 << "xyz" << "payload";
    QTest::newRow("bitmap overflow") << SendMode::Bitmap << 12 << qint64(256) << 1 << QString() << "does not fit in 1 byte";
    QTest::newRow("bitmap negative") << SendMode::Bitmap << 12 << qint64(-1) << 2 << QString() << "does not fit";
    QTest::newRow("bitmap width 3") << SendMode::Bitmap << 12 << qint64(1) << 3 << QString() << "width 3";
    QTest::newRow("typed empty") << SendMode::Typed << 1 << qint64(0) << 0 << "  " << "empty command";
    QTest::newRow("typed TuyaSend9") << SendMode::Typed << 1 << qint64(0) << 0 << "TuyaSend9 1" << "TuyaSend9";
    QTest::newRow("typed bad checksum") << SendMode::Typed << 1 << qint64(0) << 0 << "55AA0006000501010001010F"
                                        << "checksum is 0x0F, expected 0x0E";
}

void SendFormTest::errors()
{
    QFETCH(SendMode, mode);
    QFETCH(int, dp);
    QFETCH(qint64, number);
    QFETCH(int, extra);
    QFETCH(QString, text);
    QFETCH(QString, errorPart);

    SendForm f = form(mode, dp, number, text);
    f.bitmapWidth = mode == SendMode::Bitmap ? extra : 1;
    f.command = extra;
    for (Family family : {Family::Standard, Family::LowPower}) {
        const SendPreview p = previewSend(f, family);
        QVERIFY(!p.ok);
        QVERIFY(p.frame.isEmpty());
        QVERIFY2(p.error.contains(errorPart), qPrintable(p.error));
    }
}

void SendFormTest::modeForDpType()
{
    QCOMPARE(sendModeForDpType(QStringLiteral("bool")), std::optional<SendMode>(SendMode::Bool));
    QCOMPARE(sendModeForDpType(QStringLiteral("value")), std::optional<SendMode>(SendMode::Value));
    QCOMPARE(sendModeForDpType(QStringLiteral("string")), std::optional<SendMode>(SendMode::String));
    QCOMPARE(sendModeForDpType(QStringLiteral("enum")), std::optional<SendMode>(SendMode::Enum));
    QCOMPARE(sendModeForDpType(QStringLiteral("bitmap")), std::optional<SendMode>(SendMode::Bitmap));
    QCOMPARE(sendModeForDpType(QStringLiteral("raw")), std::optional<SendMode>(SendMode::Raw));
    QVERIFY(!sendModeForDpType(QStringLiteral("json")));
    QVERIFY(!sendModeForDpType(QStringLiteral("type 0x07")));
    QVERIFY(!sendModeForDpType(QString()));
    QVERIFY(sendModeWritesDp(SendMode::Bool) && sendModeWritesDp(SendMode::Raw));
    QVERIFY(!sendModeWritesDp(SendMode::QueryState) && !sendModeWritesDp(SendMode::AnyCommand)
            && !sendModeWritesDp(SendMode::Typed));
    for (int m = 0; m < kSendModeCount; ++m)
        QVERIFY(!sendModeLabel(SendMode(m)).isEmpty());
}

void SendFormTest::frameMatchesEncoder()
{
    // The preview is what ModuleHost writes: encodeFrame(0x00, command, data), lp dp writes as 0x09.
    SendRequest request;
    request.command = 0x06;
    request.data = QByteArray::fromHex("0101000100");
    request.dpWrite = true;
    QCOMPARE(moduleFrameFor(request, Family::Standard), encodeFrame(0x00, 0x06, request.data));
    QCOMPARE(moduleFrameFor(request, Family::LowPower), encodeFrame(0x00, 0x09, request.data));
    request.dpWrite = false; // a raw 0x06 typed by hand is sent as typed
    QCOMPARE(moduleFrameFor(request, Family::LowPower), encodeFrame(0x00, 0x06, request.data));
}

void SendFormTest::lanDpWrite_data()
{
    QTest::addColumn<QString>("dp");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("json");       // expected compact dps object; empty = error
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("bool") << "1" << "true" << "{\"1\":true}" << QString();
    QTest::newRow("number, spaces") << " 101 " << " 235 " << "{\"101\":235}" << QString();
    QTest::newRow("string") << "5" << "\"auto\"" << "{\"5\":\"auto\"}" << QString();
    QTest::newRow("object") << "20" << "{\"a\":[1,2]}" << "{\"20\":{\"a\":[1,2]}}" << QString();
    QTest::newRow("unquoted string") << "5" << "auto" << QString() << "not JSON";
    QTest::newRow("two values") << "1" << "1,2" << QString() << "one JSON value";
    QTest::newRow("empty value") << "1" << "" << QString() << "value is empty";
    QTest::newRow("empty dp") << "" << "true" << QString() << "not a positive number";
    QTest::newRow("dp 0") << "0" << "true" << QString() << "not a positive number";
    QTest::newRow("dp letters") << "x1" << "true" << QString() << "not a positive number";
}

void SendFormTest::lanDpWrite()
{
    QFETCH(QString, dp);
    QFETCH(QString, value);
    QFETCH(QString, json);
    QFETCH(QString, errorPart);

    const lan::LanDpWrite w = lan::buildLanDpWrite(dp, value);
    if (json.isEmpty()) {
        QVERIFY(!w.ok);
        QVERIFY(w.dps.isEmpty());
        QVERIFY2(w.error.contains(errorPart), qPrintable(w.error));
        return;
    }
    QVERIFY2(w.ok, qPrintable(w.error));
    QCOMPARE(w.preview, json);
    QCOMPARE(QString::fromUtf8(QJsonDocument(w.dps).toJson(QJsonDocument::Compact)), json);
}

QTEST_GUILESS_MAIN(SendFormTest)
#include "tst_sendform.moc"
