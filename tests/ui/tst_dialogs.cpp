// The connection dialogs, typed into like a user would: OK only when the fields are valid, the
// session created carries what was typed, the LAN key stays hidden unless shown, and the
// discovery list fills from a device announcing itself on loopback.
#include "dialogs/DiscoveredDeviceModel.h"
#include "dialogs/DiscoveryDialog.h"
#include "dialogs/LanDeviceDialog.h"
#include "dialogs/LanFields.h"
#include "dialogs/LanSimulatorDialog.h"
#include "dialogs/McuSimulatorDialog.h"
#include "dialogs/ProfilePicker.h"
#include "dialogs/SerialHostDialog.h"
#include "dialogs/SerialPortCombo.h"
#include "dialogs/SerialSniffDialog.h"
#include "lansim/LanDiscoveryBroadcaster.h"
#include "sessions/LanClientSession.h"
#include "sessions/LanSimulatorSession.h"
#include "sessions/McuSimulatorSession.h"
#include "sessions/SerialHostSession.h"
#include "sessions/SerialSniffSession.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace tuyascope;
using namespace tuyascope::ui;

namespace {

const char kKey[] = "k3yM4terial!1234";

void typeInto(QComboBox* combo, const QString& text)
{
    combo->lineEdit()->clear();
    QTest::keyClicks(combo->lineEdit(), text);
}

void typeInto(QLineEdit* edit, const QString& text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    if (!probe.bind(QHostAddress::LocalHost, 0))
        return 0;
    return probe.localPort();
}

} // namespace

class TestDialogs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_emptyKeyStore = m_dir.filePath(QStringLiteral("no-keys.json"));
    }

    void serialHost()
    {
        SerialHostDialog dialog;
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.createSession());
        QVERIFY(!dialog.problemText().isEmpty());

        typeInto(dialog.portCombo(), QStringLiteral("/dev/pts/77"));
        QVERIFY(dialog.okButton()->isEnabled());
        typeInto(dialog.baudCombo(), QStringLiteral("250000"));
        QVERIFY(dialog.okButton()->isEnabled());
        dialog.familyCombo()->setCurrentIndex(2); // low-power
        dialog.networkStatusSpin()->setValue(3);

        std::unique_ptr<LiveSession> session(dialog.createSession());
        auto* host = qobject_cast<SerialHostSession*>(session.get());
        QVERIFY(host);
        QCOMPARE(host->config().serial.port, QStringLiteral("/dev/pts/77"));
        QCOMPARE(host->config().serial.baudRate, 250000);
        QCOMPARE(host->config().family, mcu::Family::LowPower);
        QCOMPARE(host->config().networkStatus, quint8(3));
        QCOMPARE(host->state(), LiveSession::State::Idle); // the window starts it

        dialog.baudCombo()->lineEdit()->clear();
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(!dialog.createSession());
        QVERIFY(dialog.problemText().contains(QStringLiteral("baud")));
    }

    void serialSniff()
    {
        SerialSniffDialog dialog;
        QVERIFY(!dialog.okButton()->isEnabled());
        typeInto(dialog.mcuTxCombo(), QStringLiteral("/dev/pts/70"));
        QVERIFY(dialog.okButton()->isEnabled()); // one line is enough
        typeInto(dialog.moduleTxCombo(), QStringLiteral("/dev/pts/70"));
        QVERIFY(!dialog.okButton()->isEnabled()); // not the same port twice
        QVERIFY(dialog.problemText().contains(QStringLiteral("different")));
        typeInto(dialog.moduleTxCombo(), QStringLiteral("/dev/pts/71"));
        QVERIFY(dialog.okButton()->isEnabled());
        typeInto(dialog.baudCombo(), QStringLiteral("115200"));

        std::unique_ptr<LiveSession> session(dialog.createSession());
        auto* sniff = qobject_cast<SerialSniffSession*>(session.get());
        QVERIFY(sniff);
        QCOMPARE(sniff->config().mcuTxPort, QStringLiteral("/dev/pts/70"));
        QCOMPARE(sniff->config().moduleTxPort, QStringLiteral("/dev/pts/71"));
        QCOMPARE(sniff->config().baudRate, 115200);
        QVERIFY(!sniff->canSendMcu());
    }

    void mcuSimulator()
    {
        McuSimulatorDialog dialog;
        QVERIFY(!dialog.okButton()->isEnabled()); // no port yet
        // Built-in profiles plus "From file…".
        QCOMPARE(dialog.profilePicker()->combo()->count(), builtinProfileNames().size() + 1);
        typeInto(dialog.portCombo(), QStringLiteral("/dev/pts/9"));
        dialog.profilePicker()->selectBuiltin(QStringLiteral("dimmer"));
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.profilePicker()->source(), QStringLiteral("dimmer"));
        const DeviceProfile dimmer = dialog.profilePicker()->profile();
        QVERIFY(!dimmer.dps.isEmpty());
        QVERIFY2(dialog.profilePicker()->dpsText().contains(QStringLiteral("%1 %2").arg(dimmer.dps.first().id).arg(dimmer.dps.first().name)),
                 qPrintable(dialog.profilePicker()->dpsText()));

        // A profile file that cannot be read blocks OK and says why.
        const QString missing = m_dir.filePath(QStringLiteral("missing-profile.json"));
        QVERIFY(!dialog.profilePicker()->loadFile(missing));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY(dialog.problemText().contains(QStringLiteral("missing-profile.json")));

        // A readable one is used, and listed above "From file…".
        const QString file = m_dir.filePath(QStringLiteral("my-plug.json"));
        QFile::remove(file);
        QVERIFY(QFile::copy(QStringLiteral(":/tuyascope/profiles/energy-plug.json"), file));
        QVERIFY(dialog.profilePicker()->loadFile(file));
        QVERIFY(dialog.okButton()->isEnabled());

        std::unique_ptr<LiveSession> session(dialog.createSession());
        auto* simulator = qobject_cast<McuSimulatorSession*>(session.get());
        QVERIFY(simulator);
        QCOMPARE(simulator->config().serial.port, QStringLiteral("/dev/pts/9"));
        QCOMPARE(simulator->config().serial.baudRate, 9600);
        QCOMPARE(simulator->config().profileSource, file);
        QVERIFY(!simulator->config().profile.dps.isEmpty());
    }

    void lanDeviceTyped()
    {
        LanDeviceDialog dialog(nullptr, m_emptyKeyStore);
        QCOMPARE(dialog.portSpin()->value(), 6668);
        QCOMPARE(dialog.keyField()->edit()->echoMode(), QLineEdit::Password);
        QVERIFY(!dialog.okButton()->isEnabled());

        typeInto(dialog.hostEdit(), QStringLiteral("192.168.1.50"));
        typeInto(dialog.idEdit(), QStringLiteral("bfdevice0001"));
        QTest::keyClicks(dialog.keyField()->edit(), QString::fromLatin1(kKey).left(15));
        QVERIFY(!dialog.okButton()->isEnabled()); // 15 characters are not a key
        QVERIFY(!dialog.problemText().contains(QString::fromLatin1(kKey).left(15)));
        QTest::keyClicks(dialog.keyField()->edit(), QString::fromLatin1(kKey).right(1));
        QVERIFY(dialog.okButton()->isEnabled());
        dialog.versionCombo()->setCurrentText(QStringLiteral("3.4"));

        // Hidden unless the user asks to see it.
        QVERIFY(!dialog.keyField()->edit()->displayText().contains(QString::fromLatin1(kKey)));
        QTest::mouseClick(dialog.keyField()->showToggle(), Qt::LeftButton);
        QCOMPARE(dialog.keyField()->edit()->echoMode(), QLineEdit::Normal);
        QCOMPARE(dialog.keyField()->edit()->displayText(), QString::fromLatin1(kKey));
        QTest::mouseClick(dialog.keyField()->showToggle(), Qt::LeftButton);
        QCOMPARE(dialog.keyField()->edit()->echoMode(), QLineEdit::Password);

        std::unique_ptr<LiveSession> session(dialog.createSession());
        auto* client = qobject_cast<LanClientSession*>(session.get());
        QVERIFY(client);
        QCOMPARE(client->config().client.host, QStringLiteral("192.168.1.50"));
        QCOMPARE(client->config().client.port, quint16(6668));
        QCOMPARE(client->config().client.deviceId, QStringLiteral("bfdevice0001"));
        QCOMPARE(client->config().client.localKey.reveal(), QByteArray(kKey));
        QCOMPARE(client->config().client.version, lan::LanVersion::V34);
        QVERIFY(!client->title().contains(QString::fromLatin1(kKey)));
    }

    void lanDeviceFromDevicesJson()
    {
        LanDeviceDialog dialog(nullptr, m_emptyKeyStore);
        QVERIFY(!dialog.knownDevicesCombo()->isEnabled()); // an empty key store
        const QString path = m_dir.filePath(QStringLiteral("devices.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QStringLiteral(R"([{"name":"Desk plug","id":"bfplug000000000000a1","key":"%1","ip":"192.168.1.20","version":"3.5"},
                                      {"name":"Lamp","id":"bflamp000000000000b2","key":"abcdefghijklmnop","ip":"192.168.1.21","version":"3.3"}])")
                       .arg(QString::fromLatin1(kKey))
                       .toUtf8());
        file.close();
        QString error;
        QVERIFY(!dialog.importDevicesFile(m_dir.filePath(QStringLiteral("nope.json")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(dialog.importDevicesFile(path, &error), qPrintable(error));
        QVERIFY(dialog.knownDevicesCombo()->isEnabled());
        QCOMPARE(dialog.knownDevicesCombo()->count(), 3); // "(type the device in)" + two
        for (int i = 0; i < dialog.knownDevicesCombo()->count(); ++i)
            QVERIFY(!dialog.knownDevicesCombo()->itemText(i).contains(QString::fromLatin1(kKey)));

        QVERIFY(dialog.pickDevice(QStringLiteral("bfplug000000000000a1")));
        QCOMPARE(dialog.hostEdit()->text(), QStringLiteral("192.168.1.20"));
        QCOMPARE(dialog.idEdit()->text(), QStringLiteral("bfplug000000000000a1"));
        QCOMPARE(dialog.versionCombo()->currentText(), QStringLiteral("3.5"));
        QCOMPARE(dialog.keyField()->edit()->echoMode(), QLineEdit::Password);
        QVERIFY(!dialog.keyField()->edit()->displayText().contains(QString::fromLatin1(kKey)));
        QVERIFY(dialog.okButton()->isEnabled());
        std::unique_ptr<LiveSession> session(dialog.createSession());
        auto* client = qobject_cast<LanClientSession*>(session.get());
        QVERIFY(client);
        QCOMPARE(client->config().client.localKey.reveal(), QByteArray(kKey));
        QCOMPARE(client->config().deviceName, QStringLiteral("Desk plug"));
    }

    void lanSimulator()
    {
        LanSimulatorDialog dialog;
        QCOMPARE(dialog.addressEdit()->text(), QStringLiteral("127.0.0.1"));
        QVERIFY(!dialog.exposesBeyondLoopback());
        QVERIFY(!dialog.okButton()->isEnabled());
        typeInto(dialog.idEdit(), QStringLiteral("bfsim0000000000000c3"));
        QTest::keyClicks(dialog.keyField()->edit(), QString::fromLatin1(kKey));
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.keyField()->edit()->echoMode(), QLineEdit::Password);

        typeInto(dialog.addressEdit(), QStringLiteral("not an address"));
        QVERIFY(!dialog.okButton()->isEnabled());
        typeInto(dialog.addressEdit(), QStringLiteral("0.0.0.0"));
        QVERIFY(dialog.okButton()->isEnabled()); // allowed, with a warning
        QVERIFY(dialog.exposesBeyondLoopback());
        typeInto(dialog.addressEdit(), QStringLiteral("127.0.0.1"));
        QVERIFY(!dialog.exposesBeyondLoopback());

        dialog.portSpin()->setValue(16668);
        dialog.versionCombo()->setCurrentText(QStringLiteral("3.5"));
        dialog.profilePicker()->selectBuiltin(QStringLiteral("dimmer"));
        QTest::mouseClick(dialog.broadcastCheck(), Qt::LeftButton);
        QVERIFY(dialog.broadcastCheck()->isChecked());

        std::unique_ptr<LiveSession> session(dialog.createSession());
        auto* simulator = qobject_cast<LanSimulatorSession*>(session.get());
        QVERIFY(simulator);
        QCOMPARE(simulator->config().simulator.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(simulator->config().simulator.port, quint16(16668));
        QCOMPARE(simulator->config().simulator.device.deviceId, QStringLiteral("bfsim0000000000000c3"));
        QCOMPARE(simulator->config().simulator.device.localKey, QByteArray(kKey));
        QCOMPARE(simulator->config().simulator.device.version, lan::LanVersion::V35);
        QCOMPARE(simulator->config().profileSource, QStringLiteral("dimmer"));
        QVERIFY(simulator->config().broadcast);
    }

    void discoveryListFillsFromBroadcaster()
    {
        const quint16 port = freeUdpPort();
        QVERIFY(port != 0);
        lanclient::LanScannerConfig config;
        config.ports = {port};
        config.solicit = false;
        DiscoveryDialog dialog(nullptr, config, m_emptyKeyStore);
        QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(dialog.model()->rowCount(), 0);
        QVERIFY(!dialog.connectButton()->isEnabled());
        QVERIFY(!dialog.createSession());
        QVERIFY2(dialog.statusText().contains(QString::number(port)), qPrintable(dialog.statusText()));

        lansim::LanDiscoveryOptions options;
        options.version = lan::LanVersion::V33;
        options.deviceId = QStringLiteral("bfdisc00000000000000d4");
        options.productKey = QStringLiteral("keyproduct123");
        options.port = port;
        options.intervalMs = 100;
        lansim::LanDiscoveryBroadcaster broadcaster(options);
        QString error;
        QVERIFY2(broadcaster.start(&error), qPrintable(error));
        QTRY_COMPARE(dialog.model()->rowCount(), 1);
        const auto cell = [&](int column) { return dialog.model()->index(0, column).data().toString(); };
        QCOMPARE(cell(DiscoveredDeviceModel::DeviceId), options.deviceId);
        QCOMPARE(cell(DiscoveredDeviceModel::Ip), QStringLiteral("127.0.0.1"));
        QCOMPARE(cell(DiscoveredDeviceModel::Version), QStringLiteral("3.3"));
        QCOMPARE(cell(DiscoveredDeviceModel::ProductKey), options.productKey);
        // Announced again: still one row.
        broadcaster.announceNow();
        QTest::qWait(0);
        QCOMPARE(dialog.model()->rowCount(), 1);

        dialog.table()->selectRow(0);
        QVERIFY(dialog.connectButton()->isEnabled());
        LanDeviceDialog* connect = dialog.connectDialogFor(0);
        QVERIFY(connect);
        QCOMPARE(connect->hostEdit()->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(connect->idEdit()->text(), options.deviceId);
        QCOMPARE(connect->versionCombo()->currentText(), QStringLiteral("3.3"));
        QVERIFY(!connect->okButton()->isEnabled()); // the key is still needed
        QTest::keyClicks(connect->keyField()->edit(), QString::fromLatin1(kKey));
        QVERIFY(connect->okButton()->isEnabled());
        QVERIFY(!dialog.createSession()); // not accepted yet
        broadcaster.stop();
    }

private:
    QTemporaryDir m_dir;
    QString m_emptyKeyStore;
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
