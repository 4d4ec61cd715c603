#include "mainwindow/MainWindow.h"

#include "document/CaptureDocument.h"
#include "document/CaptureOpener.h"
#include "frames/FrameFilter.h"
#include "hexview/HexSourceTabs.h"
#include "import/CaptureLoader.h"
#include "keys/KeyStore.h"
#include "knowledge/DeviceKnowledge.h"
#include "keys/KeyStoreFile.h"
#include "live/Autosave.h"
#include "mainwindow/WindowSettings.h"
#include "models/FieldTreeModel.h"
#include "models/FrameListModel.h"
#include "pcapng/PcapngWriter.h"
#include "sessions/DemoSession.h"
#include "simulator/DeviceProfile.h"
#include "widgets/CaptureListView.h"
#include "widgets/DiagnosticsPane.h"
#include "widgets/DpPane.h"
#include "widgets/SendPanel.h"
#include "dialogs/DiscoveryDialog.h"
#include "dialogs/ExportDialog.h"
#include "widgets/ExamplesMenu.h"
#include "dialogs/LanDeviceDialog.h"
#include "dialogs/LanSimulatorDialog.h"
#include "dialogs/McuSimulatorDialog.h"
#include "dialogs/SerialHostDialog.h"
#include "dialogs/SerialSniffDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include <utility>

namespace tuyascope::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("TuyaScope"));
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createPanes();
    createActions();
    restoreLayout();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Documents stop their live sessions, which still signal: end them while the window is whole,
    // and first make the list forget the table that is going away.
    m_listModel->setTable(nullptr);
    m_diagnostics->setDocument(nullptr);
    m_dps->setDocument(nullptr);
    m_send->setSession(nullptr);
    m_send->setDpTracker(nullptr);
    const QVector<CaptureDocument*> documents = std::exchange(m_documents, {});
    m_current = nullptr;
    for (CaptureDocument* document : documents) {
        if (document->session())
            document->session()->disconnect(this);
        document->disconnect(this);
        delete document;
    }
}

QDockWidget* MainWindow::addPane(const QString& title, const QString& objectName, QWidget* widget, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createPanes()
{
    m_listModel = new FrameListModel(this);
    m_list = new CaptureListView(this);
    m_list->setModel(m_listModel);
    setCentralWidget(m_list);

    m_treeModel = new FieldTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("fieldTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(0, 220);
    m_hex = new HexSourceTabs(this);
    m_hex->setObjectName(QStringLiteral("hexTabs"));

    QDockWidget* details = addPane(tr("Details"), QStringLiteral("detailsDock"), m_tree, Qt::BottomDockWidgetArea);
    QDockWidget* bytes = addPane(tr("Bytes"), QStringLiteral("bytesDock"), m_hex, Qt::BottomDockWidgetArea);
    splitDockWidget(details, bytes, Qt::Horizontal);
    resizeDocks({details, bytes}, {1, 1}, Qt::Horizontal);
    resizeDocks({details}, {260}, Qt::Vertical);

    m_diagnostics = new DiagnosticsPane(this);
    m_diagnostics->setObjectName(QStringLiteral("diagnosticsPane"));
    m_dps = new DpPane(this);
    m_dps->setObjectName(QStringLiteral("dpPane"));
    m_send = new SendPanel(this);
    m_send->setObjectName(QStringLiteral("sendPanel"));
    QDockWidget* diagnostics = addPane(tr("Diagnostics"), QStringLiteral("diagnosticsDock"), m_diagnostics, Qt::RightDockWidgetArea);
    QDockWidget* dps = addPane(tr("dpIds"), QStringLiteral("dpDock"), m_dps, Qt::RightDockWidgetArea);
    QDockWidget* send = addPane(tr("Send"), QStringLiteral("sendDock"), m_send, Qt::RightDockWidgetArea);
    tabifyDockWidget(diagnostics, dps);
    splitDockWidget(dps, send, Qt::Vertical);
    dps->raise();
    resizeDocks({dps}, {460}, Qt::Horizontal);

    // Selection: list -> frame; tree or hex -> field. The window fans both out.
    connect(m_list, &CaptureListView::rowActivated, this, [this](int row) { selectFrame(m_listModel->sourceRow(row)); });
    connect(m_list, &CaptureListView::filterEdited, this, &MainWindow::applyFilterText);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        int field = m_treeModel->fieldAt(current);
        if (field < 0) // a diagnostic row: its field
            field = current.data(FieldTreeModel::FieldRole).isValid() ? current.data(FieldTreeModel::FieldRole).toInt() : -1;
        selectField(field, m_tree);
    });
    connect(m_hex, &HexSourceTabs::byteActivated, this, [this](int source, int offset) {
        selectField(m_treeModel->dissection().deepestFieldAt(source, offset), m_hex);
    });
    connect(this, &MainWindow::fieldSelected, this, [this](int field, int source, int offset, int length, QObject* origin) {
        if (origin != m_hex && field >= 0)
            m_hex->setMarking(source, offset, length);
        if (origin != m_tree) {
            const QModelIndex index = m_treeModel->indexOfField(field);
            if (index.isValid()) {
                const QSignalBlocker block(m_tree->selectionModel());
                m_tree->setCurrentIndex(index);
                m_tree->scrollTo(index);
            }
        }
        if (origin == m_hex && field >= 0)
            m_hex->setMarking(source, offset, length);
    });
    connect(this, &MainWindow::frameSelected, m_dps, &DpPane::setSelectedFrame); // "I just did" on a saved capture
    connect(this, &MainWindow::frameSelected, this, [this](int row) {
        if (!m_current || row < 0) {
            m_treeModel->setDissection(Dissection());
            m_hex->setSources({});
            return;
        }
        const Dissection d = m_current->frames().dissect(row);
        m_treeModel->setDissection(d);
        m_tree->expandToDepth(0);
        m_hex->setSources(d.sources());
    });
    connect(m_diagnostics, &DiagnosticsPane::diagnosticActivated, this, [this](int sourceRow, int field) {
        const int viewRow = m_listModel->rowOfSource(sourceRow);
        if (viewRow >= 0) {
            const QModelIndex index = m_listModel->index(viewRow, 0);
            m_list->table()->setCurrentIndex(index); // rowActivated -> selectFrame
            m_list->table()->scrollTo(index);
        }
        if (m_selectedFrame != sourceRow) // filtered out of the list: show it anyway
            selectFrame(sourceRow);
        selectField(field, m_diagnostics);
    });
    connect(m_dps, &DpPane::dpActivated, this, [this](const QString& dpId) {
        const QString text = QStringLiteral("dp.id == %1").arg(dpId);
        m_list->filterEdit()->setText(text);
        applyFilterText(text);
    });
    connect(m_dps, &DpPane::labelsError, this, [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_send, &SendPanel::sendFailed, this,
            [this](const QString& message) { statusBar()->showMessage(tr("send: %1").arg(message), 10000); });
    connect(this, &MainWindow::currentDocumentChanged, this, [this](CaptureDocument* document) {
        m_diagnostics->setDocument(document);
        m_dps->setDocument(document);
        m_dps->setSidecarPath(DpPane::defaultSidecarPath(document));
        m_send->setSession(document ? document->session() : nullptr);
        m_send->setDpTracker(document ? &document->dps() : nullptr);
    });
    connect(m_listModel, &FrameListModel::rowsInserted, this, &MainWindow::updateStatus);
    connect(m_listModel, &FrameListModel::modelReset, this, &MainWindow::updateStatus);
    connect(m_listModel, &FrameListModel::scanProgress, this, [this](int scanned, int total) {
        m_list->setStatusText(tr("filtering… %1%").arg(total > 0 ? qint64(scanned) * 100 / total : 100));
    });
    connect(m_listModel, &FrameListModel::scanFinished, this, [this](int shown, int total) {
        m_list->setStatusText(shown == total ? QString() : tr("%1 of %2 shown").arg(shown).arg(total));
    });

    m_frameCount = new QLabel(this);
    m_errorCount = new QLabel(this);
    m_sessionState = new QLabel(this);
    statusBar()->addWidget(m_frameCount);
    statusBar()->addWidget(m_errorCount);
    statusBar()->addPermanentWidget(m_sessionState);
    // The background pass over a file (dp table, diagnostics): progress, and a way to stop it.
    m_analysis = new QProgressBar(this);
    m_analysis->setMaximumWidth(160);
    m_analysis->setFormat(tr("analysing %p%"));
    m_analysis->hide();
    m_stopAnalysis = new QToolButton(this);
    m_stopAnalysis->setText(tr("Stop"));
    m_stopAnalysis->setToolTip(tr("Stop building the dp table and the diagnostics list for this capture"));
    m_stopAnalysis->hide();
    statusBar()->addPermanentWidget(m_analysis);
    statusBar()->addPermanentWidget(m_stopAnalysis);
    connect(m_stopAnalysis, &QToolButton::clicked, this, [this] {
        if (m_current)
            m_current->cancelAnalysis();
        m_analysis->hide();
        m_stopAnalysis->hide();
    });
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    QAction* saveAs = file->addAction(tr("Save &As pcapng…"), this, &MainWindow::saveAsPcapng);
    saveAs->setShortcut(QKeySequence::SaveAs);
    QAction* exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportFrames);
    exportAction->setShortcut(tr("Ctrl+E"));
    file->addSeparator();
    QAction* close = file->addAction(tr("&Close Capture"), this, [this] {
        if (!m_current)
            return;
        CaptureDocument* doc = m_current;
        m_send->setDpTracker(nullptr);
        m_documents.removeAll(doc);
        setCurrentDocument(m_documents.isEmpty() ? nullptr : m_documents.last());
        m_documentBox->removeItem(m_documentBox->findData(QVariant::fromValue<QObject*>(doc)));
        doc->deleteLater();
    });
    close->setShortcut(QKeySequence::Close);
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    createCaptureMenu();

    // The dp pane's mapping actions, also reachable from its own tool bar and context menu.
    QMenu* dps = menuBar()->addMenu(tr("&dpIds"));
    dps->addAction(m_dps->acceptSuggestionsAction());
    dps->addAction(m_dps->applyModelAction());
    dps->addMenu(m_dps->justDidMenu());
    dps->addSeparator();
    dps->addAction(m_dps->importMappingAction());
    dps->addAction(m_dps->exportMappingAction());

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* time = m_viewMenu->addMenu(tr("&Time Format"));
    m_timeFormats = new QActionGroup(this);
    const std::pair<QString, FrameListModel::TimeFormat> formats[] = {
        {tr("&Absolute"), FrameListModel::TimeFormat::Absolute},
        {tr("&Relative to the First Frame"), FrameListModel::TimeFormat::Relative},
        {tr("&Delta to the Previous Frame"), FrameListModel::TimeFormat::Delta}};
    for (const auto& [label, format] : formats) {
        QAction* a = time->addAction(label);
        a->setCheckable(true);
        a->setData(int(format));
        a->setChecked(format == m_listModel->timeFormat());
        m_timeFormats->addAction(a);
    }
    connect(m_timeFormats, &QActionGroup::triggered, this, [this](QAction* a) {
        m_listModel->setTimeFormat(FrameListModel::TimeFormat(a->data().toInt()));
        WindowSettings::setTimeFormat(a->data().toInt());
    });
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Demo (live, simulated thermostat)"), this, &MainWindow::startDemo);
    auto* examples = new ExamplesMenu(help);
    help->addMenu(examples);
    connect(examples, &ExamplesMenu::openRequested, this, [this](const QStringList& paths) { openFiles(paths); });
    examples->addSeparator();
    examples->addAction(tr("HY609 thermostat (MCU line, seed capture)"), this,
                        [this] { openResource(QStringLiteral(":/tuyascope/captures/hy609-thermostat.txt")); });
    help->addSeparator();
    help->addAction(tr("&About TuyaScope"), this, [this] {
        const knowledge::DeviceKnowledge& knowledge = knowledge::DeviceKnowledge::bundled();
        const QString figures = knowledge.isLoaded()
                                    ? tr("Device knowledge base: %1 models, %2 dps, %3 product ids.")
                                          .arg(knowledge.models().size())
                                          .arg(knowledge.dpCount())
                                          .arg(knowledge.productCount())
                                    : tr("Device knowledge base: not available in this build.");
        // Not QMessageBox::about: the licence notice is long, so it goes into the details text.
        QMessageBox box(QMessageBox::Information, tr("About TuyaScope"),
                        tr("<b>TuyaScope %1</b><p>Capture, dissect, map and drive Tuya devices: the TuyaMCU "
                           "UART and the Tuya LAN protocol.</p><p>%2</p>")
                            .arg(QStringLiteral(TUYASCOPE_VERSION), figures.toHtmlEscaped()),
                        QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("aboutBox"));
        box.setDetailedText(figures + QStringLiteral("\n\n") + knowledge::DeviceKnowledge::licenseNotice());
        box.exec();
    });

    QToolBar* bar = addToolBar(tr("Captures"));
    bar->setObjectName(QStringLiteral("capturesToolBar"));
    bar->addAction(open);
    bar->addWidget(new QLabel(tr(" Capture: "), bar));
    m_documentBox = new QComboBox(bar);
    m_documentBox->setObjectName(QStringLiteral("documentBox"));
    m_documentBox->setMinimumContentsLength(40);
    m_documentBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    bar->addWidget(m_documentBox);
    connect(m_documentBox, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        setCurrentDocument(qobject_cast<CaptureDocument*>(m_documentBox->itemData(index).value<QObject*>()));
    });
}

void MainWindow::createCaptureMenu()
{
    QMenu* capture = menuBar()->addMenu(tr("&Capture"));
    const auto openWith = [this](auto makeDialog) {
        return [this, makeDialog] {
            auto dialog = makeDialog(this);
            if (dialog->exec() == QDialog::Accepted)
                if (LiveSession* session = dialog->createSession())
                    addLiveSession(session);
        };
    };
    capture->addAction(tr("Serial &Host (TuyaScope is the Wi-Fi module)…"), this,
                       openWith([](QWidget* p) { return std::make_unique<SerialHostDialog>(p); }));
    capture->addAction(tr("Serial &Sniff (two ports)…"), this,
                       openWith([](QWidget* p) { return std::make_unique<SerialSniffDialog>(p); }));
    capture->addAction(tr("&MCU Simulator…"), this, openWith([](QWidget* p) { return std::make_unique<McuSimulatorDialog>(p); }));
    capture->addSeparator();
    capture->addAction(tr("&LAN Device…"), this, openWith([](QWidget* p) { return std::make_unique<LanDeviceDialog>(p); }));
    capture->addAction(tr("LAN S&imulator…"), this, openWith([](QWidget* p) { return std::make_unique<LanSimulatorDialog>(p); }));
    capture->addAction(tr("&Discover LAN Devices…"), this, openWith([](QWidget* p) { return std::make_unique<DiscoveryDialog>(p); }));
    capture->addSeparator();
    capture->addAction(tr("S&top"), this, [this] {
        if (m_current && m_current->session())
            m_current->session()->stop();
    });
}

bool MainWindow::openFiles(const QStringList& paths, bool quiet)
{
    if (paths.isEmpty())
        return false;
    keys::KeyStore keys;
    keys::KeyStoreFile().load(keys);
    OpenedCapture opened = openCaptureFiles(paths, keys, this);
    if (!opened.ok) {
        if (!quiet && !opened.cancelled)
            QMessageBox::warning(this, tr("Open"), opened.error);
        statusBar()->showMessage(opened.error, 10000);
        return false;
    }
    QStringList names;
    for (const QString& p : paths)
        names << QFileInfo(p).fileName();
    auto frames = std::move(opened.frames);
    addDocument(new CaptureDocument(std::move(frames), names.join(QStringLiteral(" + ")), paths, this));
    if (!paths.first().startsWith(QLatin1Char(':')))
        rememberRecent(paths);
    return true;
}

bool MainWindow::openResource(const QString& resourcePath, bool quiet)
{
    return openFiles({resourcePath}, quiet);
}

void MainWindow::addLiveSession(LiveSession* session)
{
    auto* document = new CaptureDocument(session, this);
    addDocument(document);
    connect(session, &LiveSession::stateChanged, this, &MainWindow::updateStatus);
    QString error;
    if (!session->startAutosave(Autosave::defaultDirectory(), QStringLiteral("live"), &error))
        statusBar()->showMessage(tr("autosave: %1").arg(error), 10000);
    else if (document == m_current) // the dp labels of a live session live beside its autosave file
        m_dps->setSidecarPath(DpPane::defaultSidecarPath(document));
    session->start();
}

void MainWindow::startDemo()
{
    DeviceProfile profile;
    QString error;
    if (!loadDeviceProfile(QStringLiteral("hy609-thermostat"), profile, &error)) {
        QMessageBox::warning(this, tr("Demo"), error);
        return;
    }
    addLiveSession(new DemoSession(profile));
}

void MainWindow::addDocument(CaptureDocument* document)
{
    m_documents.push_back(document);
    m_documentBox->addItem(document->title(), QVariant::fromValue<QObject*>(document));
    connect(document, &CaptureDocument::framesAppended, m_listModel, [this, document] {
        if (document == m_current)
            m_listModel->noteFramesAppended();
    });
    connect(document, &CaptureDocument::diagnosticsAppended, this, &MainWindow::updateStatus);
    connect(document, &CaptureDocument::analysisProgress, this, [this, document](int done, int total) {
        if (document != m_current)
            return;
        const bool running = done < total && !document->isLive();
        m_analysis->setVisible(running);
        m_stopAnalysis->setVisible(running);
        m_analysis->setRange(0, qMax(1, total));
        m_analysis->setValue(done);
    });
    connect(document, &CaptureDocument::dpsChanged, m_send, [this, document] {
        if (document == m_current)
            m_send->refreshDps();
    });
    setCurrentDocument(document);
}

void MainWindow::setCurrentDocument(CaptureDocument* document)
{
    m_current = document;
    m_selectedFrame = -1;
    m_listModel->setTable(document ? &document->frames() : nullptr);
    if (!m_filter.isEmpty() && document) {
        const FrameTable* table = &document->frames();
        const filter::Filter f = m_filter;
        m_listModel->setPredicate([table, f](int row) { return frameMatches(*table, row, f); });
    }
    if (document)
        m_documentBox->setCurrentIndex(m_documentBox->findData(QVariant::fromValue<QObject*>(document)));
    setWindowTitle(document ? QStringLiteral("%1 — TuyaScope").arg(document->title()) : QStringLiteral("TuyaScope"));
    m_analysis->setVisible(document && !document->isLive() && document->analysing());
    m_stopAnalysis->setVisible(m_analysis->isVisible());
    emit frameSelected(-1);
    emit currentDocumentChanged(document);
    updateStatus();
}

void MainWindow::selectFrame(int sourceRow)
{
    if (!m_current || sourceRow >= m_current->frames().frameCount())
        sourceRow = -1;
    m_selectedFrame = sourceRow;
    emit frameSelected(sourceRow);
}

void MainWindow::selectField(int field, QObject* origin)
{
    const Dissection& d = m_treeModel->dissection();
    if (field < 0 || field >= d.fields().size()) {
        emit fieldSelected(-1, 0, 0, 0, origin);
        return;
    }
    const Field& f = d.field(field);
    emit fieldSelected(field, f.source, f.offset, f.length, origin);
}

void MainWindow::applyFilterText(const QString& text)
{
    const filter::FilterParseResult parsed = filter::parseFilter(text);
    m_list->showFilterState(parsed.ok, parsed.error, parsed.position);
    if (!parsed.ok)
        return; // the last valid filter stays in force
    m_filter = parsed.filter;
    if (!m_current)
        return;
    if (m_filter.isEmpty()) {
        m_listModel->setPredicate(nullptr);
        return;
    }
    const FrameTable* table = &m_current->frames();
    const filter::Filter f = m_filter;
    m_listModel->setPredicate([table, f](int row) { return frameMatches(*table, row, f); });
}

void MainWindow::updateStatus()
{
    if (!m_current) {
        m_frameCount->setText(tr("No capture"));
        m_errorCount->clear();
        m_sessionState->clear();
        return;
    }
    const int total = m_current->frames().frameCount();
    m_frameCount->setText(m_listModel->rowCount() == total ? tr("Frames: %1").arg(total)
                                                           : tr("Frames: %1 (%2 shown)").arg(total).arg(m_listModel->rowCount()));
    int errors = 0;
    int warnings = 0;
    for (const DiagnosticEntry& e : m_current->diagnostics()) {
        errors += e.severity >= Severity::Error ? 1 : 0;
        warnings += e.severity == Severity::Warning ? 1 : 0;
    }
    m_errorCount->setText(tr("Errors: %1  Warnings: %2").arg(errors).arg(warnings));
    if (LiveSession* s = m_current->session())
        m_sessionState->setText(tr("%1: %2").arg(s->title(), s->stateText()));
    else
        m_sessionState->clear();
}

void MainWindow::openDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open captures (several files are merged: e.g. an RX and a TX dump)"), WindowSettings::lastDirectory(),
        tr("Captures (*.pcapng *.pcap *.txt *.log *.bin *.csv *.json);;All files (*)"));
    if (paths.isEmpty())
        return;
    WindowSettings::setLastDirectory(QFileInfo(paths.first()).absolutePath());
    openFiles(paths);
}

void MainWindow::saveAsPcapng()
{
    if (!m_current)
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save capture as pcapng"), WindowSettings::lastDirectory(),
                                                tr("pcapng (*.pcapng)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".pcapng")))
        path += QStringLiteral(".pcapng");
    QString error;
    if (!writePcapngFile(m_current->capture(), path, &error))
        QMessageBox::warning(this, tr("Save"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::exportFrames()
{
    if (!m_current)
        return;
    const QVector<int> displayed = displayedSourceRows(*m_listModel);
    const QVector<int> selected = selectedSourceRows(*m_listModel, m_list->table()->selectionModel()->selectedIndexes());
    const QString base = QDir(WindowSettings::lastDirectory()).filePath(QFileInfo(m_current->title()).completeBaseName());
    const QString written = runExportDialog(this, m_current->frames(), displayed, selected, base);
    if (!written.isEmpty()) {
        WindowSettings::setLastDirectory(QFileInfo(written).absolutePath());
        statusBar()->showMessage(tr("Exported %1").arg(written), 5000);
    }
}

void MainWindow::rememberRecent(const QStringList& paths)
{
    WindowSettings::addRecent(paths);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QVector<QStringList> recent = WindowSettings::recent();
    for (const QStringList& paths : recent) {
        QStringList names;
        for (const QString& p : paths)
            names << QFileInfo(p).fileName();
        m_recentMenu->addAction(names.join(QStringLiteral(" + ")), this, [this, paths] { openFiles(paths); })
            ->setToolTip(paths.join(QLatin1Char('\n')));
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreLayout()
{
    const int format = WindowSettings::timeFormat();
    for (QAction* a : m_timeFormats->actions())
        if (a->data().toInt() == format) {
            a->setChecked(true);
            m_listModel->setTimeFormat(FrameListModel::TimeFormat(format));
        }
    const QByteArray geometry = WindowSettings::geometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(WindowSettings::windowState());
}

void MainWindow::saveLayout()
{
    WindowSettings::setGeometry(saveGeometry());
    WindowSettings::setWindowState(saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openFiles(paths);
    }
}

} // namespace tuyascope::ui
