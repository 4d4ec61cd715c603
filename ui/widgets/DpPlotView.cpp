#include "widgets/DpPlotView.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <limits>

namespace tuyascope::ui {

// The chart is handed to the base constructor: QChartView(parent) would make a default chart of
// its own, which setChart() releases without deleting.
DpPlotView::DpPlotView(QWidget* parent) : QChartView(new QChart, parent), m_time(new QValueAxis), m_value(new QValueAxis)
{
    QChart* chart = this->chart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_time->setTitleText(tr("Time (s since the first frame)"));
    m_time->setLabelFormat(QStringLiteral("%.1f"));
    m_value->setLabelFormat(QStringLiteral("%.6g"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_value, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setLines({});
}

QVector<QPointF> DpPlotView::thin(const QVector<QPointF>& points, int maxPoints)
{
    if (points.size() <= maxPoints || maxPoints < 4)
        return points;
    const int buckets = maxPoints / 2;
    QVector<QPointF> out;
    out.reserve(maxPoints);
    const qsizetype size = points.size();
    for (int b = 0; b < buckets; ++b) {
        const qsizetype begin = size * b / buckets;
        const qsizetype end = size * (b + 1) / buckets;
        if (begin >= end)
            continue;
        qsizetype low = begin;
        qsizetype high = begin;
        for (qsizetype i = begin + 1; i < end; ++i) {
            if (points.at(i).y() < points.at(low).y())
                low = i;
            if (points.at(i).y() > points.at(high).y())
                high = i;
        }
        out.push_back(points.at(std::min(low, high)));
        if (low != high)
            out.push_back(points.at(std::max(low, high)));
    }
    return out;
}

void DpPlotView::setLines(const QVector<DpPlotLine>& lines)
{
    QChart* chart = this->chart();
    while (m_lines.size() > lines.size()) {
        QLineSeries* gone = m_lines.takeLast();
        chart->removeSeries(gone);
        delete gone;
    }
    while (m_lines.size() < lines.size()) {
        auto* line = new QLineSeries;
        chart->addSeries(line);
        line->attachAxis(m_time);
        line->attachAxis(m_value);
        m_lines.push_back(line);
    }
    double minX = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double minY = minX;
    double maxY = maxX;
    for (int i = 0; i < lines.size(); ++i) {
        const QVector<QPointF> points = thin(lines.at(i).points, kMaxPointsPerLine);
        for (const QPointF& p : points) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
        m_lines.at(i)->setName(lines.at(i).name);
        m_lines.at(i)->setPointsVisible(points.size() <= kMarkedPoints);
        m_lines.at(i)->replace(points);
    }
    const bool anyPoint = minX <= maxX;
    if (!anyPoint) {
        minX = 0;
        maxX = 1;
        minY = 0;
        maxY = 1;
    }
    if (maxX - minX <= 0)
        maxX = minX + 1;
    if (maxY - minY <= 0) {
        minY -= 1;
        maxY += 1;
    }
    const double pad = (maxY - minY) * 0.05;
    m_time->setRange(minX, maxX);
    m_value->setRange(minY - pad, maxY + pad);
    m_value->applyNiceNumbers(); // round tick labels (24.3, 24.4 rather than 24.2853)
    chart->legend()->setVisible(!lines.isEmpty());
    if (lines.isEmpty())
        chart->setTitle(tr("Check numeric dps in the table to plot them"));
    else if (!anyPoint)
        chart->setTitle(tr("The checked dps have no timed values (the capture carries no times)"));
    else
        chart->setTitle(QString());
}

} // namespace tuyascope::ui
