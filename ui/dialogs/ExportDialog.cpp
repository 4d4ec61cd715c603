#include "dialogs/ExportDialog.h"

#include "models/FrameListModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include <algorithm>

namespace tuyascope::ui {

ExportDialog::ExportDialog(int allCount, int displayedCount, int selectedCount, const QString& suggestedPath,
                           QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Frames"));
    setObjectName(QStringLiteral("exportDialog"));

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (const FrameExporter* e : FrameExporterRegistry::instance().exporters())
        m_format->addItem(QStringLiteral("%1 (*.%2)").arg(e->displayName(), e->extension()), e->id());

    m_all = new QRadioButton(tr("&All frames (%1)").arg(allCount), this);
    m_displayed = new QRadioButton(tr("&Displayed by the filter (%1)").arg(displayedCount), this);
    m_selected = new QRadioButton(tr("&Selected (%1)").arg(selectedCount), this);
    m_all->setObjectName(QStringLiteral("scopeAll"));
    m_displayed->setObjectName(QStringLiteral("scopeDisplayed"));
    m_selected->setObjectName(QStringLiteral("scopeSelected"));
    m_all->setEnabled(allCount > 0);
    m_displayed->setEnabled(displayedCount > 0);
    m_selected->setEnabled(selectedCount > 0);
    (displayedCount > 0 && displayedCount < allCount ? m_displayed : m_all)->setChecked(true);
    auto* scopes = new QVBoxLayout;
    scopes->addWidget(m_all);
    scopes->addWidget(m_displayed);
    scopes->addWidget(m_selected);

    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("exportFile"));
    m_file->setMinimumWidth(360);
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browseButton);

    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("Frames:"), scopes);
    auto* fileLabel = new QLabel(tr("&File:"), this); // a layout is no buddy: name the line edit
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    m_extension = currentExtension();
    if (!suggestedPath.isEmpty())
        m_file->setText(QFileInfo(suggestedPath).suffix().isEmpty() ? suggestedPath + QLatin1Char('.') + m_extension
                                                                    : suggestedPath);

    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::formatChanged);
    connect(m_file, &QLineEdit::textChanged, this, &ExportDialog::updateExportButton);
    for (QRadioButton* b : {m_all, m_displayed, m_selected})
        connect(b, &QRadioButton::toggled, this, &ExportDialog::updateExportButton);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateExportButton();
}

QString ExportDialog::formatId() const
{
    return m_format->currentData().toString();
}

void ExportDialog::setFormatId(const QString& id)
{
    const int index = m_format->findData(id);
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

ExportScope ExportDialog::scope() const
{
    return m_selected->isChecked() ? ExportScope::Selected : m_displayed->isChecked() ? ExportScope::Displayed : ExportScope::All;
}

void ExportDialog::setScope(ExportScope scope)
{
    QRadioButton* b = scopeButton(scope);
    if (b->isEnabled())
        b->setChecked(true);
}

QRadioButton* ExportDialog::scopeButton(ExportScope scope) const
{
    return scope == ExportScope::Selected ? m_selected : scope == ExportScope::Displayed ? m_displayed : m_all;
}

QString ExportDialog::fileName() const
{
    const QString path = m_file->text().trimmed();
    if (path.isEmpty() || !QFileInfo(path).suffix().isEmpty())
        return path;
    return path + QLatin1Char('.') + currentExtension();
}

void ExportDialog::setFileName(const QString& path)
{
    m_file->setText(path);
}

QString ExportDialog::currentExtension() const
{
    const FrameExporter* e = FrameExporterRegistry::instance().find(formatId());
    return e ? e->extension() : QString();
}

void ExportDialog::formatChanged()
{
    // "frames.csv" becomes "frames.jsonl"; a name the user gave another extension stays as typed.
    const QString path = m_file->text();
    const QString next = currentExtension();
    const QString oldSuffix = QLatin1Char('.') + m_extension;
    if (!m_extension.isEmpty() && path.endsWith(oldSuffix))
        m_file->setText(path.left(path.size() - oldSuffix.size()) + QLatin1Char('.') + next);
    m_extension = next;
}

void ExportDialog::updateExportButton()
{
    const bool scopeOk = scopeButton(scope())->isEnabled() && scopeButton(scope())->isChecked();
    m_export->setEnabled(scopeOk && !m_file->text().trimmed().isEmpty() && !formatId().isEmpty());
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export frames"), m_file->text(),
                                                      m_format->currentText());
    if (!path.isEmpty())
        m_file->setText(path);
}

QVector<int> rowsForScope(ExportScope scope, int allCount, const QVector<int>& displayed, const QVector<int>& selected)
{
    switch (scope) {
    case ExportScope::Displayed: return displayed;
    case ExportScope::Selected: return selected;
    case ExportScope::All: break;
    }
    QVector<int> rows(qMax(0, allCount));
    for (int i = 0; i < rows.size(); ++i)
        rows[i] = i;
    return rows;
}

QVector<int> displayedSourceRows(const FrameListModel& model)
{
    QVector<int> rows(model.rowCount());
    for (int i = 0; i < rows.size(); ++i)
        rows[i] = model.sourceRow(i);
    return rows;
}

QVector<int> selectedSourceRows(const FrameListModel& model, const QModelIndexList& selection)
{
    QVector<int> rows;
    for (const QModelIndex& index : selection) {
        if (index.isValid() && index.model() == &model && index.row() < model.rowCount())
            rows.push_back(model.sourceRow(index.row()));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

bool exportFramesToFile(const FrameTable& table, const QVector<int>& rows, const QString& formatId, const QString& path,
                        QString* error, const ExportProgress& progress)
{
    const FrameExporter* exporter = FrameExporterRegistry::instance().find(formatId);
    if (!exporter) {
        if (error)
            *error = QStringLiteral("no export format \"%1\"").arg(formatId);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    QString message;
    if (!exporter->write(table, rows, file, &message, progress)) {
        file.cancelWriting();
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, message);
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString runExportDialog(QWidget* parent, const FrameTable& table, const QVector<int>& displayedRows,
                        const QVector<int>& selectedRows, const QString& suggestedPath)
{
    ExportDialog dialog(table.frameCount(), int(displayedRows.size()), int(selectedRows.size()), suggestedPath, parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const QVector<int> rows = rowsForScope(dialog.scope(), table.frameCount(), displayedRows, selectedRows);
    const QString path = dialog.fileName();
    QProgressDialog progressDialog(QObject::tr("Exporting %1 frames…").arg(rows.size()), QObject::tr("Cancel"), 0,
                                   int(rows.size()), parent);
    progressDialog.setWindowModality(Qt::WindowModal);
    progressDialog.setMinimumDuration(500);
    const ExportProgress progress = [&progressDialog](int done, int total) {
        if (done % 256 == 0 || done == total)
            progressDialog.setValue(done); // runs the event loop once the dialog is shown
        return !progressDialog.wasCanceled();
    };
    QString error;
    if (!exportFramesToFile(table, rows, dialog.formatId(), path, &error, progress)) {
        QMessageBox::warning(parent, QObject::tr("Export"), error);
        return {};
    }
    return path;
}

} // namespace tuyascope::ui
