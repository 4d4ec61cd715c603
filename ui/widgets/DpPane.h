#pragma once
// The dpId pane: the document's dp table (names, scales, units, roles and enum labels editable,
// kept in the capture's sidecar file) above a plot of the checked numeric dps over time. Both
// follow a live session; the plot is redrawn at most kReplotsPerSecond times a second. The
// mapping actions (accept inferred roles, import a mapping, export one) are in the pane's tool
// bar and exposed as QActions so the window can put them into a menu too.
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTableView;

namespace tuyascope::ui {

class CaptureDocument;
class DpPlotView;
class DpTableModel;
class MappingExportDialog;

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

    // Enabled while a document is shown.
    QAction* acceptSuggestionsAction() const { return m_acceptSuggestions; } // best roles >= kMinConfidenceForMapping
    QAction* importMappingAction() const { return m_importMapping; }         // file dialog, then importMappingFile
    QAction* exportMappingAction() const { return m_exportMapping; }         // openExportDialog

    // The row's context menu (source row of the model): "Accept: role ×scale unit (NN%)" per
    // inferred role, "Clear role" when the user set one, and "Accept confident suggestions".
    // The caller owns the menu.
    QMenu* contextMenuForRow(int sourceRow);
    // Imports a mapping file into the labels; the outcome (format, dps, notes) goes to the status
    // line. False when the file does not read or is no usable mapping (labels untouched).
    bool importMappingFile(const QString& path);
    // Shows the export dialog (non-modal, deleted on close) for the current mapping.
    MappingExportDialog* openExportDialog();

signals:
    void dpActivated(const QString& dpId); // double-click or Enter on a read-only cell
    void labelsError(const QString& message);

private:
    void scheduleReplot();
    void replot();
    void showError(const QString& message);
    void showStatus(const QString& text);
    void updateActions();
    void acceptConfident();
    void importMappingWithDialog();
    void showContextMenu(const QPoint& position);

    DpTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QLabel* m_status;
    QTableView* m_table;
    DpPlotView* m_plot;
    QTimer m_replot;
    QAction* m_acceptSuggestions;
    QAction* m_importMapping;
    QAction* m_exportMapping;
    QString m_lastError; // of the model, during an import
};

} // namespace tuyascope::ui
