// File ▸ Export…: the dialog's format list comes from the exporter registry, scopes without
// frames cannot be chosen, the extension follows the format, and the window's entry point writes
// the chosen rows (displayed and selected come from the list model) atomically.
#include "support/TestSupport.h"

#include "dialogs/ExportDialog.h"
#include "frames/CaptureFrames.h"
#include "import/CaptureLoader.h"
#include "models/FrameListModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace tuyascope;
using namespace tuyascope::ui;

namespace {

std::unique_ptr<CaptureFrames> thermostatFrames()
{
    const LoadResult loaded = loadCaptureFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))});
    return loaded.ok ? std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()) : nullptr;
}

QVector<int> jsonlNumbers(const QString& path)
{
    QFile f(path);
    QVector<int> numbers;
    if (!f.open(QIODevice::ReadOnly))
        return numbers;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (!line.isEmpty())
            numbers << QJsonDocument::fromJson(line).object().value(QStringLiteral("no")).toInt();
    }
    return numbers;
}

} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void formatsComeFromTheRegistry()
    {
        ExportDialog dialog(10, 10, 0, QStringLiteral("/tmp/frames"));
        QStringList ids;
        for (int i = 0; i < dialog.formatBox()->count(); ++i)
            ids << dialog.formatBox()->itemData(i).toString();
        QStringList registered;
        for (const FrameExporter* e : FrameExporterRegistry::instance().exporters())
            registered << e->id();
        QCOMPARE(ids, registered);
        QCOMPARE(dialog.formatId(), registered.first());
        QCOMPARE(dialog.fileName(), QStringLiteral("/tmp/frames.csv"));
    }

    void extensionFollowsTheFormat()
    {
        ExportDialog dialog(10, 10, 0, QStringLiteral("/tmp/frames"));
        dialog.setFormatId(QStringLiteral("jsonl"));
        QCOMPARE(dialog.fileEdit()->text(), QStringLiteral("/tmp/frames.jsonl"));
        dialog.setFormatId(QStringLiteral("text"));
        QCOMPARE(dialog.fileEdit()->text(), QStringLiteral("/tmp/frames.txt"));
        // A name the user typed with another extension is left alone.
        dialog.fileEdit()->clear();
        QTest::keyClicks(dialog.fileEdit(), QStringLiteral("/tmp/mine.log"));
        dialog.setFormatId(QStringLiteral("csv"));
        QCOMPARE(dialog.fileName(), QStringLiteral("/tmp/mine.log"));
        // No extension typed: the format's is added.
        dialog.fileEdit()->clear();
        QTest::keyClicks(dialog.fileEdit(), QStringLiteral("/tmp/plain"));
        QCOMPARE(dialog.fileName(), QStringLiteral("/tmp/plain.csv"));
    }

    void scopesWithoutFramesAreDisabled()
    {
        ExportDialog unfiltered(10, 10, 0, QStringLiteral("/tmp/a"));
        QCOMPARE(unfiltered.scope(), ExportScope::All);
        QVERIFY(!unfiltered.scopeButton(ExportScope::Selected)->isEnabled());
        unfiltered.setScope(ExportScope::Selected);
        QCOMPARE(unfiltered.scope(), ExportScope::All);

        ExportDialog filtered(10, 4, 2, QStringLiteral("/tmp/a"));
        QCOMPARE(filtered.scope(), ExportScope::Displayed); // a filter hides frames: start with what is shown
        QVERIFY(filtered.scopeButton(ExportScope::Displayed)->text().contains(QLatin1String("4")));
        QTest::mouseClick(filtered.scopeButton(ExportScope::Selected), Qt::LeftButton);
        QCOMPARE(filtered.scope(), ExportScope::Selected);

        // The export button needs a file name.
        QVERIFY(filtered.exportButton()->isEnabled());
        filtered.fileEdit()->clear();
        QVERIFY(!filtered.exportButton()->isEnabled());
        QTest::keyClicks(filtered.fileEdit(), QStringLiteral("x"));
        QVERIFY(filtered.exportButton()->isEnabled());

        ExportDialog empty(0, 0, 0, QStringLiteral("/tmp/a"));
        QVERIFY(!empty.exportButton()->isEnabled());
    }

    void rowsForEachScope()
    {
        const QVector<int> displayed{1, 4, 7};
        const QVector<int> selected{4};
        QCOMPARE(rowsForScope(ExportScope::All, 3, displayed, selected), (QVector<int>{0, 1, 2}));
        QCOMPARE(rowsForScope(ExportScope::Displayed, 3, displayed, selected), displayed);
        QCOMPARE(rowsForScope(ExportScope::Selected, 3, displayed, selected), selected);
        QVERIFY(rowsForScope(ExportScope::All, 0, displayed, selected).isEmpty());
    }

    void displayedAndSelectedRowsComeFromTheListModel()
    {
        const auto frames = thermostatFrames();
        QVERIFY(frames && frames->frameCount() > 10);
        FrameListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setTable(frames.get());
        model.setPredicate([](int row) { return row % 3 == 0; });
        QTRY_VERIFY(!model.filtering() && model.rowCount() > 2);
        const QVector<int> displayed = displayedSourceRows(model);
        QCOMPARE(displayed.size(), model.rowCount());
        for (int i = 0; i < displayed.size(); ++i)
            QCOMPARE(displayed.at(i), 3 * i);
        // Two columns of view row 2 and view row 0, as a selection model lists them.
        const QModelIndexList selection{model.index(2, 0), model.index(2, 3), model.index(0, 1)};
        QCOMPARE(selectedSourceRows(model, selection), (QVector<int>{0, 6}));
    }

    void exportWritesTheRowsAtomically()
    {
        const auto frames = thermostatFrames();
        QVERIFY(frames);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("frames.jsonl"));
        QString error;
        QVERIFY2(exportFramesToFile(*frames, {4, 2}, QStringLiteral("jsonl"), path, &error), qPrintable(error));
        QCOMPARE(jsonlNumbers(path), (QVector<int>{5, 3}));

        QVERIFY(!exportFramesToFile(*frames, {0}, QStringLiteral("xml"), dir.filePath(QStringLiteral("x.xml")), &error));
        QVERIFY(error.contains(QLatin1String("xml")));
        QVERIFY(!exportFramesToFile(*frames, {0}, QStringLiteral("csv"), dir.filePath(QStringLiteral("no/such/dir/f.csv")), &error));
        QVERIFY(error.contains(QLatin1String("f.csv")));
        // A bad row fails the export and leaves no file behind.
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        QVERIFY(!exportFramesToFile(*frames, {0, frames->frameCount()}, QStringLiteral("csv"), bad, &error));
        QVERIFY(!QFile::exists(bad));
    }

    void theWindowsEntryPointExportsTheChosenScope()
    {
        const auto frames = thermostatFrames();
        QVERIFY(frames);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("chosen.jsonl"));
        bool sawDialog = false;
        bool selectedByClick = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            sawDialog = true;
            dialog->setFormatId(QStringLiteral("jsonl"));
            // On the indicator: a laid-out radio button is wider than its clickable text.
            QRadioButton* selected = dialog->scopeButton(ExportScope::Selected);
            QTest::mouseClick(selected, Qt::LeftButton, {}, QPoint(6, selected->height() / 2));
            selectedByClick = selected->isChecked();
            dialog->fileEdit()->clear();
            QTest::keyClicks(dialog->fileEdit(), path);
            QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        });
        const QString written = runExportDialog(nullptr, *frames, {0, 1, 2, 3}, {1, 3}, dir.filePath(QStringLiteral("capture")));
        QVERIFY(sawDialog);
        QVERIFY(selectedByClick);
        QCOMPARE(written, path);
        QCOMPARE(jsonlNumbers(path), (QVector<int>{2, 4}));

        // Cancel writes nothing.
        QTimer::singleShot(0, this, [] {
            if (auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        QVERIFY(runExportDialog(nullptr, *frames, {0}, {}, dir.filePath(QStringLiteral("cancelled"))).isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("cancelled.csv"))));
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_export_dialog.moc"
