#pragma once
// The diagnostics pane: every diagnostic of the document as a tree (severity -> code -> frame),
// with the counts per severity in a line above it. Errors are expanded from the start. Activating
// a diagnostic (double-click or Enter) asks the window to select its frame and field.
#include <QWidget>

class QLabel;
class QModelIndex;
class QTreeView;

namespace tuyascope::ui {

class CaptureDocument;
class DiagnosticsModel;

class DiagnosticsPane : public QWidget {
    Q_OBJECT
public:
    explicit DiagnosticsPane(QWidget* parent = nullptr);

    void setDocument(CaptureDocument* document); // nullptr: empty
    DiagnosticsModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    QString summaryText() const;

signals:
    // sourceRow: the frame's row in the document's frames(); field: -1 for the whole frame.
    void diagnosticActivated(int sourceRow, int field);

private:
    void updateSummary();
    void expandErrors();
    void activate(const QModelIndex& index);

    DiagnosticsModel* m_model;
    QLabel* m_summary;
    QTreeView* m_tree;
};

} // namespace tuyascope::ui
