#pragma once
// "Serial host…": TuyaScope plays the Wi-Fi module on a serial port.
#include "dialogs/ConnectionDialog.h"

class QComboBox;
class QSpinBox;

namespace tuyascope::ui {

class BaudRateCombo;
class SerialPortCombo;

class SerialHostDialog : public ConnectionDialog {
    Q_OBJECT
public:
    explicit SerialHostDialog(QWidget* parent = nullptr);
    LiveSession* createSession() const override; // a SerialHostSession

    SerialPortCombo* portCombo() const { return m_port; }
    BaudRateCombo* baudCombo() const { return m_baud; }
    QComboBox* familyCombo() const { return m_family; }
    QSpinBox* networkStatusSpin() const { return m_networkStatus; }

protected:
    QString problem() const override;

private:
    SerialPortCombo* m_port;
    BaudRateCombo* m_baud;
    QComboBox* m_family;
    QSpinBox* m_networkStatus;
};

} // namespace tuyascope::ui
