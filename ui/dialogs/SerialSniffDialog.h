#pragma once
// "Serial sniff…": one or two adapters listening to the UART lines of a running device.
#include "dialogs/ConnectionDialog.h"

namespace tuyascope::ui {

class BaudRateCombo;
class SerialPortCombo;

class SerialSniffDialog : public ConnectionDialog {
    Q_OBJECT
public:
    explicit SerialSniffDialog(QWidget* parent = nullptr);
    LiveSession* createSession() const override; // a SerialSniffSession

    SerialPortCombo* mcuTxCombo() const { return m_mcuTx; }
    SerialPortCombo* moduleTxCombo() const { return m_moduleTx; }
    BaudRateCombo* baudCombo() const { return m_baud; }

protected:
    QString problem() const override;

private:
    SerialPortCombo* m_mcuTx;
    SerialPortCombo* m_moduleTx;
    BaudRateCombo* m_baud;
};

} // namespace tuyascope::ui
