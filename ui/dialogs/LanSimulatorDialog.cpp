#include "dialogs/LanSimulatorDialog.h"

#include "dialogs/LanFields.h"
#include "dialogs/ProfilePicker.h"
#include "sessions/LanSimulatorSession.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QLineEdit>
#include <QSpinBox>

namespace tuyascope::ui {

namespace {

bool parseListenAddress(const QString& text, QHostAddress* address)
{
    const QString host = text.trimmed();
    if (host == QLatin1String("localhost")) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    return address->setAddress(host);
}

} // namespace

LanSimulatorDialog::LanSimulatorDialog(QWidget* parent)
    : ConnectionDialog(tr("LAN simulator"), parent),
      m_address(new QLineEdit(QStringLiteral("127.0.0.1"), this)),
      m_port(new QSpinBox(this)),
      m_id(new QLineEdit(this)),
      m_key(new LocalKeyField(this)),
      m_version(new LanVersionCombo(this)),
      m_profile(new ProfilePicker(this)),
      m_broadcast(new QCheckBox(tr("Announce by UDP discovery (3.5 also answers solicitations)"), this))
{
    m_port->setRange(1, 65535);
    m_port->setValue(6668);
    m_id->setPlaceholderText(tr("device id the clients will use"));
    m_profile->selectBuiltin(QStringLiteral("energy-plug"));
    form()->addRow(tr("&Listen address:"), m_address);
    form()->addRow(tr("&Port:"), m_port);
    form()->addRow(tr("Device &id:"), m_id);
    form()->addRow(tr("Local &key:"), m_key);
    form()->addRow(tr("&Version:"), m_version);
    form()->addRow(tr("P&rofile:"), m_profile);
    form()->addRow(QString(), m_broadcast);
    connect(m_address, &QLineEdit::textChanged, this, &LanSimulatorDialog::addressChanged);
    connect(m_id, &QLineEdit::textChanged, this, &LanSimulatorDialog::revalidate);
    connect(m_key, &LocalKeyField::textChanged, this, &LanSimulatorDialog::revalidate);
    connect(m_profile, &ProfilePicker::profileChanged, this, &LanSimulatorDialog::revalidate);
    addressChanged();
}

bool LanSimulatorDialog::exposesBeyondLoopback() const
{
    QHostAddress address;
    return parseListenAddress(m_address->text(), &address) && !address.isLoopback();
}

void LanSimulatorDialog::addressChanged()
{
    setNote(exposesBeyondLoopback()
                ? tr("Warning: the simulator will accept connections from other machines on this network.")
                : QString());
    revalidate();
}

QString LanSimulatorDialog::problem() const
{
    QHostAddress address;
    if (!parseListenAddress(m_address->text(), &address))
        return tr("The listen address must be an IP address such as 127.0.0.1.");
    if (m_id->text().trimmed().isEmpty())
        return tr("Type the device id the clients will use.");
    const QString key = m_key->problem();
    if (!key.isEmpty())
        return key;
    if (m_version->version() == lan::LanVersion::Unknown)
        return tr("Choose the protocol version.");
    if (!m_profile->hasProfile())
        return tr("Profile: %1").arg(m_profile->error().isEmpty() ? tr("choose one") : m_profile->error());
    return QString();
}

LiveSession* LanSimulatorDialog::createSession() const
{
    if (!isValid())
        return nullptr;
    LanSimulatorConfig config;
    parseListenAddress(m_address->text(), &config.simulator.address);
    config.simulator.port = quint16(m_port->value());
    config.simulator.device.deviceId = m_id->text().trimmed();
    config.simulator.device.localKey = m_key->text().toLatin1();
    config.simulator.device.version = m_version->version();
    config.profileSource = m_profile->source();
    config.profile = m_profile->profile();
    config.broadcast = m_broadcast->isChecked();
    return new LanSimulatorSession(config);
}

} // namespace tuyascope::ui
