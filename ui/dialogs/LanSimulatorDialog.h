#pragma once
// "LAN simulator…": TuyaScope plays a Tuya LAN device from a device profile. It listens on
// 127.0.0.1 unless told otherwise, and warns when another address would expose it.
#include "dialogs/ConnectionDialog.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace tuyascope::ui {

class LanVersionCombo;
class LocalKeyField;
class ProfilePicker;

class LanSimulatorDialog : public ConnectionDialog {
    Q_OBJECT
public:
    explicit LanSimulatorDialog(QWidget* parent = nullptr);
    LiveSession* createSession() const override; // a LanSimulatorSession

    QLineEdit* addressEdit() const { return m_address; }
    QSpinBox* portSpin() const { return m_port; }
    QLineEdit* idEdit() const { return m_id; }
    LocalKeyField* keyField() const { return m_key; }
    LanVersionCombo* versionCombo() const { return m_version; }
    ProfilePicker* profilePicker() const { return m_profile; }
    QCheckBox* broadcastCheck() const { return m_broadcast; }
    bool exposesBeyondLoopback() const; // the listen address is not a loopback one

protected:
    QString problem() const override;

private:
    void addressChanged();

    QLineEdit* m_address;
    QSpinBox* m_port;
    QLineEdit* m_id;
    LocalKeyField* m_key;
    LanVersionCombo* m_version;
    ProfilePicker* m_profile;
    QCheckBox* m_broadcast;
};

} // namespace tuyascope::ui
