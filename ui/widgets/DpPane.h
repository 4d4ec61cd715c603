#pragma once
// The dpId pane: the document's dp table (names, scales, units, roles and enum labels editable,
// kept in the capture's sidecar file) above a plot of the checked numeric dps over time. Both
// follow a live session; the plot is redrawn at most kReplotsPerSecond times a second. Above
// the table, the device models the capture looks like. The mapping actions (accept inferred
// roles, apply the device model, "I just did ...", import a mapping, export one) are in the pane's
// tool bar and exposed as QActions / a QMenu so the window can put them into a menu too.
#include "dpmap/GuidedMapping.h"

#include <QTimer>
#include <QVector>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace tuyascope::ui {

class CaptureDocument;
class DpPlotView;
class DpTableModel;
class MappingExportDialog;

class DpPane : public QWidget {
    Q_OBJECT
public:
    static constexpr int kReplotsPerSecond = 4;
    // "I just did ..." looks this far back: before now (live), or before the selected frame or
    // the end of a saved capture.
    static constexpr int kGuidedWindowSeconds = 10;

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
    QAction* applyModelAction() const { return m_applyModel; }               // the best matching model's labels (needs a match)
    QMenu* justDidMenu() const { return m_justDid; }                          // "I just did ...": one action per dpmap::userActions()

    // "looks like: Thermostat — Hysen HY101RF, 0.93 (by product id)"; its tooltip has the top
    // three matches with their evidence. Hidden without a document.
    QLabel* looksLikeLabel() const { return m_looksLike; }

    // What "I just did <action>" does: highlights the dps that changed in the kGuidedWindowSeconds
    // before now / the selected frame / the end, and proposes the best candidate's label in the
    // status line with an Accept button (its menu offers every candidate).
    QVector<dpmap::ActionCandidate> proposeFromAction(const QString& actionKey);
    const QVector<dpmap::ActionCandidate>& proposal() const { return m_proposal; }
    QToolButton* acceptProposalButton() const { return m_acceptProposal; }
    bool acceptProposal(int index = 0); // writes the candidate's name and role into the labels
    // The frame the window shows (source row; -1: none); a saved capture's "I just did" ends there.
    void setSelectedFrame(int sourceRow);

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
    void scheduleLooksLike();
    void updateLooksLike();
    void applyModel();
    void dropProposal();

    DpTableModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QLabel* m_status;
    QTableView* m_table;
    DpPlotView* m_plot;
    QTimer m_replot;
    QAction* m_acceptSuggestions;
    QAction* m_importMapping;
    QAction* m_exportMapping;
    QAction* m_applyModel;
    QMenu* m_justDid;
    QLabel* m_looksLike;
    QToolButton* m_acceptProposal;
    QTimer m_looksLikeRefresh;
    QVector<dpmap::ActionCandidate> m_proposal;
    int m_selectedFrame = -1;
    QString m_lastError; // of the model, during an import
};

} // namespace tuyascope::ui
