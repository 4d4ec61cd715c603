#pragma once
// The capture list pane: a filter box above a table of frames. It shows whether the filter text is
// valid (the window decides that with the core's parser) and follows new frames at the bottom,
// pausing while the user has scrolled up.
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QAbstractItemModel;

namespace tuyascope::ui {

class CaptureListView : public QWidget {
    Q_OBJECT
public:
    explicit CaptureListView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    // Marks the filter text valid or not (error shown as tooltip and in the status label).
    void showFilterState(bool valid, const QString& error, int position);
    void setStatusText(const QString& text);
    bool autoScroll() const { return m_followTail; }

signals:
    void filterEdited(const QString& text);   // Enter or a pause in typing
    void rowActivated(int row);               // current row changed (view row)

private:
    void rowsAboutToBeInserted();
    void rowsInserted();

    QLineEdit* m_filter;
    QLabel* m_status;
    QTableView* m_table;
    bool m_followTail = true;
    bool m_wasAtBottom = true;
};

} // namespace tuyascope::ui
