#pragma once
// The TuyaScope window. It owns the open captures (files and live sessions) and the panes, and is
// the only place that connects them: selection flows through its two signals (frameSelected,
// fieldSelected) to every pane; no pane knows another.
#include "filter/Filter.h"

#include <QMainWindow>
#include <QStringList>

class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;
class QTreeView;

namespace tuyascope {
class HexSourceTabs;
class LiveSession;
}

namespace tuyascope::ui {

class CaptureDocument;
class CaptureListView;
class DiagnosticsPane;
class DpPane;
class FieldTreeModel;
class FrameListModel;
class SendPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens files as one capture (several files are merged: an RX and a TX dump become one
    // timeline). Errors are reported in a message box unless `quiet`; returns success.
    bool openFiles(const QStringList& paths, bool quiet = false);
    // Opens bundled data (":/..." resources) the same way.
    bool openResource(const QString& resourcePath, bool quiet = false);
    // Adds a live session as a capture and starts it.
    void addLiveSession(LiveSession* session);
    void startDemo();

    CaptureDocument* currentDocument() const { return m_current; }
    QVector<CaptureDocument*> documents() const { return m_documents; }
    void setCurrentDocument(CaptureDocument* document);
    // The frame shown in the tree and hex panes (source row), -1 when none.
    int selectedFrame() const { return m_selectedFrame; }

    // The panes, for tests and for the window's own wiring.
    CaptureListView* captureList() const { return m_list; }
    FrameListModel* frameListModel() const { return m_listModel; }
    QTreeView* fieldTree() const { return m_tree; }
    FieldTreeModel* fieldTreeModel() const { return m_treeModel; }
    HexSourceTabs* hexTabs() const { return m_hex; }
    DiagnosticsPane* diagnosticsPane() const { return m_diagnostics; }
    DpPane* dpPane() const { return m_dps; }
    SendPanel* sendPanel() const { return m_send; }

public slots:
    void selectFrame(int sourceRow);
    // `origin` is the pane the selection came from; panes ignore what they sent themselves.
    void selectField(int field, QObject* origin = nullptr);
    void applyFilterText(const QString& text);

signals:
    void frameSelected(int sourceRow);
    void fieldSelected(int field, int source, int offset, int length, QObject* origin);
    void currentDocumentChanged(tuyascope::ui::CaptureDocument* document);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createPanes();
    void createActions();
    void createCaptureMenu();
    void addDocument(CaptureDocument* document);
    void updateStatus();
    void rememberRecent(const QStringList& paths);
    void rebuildRecentMenu();
    void openDialog();
    void saveAsPcapng();
    void exportFrames();
    void restoreLayout();
    void saveLayout();
    QDockWidget* addPane(const QString& title, const QString& objectName, QWidget* widget, Qt::DockWidgetArea area);

    QVector<CaptureDocument*> m_documents;
    CaptureDocument* m_current = nullptr;
    CaptureListView* m_list = nullptr;
    FrameListModel* m_listModel = nullptr;
    QTreeView* m_tree = nullptr;
    FieldTreeModel* m_treeModel = nullptr;
    HexSourceTabs* m_hex = nullptr;
    DiagnosticsPane* m_diagnostics = nullptr;
    DpPane* m_dps = nullptr;
    SendPanel* m_send = nullptr;
    QComboBox* m_documentBox = nullptr;
    QLabel* m_frameCount = nullptr;
    QLabel* m_errorCount = nullptr;
    QLabel* m_sessionState = nullptr;
    QProgressBar* m_analysis = nullptr;
    QToolButton* m_stopAnalysis = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QActionGroup* m_timeFormats = nullptr;
    filter::Filter m_filter;            // the last valid filter
    int m_selectedFrame = -1;
};

} // namespace tuyascope::ui
