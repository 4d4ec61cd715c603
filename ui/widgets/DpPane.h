#pragma once
// The dpId pane: the document's dp table (names, scales and units editable, kept in the
// capture's sidecar file) above a plot of the checked numeric dps over time. Both follow a live
// session; the plot is redrawn at most kReplotsPerSecond times a second.
#include <QTimer>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace tuyascope::ui {

class CaptureDocument;
class DpPlotView;
class DpTableModel;

class DpPane : public QWidget {
    Q_OBJECT
public:
    static constexpr int kReplotsPerSecond = 4;

    explicit DpPane(QWidget* parent = nullptr);

    void setDocument(CaptureDocument* document); // clears the labels; call setSidecarPath after
    // Where the document's dp labels are kept (see DpTableModel::setSidecarPath); "" = memory only.
    void setSidecarPath(const QString& path);
    // The sidecar a document would use: beside its first file, or beside a live session's autosave
    // file ("" when it has none yet).
    static QString defaultSidecarPath(const CaptureDocument* document);

    DpTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    DpPlotView* plot() const { return m_plot; }
    QString statusText() const;

signals:
    void dpActivated(const QString& dpId); // double-click or Enter on a read-only cell
    void labelsError(const QString& message);

private:
    void scheduleReplot();
    void replot();
    void showError(const QString& message);

    DpTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QLabel* m_status;
    QTableView* m_table;
    DpPlotView* m_plot;
    QTimer m_replot;
};

} // namespace tuyascope::ui
