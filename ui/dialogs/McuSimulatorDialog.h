#pragma once
// "MCU simulator…": TuyaScope plays the MCU of a device profile on a serial port.
#include "dialogs/ConnectionDialog.h"

namespace tuyascope::ui {

class BaudRateCombo;
class ProfilePicker;
class SerialPortCombo;

class McuSimulatorDialog : public ConnectionDialog {
    Q_OBJECT
public:
    explicit McuSimulatorDialog(QWidget* parent = nullptr);
    LiveSession* createSession() const override; // a McuSimulatorSession

    SerialPortCombo* portCombo() const { return m_port; }
    BaudRateCombo* baudCombo() const { return m_baud; }
    ProfilePicker* profilePicker() const { return m_profile; }

protected:
    QString problem() const override;

private:
    SerialPortCombo* m_port;
    BaudRateCombo* m_baud;
    ProfilePicker* m_profile;
};

} // namespace tuyascope::ui
