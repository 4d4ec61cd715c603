#include "widgets/DpPane.h"

#include "dialogs/MappingExportDialog.h"
#include "document/CaptureDocument.h"
#include "dpmap/DpLabels.h"
#include "knowledge/DeviceKnowledge.h"
#include "models/DpTableModel.h"
#include "widgets/DpPlotView.h"
#include "widgets/DpRoleDelegate.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QHBoxLayout>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace tuyascope::ui {

DpPane::DpPane(QWidget* parent)
    : QWidget(parent),
      m_model(new DpTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this)),
      m_status(new QLabel(this)),
      m_table(new QTableView(this)),
      m_plot(new DpPlotView(this)),
      m_acceptSuggestions(new QAction(tr("&Accept Confident Suggestions"), this)),
      m_importMapping(new QAction(tr("&Import dp Mapping…"), this)),
      m_exportMapping(new QAction(tr("E&xport dp Mapping…"), this)),
      m_applyModel(new QAction(tr("Apply &Device Model"), this)),
      m_justDid(new QMenu(tr("I &just did…"), this)),
      m_looksLike(new QLabel(this)),
      m_acceptProposal(new QToolButton(this))
{
    m_acceptSuggestions->setObjectName(QStringLiteral("acceptSuggestions"));
    m_acceptSuggestions->setToolTip(tr("Give every dp without a role its best inferred role, when confident enough"));
    m_importMapping->setObjectName(QStringLiteral("importMapping"));
    m_importMapping->setToolTip(tr("Read names and roles from a Tasmota, OpenBeken, tinytuya, Tuya debug file or TuyaScope mapping"));
    m_exportMapping->setObjectName(QStringLiteral("exportMapping"));
    m_exportMapping->setToolTip(tr("Write the dp mapping for Tasmota, OpenBeken, ESPHome or tinytuya"));
    connect(m_acceptSuggestions, &QAction::triggered, this, &DpPane::acceptConfident);
    connect(m_importMapping, &QAction::triggered, this, &DpPane::importMappingWithDialog);
    connect(m_exportMapping, &QAction::triggered, this, [this] { openExportDialog(); });
    m_applyModel->setObjectName(QStringLiteral("applyDeviceModel"));
    m_applyModel->setToolTip(tr("Name the dps after the device model the capture looks like; your own names and roles stay"));
    connect(m_applyModel, &QAction::triggered, this, &DpPane::applyModel);
    m_justDid->setObjectName(QStringLiteral("justDid"));
    m_justDid->setToolTipsVisible(true);
    m_justDid->menuAction()->setToolTip(tr("Do something to the device, then say what: the dps that changed in the last %1 s "
                                           "are highlighted and a label is proposed")
                                            .arg(kGuidedWindowSeconds));
    for (const dpmap::UserAction& action : dpmap::userActions()) {
        QAction* item = m_justDid->addAction(tr("I %1").arg(action.text));
        item->setData(action.key);
        connect(item, &QAction::triggered, this, [this, key = action.key] { proposeFromAction(key); });
    }
    auto* tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("dpTools"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(m_acceptSuggestions);
    tools->addAction(m_applyModel);
    auto* justDidButton = new QToolButton(tools);
    justDidButton->setObjectName(QStringLiteral("justDidButton"));
    justDidButton->setDefaultAction(m_justDid->menuAction());
    justDidButton->setPopupMode(QToolButton::InstantPopup);
    justDidButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addWidget(justDidButton);
    tools->addAction(m_importMapping);
    tools->addAction(m_exportMapping);

    m_looksLike->setObjectName(QStringLiteral("dpLooksLike"));
    m_looksLike->setTextFormat(Qt::PlainText);
    m_looksLike->hide();
    m_status->setObjectName(QStringLiteral("dpStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    m_acceptProposal->setObjectName(QStringLiteral("acceptProposal"));
    m_acceptProposal->setText(tr("Accept"));
    m_acceptProposal->setToolTip(tr("Write the proposed name and role into the dp's labels"));
    m_acceptProposal->hide();
    connect(m_acceptProposal, &QToolButton::clicked, this, [this] { acceptProposal(0); });
    m_table->setObjectName(QStringLiteral("dpTable"));
    m_plot->setObjectName(QStringLiteral("dpPlot"));

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(DpTableModel::SortRole);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DpTableModel::Id, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(DpTableModel::Role, new DpRoleDelegate(m_table));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &DpPane::showContextMenu);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_plot);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({300, 260}); // proportions; the plot keeps room for its axis labels
    m_plot->setMinimumHeight(220);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(tools);
    layout->addWidget(m_looksLike);
    auto* statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_acceptProposal, 0, Qt::AlignTop);
    layout->addLayout(statusRow);
    layout->addWidget(splitter, 1);

    // The matches change with the inference: follow its repaints of the Role column, throttled.
    m_looksLikeRefresh.setSingleShot(true);
    m_looksLikeRefresh.setInterval(1000 / kReplotsPerSecond);
    connect(&m_looksLikeRefresh, &QTimer::timeout, this, &DpPane::updateLooksLike);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
        if (topLeft.column() <= DpTableModel::Role && bottomRight.column() >= DpTableModel::Role)
            scheduleLooksLike();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DpPane::scheduleLooksLike);
    connect(m_model, &DpTableModel::highlightChanged, this, [this] {
        if (m_model->highlightedDps().isEmpty() && !m_proposal.isEmpty())
            showStatus(QString()); // timed out or answered: the proposal would be stale
    });

    m_replot.setSingleShot(true);
    m_replot.setInterval(1000 / kReplotsPerSecond);
    connect(&m_replot, &QTimer::timeout, this, &DpPane::replot);
    connect(m_model, &DpTableModel::plottedChanged, this, &DpPane::scheduleReplot);
    connect(m_model, &DpTableModel::labelsChanged, this, &DpPane::scheduleReplot);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_model->plottedDps().isEmpty())
            scheduleReplot();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &DpPane::scheduleReplot);
    connect(m_model, &DpTableModel::labelsError, this, &DpPane::showError);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        emit dpActivated(index.data(DpTableModel::DpIdRole).toString());
    });
    updateActions();
}

void DpPane::setDocument(CaptureDocument* document)
{
    dropProposal();
    m_status->clear();
    m_status->hide();
    m_selectedFrame = -1;
    m_model->setDocument(document);
    m_table->resizeColumnsToContents();
    updateActions();
    updateLooksLike();
}

void DpPane::updateActions()
{
    const bool hasDocument = m_model->document() != nullptr;
    m_acceptSuggestions->setEnabled(hasDocument);
    m_importMapping->setEnabled(hasDocument);
    m_exportMapping->setEnabled(hasDocument);
    m_justDid->setEnabled(hasDocument);
    m_justDid->menuAction()->setEnabled(hasDocument);
    if (!hasDocument)
        m_applyModel->setEnabled(false); // with one, updateLooksLike decides
}

void DpPane::scheduleLooksLike()
{
    if (!m_looksLikeRefresh.isActive())
        m_looksLikeRefresh.start();
}

void DpPane::updateLooksLike()
{
    m_looksLikeRefresh.stop();
    if (!m_model->document()) {
        m_looksLike->clear();
        m_looksLike->setToolTip(QString());
        m_looksLike->hide();
        m_applyModel->setEnabled(false);
        return;
    }
    const QVector<dpmap::ModelMatch>& models = m_model->inference().models;
    m_applyModel->setEnabled(!models.isEmpty());
    if (models.isEmpty()) {
        const knowledge::DeviceKnowledge& knowledge = knowledge::DeviceKnowledge::bundled();
        QStringList problems;
        for (const knowledge::KnowledgeProblem& p : knowledge.problems())
            problems << p.message;
        m_looksLike->setText(knowledge.isLoaded() ? tr("looks like: no known device model")
                                                  : tr("looks like: ? (the device knowledge base is not available)"));
        m_looksLike->setToolTip(problems.join(QLatin1Char('\n')));
        m_looksLike->show();
        m_applyModel->setToolTip(tr("No known device model matches this capture"));
        return;
    }
    const dpmap::ModelMatch& top = models.first();
    QString text = tr("looks like: %1, %2").arg(top.displayName(), QString::number(top.score, 'f', 2));
    if (top.byProductId)
        text += tr(" (by product id)");
    else if (!top.namesDps()) // a few dps fit hundreds of models: say so rather than name one
        text += tr(" (weak: %n dp(s) agree, too few to tell the model)", nullptr, int(top.agree.size()));
    m_looksLike->setText(text);
    // The top three with what speaks for and against each; a tooltip, not a report.
    constexpr int kMatchesShown = 3;
    constexpr int kEvidenceShown = 8;
    QStringList tip;
    for (int i = 0; i < std::min(int(models.size()), kMatchesShown); ++i) {
        const dpmap::ModelMatch& match = models.at(i);
        if (i == 1)
            tip << QString() << tr("Also possible:");
        tip << match.summary();
        for (int e = 0; e < std::min(int(match.evidence.size()), kEvidenceShown); ++e)
            tip << QStringLiteral("    ") + match.evidence.at(e);
        if (match.evidence.size() > kEvidenceShown)
            tip << tr("    ... and %n more", nullptr, int(match.evidence.size()) - kEvidenceShown);
    }
    m_looksLike->setToolTip(tip.join(QLatin1Char('\n')));
    m_looksLike->show();
    m_applyModel->setToolTip(tr("Apply the names, roles, units and scales of %1; your own names and roles stay").arg(top.displayName()));
}

void DpPane::applyModel()
{
    const QVector<dpmap::ModelMatch>& models = m_model->inference().models;
    if (models.isEmpty()) {
        showStatus(tr("No known device model matches this capture."));
        return;
    }
    const QString name = models.first().displayName();
    const int applied = m_model->applyModelMatch(0);
    showStatus(tr("Applied %1: %n dp(s)", nullptr, applied).arg(name));
}

void DpPane::setSelectedFrame(int sourceRow)
{
    m_selectedFrame = sourceRow;
}

QVector<dpmap::ActionCandidate> DpPane::proposeFromAction(const QString& actionKey)
{
    const dpmap::UserAction* action = dpmap::findUserAction(actionKey);
    const CaptureDocument* document = m_model->document();
    if (!action || !document)
        return {};
    // A live session: the moments just before now. A saved capture: before the frame the user is
    // looking at, or before its end.
    qint64 endUs = m_model->nowUs();
    QString before = document->isLive() ? tr("now") : tr("the end of the capture");
    if (!document->isLive() && m_selectedFrame >= 0 && m_selectedFrame < document->frames().frameCount()) {
        if (const qint64 t = document->frames().facts(m_selectedFrame).timeUs; t != kUnknownTime) {
            endUs = t;
            before = tr("frame %1").arg(m_selectedFrame + 1);
        }
    }
    const qint64 fromUs = endUs - qint64(kGuidedWindowSeconds) * 1'000'000;
    const QVector<dpmap::ActionCandidate> candidates = m_model->proposeFromAction(actionKey, fromUs, endUs);
    if (candidates.isEmpty()) {
        showStatus(tr("You %1: no dp changed in the %2 s before %3.").arg(action->text).arg(kGuidedWindowSeconds).arg(before));
        return candidates;
    }
    const auto describe = [](const dpmap::ActionCandidate& c) {
        return c.role.isEmpty() ? tr("dp %1: name '%2'").arg(int(c.dp)).arg(c.name)
                                : tr("dp %1: name '%2', role %3").arg(int(c.dp)).arg(c.name, c.role);
    };
    QString text = tr("You %1: %2 — Accept?").arg(action->text, describe(candidates.first()));
    if (candidates.size() > 1)
        text += tr(" (%n other dp(s) changed too; the Accept menu lists them)", nullptr, int(candidates.size()) - 1);
    showStatus(text);
    QStringList reasons;
    for (const dpmap::ActionCandidate& c : candidates)
        reasons << tr("dp %1 (%2): %3").arg(int(c.dp)).arg(QString::number(c.score, 'f', 2), c.reason);
    m_status->setToolTip(reasons.join(QLatin1Char('\n')));
    m_proposal = candidates;
    if (candidates.size() > 1) {
        auto* menu = new QMenu(m_acceptProposal);
        for (int i = 0; i < candidates.size(); ++i)
            connect(menu->addAction(tr("Accept %1").arg(describe(candidates.at(i)))), &QAction::triggered, this,
                    [this, i] { acceptProposal(i); });
        m_acceptProposal->setMenu(menu);
        m_acceptProposal->setPopupMode(QToolButton::MenuButtonPopup);
    }
    m_acceptProposal->show();
    return candidates;
}

bool DpPane::acceptProposal(int index)
{
    if (index < 0 || index >= m_proposal.size())
        return false;
    const dpmap::ActionCandidate candidate = m_proposal.at(index); // accepting drops the proposal
    if (!m_model->acceptActionCandidate(candidate))
        return false;
    showStatus(candidate.role.isEmpty() ? tr("dp %1 is now '%2'.").arg(int(candidate.dp)).arg(candidate.name)
                                        : tr("dp %1 is now '%2', role %3.").arg(int(candidate.dp)).arg(candidate.name, candidate.role));
    return true;
}

void DpPane::dropProposal()
{
    m_proposal.clear();
    m_acceptProposal->hide();
    if (QMenu* menu = m_acceptProposal->menu()) {
        m_acceptProposal->setMenu(nullptr);
        menu->deleteLater();
    }
    m_acceptProposal->setPopupMode(QToolButton::DelayedPopup);
}

QMenu* DpPane::contextMenuForRow(int sourceRow)
{
    auto* menu = new QMenu(this);
    const DpSeries* series = m_model->seriesAt(sourceRow);
    if (!series)
        return menu;
    const QString dpId = series->id;
    const dpmap::DpRoles* roles = m_model->rolesOf(dpId);
    if (!roles || roles->roles.isEmpty()) {
        menu->addAction(tr("No role inferred for dp %1").arg(dpId))->setEnabled(false);
    } else {
        for (const dpmap::RoleHypothesis& h : roles->roles) {
            QAction* accept = menu->addAction(tr("Accept: %1").arg(describeHypothesis(h)));
            accept->setToolTip(h.reason);
            accept->setData(h.role);
            connect(accept, &QAction::triggered, this, [this, dpId, role = h.role] { m_model->acceptSuggestion(dpId, role); });
        }
    }
    if (!m_model->labels().label(dpId).role.isEmpty()) {
        QAction* clear = menu->addAction(tr("Clear Role of dp %1").arg(dpId));
        connect(clear, &QAction::triggered, this, [this, dpId] {
            const int row = m_model->rowOfDp(dpId);
            if (row >= 0)
                m_model->setData(m_model->index(row, DpTableModel::Role), QString());
        });
    }
    menu->addSeparator();
    menu->addAction(m_acceptSuggestions);
    return menu;
}

void DpPane::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    QMenu* menu = contextMenuForRow(m_sorted->mapToSource(index).row());
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void DpPane::acceptConfident()
{
    const int accepted = m_model->acceptConfidentSuggestions();
    showStatus(accepted > 0 ? tr("Accepted %n suggested role(s); your own roles were kept.", nullptr, accepted)
                            : tr("No confident suggestion for a dp without a role."));
}

bool DpPane::importMappingFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Could not read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_lastError.clear();
    QString summary;
    const bool imported = m_model->importMapping(file.readAll(), &summary);
    QStringList lines = summary.split(QLatin1Char('\n'));
    constexpr int kMaxLines = 12; // the status line stays readable; the tooltip has them all
    if (lines.size() > kMaxLines) {
        const int more = int(lines.size()) - kMaxLines;
        lines = lines.mid(0, kMaxLines);
        lines << tr("... and %n more note(s)", nullptr, more);
    }
    if (!m_lastError.isEmpty())
        lines << m_lastError;
    showStatus(QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), lines.join(QLatin1Char('\n'))));
    m_status->setToolTip(summary);
    return imported;
}

void DpPane::importMappingWithDialog()
{
    const QString start = QFileInfo(m_model->sidecarPath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Import dp Mapping"), m_model->sidecarPath().isEmpty() ? QString() : start,
                                                      tr("dp mappings (*.txt *.bat *.json *.cfg *.conf);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!importMappingFile(path))
        QMessageBox::warning(this, tr("Import dp Mapping"), statusText());
}

MappingExportDialog* DpPane::openExportDialog()
{
    auto* dialog = new MappingExportDialog(m_model->mappingForExport(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_model->sidecarPath().isEmpty())
        dialog->setSuggestedDirectory(QFileInfo(m_model->sidecarPath()).absolutePath());
    dialog->show();
    return dialog;
}

void DpPane::setSidecarPath(const QString& path)
{
    m_status->clear();
    m_status->hide();
    m_model->setSidecarPath(path);
}

QString DpPane::defaultSidecarPath(const CaptureDocument* document)
{
    if (!document)
        return {};
    if (document->isLive())
        return sidecarPathFor({document->session()->autosavePath()});
    return sidecarPathFor(document->paths());
}

QString DpPane::statusText() const
{
    return m_status->text();
}

void DpPane::showStatus(const QString& text)
{
    dropProposal(); // a new message replaces the proposal and its Accept button
    m_status->setToolTip(QString());
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void DpPane::showError(const QString& message)
{
    m_lastError = message;
    m_status->setText(message);
    m_status->show();
    emit labelsError(message);
}

void DpPane::scheduleReplot()
{
    if (!m_replot.isActive())
        m_replot.start();
}

void DpPane::replot()
{
    QVector<DpPlotLine> lines;
    const CaptureDocument* document = m_model->document();
    if (!document) {
        m_plot->setLines(lines);
        return;
    }
    const QStringList ids = m_model->plottedDps();
    qint64 origin = document->frames().frameCount() > 0 ? document->frames().facts(0).timeUs : kUnknownTime;
    if (origin == kUnknownTime) { // no time on the first frame: start at the earliest sample shown
        origin = std::numeric_limits<qint64>::max();
        for (const QString& id : ids)
            if (const DpSeries* s = m_model->seriesAt(m_model->rowOfDp(id)); s && !s->samples.isEmpty())
                origin = std::min(origin, s->samples.first().timeUs);
    }
    for (const QString& id : ids) {
        const DpSeries* s = m_model->seriesAt(m_model->rowOfDp(id));
        if (!s)
            continue;
        const DpLabel label = m_model->labels().label(id);
        DpPlotLine line;
        line.name = QStringLiteral("dp %1").arg(id);
        if (!label.name.isEmpty())
            line.name += QStringLiteral(" ") + label.name;
        if (!label.unit.isEmpty())
            line.name += QStringLiteral(" (%1)").arg(label.unit);
        line.points.reserve(s->samples.size());
        for (const DpSample& sample : s->samples)
            line.points.push_back(QPointF(double(sample.timeUs - origin) / 1e6, sample.value * label.scale));
        lines.push_back(line);
    }
    m_plot->setLines(lines);
}

} // namespace tuyascope::ui
