#pragma once
// A line chart of dp values over time (Qt Charts): one line per dp, x in seconds since the first
// frame, y the scaled value. Long series are thinned for display (min and max of each bucket, so
// spikes stay visible); the dp table keeps every sample.
#include <QChartView>
#include <QPointF>
#include <QVector>

class QLineSeries;
class QValueAxis;

namespace tuyascope::ui {

struct DpPlotLine {
    QString name;
    QVector<QPointF> points; // in time order
};

class DpPlotView : public QChartView {
    Q_OBJECT
public:
    static constexpr int kMaxPointsPerLine = 4000;
    static constexpr int kMarkedPoints = 60; // up to this many points per line, each gets a marker

    explicit DpPlotView(QWidget* parent = nullptr);

    void setLines(const QVector<DpPlotLine>& lines);
    QList<QLineSeries*> lines() const { return m_lines; }

    // At most maxPoints points: the first and last point of each bucket's min and max, in time order.
    static QVector<QPointF> thin(const QVector<QPointF>& points, int maxPoints);

private:
    QValueAxis* m_time;
    QValueAxis* m_value;
    QList<QLineSeries*> m_lines;
};

} // namespace tuyascope::ui
