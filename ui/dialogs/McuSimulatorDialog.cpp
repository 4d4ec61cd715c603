#include "dialogs/McuSimulatorDialog.h"

#include "dialogs/ProfilePicker.h"
#include "dialogs/SerialPortCombo.h"
#include "sessions/McuSimulatorSession.h"

#include <QFormLayout>

namespace tuyascope::ui {

McuSimulatorDialog::McuSimulatorDialog(QWidget* parent)
    : ConnectionDialog(tr("MCU simulator"), parent),
      m_port(new SerialPortCombo(this)),
      m_baud(new BaudRateCombo(this)),
      m_profile(new ProfilePicker(this))
{
    form()->addRow(tr("&Port:"), m_port);
    form()->addRow(tr("&Baud:"), m_baud);
    form()->addRow(tr("P&rofile:"), m_profile);
    connect(m_port, &QComboBox::currentTextChanged, this, &McuSimulatorDialog::revalidate);
    connect(m_baud, &QComboBox::currentTextChanged, this, &McuSimulatorDialog::revalidate);
    connect(m_profile, &ProfilePicker::profileChanged, this, &McuSimulatorDialog::revalidate);
    revalidate();
}

QString McuSimulatorDialog::problem() const
{
    if (m_port->portPath().isEmpty())
        return tr("Choose or type a serial port.");
    if (m_baud->baudRate() <= 0)
        return tr("The baud rate must be a positive number.");
    if (!m_profile->hasProfile())
        return tr("Profile: %1").arg(m_profile->error().isEmpty() ? tr("choose one") : m_profile->error());
    return QString();
}

LiveSession* McuSimulatorDialog::createSession() const
{
    if (!isValid())
        return nullptr;
    McuSimulatorConfig config;
    config.serial.port = m_port->portPath();
    config.serial.baudRate = m_baud->baudRate();
    config.profileSource = m_profile->source();
    config.profile = m_profile->profile();
    return new McuSimulatorSession(config);
}

} // namespace tuyascope::ui
