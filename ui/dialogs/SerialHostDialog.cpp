#include "dialogs/SerialHostDialog.h"

#include "dialogs/SerialPortCombo.h"
#include "sessions/SerialHostSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

namespace tuyascope::ui {

SerialHostDialog::SerialHostDialog(QWidget* parent)
    : ConnectionDialog(tr("Serial host"), parent),
      m_port(new SerialPortCombo(this)),
      m_baud(new BaudRateCombo(this)),
      m_family(new QComboBox(this)),
      m_networkStatus(new QSpinBox(this))
{
    m_family->addItem(tr("auto (detect)"), int(mcu::Family::Unknown));
    m_family->addItem(tr("standard"), int(mcu::Family::Standard));
    m_family->addItem(tr("low-power"), int(mcu::Family::LowPower));
    m_networkStatus->setRange(0, 6);
    m_networkStatus->setValue(4);
    m_networkStatus->setToolTip(tr("Reported to the MCU: 4 = connected to the cloud"));
    form()->addRow(tr("&Port:"), m_port);
    form()->addRow(tr("&Baud:"), m_baud);
    form()->addRow(tr("&Protocol:"), m_family);
    form()->addRow(tr("&Network status:"), m_networkStatus);
    connect(m_port, &QComboBox::currentTextChanged, this, &SerialHostDialog::revalidate);
    connect(m_baud, &QComboBox::currentTextChanged, this, &SerialHostDialog::revalidate);
    revalidate();
}

QString SerialHostDialog::problem() const
{
    if (m_port->portPath().isEmpty())
        return tr("Choose or type a serial port.");
    if (m_baud->baudRate() <= 0)
        return tr("The baud rate must be a positive number.");
    return QString();
}

LiveSession* SerialHostDialog::createSession() const
{
    if (!isValid())
        return nullptr;
    SerialHostConfig config;
    config.serial.port = m_port->portPath();
    config.serial.baudRate = m_baud->baudRate();
    config.family = mcu::Family(m_family->currentData().toInt());
    config.networkStatus = quint8(m_networkStatus->value());
    return new SerialHostSession(config);
}

} // namespace tuyascope::ui
