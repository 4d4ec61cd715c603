// The diagnostics pane and the dpId pane over real documents: a file with a bad checksum and
// garbage, a scripted live session, and the demo. Models run under QAbstractItemModelTester
// while they are fed; label edits go to the sidecar and come back; the plot follows the checks.
#include "DpTableCells.h"
#include "support/ScriptedSession.h"
#include "support/TestSupport.h"

#include "document/CaptureDocument.h"
#include "dpmap/DpLabels.h"
#include "import/CaptureLoader.h"
#include "live/LiveWiring.h"
#include "models/DiagnosticsModel.h"
#include "models/DpTableModel.h"
#include "sessions/DemoSession.h"
#include "simulator/DeviceProfile.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "tuyamcu/SendCommand.h"
#include "widgets/DiagnosticsPane.h"
#include "widgets/DpPane.h"
#include "widgets/DpPlotView.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QLineSeries>
#include <QMap>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace tuyascope;
using namespace tuyascope::ui;
using tuyascope::mcu::encodeBoolDp;
using tuyascope::mcu::encodeFrame;
using tuyascope::mcu::encodeValueDp;

namespace {

QByteArray withBadChecksum(QByteArray frame)
{
    frame[frame.size() - 1] = char(frame.back() ^ 0x5A);
    return frame;
}

// A hex-lines capture: good reports, a bad checksum, garbage, a truncated frame.
QByteArray captureWithDiagnostics()
{
    const QByteArrayList frames = {
        encodeFrame(3, 0x07, encodeBoolDp(1, true)),
        encodeFrame(3, 0x07, encodeValueDp(2, 150)),
        withBadChecksum(encodeFrame(3, 0x07, encodeValueDp(3, 245))),
        QByteArray::fromHex("DEADBEEF"),
        encodeFrame(3, 0x07, encodeValueDp(3, 250)),
        withBadChecksum(encodeFrame(3, 0x07, encodeValueDp(2, 160))),
        encodeFrame(3, 0x07, encodeValueDp(2, 170)).left(8),
    };
    QByteArray text = "# test capture with diagnostics\n";
    for (const QByteArray& frame : frames)
        text += frame.toHex().toUpper() + '\n';
    return text;
}

std::unique_ptr<CaptureDocument> fileDocument(const QByteArray& data, const QStringList& paths = {})
{
    const LoadResult loaded = loadCaptureData(data, QStringLiteral("diagnostics.txt"));
    if (!loaded.ok)
        return nullptr;
    return std::make_unique<CaptureDocument>(std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()),
                                             QStringLiteral("diagnostics"), paths);
}

// The tree must hold every diagnostic of the document once, under its severity and code, in
// frame order, with the group counts right and the groups sorted.
void verifyTreeMatches(const DiagnosticsModel& model, const CaptureDocument& document)
{
    QMap<QPair<int, QString>, QVector<int>> expected;
    for (const DiagnosticEntry& e : document.diagnostics())
        expected[{int(e.severity), e.code}].push_back(e.row);
    int groups = 0;
    int previousSeverity = 1000;
    for (int s = 0; s < model.rowCount(); ++s) {
        const QModelIndex severity = model.index(s, DiagnosticsModel::Text);
        const int level = severity.data(DiagnosticsModel::SeverityRole).toInt();
        QVERIFY(level < previousSeverity); // worst first, one group each
        previousSeverity = level;
        int total = 0;
        QString previousCode;
        for (int c = 0; c < model.rowCount(severity); ++c) {
            const QModelIndex code = model.index(c, DiagnosticsModel::Text, severity);
            const QString name = code.data(DiagnosticsModel::CodeRole).toString();
            QVERIFY(previousCode < name);
            previousCode = name;
            const QVector<int> rows = expected.value({level, name});
            QCOMPARE(model.rowCount(code), int(rows.size()));
            QCOMPARE(model.index(c, DiagnosticsModel::Count, severity).data().toInt(), int(rows.size()));
            for (int e = 0; e < rows.size(); ++e) {
                const QModelIndex entry = model.index(e, DiagnosticsModel::Text, code);
                QCOMPARE(entry.data(DiagnosticsModel::SourceRowRole).toInt(), rows.at(e));
                QCOMPARE(model.index(e, DiagnosticsModel::Frame, code).data().toInt(), rows.at(e) + 1);
                QVERIFY(!entry.data().toString().isEmpty());
            }
            total += int(rows.size());
            ++groups;
        }
        QCOMPARE(model.index(s, DiagnosticsModel::Count).data().toInt(), total);
        QCOMPARE(model.count(Severity(level)), total);
    }
    QCOMPARE(groups, int(expected.size()));
}

using test::rowOfDp;

QString cell(const DpTableModel& model, const QString& id, int column)
{
    return test::cellOf(model, id, column).data().toString();
}

} // namespace

class TestPanes : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The dp engine's findings join the frames' diagnostics: a dp changing type is listed at the
    // frame that showed it, pointing at that dp's unit.
    void aDpTypeChangeIsListedAtItsFrame()
    {
        QByteArray text;
        for (const QByteArray& frame : {encodeFrame(3, 0x07, encodeBoolDp(1, true)), encodeFrame(3, 0x07, QByteArray::fromHex("0504000100")),
                                        encodeFrame(3, 0x07, encodeBoolDp(1, false) + encodeValueDp(5, 10))})
            text += frame.toHex().toUpper() + '\n';
        std::unique_ptr<CaptureDocument> document = fileDocument(text);
        QVERIFY(document);
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(document.get());
        QTRY_VERIFY(!document->analysing());
        QVector<DiagnosticEntry> changes;
        for (const DiagnosticEntry& e : document->diagnostics())
            if (e.code == QLatin1String("DP_TYPE_CHANGED"))
                changes << e;
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().row, 2);
        QCOMPARE(changes.first().severity, Severity::Warning);
        const Dissection dissection = document->frames().dissect(2);
        QVERIFY(changes.first().field >= 0);
        const Field& unit = dissection.field(changes.first().field);
        QCOMPARE(unit.key, QStringLiteral("dp"));
        QCOMPARE(dissection.field(unit.children.first()).value, QStringLiteral("5"));
        verifyTreeMatches(model, *document);
    }

    // A file's dp table is filled by its own pass, ahead of the diagnostics: when dpsFilled comes,
    // every dp of every frame is in (the same table the diagnostics pass would have built), and
    // the diagnostics are still coming for a capture this size.
    void aFilesDpTableIsFilledBeforeItsDiagnostics()
    {
        QByteArray text;
        constexpr int kFrames = 20000;
        for (int i = 0; i < kFrames; ++i) {
            const QByteArray frame = i % 2 ? encodeFrame(3, 0x07, encodeBoolDp(1, i % 4 == 1) + encodeValueDp(2, i))
                                           : encodeFrame(0, 0x06, encodeValueDp(3, i % 100));
            text += frame.toHex().toUpper() + '\n';
        }
        text += encodeFrame(3, 0x07, QByteArray::fromHex("0204000101")).toHex().toUpper() + '\n'; // dp 2 turns enum
        std::unique_ptr<CaptureDocument> document = fileDocument(text);
        QVERIFY(document);
        QVERIFY(document->fillingDps());
        QSignalSpy filled(document.get(), &CaptureDocument::dpsFilled);
        bool diagnosticsStillComing = false;
        QVector<DpSeries> atFill;
        connect(document.get(), &CaptureDocument::dpsFilled, this, [&] {
            diagnosticsStillComing = document->analysing();
            atFill = document->dps().series();
        });
        QTRY_COMPARE_WITH_TIMEOUT(filled.count(), 1, 20000);
        QVERIFY(diagnosticsStillComing);
        QCOMPARE(atFill.size(), 3);
        int units = 0;
        for (const DpSeries& s : atFill)
            units += s.count;
        QCOMPARE(units, kFrames / 2 * 2 + kFrames / 2 + 1);
        QTRY_VERIFY_WITH_TIMEOUT(!document->analysing(), 60000);
        QCOMPARE(filled.count(), 1);
        QCOMPARE(document->dps().series().size(), atFill.size());
        int typeChanges = 0;
        for (const DiagnosticEntry& e : document->diagnostics()) {
            if (e.code != QLatin1String("DP_TYPE_CHANGED"))
                continue;
            ++typeChanges;
            QCOMPARE(e.row, kFrames);
            QVERIFY(e.field >= 0); // found in the frame's field tree when the diagnostics pass got there
        }
        QCOMPARE(typeChanges, 1);
    }

    void diagnosticsTreeGroupsAFileBySeverityAndCode()
    {
        std::unique_ptr<CaptureDocument> document = fileDocument(captureWithDiagnostics());
        QVERIFY(document);
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(document.get());
        QTRY_VERIFY(!document->analysing());
        QVERIFY(document->diagnostics().size() >= 3);
        QTRY_COMPARE(model.count(Severity::Error) + model.count(Severity::Warning) + model.count(Severity::Note),
                     int(document->diagnostics().size()));
        QVERIFY(model.count(Severity::Error) >= 2); // the two bad checksums at least
        verifyTreeMatches(model, *document);
        QCOMPARE(model.index(0, DiagnosticsModel::Text).data().toString(), QStringLiteral("Errors"));

        model.setDocument(nullptr);
        QCOMPARE(model.rowCount(), 0);
        model.setDocument(document.get()); // a finished document: everything at once
        verifyTreeMatches(model, *document);
        document.reset();                  // a closed document empties the model
        QCOMPARE(model.rowCount(), 0);
    }

    void diagnosticsGrowWithALiveSession()
    {
        auto* session = new test::ScriptedSession;
        CaptureDocument document(session);
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(&document);
        QCOMPARE(model.rowCount(), 0);
        session->start();
        qint64 t = 1'700'000'000'000'000;
        session->feed(t += 1000, encodeFrame(3, 0x07, encodeValueDp(3, 245)));
        session->feed(t += 1000, withBadChecksum(encodeFrame(3, 0x07, encodeValueDp(3, 246))));
        QTRY_VERIFY(model.count(Severity::Error) >= 1);
        const QPersistentModelIndex errors = model.indexOfSeverity(Severity::Error);
        const int errorsBefore = model.count(Severity::Error);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        session->feed(t += 1000, QByteArray::fromHex("0102030405"));
        session->feed(t += 1000, encodeFrame(3, 0x07, encodeValueDp(2, 150)));
        session->feed(t += 1000, withBadChecksum(encodeFrame(3, 0x07, encodeValueDp(3, 247))));
        QTRY_VERIFY(model.count(Severity::Error) > errorsBefore);
        QTRY_COMPARE(model.count(Severity::Error) + model.count(Severity::Warning) + model.count(Severity::Note),
                     int(document.diagnostics().size()));
        QVERIFY(errors.isValid()); // the group survived the inserts (a Warning group may sit below it)
        QCOMPARE(errors.data(DiagnosticsModel::SeverityRole).toInt(), int(Severity::Error));
        QVERIFY(inserted.count() > 0);
        QVERIFY(changed.count() > 0); // counts of existing groups updated
        verifyTreeMatches(model, document);
    }

    void activatingADiagnosticNamesItsFrameAndField()
    {
        std::unique_ptr<CaptureDocument> document = fileDocument(captureWithDiagnostics());
        QVERIFY(document);
        DiagnosticsPane pane;
        pane.resize(600, 400);
        pane.setDocument(document.get());
        pane.show();
        QTRY_VERIFY(!document->analysing());
        QTRY_VERIFY(pane.model()->count(Severity::Error) >= 2);
        QVERIFY2(pane.summaryText().contains(QStringLiteral("error")), qPrintable(pane.summaryText()));
        const QModelIndex errors = pane.model()->indexOfSeverity(Severity::Error);
        QVERIFY(pane.tree()->isExpanded(errors));
        const QModelIndex code = pane.model()->index(0, 0, errors);
        pane.tree()->expand(code);
        const QModelIndex entry = pane.model()->index(pane.model()->rowCount(code) - 1, 0, code);
        QVERIFY(entry.isValid());
        const int row = entry.data(DiagnosticsModel::SourceRowRole).toInt();
        const int field = entry.data(DiagnosticsModel::FieldRole).toInt();
        const DiagnosticEntry* source = nullptr;
        for (const DiagnosticEntry& e : document->diagnostics())
            if (e.row == row && e.code == entry.data(DiagnosticsModel::CodeRole).toString())
                source = &e;
        QVERIFY(source);
        QCOMPARE(field, source->field);

        QSignalSpy activated(&pane, &DiagnosticsPane::diagnosticActivated);
        pane.tree()->setFocus();
        pane.tree()->setCurrentIndex(code);
        QTest::keyClick(pane.tree(), Qt::Key_Return); // a group: nothing to select
        QCOMPARE(activated.count(), 0);
        pane.tree()->setCurrentIndex(entry);
        QTest::keyClick(pane.tree(), Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), row);
        QCOMPARE(activated.at(0).at(1).toInt(), field);
    }

    void dpTableFollowsTheDemo()
    {
        DeviceProfile profile;
        QString error;
        QVERIFY2(loadDeviceProfile(QStringLiteral("hy609-thermostat"), profile, &error), qPrintable(error));
        auto* demo = new DemoSession(profile);
        CaptureDocument document(demo);
        DpTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(&document);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        demo->start();
        QTRY_VERIFY_WITH_TIMEOUT(rowOfDp(model, QStringLiteral("2")) >= 0 && rowOfDp(model, QStringLiteral("3")) >= 0, 15000);
        QVERIFY(inserted.count() > 0);
        QCOMPARE(model.rowCount(), int(document.dps().series().size()));
        QCOMPARE(cell(model, QStringLiteral("2"), DpTableModel::Last), QStringLiteral("150"));
        QCOMPARE(cell(model, QStringLiteral("2"), DpTableModel::Type), QStringLiteral("value"));
        const int reports = cell(model, QStringLiteral("2"), DpTableModel::Reports).toInt();
        QVERIFY(reports >= 1);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const mcu::SendParseResult set = mcu::parseSendCommand(QStringLiteral("TuyaSend2 2,205"));
        QVERIFY2(set.ok, qPrintable(set.error));
        QVERIFY2(demo->sendMcu(set.request, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, QStringLiteral("2"), DpTableModel::Last), QStringLiteral("205"), 10000);
        // The tracker is read live; its dpsChanged (and so dataChanged) follows within a turn.
        QTRY_VERIFY(changed.count() > 0);
        QVERIFY(cell(model, QStringLiteral("2"), DpTableModel::Writes).toInt() >= 1);
        QCOMPARE(cell(model, QStringLiteral("2"), DpTableModel::Min), QStringLiteral("150"));
        QCOMPARE(cell(model, QStringLiteral("2"), DpTableModel::Max), QStringLiteral("205"));
        const QString distinct = model.index(rowOfDp(model, QStringLiteral("2")), DpTableModel::Distinct).data(Qt::ToolTipRole).toString();
        QVERIFY2(distinct.contains(QStringLiteral("150")) && distinct.contains(QStringLiteral("205")), qPrintable(distinct));
        demo->stop();
    }

    void labelEditsPersistInTheSidecar()
    {
        QTemporaryDir dir;
        const QString capturePath = dir.filePath(QStringLiteral("thermostat.txt"));
        const QString sidecar = sidecarPathFor({capturePath});
        std::unique_ptr<CaptureDocument> document = fileDocument(captureWithDiagnostics(), {capturePath});
        QVERIFY(document);
        DpTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(document.get());
        QVERIFY(model.setSidecarPath(sidecar));
        QTRY_VERIFY(rowOfDp(model, QStringLiteral("3")) >= 0);
        QTRY_VERIFY(!document->analysing());
        const int row = rowOfDp(model, QStringLiteral("3"));
        QCOMPARE(model.index(row, DpTableModel::Last).data().toString(), QStringLiteral("250"));
        QVERIFY(model.flags(model.index(row, DpTableModel::Name)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(row, DpTableModel::Count)) & Qt::ItemIsEditable));

        QSignalSpy errors(&model, &DpTableModel::labelsError);
        QVERIFY(model.setData(model.index(row, DpTableModel::Name), QStringLiteral("room temperature")));
        QVERIFY(model.setData(model.index(row, DpTableModel::Scale), QStringLiteral("0.1")));
        QVERIFY(model.setData(model.index(row, DpTableModel::Unit), QStringLiteral("°C")));
        QVERIFY(!model.setData(model.index(row, DpTableModel::Scale), QStringLiteral("zero"))); // refused, said why
        QCOMPARE(errors.count(), 1);
        QCOMPARE(model.index(row, DpTableModel::Last).data().toString(), QStringLiteral("25 °C"));
        QCOMPARE(model.index(row, DpTableModel::Max).data().toString(), QStringLiteral("25"));
        QVERIFY(QFileInfo::exists(sidecar));

        // A new model on a new document of the same capture reads the labels back.
        std::unique_ptr<CaptureDocument> reopened = fileDocument(captureWithDiagnostics(), {capturePath});
        DpTableModel again;
        QAbstractItemModelTester againTester(&again, QAbstractItemModelTester::FailureReportingMode::Fatal);
        again.setDocument(reopened.get());
        QVERIFY(again.setSidecarPath(sidecar));
        QTRY_VERIFY(!reopened->analysing());
        QTRY_VERIFY(rowOfDp(again, QStringLiteral("3")) >= 0);
        QCOMPARE(cell(again, QStringLiteral("3"), DpTableModel::Name), QStringLiteral("room temperature"));
        QCOMPARE(cell(again, QStringLiteral("3"), DpTableModel::Scale), QStringLiteral("0.1"));
        QCOMPARE(cell(again, QStringLiteral("3"), DpTableModel::Unit), QStringLiteral("°C"));
        QCOMPARE(cell(again, QStringLiteral("3"), DpTableModel::Last), QStringLiteral("25 °C"));
        QCOMPARE(cell(again, QStringLiteral("2"), DpTableModel::Name), QString());

        // A sidecar broken by hand: an error, and the file stays as it is after an edit.
        const QByteArray broken = "{ not json";
        {
            QFile file(sidecar);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(broken);
        }
        DpTableModel third;
        third.setDocument(reopened.get());
        QSignalSpy thirdErrors(&third, &DpTableModel::labelsError);
        QVERIFY(!third.setSidecarPath(sidecar));
        QCOMPARE(thirdErrors.count(), 1);
        QVERIFY(third.setData(third.index(rowOfDp(third, QStringLiteral("2")), DpTableModel::Name), QStringLiteral("set-point")));
        QCOMPARE(thirdErrors.count(), 2); // not saved, and said so
        QFile file(sidecar);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), broken);
    }

    void plotShowsOneScaledLinePerCheckedDp()
    {
        auto* session = new test::ScriptedSession;
        CaptureDocument document(session);
        DpPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.setDocument(&document);
        session->start();
        const qint64 t0 = 1'700'000'000'000'000;
        for (int i = 0; i < 20; ++i) {
            session->feed(t0 + i * 500'000, encodeFrame(3, 0x07, encodeValueDp(3, 240 + i)));
            if (i % 4 == 0)
                session->feed(t0 + i * 500'000 + 1000, encodeFrame(3, 0x07, encodeValueDp(2, 150 + i)));
        }
        session->feed(t0 + 20 * 500'000, encodeFrame(3, 0x07, encodeBoolDp(1, true)));
        DpTableModel& model = *pane.model();
        QTRY_VERIFY(rowOfDp(model, QStringLiteral("1")) >= 0);
        QTRY_COMPARE(cell(model, QStringLiteral("3"), DpTableModel::Count).toInt(), 20);
        QCOMPARE(pane.plot()->lines().size(), 0);

        const QModelIndex temperature = model.index(rowOfDp(model, QStringLiteral("3")), DpTableModel::Id);
        QVERIFY(model.flags(temperature) & Qt::ItemIsUserCheckable);
        QVERIFY(model.setData(temperature, Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.setData(model.index(temperature.row(), DpTableModel::Scale), QStringLiteral("0.1")));
        QTRY_COMPARE(pane.plot()->lines().size(), 1);
        QTRY_COMPARE(pane.plot()->lines().at(0)->count(), 20);
        const QLineSeries* line = pane.plot()->lines().at(0);
        QCOMPARE(line->at(0), QPointF(0.0, 24.0));
        QCOMPARE(line->at(19).x(), 9.5);
        QVERIFY(qAbs(line->at(19).y() - 25.9) < 1e-9);

        model.setPlotted(QStringLiteral("2"), true);
        QTRY_COMPARE(pane.plot()->lines().size(), 2);
        QCOMPARE(pane.plot()->lines().at(1)->count(), 5);
        QVERIFY(pane.plot()->lines().at(1)->name().contains(QStringLiteral("dp 2")));

        // Live: a new sample reaches the plot (throttled, not lost).
        session->feed(t0 + 21 * 500'000, encodeFrame(3, 0x07, encodeValueDp(3, 300)));
        QTRY_COMPARE(pane.plot()->lines().at(0)->count(), 21);
        QVERIFY(qAbs(pane.plot()->lines().at(0)->at(20).y() - 30.0) < 1e-9);

        model.setPlotted(QStringLiteral("3"), false);
        QTRY_COMPARE(pane.plot()->lines().size(), 1);
        QCOMPARE(pane.plot()->lines().at(0)->count(), 5);
    }

    void longSeriesAreThinnedForDisplay()
    {
        QVector<QPointF> points;
        for (int i = 0; i < 100000; ++i)
            points.push_back(QPointF(i, i == 54321 ? 1000.0 : double(i % 7)));
        const QVector<QPointF> shown = DpPlotView::thin(points, DpPlotView::kMaxPointsPerLine);
        QVERIFY(shown.size() <= DpPlotView::kMaxPointsPerLine);
        QVERIFY(shown.size() > DpPlotView::kMaxPointsPerLine / 2);
        QVERIFY(std::is_sorted(shown.cbegin(), shown.cend(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));
        QVERIFY(shown.contains(QPointF(54321, 1000.0))); // the spike survives
        QCOMPARE(DpPlotView::thin(points.mid(0, 10), DpPlotView::kMaxPointsPerLine).size(), 10);
    }

    void dpPaneRendersTheDemo()
    {
        DeviceProfile profile;
        QString error;
        QVERIFY2(loadDeviceProfile(QStringLiteral("hy609-thermostat"), profile, &error), qPrintable(error));
        DemoOptions options;
        options.simulatorTimeScale = 0.05; // a few room-temperature steps within the test
        auto* demo = new DemoSession(profile, options);
        CaptureDocument document(demo);
        DpPane pane;
        pane.resize(900, 700);
        pane.setDocument(&document);
        pane.show();
        demo->start();
        QTRY_VERIFY_WITH_TIMEOUT(rowOfDp(*pane.model(), QStringLiteral("3")) >= 0, 15000);
        pane.model()->setPlotted(QStringLiteral("3"), true);
        const QModelIndex name = pane.model()->index(rowOfDp(*pane.model(), QStringLiteral("3")), DpTableModel::Name);
        QVERIFY(pane.model()->setData(name, QStringLiteral("room temperature")));
        QVERIFY(pane.model()->setData(name.siblingAtColumn(DpTableModel::Scale), QStringLiteral("0.1")));
        QVERIFY(pane.model()->setData(name.siblingAtColumn(DpTableModel::Unit), QStringLiteral("°C")));
        QTRY_VERIFY_WITH_TIMEOUT(!pane.plot()->lines().isEmpty() && pane.plot()->lines().at(0)->count() >= 4, 20000);
        QVERIFY(pane.statusText().isEmpty()); // no sidecar path: edits kept in memory, no error

        // Enter on a read-only cell names the dp (the window may filter the list by it).
        QSignalSpy activated(&pane, &DpPane::dpActivated);
        QTableView* table = pane.table();
        table->setFocus();
        const int viewRow = [&] {
            for (int r = 0; r < table->model()->rowCount(); ++r)
                if (table->model()->index(r, DpTableModel::Id).data().toString() == QStringLiteral("3"))
                    return r;
            return -1;
        }();
        QVERIFY(viewRow >= 0);
        table->setCurrentIndex(table->model()->index(viewRow, DpTableModel::Type));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("3"));
        // Sorted by numeric id: 1, 2, 3, ..., 101, not "101" before "2".
        for (int r = 1; r < table->model()->rowCount(); ++r)
            QVERIFY(table->model()->index(r - 1, 0).data().toString().toInt() < table->model()->index(r, 0).data().toString().toInt());

        const QImage shot = pane.grab().toImage();
        QVERIFY(!shot.isNull());
        QTemporaryDir dir;
        QVERIFY(shot.save(dir.filePath(QStringLiteral("dp-pane.png"))));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("dp-pane.png"))).size() > 10000);
        if (!qEnvironmentVariableIsEmpty("TUYASCOPE_SCREENSHOT"))
            shot.save(qEnvironmentVariable("TUYASCOPE_SCREENSHOT"));
        demo->stop();
    }
};

QTEST_MAIN(TestPanes)
#include "tst_panes.moc"
