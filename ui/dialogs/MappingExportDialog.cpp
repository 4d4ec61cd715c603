#include "dialogs/MappingExportDialog.h"

#include "dpmap/MappingExport.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QIntValidator>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace tuyascope::ui {

MappingExportDialog::MappingExportDialog(const DpMapping& mapping, QWidget* parent)
    : QDialog(parent),
      m_mapping(mapping),
      m_target(new QComboBox(this)),
      m_baud(new QComboBox(this)),
      m_preview(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Export dp Mapping"));
    m_target->setObjectName(QStringLiteral("mappingTarget"));
    for (const MappingExporter& exporter : mappingExporters())
        m_target->addItem(exporter.description.isEmpty() ? exporter.name : QStringLiteral("%1 - %2").arg(exporter.name, exporter.description),
                          exporter.name);
    m_baud->setObjectName(QStringLiteral("mappingBaud"));
    m_baud->setEditable(true);
    m_baud->addItems({QStringLiteral("9600"), QStringLiteral("115200")});
    m_baud->setValidator(new QIntValidator(1, 100000000, m_baud));
    m_baud->setToolTip(tr("The TuyaMCU UART speed: most MCUs use 9600, some 115200"));
    m_preview->setObjectName(QStringLiteral("mappingPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    m_save = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("mappingCopy"));
    m_save->setObjectName(QStringLiteral("mappingSave"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, &MappingExportDialog::copyToClipboard);
    connect(m_save, &QPushButton::clicked, this, &MappingExportDialog::saveWithDialog);

    auto* form = new QFormLayout;
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("&Baud rate:"), m_baud);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    resize(640, 480);

    connect(m_target, &QComboBox::currentIndexChanged, this, &MappingExportDialog::updatePreview);
    connect(m_baud, &QComboBox::currentTextChanged, this, &MappingExportDialog::updatePreview);
    updatePreview();
}

QString MappingExportDialog::target() const
{
    return m_target->currentData().toString();
}

void MappingExportDialog::setTarget(const QString& name)
{
    const int index = m_target->findData(name);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

int MappingExportDialog::baudRate() const
{
    bool ok = false;
    const int baud = m_baud->currentText().trimmed().toInt(&ok);
    return ok && baud > 0 ? baud : 0;
}

void MappingExportDialog::setBaudRate(int baud)
{
    m_baud->setCurrentText(QString::number(baud));
}

QString MappingExportDialog::previewText() const
{
    return m_text;
}

QString MappingExportDialog::suggestedFileName(const QString& target)
{
    if (target == QLatin1String("openbeken"))
        return QStringLiteral("autoexec.bat");
    if (target == QLatin1String("esphome"))
        return QStringLiteral("tuyamcu.yaml");
    if (target == QLatin1String("tinytuya"))
        return QStringLiteral("mapping.json");
    return QStringLiteral("%1-tuyamcu.txt").arg(target.isEmpty() ? QStringLiteral("mapping") : target);
}

void MappingExportDialog::updatePreview()
{
    const MappingExporter* exporter = mappingExporterNamed(target());
    const int baud = baudRate();
    m_text.clear();
    if (exporter && baud > 0) {
        ExportOptions options;
        options.baudRate = baud;
        m_text = exporter->write(m_mapping, options);
        m_preview->setPlainText(m_text);
    } else {
        m_preview->setPlainText(exporter ? tr("The baud rate must be a positive number.") : tr("No exporter chosen."));
    }
    m_copy->setEnabled(!m_text.isEmpty());
    m_save->setEnabled(!m_text.isEmpty());
}

void MappingExportDialog::copyToClipboard()
{
    if (!m_text.isEmpty())
        QGuiApplication::clipboard()->setText(m_text);
}

bool MappingExportDialog::saveTo(const QString& path, QString* error) const
{
    if (m_text.isEmpty()) {
        if (error)
            *error = tr("Nothing to save: the baud rate must be a positive number");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(m_text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void MappingExportDialog::saveWithDialog()
{
    const QString start = QDir(m_directory.isEmpty() ? QDir::homePath() : m_directory).filePath(suggestedFileName(target()));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save dp Mapping"), start);
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(this, tr("Save dp Mapping"), tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), error));
}

} // namespace tuyascope::ui
