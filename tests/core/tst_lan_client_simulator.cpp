// Our LAN client against our LAN device simulator, for every protocol version: connect (and
// negotiate the session key on 3.4/3.5), read the status, set dps and see the push — with the
// conversation recorded as a live capture on both ends.

#include "keys/LocalKey.h"
#include "lanclient/LanClient.h"
#include "lansim/LanDeviceSimulator.h"
#include "live/LiveCapture.h"
#include "simulator/DeviceProfile.h"
#include "support/TestSupport.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace tuyascope;

Q_DECLARE_METATYPE(tuyascope::lan::LanVersion)

class TestLanClientSimulator : public QObject {
    Q_OBJECT
private slots:
    void statusAndSetEveryVersion_data()
    {
        QTest::addColumn<lan::LanVersion>("version");
        QTest::newRow("3.1") << lan::LanVersion::V31;
        QTest::newRow("3.2") << lan::LanVersion::V32;
        QTest::newRow("3.3") << lan::LanVersion::V33;
        QTest::newRow("3.4") << lan::LanVersion::V34;
        QTest::newRow("3.5") << lan::LanVersion::V35;
    }

    void statusAndSetEveryVersion()
    {
        QFETCH(lan::LanVersion, version);
        const QByteArray key("0123456789abcdef");
        const QString id = QStringLiteral("bf1234567890abcdefgh");
        DeviceProfile profile;
        QString error;
        QVERIFY2(loadDeviceProfile(QStringLiteral("energy-plug"), profile, &error), qPrintable(error));

        lansim::LanSimulatorOptions options;
        options.port = 0;
        options.device.version = version;
        options.device.deviceId = id;
        options.device.localKey = key;
        options.device.device22 = version == lan::LanVersion::V32; // 3.2 devices behave as device22
        options.reporting = false;
        options.seed = 7;
        lansim::LanDeviceSimulator device(profile, options);
        QVERIFY2(device.start(&error), qPrintable(error));
        QVERIFY(device.address() == QHostAddress(QHostAddress::LocalHost)); // loopback unless told

        LiveCapture capture;
        lanclient::LanClientConfig config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = device.port();
        config.deviceId = id;
        config.localKey = *keys::LocalKey::fromBytes(key);
        config.version = version;
        config.device22DpIds = {QStringLiteral("1"), QStringLiteral("20")};
        lanclient::LanClient client(config, &capture);
        QSignalSpy ready(&client, &lanclient::LanClient::ready);
        QSignalSpy status(&client, &lanclient::LanClient::statusReceived);
        QSignalSpy pushed(&client, &lanclient::LanClient::dpsReported);
        QSignalSpy failed(&client, &lanclient::LanClient::errorOccurred);
        client.connectToDevice();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 5000);

        client.queryStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status.size(), 1, 5000);
        const QJsonObject dps = status.at(0).at(0).toJsonObject();
        QCOMPARE(dps.value(QStringLiteral("1")), device.model().value(1));
        QCOMPARE(dps.value(QStringLiteral("20")), device.model().value(20));

        const bool wasOn = device.model().value(1).toBool();
        client.setDps({{QStringLiteral("1"), QJsonValue(!wasOn)}});
        QTRY_COMPARE_WITH_TIMEOUT(device.model().value(1), QJsonValue(!wasOn), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!pushed.isEmpty(), 5000);
        bool pushCarriesWrite = false;
        for (const QList<QVariant>& args : pushed)
            pushCarriesWrite |= args.at(0).toJsonObject().value(QStringLiteral("1")) == QJsonValue(!wasOn);
        QVERIFY(pushCarriesWrite);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<lanclient::LanClientError>().message));

        // Both directions are in the client's live capture, framed as LAN frames, none bad.
        int toDevice = 0;
        int fromDevice = 0;
        for (int i = 0; i < capture.capture().recordCount(); ++i) {
            toDevice += capture.capture().recordDirection(i) == Direction::AppToDevice;
            fromDevice += capture.capture().recordDirection(i) == Direction::DeviceToApp;
        }
        QVERIFY(toDevice >= 2);
        QVERIFY(fromDevice >= 2);
        QCOMPARE(capture.badChecksumCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLanClientSimulator)
#include "tst_lan_client_simulator.moc"
