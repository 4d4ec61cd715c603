#include "widgets/DpPane.h"

#include "document/CaptureDocument.h"
#include "dptable/DpLabels.h"
#include "models/DpTableModel.h"
#include "widgets/DpPlotView.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace tuyascope::ui {

DpPane::DpPane(QWidget* parent)
    : QWidget(parent),
      m_model(new DpTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this)),
      m_status(new QLabel(this)),
      m_table(new QTableView(this)),
      m_plot(new DpPlotView(this))
{
    m_status->setObjectName(QStringLiteral("dpStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
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

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_plot);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({300, 260}); // proportions; the plot keeps room for its axis labels
    m_plot->setMinimumHeight(220);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

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
}

void DpPane::setDocument(CaptureDocument* document)
{
    m_status->clear();
    m_status->hide();
    m_model->setDocument(document);
    m_table->resizeColumnsToContents();
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

void DpPane::showError(const QString& message)
{
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
