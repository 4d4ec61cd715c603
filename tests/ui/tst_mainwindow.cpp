// The window end to end, headless: open a capture, select frames and fields (tree <-> hex stay in
// step through the window), filter, run the live demo, and render it to a PNG.
#include "support/TestSupport.h"

#include "document/CaptureDocument.h"
#include "frames/FrameSummary.h"
#include "hexview/HexSourceTabs.h"
#include "hexview/HexView.h"
#include "mainwindow/MainWindow.h"
#include "models/FieldTreeModel.h"
#include "models/DpTableModel.h"
#include "models/FrameListModel.h"
#include "widgets/DpPane.h"
#include "widgets/SendPanel.h"
#include "widgets/CaptureListView.h"

#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace tuyascope;
using namespace tuyascope::ui;

namespace {

// The first frame (source row) with a dp unit, or -1.
int firstRowWithDps(const FrameTable& frames)
{
    for (int row = 0; row < frames.frameCount(); ++row)
        if (!dpUnitsOf(frames.dissect(row)).isEmpty())
            return row;
    return -1;
}

int childWithKey(const Dissection& d, int parent, const QString& key)
{
    for (int child : d.field(parent).children)
        if (d.field(child).key == key)
            return child;
    return -1;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and autosave stay out of the user's files
    }

    void openingAFileFillsTheList()
    {
        MainWindow window;
        QVERIFY(window.openFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))}, true));
        QVERIFY(window.currentDocument());
        const int frames = window.currentDocument()->frames().frameCount();
        QVERIFY(frames > 10);
        QTRY_COMPARE(window.frameListModel()->rowCount(), frames);
        QTRY_VERIFY(!window.currentDocument()->analysing()); // the background pass ends
        QVERIFY(!window.currentDocument()->dps().series().isEmpty());
        QVERIFY(!window.openFiles({QStringLiteral("/nonexistent/capture.txt")}, true));
        QCOMPARE(window.documents().size(), 1); // a failed open loses nothing

        // The dp pane's mapping actions are in the menu bar too, usable with a document open.
        const DpPane* pane = window.findChild<DpPane*>();
        QVERIFY(pane);
        QMenu* dpMenu = nullptr;
        for (QAction* top : window.menuBar()->actions())
            if (top->menu() && top->menu()->actions().contains(pane->exportMappingAction()))
                dpMenu = top->menu();
        QVERIFY(dpMenu);
        QVERIFY(dpMenu->actions().contains(pane->acceptSuggestionsAction()));
        QVERIFY(dpMenu->actions().contains(pane->importMappingAction()));
        QVERIFY(pane->exportMappingAction()->isEnabled());
    }

    void selectingAFieldMarksItsBytesAndAByteSelectsItsField()
    {
        MainWindow window;
        QVERIFY(window.openFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))}, true));
        QTRY_VERIFY(window.frameListModel()->rowCount() > 0);
        const int row = firstRowWithDps(window.currentDocument()->frames());
        QVERIFY(row >= 0);
        window.captureList()->table()->setCurrentIndex(window.frameListModel()->index(window.frameListModel()->rowOfSource(row), 0));
        QCOMPARE(window.selectedFrame(), row);
        const Dissection d = window.currentDocument()->frames().dissect(row);
        QCOMPARE(window.fieldTreeModel()->dissection().fields().size(), d.fields().size());
        QCOMPARE(window.hexTabs()->sourceCount(), int(d.sources().size()));

        // Tree -> hex: the dp value field's bytes are marked.
        const int unit = dpUnitsOf(d).at(0).field;
        const int value = childWithKey(d, unit, QStringLiteral("dp.value"));
        QVERIFY(value >= 0);
        window.fieldTree()->setCurrentIndex(window.fieldTreeModel()->indexOfField(value));
        const ByteRange marked = window.hexTabs()->view(0)->marking();
        QCOMPARE(marked.offset, d.field(value).offset);
        QCOMPARE(marked.length, d.field(value).length);

        // Hex -> tree: a click on the dp id byte selects the dp.id field (the deepest covering it).
        const int id = childWithKey(d, unit, QStringLiteral("dp.id"));
        emit window.hexTabs()->byteActivated(0, d.field(id).offset);
        QCOMPARE(window.fieldTreeModel()->fieldAt(window.fieldTree()->currentIndex()), id);
        QCOMPARE(window.hexTabs()->view(0)->marking().offset, d.field(id).offset);
        QCOMPARE(window.hexTabs()->view(0)->marking().length, d.field(id).length);
    }

    void filterShowsMatchingFramesAndKeepsTheLastValidOne()
    {
        MainWindow window;
        QVERIFY(window.openFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))}, true));
        const FrameTable& frames = window.currentDocument()->frames();
        QTRY_COMPARE(window.frameListModel()->rowCount(), frames.frameCount());
        int reports = 0;
        for (int row = 0; row < frames.frameCount(); ++row)
            reports += frames.facts(row).command == 0x07 ? 1 : 0;
        QVERIFY(reports > 0 && reports < frames.frameCount());

        QLineEdit* edit = window.captureList()->filterEdit();
        QTest::keyClicks(edit, QStringLiteral("cmd == 0x07"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_COMPARE(window.frameListModel()->rowCount(), reports);
        QVERIFY(edit->property("filterValid").toBool());

        edit->setText(QStringLiteral("cmd == "));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(!edit->property("filterValid").toBool());
        QVERIFY(!edit->toolTip().isEmpty());
        QCOMPARE(window.frameListModel()->rowCount(), reports); // the last valid filter stays

        edit->clear();
        QTRY_COMPARE(window.frameListModel()->rowCount(), frames.frameCount());
    }

    void demoRunsLiveAndRendersEveryPane()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.startDemo();
        CaptureDocument* demo = window.currentDocument();
        QVERIFY(demo && demo->isLive());
        QTRY_VERIFY_WITH_TIMEOUT(demo->frames().frameCount() >= 12, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(demo->dps().series().size() >= 3, 10000);
        QTRY_VERIFY(window.frameListModel()->rowCount() >= 12);
        const int row = firstRowWithDps(demo->frames());
        QVERIFY(row >= 0);
        window.captureList()->table()->setCurrentIndex(window.frameListModel()->index(window.frameListModel()->rowOfSource(row), 0));
        QVERIFY(window.fieldTreeModel()->rowCount() > 0);
        QVERIFY(window.hexTabs()->view(0)->data().size() > 0);
        QTRY_VERIFY(window.dpPane()->model()->rowCount() >= 3);   // the dp table fills live
        QVERIFY(window.sendPanel()->isEnabled());                  // a live session can send

        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo-window.png"));
        QVERIFY(shot.save(path));
        QVERIFY(QFileInfo(path).size() > 10000);
        if (!qEnvironmentVariableIsEmpty("TUYASCOPE_SCREENSHOT"))
            shot.save(qEnvironmentVariable("TUYASCOPE_SCREENSHOT"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
