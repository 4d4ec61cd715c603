#include "dialogs/DiscoveryDialog.h"

#include "dialogs/DiscoveredDeviceModel.h"
#include "dialogs/LanDeviceDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace tuyascope::ui {

DiscoveryDialog::DiscoveryDialog(QWidget* parent, const lanclient::LanScannerConfig& config, const QString& keyStorePath)
    : QDialog(parent),
      m_scanner(new lanclient::LanDiscoveryScanner(config, this)),
      m_model(new DiscoveredDeviceModel(this)),
      m_table(new QTableView(this)),
      m_status(new QLabel(this)),
      m_connect(new QPushButton(tr("&Connect…"), this)),
      m_solicit(new QPushButton(tr("&Ask 3.5 devices"), this)),
      m_keyStorePath(keyStorePath)
{
    setWindowTitle(tr("Discover LAN devices"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_status->setWordWrap(true);
    m_solicit->setToolTip(tr("Send the 3.5 app solicitation now (it is also sent every few seconds)"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_solicit, QDialogButtonBox::ActionRole);
    buttons->addButton(m_connect, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, &DiscoveryDialog::connectClicked);
    connect(m_solicit, &QPushButton::clicked, m_scanner, &lanclient::LanDiscoveryScanner::sendSolicitation);
    connect(m_table, &QTableView::doubleClicked, this, &DiscoveryDialog::connectClicked);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DiscoveryDialog::updateButtons);
    connect(m_scanner, &lanclient::LanDiscoveryScanner::deviceFound, m_model, &DiscoveredDeviceModel::addDevice);
    connect(m_scanner, &lanclient::LanDiscoveryScanner::warning, this,
            [this](const QString& message) { m_status->setText(m_status->text() + QLatin1Char('\n') + message); });

    QString error;
    if (m_scanner->start(&error)) {
        QStringList ports;
        for (quint16 port : m_scanner->boundPorts())
            ports << QString::number(port);
        m_status->setText(tr("Listening on UDP %1 …").arg(ports.join(QStringLiteral(", "))));
    } else {
        m_status->setText(tr("Cannot listen for announcements: %1").arg(error));
    }
    m_solicit->setEnabled(config.solicit);
    updateButtons();
}

DiscoveryDialog::~DiscoveryDialog()
{
    m_scanner->stop();
}

QString DiscoveryDialog::statusText() const
{
    return m_status->text();
}

void DiscoveryDialog::updateButtons()
{
    m_connect->setEnabled(m_table->selectionModel()->hasSelection());
}

LanDeviceDialog* DiscoveryDialog::connectDialogFor(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    const lanclient::DiscoveredDevice& device = m_model->device(row);
    m_connectDialog = std::make_unique<LanDeviceDialog>(this, m_keyStorePath);
    m_connectDialog->prefill(device.ip, device.gwId, device.version);
    return m_connectDialog.get();
}

void DiscoveryDialog::connectClicked()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    LanDeviceDialog* dialog = connectDialogFor(rows.isEmpty() ? -1 : rows.constFirst().row());
    if (dialog && dialog->exec() == QDialog::Accepted)
        accept();
}

LiveSession* DiscoveryDialog::createSession() const
{
    if (!m_connectDialog || m_connectDialog->result() != QDialog::Accepted)
        return nullptr;
    return m_connectDialog->createSession();
}

} // namespace tuyascope::ui
