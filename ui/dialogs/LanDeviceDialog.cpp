#include "dialogs/LanDeviceDialog.h"

#include "dialogs/LanFields.h"
#include "keys/DevicesJson.h"
#include "keys/KeyStoreFile.h"
#include "sessions/LanClientSession.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

namespace tuyascope::ui {

LanDeviceDialog::LanDeviceDialog(QWidget* parent, const QString& keyStorePath)
    : ConnectionDialog(tr("LAN device"), parent),
      m_known(new QComboBox(this)),
      m_import(new QPushButton(tr("Import devices.json…"), this)),
      m_host(new QLineEdit(this)),
      m_port(new QSpinBox(this)),
      m_id(new QLineEdit(this)),
      m_key(new LocalKeyField(this)),
      m_version(new LanVersionCombo(this))
{
    QString path = keyStorePath;
    if (path.isEmpty())
        path = qEnvironmentVariable("TUYASCOPE_KEYSTORE");
    keys::KeyStoreFile(path.isEmpty() ? keys::KeyStoreFile::defaultPath() : path).load(m_store);

    m_port->setRange(1, 65535);
    m_port->setValue(6668);
    m_host->setPlaceholderText(tr("192.168.1.50"));
    m_id->setPlaceholderText(tr("device id (gwId / devId)"));
    auto* knownRow = new QHBoxLayout;
    knownRow->addWidget(m_known, 1);
    knownRow->addWidget(m_import);
    form()->addRow(tr("&Known device:"), knownRow);
    form()->addRow(tr("&Host:"), m_host);
    form()->addRow(tr("&Port:"), m_port);
    form()->addRow(tr("Device &id:"), m_id);
    form()->addRow(tr("Local &key:"), m_key);
    form()->addRow(tr("&Version:"), m_version);
    fillKnownDevices();

    connect(m_known, &QComboBox::activated, this, [this](int index) { pickDevice(m_known->itemData(index).toString()); });
    connect(m_import, &QPushButton::clicked, this, &LanDeviceDialog::importClicked);
    connect(m_host, &QLineEdit::textChanged, this, &LanDeviceDialog::revalidate);
    connect(m_id, &QLineEdit::textChanged, this, &LanDeviceDialog::revalidate);
    connect(m_key, &LocalKeyField::textChanged, this, &LanDeviceDialog::revalidate);
    revalidate();
}

void LanDeviceDialog::fillKnownDevices()
{
    m_known->clear();
    int withKey = 0;
    m_known->addItem(tr("(type the device in)"), QString());
    for (const keys::DeviceEntry& device : m_store.devices()) {
        if (!device.hasKey() || device.id.isEmpty())
            continue;
        QString label = device.name.isEmpty() ? device.id : QStringLiteral("%1 (%2)").arg(device.name, device.id);
        if (!device.ip.isNull())
            label += QStringLiteral(" %1").arg(device.ip.toString());
        m_known->addItem(label, device.id);
        ++withKey;
    }
    m_known->setEnabled(withKey > 0);
}

void LanDeviceDialog::importClicked()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import devices.json"), QString(), tr("devices.json (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!importDevicesFile(path, &error))
        QMessageBox::warning(this, tr("Import devices.json"), error);
}

bool LanDeviceDialog::importDevicesFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    const keys::DevicesImport imported = keys::importDevicesJson(file.readAll());
    if (!imported.readable) {
        if (error)
            *error = tr("%1 is not a tinytuya devices.json").arg(path);
        return false;
    }
    m_store.addDevices(imported.devices);
    fillKnownDevices();
    if (imported.devices.size() == 1)
        pickDevice(imported.devices.constFirst().id);
    return true;
}

bool LanDeviceDialog::pickDevice(const QString& deviceId)
{
    const keys::DeviceEntry* device = deviceId.isEmpty() ? nullptr : m_store.find(deviceId);
    if (!device)
        return false;
    m_known->setCurrentIndex(qMax(0, m_known->findData(deviceId)));
    m_id->setText(device->id);
    if (!device->ip.isNull())
        m_host->setText(device->ip.toString());
    if (device->hasKey())
        m_key->setText(QString::fromLatin1(device->key.reveal()));
    if (!device->version.isEmpty())
        m_version->setVersion(device->version);
    revalidate();
    return true;
}

void LanDeviceDialog::prefill(const QString& host, const QString& deviceId, const QString& version)
{
    pickDevice(deviceId);
    // What was discovered just now beats what the key store remembers.
    m_host->setText(host);
    m_id->setText(deviceId);
    if (!version.isEmpty())
        m_version->setVersion(version);
    revalidate();
}

QString LanDeviceDialog::problem() const
{
    if (m_host->text().trimmed().isEmpty())
        return tr("Type the device's address.");
    if (m_id->text().trimmed().isEmpty())
        return tr("Type the device id (or pick a known device).");
    const QString key = m_key->problem();
    if (!key.isEmpty())
        return key;
    if (m_version->version() == lan::LanVersion::Unknown)
        return tr("Choose the protocol version.");
    return QString();
}

LiveSession* LanDeviceDialog::createSession() const
{
    if (!isValid())
        return nullptr;
    LanClientSessionConfig config;
    config.client.host = m_host->text().trimmed();
    config.client.port = quint16(m_port->value());
    config.client.deviceId = m_id->text().trimmed();
    config.client.localKey = *keys::LocalKey::fromString(m_key->text());
    config.client.version = m_version->version();
    if (const keys::DeviceEntry* known = m_store.find(config.client.deviceId))
        config.deviceName = known->name;
    return new LanClientSession(config);
}

} // namespace tuyascope::ui
