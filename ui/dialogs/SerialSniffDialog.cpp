#include "dialogs/SerialSniffDialog.h"

#include "dialogs/SerialPortCombo.h"
#include "sessions/SerialSniffSession.h"

#include <QFormLayout>

namespace tuyascope::ui {

SerialSniffDialog::SerialSniffDialog(QWidget* parent)
    : ConnectionDialog(tr("Serial sniff"), parent),
      m_mcuTx(new SerialPortCombo(this)),
      m_moduleTx(new SerialPortCombo(this)),
      m_baud(new BaudRateCombo(this))
{
    m_mcuTx->setToolTip(tr("The adapter whose RX is clipped onto the MCU's TX line (what the module receives)"));
    m_moduleTx->setToolTip(tr("The adapter whose RX is clipped onto the module's TX line (optional)"));
    form()->addRow(tr("MCU &TX line:"), m_mcuTx);
    form()->addRow(tr("&Module TX line:"), m_moduleTx);
    form()->addRow(tr("&Baud:"), m_baud);
    for (QComboBox* combo : {static_cast<QComboBox*>(m_mcuTx), static_cast<QComboBox*>(m_moduleTx), static_cast<QComboBox*>(m_baud)})
        connect(combo, &QComboBox::currentTextChanged, this, &SerialSniffDialog::revalidate);
    revalidate();
}

QString SerialSniffDialog::problem() const
{
    const QString mcuTx = m_mcuTx->portPath();
    const QString moduleTx = m_moduleTx->portPath();
    if (mcuTx.isEmpty() && moduleTx.isEmpty())
        return tr("Choose at least one port (both to see the two directions).");
    if (mcuTx == moduleTx)
        return tr("The two lines need two different ports.");
    if (m_baud->baudRate() <= 0)
        return tr("The baud rate must be a positive number.");
    return QString();
}

LiveSession* SerialSniffDialog::createSession() const
{
    if (!isValid())
        return nullptr;
    SerialSniffConfig config;
    config.mcuTxPort = m_mcuTx->portPath();
    config.moduleTxPort = m_moduleTx->portPath();
    config.baudRate = m_baud->baudRate();
    return new SerialSniffSession(config);
}

} // namespace tuyascope::ui
