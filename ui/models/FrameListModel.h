#pragma once
// The capture list: a virtual table over a core FrameTable. No widget and no stored text per row:
// cheap columns come from the frame's light facts, the others from a summary computed when a row
// is first shown and kept in a bounded cache. New frames (live sessions) and filter results are
// published in one insert per event-loop turn, and a filter walks the table in short slices so
// the window stays responsive on a million frames.
#include "frames/FrameSummary.h"
#include "frames/FrameTable.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QElapsedTimer>
#include <QTimer>

#include <functional>

namespace tuyascope::ui {

class FrameListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Time, Dir, Protocol, Version, Command, Length, Dps, Info, Status, ColumnCount };
    enum class TimeFormat { Absolute, Relative, Delta };
    enum Role { SourceRowRole = Qt::UserRole + 1, BadRole, SeverityRole };

    explicit FrameListModel(QObject* parent = nullptr);

    // The table must outlive the model or be replaced before it dies; null empties the list.
    void setTable(const FrameTable* table);
    const FrameTable* table() const { return m_table; }
    // The table grew (live): the new rows appear in one insert, at most every 50 ms (each insert
    // repaints the views), else at the next event-loop turn.
    void noteFramesAppended();

    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return m_timeFormat; }

    // Rows shown: those the predicate accepts (null: all). Evaluated in slices; see filtering().
    using Predicate = std::function<bool(int sourceRow)>;
    void setPredicate(Predicate predicate);
    bool filtering() const { return m_scanned < sourceCount(); }
    int sourceRow(int row) const { return m_predicate ? m_visible.at(row) : row; }
    int rowOfSource(int sourceRow) const; // -1 when hidden
    FrameSummary summary(int sourceRow) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void scanProgress(int scanned, int total);
    void scanFinished(int shown, int total);

private:
    int sourceCount() const { return m_table ? m_table->frameCount() : 0; }
    void scheduleScan();
    void scan();
    QString timeText(int sourceRow, const FrameFacts& facts) const;
    QVariant background(const FrameFacts& facts, const FrameSummary& summary) const;

    const FrameTable* m_table = nullptr;
    TimeFormat m_timeFormat = TimeFormat::Absolute;
    Predicate m_predicate;
    QVector<int> m_visible;   // with a predicate: accepted source rows, ascending
    int m_shown = 0;          // without a predicate: source rows published
    int m_scanned = 0;        // source rows the scan has looked at
    qint64 m_firstTimeUs;     // of the first frame with a time
    QTimer m_scanTimer;
    QElapsedTimer m_published; // last publish of live rows (they are throttled)
    mutable QCache<int, FrameSummary> m_summaries{4096};
};

} // namespace tuyascope::ui
