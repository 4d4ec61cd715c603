#pragma once
// The dp table of one document (file or live session), one row per dp in order of first
// appearance, plus what the user says about each dp (name, scale, unit: DpLabels, kept in the
// capture's sidecar file). Rows appear and update as the document's DpTracker grows. The dpId
// column is checkable for numeric dps: the checked dps are the ones the pane plots.
#include "dptable/DpLabels.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>

namespace tuyascope {
struct DpSeries;
}

namespace tuyascope::ui {

class CaptureDocument;

class DpTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Name, Type, Count, Distinct, Min, Max, Last, Writes, Reports, Scale, Unit, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers sort as numbers (dp ids too)
        DpIdRole,                    // the row's dp id, any column
    };

    explicit DpTableModel(QObject* parent = nullptr);

    void setDocument(CaptureDocument* document); // clears the labels and the sidecar path
    CaptureDocument* document() const;

    // Where the labels live. An existing sidecar replaces the labels; when there is none yet, the
    // labels edited so far are written there. Returns false (and emits labelsError) when the file
    // does not read; the labels are then kept in memory only, and the file is left alone.
    bool setSidecarPath(const QString& path);
    QString sidecarPath() const { return m_sidecarPath; }
    const DpLabels& labels() const { return m_labels; }

    const DpSeries* seriesAt(int row) const;
    int rowOfDp(const QString& dpId) const; // -1: not in the table (yet)
    QStringList plottedDps() const;         // checked dp ids, in row order
    void setPlotted(const QString& dpId, bool plotted);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void labelsError(const QString& message); // a sidecar that does not read or cannot be written
    void plottedChanged();
    void labelsChanged(const QString& dpId);  // name, scale or unit of this dp changed

private:
    void dpsChanged(const QVector<int>& series);
    void labelEdited(const QString& dpId);
    QVariant display(const DpSeries& series, int column) const;

    QPointer<CaptureDocument> m_document;
    int m_rows = 0; // rows published (the tracker may hold more until dpsChanged arrives)
    DpLabels m_labels;
    QString m_sidecarPath;
    bool m_sidecarWritable = true;
    QSet<QString> m_plotted;
};

} // namespace tuyascope::ui
