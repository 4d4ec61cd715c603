// The send panel, headless: the preview shows the exact frame for each mode and family and keeps
// Send disabled on errors; on the demo link a TuyaSend1 goes out as previewed (a typed-command
// record) and the simulated MCU reports the new value; the history is kept and reused; a LAN
// session receives the parsed JSON of the dp set form.
#include "support/TestSupport.h"

#include "common/Hex.h"
#include "dptable/DpTracker.h"
#include "frames/FrameSummary.h"
#include "sessions/DemoSession.h"
#include "simulator/DeviceProfile.h"
#include "widgets/SendPanel.h"
#include "widgets/SendPanelHistory.h"
#include "widgets/SendPanelLan.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace tuyascope;
using namespace tuyascope::ui;
using mcu::SendMode;

Q_DECLARE_METATYPE(tuyascope::mcu::SendMode)
Q_DECLARE_METATYPE(tuyascope::mcu::Family)

namespace {

// A live session that sends nothing anywhere: it records what the panel asked for.
class RecordingSession : public LiveSession {
public:
    RecordingSession(bool mcu, bool lan) : LiveSession(QStringLiteral("recording")), m_mcu(mcu), m_lan(lan) {}
    void start() override { setState(State::Running, QStringLiteral("running")); }
    void stop() override { setState(State::Stopped, QStringLiteral("stopped")); }
    bool canSendMcu() const override { return m_mcu; }
    bool sendMcu(const mcu::SendRequest& request, QString* error) override
    {
        if (!m_mcu)
            return LiveSession::sendMcu(request, error);
        requests.push_back(request);
        return true;
    }
    bool canSendLan() const override { return m_lan; }
    bool queryLanStatus(QString* error) override
    {
        if (!m_lan)
            return LiveSession::queryLanStatus(error);
        ++queries;
        return true;
    }
    bool setLanDps(const QJsonObject& dps, QString* error) override
    {
        if (!m_lan)
            return LiveSession::setLanDps(dps, error);
        writes.push_back(dps);
        return true;
    }

    QVector<mcu::SendRequest> requests;
    QVector<QJsonObject> writes;
    int queries = 0;

private:
    bool m_mcu;
    bool m_lan;
};

void replaceText(QWidget* widget, const QString& text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Delete);
    if (!text.isEmpty())
        QTest::keyClicks(widget, text);
}

bool isShown(const SendPanel& panel, const char* name)
{
    const auto* box = panel.findChild<QGroupBox*>(QString::fromLatin1(name));
    return box && !box->isHidden();
}

bool groupEnabled(const SendPanel& panel, const char* name)
{
    const auto* box = panel.findChild<QGroupBox*>(QString::fromLatin1(name));
    return box && box->isEnabled();
}

} // namespace

class TestSendPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("state/sendHistory"));
    }
    void cleanup() { QSettings().remove(QStringLiteral("state/sendHistory")); }

    void previewIsTheExactFrame_data();
    void previewIsTheExactFrame();
    void errorsDisableSend();
    void noSessionIsDisabledWithAHint();
    void knownDpPicksItsEditor();
    void demoSendGoesOutAndTheMcuReports();
    void historyIsReusable();
    void lanSessionGetsTheParsedJson();
};

void TestSendPanel::previewIsTheExactFrame_data()
{
    QTest::addColumn<SendMode>("mode");
    QTest::addColumn<mcu::Family>("family");
    QTest::addColumn<QString>("input");  // typed into the mode's editor (dp id is set separately)
    QTest::addColumn<int>("dp");
    QTest::addColumn<QString>("frameHex");
    QTest::addColumn<QString>("commandLine");

    const auto std_ = mcu::Family::Standard;
    QTest::newRow("query state") << SendMode::QueryState << std_ << QString() << 1 << "55AA0008000007" << "TuyaSend0";
    QTest::newRow("product query") << SendMode::ProductQuery << std_ << QString() << 1 << "55AA0001000000" << "TuyaSend8";
    QTest::newRow("bool on") << SendMode::Bool << std_ << "on" << 1 << "55AA0006000501010001010E" << "TuyaSend1 1,1";
    QTest::newRow("bool on, low-power host") << SendMode::Bool << mcu::Family::LowPower << "on" << 1
                                             << "55AA00090005010100010111" << "TuyaSend1 1,1";
    QTest::newRow("value 235") << SendMode::Value << std_ << "235" << 2 << "55AA0006000802020004000000EB00" << "TuyaSend2 2,235";
    QTest::newRow("value -1") << SendMode::Value << std_ << "-1" << 2 << "55AA0006000802020004FFFFFFFF11" << "TuyaSend2 2,-1";
    QTest::newRow("string") << SendMode::String << std_ << "auto" << 3 << "55AA00060008030300046175746FD0" << "TuyaSend3 3,auto";
    QTest::newRow("enum") << SendMode::Enum << std_ << "2" << 4 << "55AA00060005040400010215" << "TuyaSend4 4,2";
    QTest::newRow("raw") << SendMode::Raw << std_ << "01 02 0a" << 5 << "55AA000600070500000301020A21" << "TuyaSend6 5,01020a";
    QTest::newRow("any command") << SendMode::AnyCommand << std_ << "1c|0110041305060702" << 1
                                 << "55AA001C000801100413050607025F" << "TuyaSend7 0x1C,0110041305060702";
    QTest::newRow("typed") << SendMode::Typed << std_ << "tuyaMcu_sendState 2 val 235" << 1
                           << "55AA0006000802020004000000EB00" << "tuyaMcu_sendState 2 val 235";
}

void TestSendPanel::previewIsTheExactFrame()
{
    QFETCH(SendMode, mode);
    QFETCH(mcu::Family, family);
    QFETCH(QString, input);
    QFETCH(int, dp);
    QFETCH(QString, frameHex);
    QFETCH(QString, commandLine);

    RecordingSession session(true, false);
    session.frames().decoder().setFamily(family, QStringLiteral("test"));
    SendPanel panel;
    panel.show();
    panel.setSession(&session);
    panel.setMode(mode);
    QCOMPARE(panel.form().mode, mode);
    if (mcu::sendModeWritesDp(mode))
        replaceText(panel.dpSpin(), QString::number(dp));
    switch (mode) {
    case SendMode::Bool: QTest::mouseClick(panel.boolCheck(), Qt::LeftButton, {}, QPoint(4, panel.boolCheck()->height() / 2)); break;
    case SendMode::Value: replaceText(panel.valueSpin(), input); break;
    case SendMode::Enum: replaceText(panel.enumSpin(), input); break;
    case SendMode::String:
    case SendMode::Raw: replaceText(panel.textEdit(), input); break;
    case SendMode::AnyCommand:
        replaceText(panel.commandSpin(), input.section(QLatin1Char('|'), 0, 0));
        replaceText(panel.textEdit(), input.section(QLatin1Char('|'), 1));
        break;
    case SendMode::Typed: replaceText(panel.typedLine(), input); break;
    default: break;
    }
    const mcu::SendPreview p = panel.preview();
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(toHex(p.frame), frameHex);
    QCOMPARE(p.text, commandLine);
    // The label shows the whole frame, spaced, with its length and checksum.
    QVERIFY(panel.previewLabel()->text().startsWith(toHex(p.frame, true)));
    QVERIFY(panel.previewLabel()->text().contains(QStringLiteral("length %1").arg(p.frame.size() - 7)));
    QVERIFY(panel.sendButton()->isEnabled());

    // What the core says for the same form is what the panel previews and sends.
    QCOMPARE(mcu::previewSend(panel.form(), family).frame, p.frame);
    QTest::mouseClick(panel.sendButton(), Qt::LeftButton);
    QCOMPARE(session.requests.size(), 1);
    QCOMPARE(mcu::moduleFrameFor(session.requests.first(), family), p.frame);
    QCOMPARE(session.requests.first().text, commandLine);
    QCOMPARE(panel.history().value(0), commandLine);
}

void TestSendPanel::errorsDisableSend()
{
    RecordingSession session(true, false);
    SendPanel panel;
    panel.show();
    panel.setSession(&session);
    QSignalSpy failed(&panel, &SendPanel::sendFailed);

    panel.setMode(SendMode::Raw);
    replaceText(panel.textEdit(), QStringLiteral("0G"));
    QVERIFY(!panel.preview().ok);
    QVERIFY(!panel.sendButton()->isEnabled());
    QVERIFY(panel.previewLabel()->text().contains(QStringLiteral("is not hex")));
    QVERIFY(panel.previewLabel()->styleSheet().contains(QStringLiteral("color")));
    // The shortcut and the slot refuse as well, and say why.
    QVERIFY(!panel.send());
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("is not hex")));
    QVERIFY(session.requests.isEmpty());

    replaceText(panel.textEdit(), QStringLiteral("0a0b"));
    QVERIFY(panel.sendButton()->isEnabled());
    QVERIFY(!panel.previewLabel()->styleSheet().contains(QStringLiteral("color")));

    panel.setMode(SendMode::Typed);
    replaceText(panel.typedLine(), QStringLiteral("55AA0006000501010001010F"));
    QVERIFY(!panel.sendButton()->isEnabled());
    QVERIFY(panel.previewLabel()->text().contains(QStringLiteral("checksum is 0x0F, expected 0x0E")));

    // A stopped session sends nothing, even a valid command.
    replaceText(panel.typedLine(), QStringLiteral("TuyaSend0"));
    QVERIFY(panel.sendButton()->isEnabled());
    session.start();
    session.stop();
    QVERIFY(!panel.sendButton()->isEnabled());
    QVERIFY(!panel.send());
    QVERIFY(session.requests.isEmpty());
}

void TestSendPanel::noSessionIsDisabledWithAHint()
{
    SendPanel panel;
    panel.show();
    auto* hint = panel.findChild<QLabel*>(QStringLiteral("sendHint"));
    QVERIFY(hint);
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("open a live connection to send"), Qt::CaseInsensitive));
    QVERIFY(!groupEnabled(panel, "sendMcuBox"));
    QVERIFY(!isShown(panel, "sendLanBox"));
    QVERIFY(!panel.sendButton()->isEnabled());

    RecordingSession listener(false, false); // a sniffer: frames, nothing to send
    panel.setSession(&listener);
    QVERIFY(hint->isVisible());
    QVERIFY(!groupEnabled(panel, "sendMcuBox"));

    {
        RecordingSession sender(true, false);
        panel.setSession(&sender);
        QVERIFY(!hint->isVisible());
        QVERIFY(groupEnabled(panel, "sendMcuBox"));
        QVERIFY(panel.sendButton()->isEnabled()); // query state is always valid
    }
    // The session went away without the window telling the panel: it disables itself.
    QCOMPARE(panel.session(), nullptr);
    QVERIFY(hint->isVisible());
    QVERIFY(!panel.sendButton()->isEnabled());
    QVERIFY(!panel.send());
}

void TestSendPanel::knownDpPicksItsEditor()
{
    DeviceProfile profile;
    QString error;
    QVERIFY2(loadDeviceProfile(QStringLiteral("hy609-thermostat"), profile, &error), qPrintable(error));
    DemoSession demo(profile);
    DpTracker tracker;
    connect(&demo.frames(), &LiveFrames::frameAppended, this, [&](int row, const Dissection& d) {
        const FrameFacts facts = demo.frames().facts(row);
        tracker.add(row, facts.timeUs, facts.direction, d);
    });
    demo.start();
    // The MCU answers the host's query with its dps: bool 1, value 2, enum 4.
    QTRY_VERIFY_WITH_TIMEOUT(tracker.indexOf(QStringLiteral("4")) >= 0, 10000);

    SendPanel panel;
    panel.show();
    panel.setSession(&demo);
    panel.setDpTracker(&tracker);
    QVERIFY(panel.seenDpBox()->count() > 3);
    QVERIFY(panel.seenDpBox()->findData(2) > 0);

    panel.setMode(SendMode::Raw);
    replaceText(panel.dpSpin(), QStringLiteral("2"));
    QCOMPARE(panel.form().mode, SendMode::Value);
    QVERIFY(panel.valueSpin()->isVisible());
    QVERIFY(!panel.boolCheck()->isVisible());
    auto* hint = panel.findChild<QLabel*>(QStringLiteral("sendDpHint"));
    QVERIFY2(hint->text().contains(QStringLiteral("observed ")), qPrintable(hint->text()));
    replaceText(panel.dpSpin(), QStringLiteral("1"));
    QCOMPARE(panel.form().mode, SendMode::Bool);
    QVERIFY(panel.boolCheck()->isVisible());
    // A query stays a query when the dp id changes.
    panel.setMode(SendMode::QueryState);
    replaceText(panel.dpSpin(), QStringLiteral("4"));
    QCOMPARE(panel.form().mode, SendMode::QueryState);

    // Choosing a seen dp selects its write mode and starts from its last value (enum 4 = 1).
    const int enumItem = panel.seenDpBox()->findData(4);
    QVERIFY(enumItem > 0);
    emit panel.seenDpBox()->activated(enumItem);
    QCOMPARE(panel.form().mode, SendMode::Enum);
    QCOMPARE(panel.form().dpId, 4);
    QCOMPARE(panel.enumSpin()->value(), 1);
    QCOMPARE(panel.preview().text, QStringLiteral("TuyaSend4 4,1"));
    panel.setDpTracker(nullptr);
    QCOMPARE(panel.seenDpBox()->count(), 1);
}

void TestSendPanel::demoSendGoesOutAndTheMcuReports()
{
    DeviceProfile profile;
    QString error;
    QVERIFY2(loadDeviceProfile(QStringLiteral("hy609-thermostat"), profile, &error), qPrintable(error));
    DemoSession demo(profile);
    demo.start();
    QTRY_COMPARE_WITH_TIMEOUT(demo.state(), LiveSession::State::Running, 10000);

    SendPanel panel;
    panel.show();
    panel.setSession(&demo);
    QSignalSpy sent(&panel, &SendPanel::sent);
    panel.setMode(SendMode::Bool);
    replaceText(panel.dpSpin(), QStringLiteral("1"));
    QTest::mouseClick(panel.boolCheck(), Qt::LeftButton, {}, QPoint(4, panel.boolCheck()->height() / 2));
    QVERIFY(panel.boolCheck()->isChecked());
    const QByteArray previewed = panel.preview().frame;
    QCOMPARE(toHex(previewed), QStringLiteral("55AA0006000501010001010E"));

    const Capture& capture = demo.capture().capture();
    const int recordsBefore = capture.recordCount();
    const int framesBefore = demo.frames().frameCount();
    QTest::mouseClick(panel.sendButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), 1);
    QVERIFY2(!panel.statusLabel()->styleSheet().contains(QStringLiteral("color")), qPrintable(panel.statusLabel()->text()));

    int typed = -1;
    for (int i = recordsBefore; i < capture.recordCount(); ++i)
        if (capture.recordFlags(i) & RecordTypedCommand)
            typed = i;
    QVERIFY(typed >= 0);
    QCOMPARE(capture.recordBytes(typed).toByteArray(), previewed);
    QVERIFY(capture.record(typed).annotation.contains(QStringLiteral("TuyaSend1 1,1")));

    // The simulated MCU reports the new value: a 0x07 from the MCU with dp 1 = true.
    auto reported = [&] {
        for (int row = framesBefore; row < demo.frames().frameCount(); ++row) {
            const FrameFacts facts = demo.frames().facts(row);
            if (facts.direction != Direction::McuToModule || facts.command != 0x07)
                continue;
            for (const DpUnitView& unit : dpUnitsOf(demo.frames().dissect(row)))
                if (unit.id == QLatin1String("1") && unit.value == QLatin1String("true"))
                    return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reported(), 5000);

    QCOMPARE(panel.history(), QStringList{QStringLiteral("TuyaSend1 1,1")});
    QCOMPARE(panel.historyList()->count(), 1);
    QCOMPARE(SendPanelHistory::load(), QStringList{QStringLiteral("TuyaSend1 1,1")});
}

void TestSendPanel::historyIsReusable()
{
    QCOMPARE(SendPanelHistory::withEntry({QStringLiteral("a"), QStringLiteral("b")}, QStringLiteral("b")),
             (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    QStringList many;
    for (int i = 0; i < 60; ++i)
        many = SendPanelHistory::withEntry(many, QString::number(i));
    QCOMPARE(many.size(), SendPanelHistory::kMaxEntries);
    QCOMPARE(many.first(), QStringLiteral("59"));

    RecordingSession session(true, false);
    {
        SendPanel panel;
        panel.show();
        panel.setSession(&session);
        panel.setMode(SendMode::Typed);
        replaceText(panel.typedLine(), QStringLiteral("TuyaSend2 2,200"));
        QTest::keyClick(panel.typedLine(), Qt::Key_Return); // Enter in the command line sends
        replaceText(panel.typedLine(), QStringLiteral("TuyaSend4 4,2"));
        QTest::keyClick(panel.typedLine(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(session.requests.size(), 2);
    }
    // A new panel (the next run) finds the history in the settings, most recent first.
    SendPanel panel;
    panel.show();
    panel.setSession(&session);
    QCOMPARE(panel.history(), (QStringList{QStringLiteral("TuyaSend4 4,2"), QStringLiteral("TuyaSend2 2,200")}));
    QCOMPARE(panel.historyList()->item(0)->text(), QStringLiteral("TuyaSend4 4,2"));

    panel.setMode(SendMode::Typed);
    replaceText(panel.typedLine(), QStringLiteral("draft"));
    QTest::keyClick(panel.typedLine(), Qt::Key_Up);
    QCOMPARE(panel.typedLine()->text(), QStringLiteral("TuyaSend4 4,2"));
    QTest::keyClick(panel.typedLine(), Qt::Key_Up);
    QCOMPARE(panel.typedLine()->text(), QStringLiteral("TuyaSend2 2,200"));
    QTest::keyClick(panel.typedLine(), Qt::Key_Up); // the oldest stays
    QCOMPARE(panel.typedLine()->text(), QStringLiteral("TuyaSend2 2,200"));
    QTest::keyClick(panel.typedLine(), Qt::Key_Down);
    QTest::keyClick(panel.typedLine(), Qt::Key_Down);
    QCOMPARE(panel.typedLine()->text(), QStringLiteral("draft"));

    // Double-clicking an entry puts it in the command line, ready to send again.
    panel.setMode(SendMode::Bool);
    QListWidget* list = panel.historyList();
    const QRect second = list->visualItemRect(list->item(1));
    // A QWidget double click is a press then a double-click event (the view wants the press first).
    QTest::mousePress(list->viewport(), Qt::LeftButton, {}, second.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, second.center());
    QCOMPARE(panel.form().mode, SendMode::Typed);
    QCOMPARE(panel.typedLine()->text(), QStringLiteral("TuyaSend2 2,200"));
    QTest::mouseClick(panel.sendButton(), Qt::LeftButton);
    QCOMPARE(session.requests.size(), 3);
    QCOMPARE(session.requests.last().data, QByteArray::fromHex("02020004000000C8"));
    QCOMPARE(panel.history().first(), QStringLiteral("TuyaSend2 2,200"));
}

void TestSendPanel::lanSessionGetsTheParsedJson()
{
    RecordingSession session(false, true);
    SendPanel panel;
    panel.show();
    panel.setSession(&session);
    QVERIFY(isShown(panel, "sendLanBox"));
    QVERIFY(!isShown(panel, "sendMcuBox"));
    QSignalSpy failed(&panel, &SendPanel::sendFailed);
    SendPanelLan* lan = panel.lanSection();

    replaceText(lan->dpEdit(), QStringLiteral("1"));
    replaceText(lan->valueEdit(), QStringLiteral("auto"));
    QVERIFY(!lan->formValid());
    QVERIFY(!lan->setButton()->isEnabled());
    QVERIFY(lan->previewText().contains(QStringLiteral("not JSON")));

    struct Case {
        QString dp, value, json;
    };
    const QVector<Case> cases = {
        {QStringLiteral("1"), QStringLiteral("true"), QStringLiteral("{\"1\":true}")},
        {QStringLiteral("2"), QStringLiteral("235"), QStringLiteral("{\"2\":235}")},
        {QStringLiteral("4"), QStringLiteral("\"auto\""), QStringLiteral("{\"4\":\"auto\"}")},
    };
    for (const Case& c : cases) {
        replaceText(lan->dpEdit(), c.dp);
        replaceText(lan->valueEdit(), c.value);
        QCOMPARE(lan->previewText(), c.json);
        QTest::mouseClick(lan->setButton(), Qt::LeftButton);
        QCOMPARE(QString::fromUtf8(QJsonDocument(session.writes.last()).toJson(QJsonDocument::Compact)), c.json);
    }
    QCOMPARE(session.writes.size(), cases.size());
    QTest::keyClick(lan->valueEdit(), Qt::Key_Return); // Enter in the value sets again
    QCOMPARE(session.writes.size(), cases.size() + 1);

    QTest::mouseClick(lan->queryButton(), Qt::LeftButton);
    QCOMPARE(session.queries, 1);
    QCOMPARE(failed.size(), 0);
}

QTEST_MAIN(TestSendPanel)
#include "tst_sendpanel.moc"
