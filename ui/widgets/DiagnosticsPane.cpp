#include "widgets/DiagnosticsPane.h"

#include "models/DiagnosticsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace tuyascope::ui {

DiagnosticsPane::DiagnosticsPane(QWidget* parent)
    : QWidget(parent), m_model(new DiagnosticsModel(this)), m_summary(new QLabel(this)), m_tree(new QTreeView(this))
{
    m_summary->setObjectName(QStringLiteral("diagnosticsSummary"));
    m_tree->setObjectName(QStringLiteral("diagnosticsTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DiagnosticsModel::Text, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(DiagnosticsModel::Count, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(DiagnosticsModel::Frame, QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    connect(m_model, &DiagnosticsModel::countsChanged, this, &DiagnosticsPane::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DiagnosticsPane::expandErrors);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& under) {
        if (!under.isValid())
            expandErrors(); // the Errors group may just have appeared
    });
    connect(m_tree, &QTreeView::activated, this, &DiagnosticsPane::activate);
    updateSummary();
}

void DiagnosticsPane::setDocument(CaptureDocument* document)
{
    m_model->setDocument(document);
    expandErrors();
}

QString DiagnosticsPane::summaryText() const
{
    return m_summary->text();
}

void DiagnosticsPane::updateSummary()
{
    const int errors = m_model->count(Severity::Error);
    const int warnings = m_model->count(Severity::Warning);
    const int notes = m_model->count(Severity::Note);
    if (errors + warnings + notes == 0) {
        m_summary->setText(tr("No diagnostics"));
        return;
    }
    const auto counted = [](int n, const QString& one, const QString& many) { return (n == 1 ? one : many).arg(n); };
    m_summary->setText(counted(errors, tr("%1 error"), tr("%1 errors")) + QStringLiteral(", ")
                       + counted(warnings, tr("%1 warning"), tr("%1 warnings")) + QStringLiteral(", ")
                       + counted(notes, tr("%1 note"), tr("%1 notes")));
}

void DiagnosticsPane::expandErrors()
{
    const QModelIndex errors = m_model->indexOfSeverity(Severity::Error);
    if (errors.isValid())
        m_tree->expand(errors);
}

void DiagnosticsPane::activate(const QModelIndex& index)
{
    if (index.data(DiagnosticsModel::KindRole).toInt() != int(DiagnosticsModel::Kind::Entry))
        return;
    emit diagnosticActivated(index.data(DiagnosticsModel::SourceRowRole).toInt(),
                             index.data(DiagnosticsModel::FieldRole).toInt());
}

} // namespace tuyascope::ui
