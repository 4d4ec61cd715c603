#include "widgets/CaptureListView.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tuyascope::ui {

CaptureListView::CaptureListView(QWidget* parent)
    : QWidget(parent), m_filter(new QLineEdit(this)), m_status(new QLabel(this)), m_table(new QTableView(this))
{
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter, e.g.  dp.id == 20 && dir == mcu    cmd == 0x07    bad    proto == lan && version == \"3.4\""));
    m_filter->setClearButtonEnabled(true);
    m_table->setObjectName(QStringLiteral("captureList"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    // Uniform rows: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_status);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    auto* typingPause = new QTimer(this);
    typingPause->setSingleShot(true);
    typingPause->setInterval(300);
    connect(m_filter, &QLineEdit::textEdited, typingPause, qOverload<>(&QTimer::start));
    connect(typingPause, &QTimer::timeout, this, [this] { emit filterEdited(m_filter->text()); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this, typingPause] {
        typingPause->stop();
        emit filterEdited(m_filter->text());
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this, typingPause](const QString& text) {
        if (text.isEmpty()) { // the clear button
            typingPause->stop();
            emit filterEdited(text);
        }
    });
    // Scrolling up pauses following the tail; scrolling back to the bottom resumes it.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followTail = value >= m_table->verticalScrollBar()->maximum();
    });
}

void CaptureListView::setModel(QAbstractItemModel* model)
{
    m_table->setModel(model);
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, &CaptureListView::rowsAboutToBeInserted);
    connect(model, &QAbstractItemModel::rowsInserted, this, &CaptureListView::rowsInserted);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    emit rowActivated(current.row());
            });
    QHeaderView* header = m_table->horizontalHeader();
    const int digit = m_table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[] = {8, 16, 12, 9, 5, 26, 6, 22, 40, 16};
    for (int c = 0; c < model->columnCount() && c < int(std::size(widths)); ++c)
        header->resizeSection(c, widths[c] * digit);
}

void CaptureListView::rowsAboutToBeInserted()
{
    m_wasAtBottom = m_followTail;
}

void CaptureListView::rowsInserted()
{
    if (m_wasAtBottom)
        QTimer::singleShot(0, m_table, &QTableView::scrollToBottom);
}

void CaptureListView::showFilterState(bool valid, const QString& error, int position)
{
    QPalette palette = m_filter->palette();
    if (valid || m_filter->text().trimmed().isEmpty()) {
        m_filter->setPalette(QPalette());
        m_filter->setToolTip(QString());
        m_filter->setProperty("filterValid", true);
        return;
    }
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    palette.setColor(QPalette::Base, dark ? QColor(0x70, 0x20, 0x20) : QColor(0xf8, 0xc8, 0xc8));
    m_filter->setPalette(palette);
    m_filter->setToolTip(position >= 0 ? tr("%1 (at character %2)").arg(error).arg(position + 1) : error);
    m_filter->setProperty("filterValid", false);
}

void CaptureListView::setStatusText(const QString& text)
{
    m_status->setText(text);
}

} // namespace tuyascope::ui
