#pragma once
// "LAN device…": TuyaScope connects to a Tuya device on the LAN (TCP 6668, 3.1-3.5) and stays
// connected. The device can be typed in or picked from the user's key store and from an
// imported tinytuya devices.json; the key stays hidden unless the user shows it.
#include "dialogs/ConnectionDialog.h"
#include "keys/KeyStore.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace tuyascope::ui {

class LanVersionCombo;
class LocalKeyField;

class LanDeviceDialog : public ConnectionDialog {
    Q_OBJECT
public:
    // keyStorePath: the key store to offer devices from; empty = $TUYASCOPE_KEYSTORE, else the
    // default key store (KeyStoreFile::defaultPath()).
    explicit LanDeviceDialog(QWidget* parent = nullptr, const QString& keyStorePath = QString());
    LiveSession* createSession() const override; // a LanClientSession

    // What "Import devices.json…" does after its file dialog. False (and why) when unreadable.
    bool importDevicesFile(const QString& path, QString* error = nullptr);
    // Fills the fields from a discovered device; the key (and name) come from the known devices.
    void prefill(const QString& host, const QString& deviceId, const QString& version);
    // Fills the fields from the known device `deviceId`; false when it is not known.
    bool pickDevice(const QString& deviceId);

    QLineEdit* hostEdit() const { return m_host; }
    QSpinBox* portSpin() const { return m_port; }
    QLineEdit* idEdit() const { return m_id; }
    LocalKeyField* keyField() const { return m_key; }
    LanVersionCombo* versionCombo() const { return m_version; }
    QComboBox* knownDevicesCombo() const { return m_known; }

protected:
    QString problem() const override;

private:
    void fillKnownDevices();
    void importClicked();

    keys::KeyStore m_store;
    QComboBox* m_known;
    QPushButton* m_import;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_id;
    LocalKeyField* m_key;
    LanVersionCombo* m_version;
};

} // namespace tuyascope::ui
