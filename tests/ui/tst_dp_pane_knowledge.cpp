// What the dpId pane makes of the device knowledge base and of a growing capture: the "looks like"
// line over the table and Apply Device Model (never over the user's own labels), steady
// suggestions in a live session (no flips, nothing accepted before it settled), guided mapping
// ("I just did ...": the changed dp highlighted, its proposed label accepted into the labels and
// the sidecar), and the About box's knowledge-base figures and MIT notice. Models run under
// QAbstractItemModelTester.
#include "DpTableCells.h"
#include "support/ScriptedSession.h"
#include "support/TestSupport.h"

#include "document/CaptureDocument.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/DpLabels.h"
#include "import/CaptureLoader.h"
#include "knowledge/DeviceKnowledge.h"
#include "mainwindow/MainWindow.h"
#include "models/DpTableModel.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "widgets/DpPane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace tuyascope;
using namespace tuyascope::ui;
using test::cellOf;
using test::rowOfDp;

namespace {

const QString kHysen = QStringLiteral("Thermostat — Hysen HY101RF");
constexpr qint64 kStartUs = 1'700'000'000'000'000;
constexpr qint64 kSecondUs = 1'000'000;

// The bundled HY609 thermostat capture (no timestamps: a saved, complete capture) in a dp pane,
// its sidecar in a temporary directory.
struct ThermostatPane {
    QTemporaryDir dir;
    QString sidecar;
    std::unique_ptr<CaptureDocument> document;
    DpPane pane;
    QAbstractItemModelTester tester{pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal};

    bool open()
    {
        const QString path = dir.filePath(QStringLiteral("hy609-thermostat.txt"));
        if (!QFile::copy(test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt")), path))
            return false;
        const LoadResult loaded = loadCaptureFiles({path});
        if (!loaded.ok)
            return false;
        document = std::make_unique<CaptureDocument>(std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()),
                                                     QStringLiteral("thermostat"), QStringList{path});
        sidecar = sidecarPathFor({path});
        pane.setDocument(document.get());
        pane.setSidecarPath(sidecar);
        return true;
    }
    DpTableModel& model() { return *pane.model(); }
};

// Waits until the document is analysed and the inference covers every dp; returns on failure.
#define WAIT_FOR_ANALYSIS(model, document) \
    do { \
        QTRY_VERIFY_WITH_TIMEOUT(!(document).analysing(), 10000); \
        QTRY_COMPARE((model).rowCount(), int((document).dps().series().size())); \
        QTRY_COMPARE((model).inference().dps.size(), (document).dps().engine().profiles().size()); \
    } while (false)

DpLabels labelsOnDisk(const QString& sidecar)
{
    QString error;
    return DpLabels::load(sidecar, &error).value_or(DpLabels());
}

// One report frame of a steady thermostat: on, set-point 21.5, room 23.0..23.2 °C, mode 1.
void feedSteadyThermostat(test::ScriptedSession& session, qint64 timeUs, int step)
{
    session.feed(timeUs, mcu::encodeFrame(3, 0x07, mcu::encodeBoolDp(1, true) + mcu::encodeValueDp(2, 215)
                                                       + mcu::encodeValueDp(3, 230 + step % 3) + mcu::encodeEnumDp(4, 1)));
}

// Reads the Role column as a view does until the throttled inference has rerun (so the
// suggestion tracker saw the capture as it is now).
bool waitForInference(DpTableModel& model)
{
    const int runs = model.inferenceRuns();
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 5000) {
        for (int row = 0; row < model.rowCount(); ++row)
            model.index(row, DpTableModel::Role).data();
        if (model.inferenceRuns() > runs)
            return true;
        QTest::qWait(20);
    }
    return false;
}

} // namespace

class TestDpPaneKnowledge : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theThermostatLooksLikeTheHysen()
    {
        ThermostatPane fixture;
        QVERIFY(fixture.open());
        DpTableModel& model = fixture.model();
        WAIT_FOR_ANALYSIS(model, *fixture.document);
        const QVector<dpmap::ModelMatch>& models = model.inference().models;
        QVERIFY(!models.isEmpty());
        QCOMPARE(models.first().displayName(), kHysen);

        QLabel* looksLike = fixture.pane.looksLikeLabel();
        QTRY_VERIFY2(looksLike->text().startsWith(QStringLiteral("looks like: ") + kHysen + QStringLiteral(", ")),
                     qPrintable(looksLike->text()));
        QVERIFY(looksLike->text().contains(QString::number(models.first().score, 'f', 2)));
        QVERIFY(!looksLike->isHidden());
        const QString tip = looksLike->toolTip();
        QVERIFY2(tip.contains(models.first().summary()), qPrintable(tip));
        for (int i = 1; i < std::min(int(models.size()), 3); ++i)
            QVERIFY2(tip.contains(models.at(i).summary()), qPrintable(tip));
        if (models.size() > 1)
            QVERIFY(tip.contains(QStringLiteral("Also possible")));
        if (!models.first().evidence.isEmpty())
            QVERIFY(tip.contains(models.first().evidence.first()));
        QVERIFY(fixture.pane.applyModelAction()->isEnabled());

        // A saved capture is complete: its suggestions are settled from the start.
        QVERIFY(model.suggestionOf(QStringLiteral("2")));
        QVERIFY(model.suggestionSettled(QStringLiteral("2")));
        QCOMPARE(model.suggestionFlips(), 0);

        fixture.pane.setDocument(nullptr);
        QVERIFY(looksLike->isHidden());
        QVERIFY(!fixture.pane.applyModelAction()->isEnabled());
        QVERIFY(!fixture.pane.justDidMenu()->menuAction()->isEnabled());
    }

    // Two dps fit hundreds of models: the line says the match is weak instead of naming a device
    // as if it were known (the real door sensor's contact and battery dps), and an identified
    // device is not called weak.
    void aFewDpsGiveAWeakMatch()
    {
        const LoadResult loaded = loadCaptureFiles({test::sharedPath(QStringLiteral("captures/tuyamcu-real/door_sensor_click_rxd.txt")),
                                                    test::sharedPath(QStringLiteral("captures/tuyamcu-real/door_sensor_click_txd.bin"))});
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        CaptureDocument document(std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()), QStringLiteral("door"), QStringList());
        DpPane pane;
        QAbstractItemModelTester tester{pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal};
        pane.setDocument(&document);
        WAIT_FOR_ANALYSIS(*pane.model(), document);
        const QVector<dpmap::ModelMatch>& models = pane.model()->inference().models;
        QVERIFY(!models.isEmpty());
        QVERIFY(!models.first().namesDps());
        QTRY_VERIFY2(pane.looksLikeLabel()->text().contains(QStringLiteral("(weak: 2 dp(s) agree, too few to tell the model)")),
                     qPrintable(pane.looksLikeLabel()->text()));

        ThermostatPane identified;
        QVERIFY(identified.open());
        WAIT_FOR_ANALYSIS(identified.model(), *identified.document);
        QVERIFY(identified.model().inference().models.first().namesDps());
        QTRY_VERIFY(identified.pane.looksLikeLabel()->text().startsWith(QStringLiteral("looks like: ") + kHysen));
        QVERIFY(!identified.pane.looksLikeLabel()->text().contains(QStringLiteral("weak")));
    }

    void applyingTheDeviceModelKeepsTheUsersLabels()
    {
        ThermostatPane fixture;
        QVERIFY(fixture.open());
        DpTableModel& model = fixture.model();
        WAIT_FOR_ANALYSIS(model, *fixture.document);
        QVERIFY(!model.inference().models.isEmpty());
        const knowledge::KnownModel* hysen = model.inference().models.first().model;
        QVERIFY(hysen && hysen->find(6) && hysen->find(1) && hysen->find(3) && hysen->find(109));
        QVERIFY(!hysen->find(2)); // this model has no dp 2

        // The user's own role of dp 1 and name of dp 3.
        QVERIFY(model.setData(cellOf(model, QStringLiteral("1"), DpTableModel::Role), QStringLiteral("switch_inverted")));
        QVERIFY(model.setData(cellOf(model, QStringLiteral("3"), DpTableModel::Name), QStringLiteral("room")));

        fixture.pane.applyModelAction()->trigger();
        const QString status = fixture.pane.statusText();
        QVERIFY2(status.startsWith(QStringLiteral("Applied ") + kHysen + QStringLiteral(": ")), qPrintable(status));
        const DpLabels& labels = model.labels();
        QCOMPARE(labels.label(QStringLiteral("6")).role, QStringLiteral("child_lock"));
        QCOMPARE(labels.label(QStringLiteral("6")).name, hysen->find(6)->name);
        QCOMPARE(labels.label(QStringLiteral("1")).role, QStringLiteral("switch_inverted")); // the user's role stays
        QCOMPARE(labels.label(QStringLiteral("1")).name, hysen->find(1)->name);              // ... and the name it lacked came
        QCOMPARE(labels.label(QStringLiteral("3")).name, QStringLiteral("room"));           // the user's name stays
        QCOMPARE(labels.label(QStringLiteral("3")).role, hysen->find(3)->role);
        QCOMPARE(labels.label(QStringLiteral("109")).scale, hysen->find(109)->scale);
        QCOMPARE(labels.label(QStringLiteral("109")).unit, hysen->find(109)->unit);
        QVERIFY(labels.label(QStringLiteral("2")).isEmpty()); // unknown to the model: untouched
        QCOMPARE(cellOf(model, QStringLiteral("6"), DpTableModel::Role).data().toString(), QStringLiteral("child_lock"));
        QVERIFY(!cellOf(model, QStringLiteral("6"), DpTableModel::Role).data(DpTableModel::IsSuggestionRole).toBool());

        // Every capture dp the model knows got its labels; the count says how many.
        int known = 0;
        for (const dpmap::DpProfile& p : fixture.document->dps().engine().profiles())
            if (hysen->find(p.id)) {
                ++known;
                QVERIFY2(!labels.label(QString::number(p.id)).name.isEmpty(), qPrintable(QString::number(p.id)));
            }
        QVERIFY2(status.contains(QStringLiteral(": %1 dp").arg(known)), qPrintable(status));
        QCOMPARE(labelsOnDisk(fixture.sidecar), labels);
        QCOMPARE(model.mappingForExport(), mappingForCapture(fixture.document->dps().engine(), labels));

        // Again: nothing left to fill in. No such match: nothing.
        QCOMPARE(model.applyModelMatch(), 0);
        QCOMPARE(model.applyModelMatch(99), 0);
        QCOMPARE(model.applyModelMatch(-1), 0);
        QCOMPARE(labelsOnDisk(fixture.sidecar), labels);
    }

    void liveSuggestionsHoldStillAndSettleBeforeTheyAreAccepted()
    {
        auto* session = new test::ScriptedSession;
        CaptureDocument document(session);
        DpTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(&document);
        session->start();

        // Five seconds of a steady device, the suggestions recomputed after every report.
        int step = 0;
        for (; step < 10; ++step) {
            feedSteadyThermostat(*session, kStartUs + step * kSecondUs / 2, step);
            QTRY_COMPARE(model.rowCount(), 4);
            QVERIFY(waitForInference(model));
        }
        QCOMPARE(model.nowUs(), kStartUs + 9 * kSecondUs / 2);
        int confident = 0;
        for (const QString& id : {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}) {
            const std::optional<DpTableModel::Suggestion> suggestion = model.suggestionOf(id);
            QVERIFY2(suggestion, qPrintable(id));
            // The Role column shows the tracker's steady suggestion.
            const dpmap::StableSuggestion* steady = model.suggestionTracker().current(quint8(id.toInt()));
            QVERIFY(steady);
            QCOMPARE(suggestion->role, steady->role);
            QVERIFY(cellOf(model, id, DpTableModel::Role).data().toString().startsWith(steady->role + QLatin1Char('?')));
            QVERIFY(!model.suggestionSettled(id));
            if (suggestion->confidence >= kMinConfidenceForMapping)
                ++confident;
        }
        QVERIFY(confident >= 2); // so accepting nothing below is the settle window's doing
        const QString tip = cellOf(model, QStringLiteral("2"), DpTableModel::Role).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("not settled yet")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Suggestion history:")) && tip.contains(QStringLiteral("suggested ")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Evidence for ")), qPrintable(tip));
        QCOMPARE(model.acceptConfidentSuggestions(), 0);
        QVERIFY(model.labels().isEmpty());

        // Fifteen more seconds: the same suggestions, now settled, are accepted.
        for (; step < 40; ++step) {
            feedSteadyThermostat(*session, kStartUs + step * kSecondUs / 2, step);
            QTRY_COMPARE(document.dps().engine().find(1)->reports, step + 1);
            if (step % 5 == 0)
                QVERIFY(waitForInference(model));
        }
        QCOMPARE(model.suggestionFlips(), 0);
        int settledConfident = 0;
        for (const QString& id : {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}) {
            QVERIFY2(model.suggestionSettled(id), qPrintable(id));
            if (model.suggestionOf(id)->confidence >= kMinConfidenceForMapping)
                ++settledConfident;
        }
        QVERIFY(settledConfident >= 2);
        QCOMPARE(model.acceptConfidentSuggestions(), settledConfident);
        QCOMPARE(model.suggestionFlips(), 0);
        for (const QString& id : {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")})
            if (model.suggestionOf(id)->confidence >= kMinConfidenceForMapping)
                QCOMPARE(model.labels().label(id).role, model.suggestionOf(id)->role);
        session->stop();
    }

    void guidedMappingHighlightsTheChangedDpAndAcceptsItsLabel()
    {
        QTemporaryDir dir;
        const QString sidecar = dir.filePath(QStringLiteral("live.tuyascope-dps.json"));
        auto* session = new test::ScriptedSession;
        CaptureDocument document(session);
        DpPane pane;
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        pane.setDocument(&document);
        pane.setSidecarPath(sidecar);
        DpTableModel& model = *pane.model();
        session->start();

        // 30 s of a device reporting dp 1 and 3 each second; dp 3 moves once, at 12 s (outside
        // the window), and the door (dp 101) opens at 28 s.
        session->feed(kStartUs, mcu::encodeFrame(3, 0x07, mcu::encodeBoolDp(101, false)));
        for (int second = 0; second <= 30; ++second) {
            const qint64 t = kStartUs + second * kSecondUs;
            if (second == 28)
                session->feed(t - kSecondUs / 2, mcu::encodeFrame(3, 0x07, mcu::encodeBoolDp(101, true)));
            session->feed(t, mcu::encodeFrame(3, 0x07, mcu::encodeBoolDp(1, true) + mcu::encodeValueDp(3, second < 12 ? 230 : 231)));
        }
        QTRY_COMPARE(model.rowCount(), 3);
        QTRY_COMPARE(document.dps().engine().find(1)->reports, 31);
        QCOMPARE(model.nowUs(), kStartUs + 30 * kSecondUs);

        // The menu lists every user action.
        QCOMPARE(pane.justDidMenu()->actions().size(), dpmap::userActions().size());
        QAction* opened = nullptr;
        for (QAction* action : pane.justDidMenu()->actions())
            if (action->data().toString() == QLatin1String("door_open"))
                opened = action;
        QVERIFY(opened);
        QCOMPARE(opened->text(), QStringLiteral("I opened the door"));
        opened->trigger();

        QCOMPARE(pane.proposal().size(), 1);
        QCOMPARE(int(pane.proposal().first().dp), 101);
        QCOMPARE(model.highlightedDps(), QSet<QString>{QStringLiteral("101")});
        for (int row = 0; row < model.rowCount(); ++row) {
            const bool door = model.index(row, DpTableModel::Id).data().toString() == QLatin1String("101");
            QCOMPARE(model.index(row, DpTableModel::Name).data(DpTableModel::HighlightRole).toBool(), door);
            QCOMPARE(model.index(row, DpTableModel::Last).data(Qt::BackgroundRole).isValid(), door);
        }
        QVERIFY2(pane.statusText().contains(QStringLiteral("dp 101: name 'door', role contact")), qPrintable(pane.statusText()));
        QToolButton* accept = pane.acceptProposalButton();
        QVERIFY(!accept->isHidden());

        QTest::mouseClick(accept, Qt::LeftButton);
        const DpLabel door = model.labels().label(QStringLiteral("101"));
        QCOMPARE(door.name, QStringLiteral("door"));
        QCOMPARE(door.role, QStringLiteral("contact"));
        QCOMPARE(labelsOnDisk(sidecar).label(QStringLiteral("101")), door);
        QVERIFY(model.highlightedDps().isEmpty());
        QVERIFY(accept->isHidden());
        QVERIFY2(pane.statusText().contains(QStringLiteral("dp 101 is now 'door', role contact")), qPrintable(pane.statusText()));
        bool exported = false;
        for (const DpMapEntry& e : model.mappingForExport().dps)
            if (e.id == 101)
                exported = e.name == QLatin1String("door") && e.role == QLatin1String("contact");
        QVERIFY(exported);

        // The model alone: dp 3's change at 12 s is found in its own window; the next action
        // replaces the highlight; an unknown action or a quiet window highlights nothing.
        const QVector<dpmap::ActionCandidate> knob =
            model.proposeFromAction(QStringLiteral("knob_up"), kStartUs + 11 * kSecondUs, kStartUs + 13 * kSecondUs);
        QCOMPARE(knob.size(), 1);
        QCOMPARE(int(knob.first().dp), 3);
        QCOMPARE(model.highlightedDps(), QSet<QString>{QStringLiteral("3")});
        QVERIFY(model.proposeFromAction(QStringLiteral("motion"), kStartUs + 13 * kSecondUs, kStartUs + 20 * kSecondUs).isEmpty());
        QVERIFY(model.highlightedDps().isEmpty());
        QVERIFY(model.proposeFromAction(QStringLiteral("no such action"), kStartUs, kStartUs + 30 * kSecondUs).isEmpty());
        QVERIFY(model.acceptActionCandidate(knob.first()));
        QCOMPARE(model.labels().label(QStringLiteral("3")).name, QStringLiteral("knob"));
        QCOMPARE(labelsOnDisk(sidecar).label(QStringLiteral("3")).name, QStringLiteral("knob"));

        // Through the pane again: its window is still the last 10 s, where only the door changed.
        pane.proposeFromAction(QStringLiteral("motion"));
        QCOMPARE(model.highlightedDps(), QSet<QString>{QStringLiteral("101")});
        session->stop();
    }

    void theMenusAndTheAboutBoxCarryTheKnowledgeBase()
    {
        MainWindow window;
        const DpPane* pane = window.findChild<DpPane*>();
        QVERIFY(pane);
        QMenu* dpMenu = nullptr;
        QAction* about = nullptr;
        for (QAction* top : window.menuBar()->actions()) {
            if (!top->menu())
                continue;
            if (top->menu()->actions().contains(pane->exportMappingAction()))
                dpMenu = top->menu();
            for (QAction* item : top->menu()->actions())
                if (item->text().remove(QLatin1Char('&')) == QLatin1String("About TuyaScope"))
                    about = item;
        }
        QVERIFY(dpMenu && about);
        QVERIFY(dpMenu->actions().contains(pane->applyModelAction()));
        QVERIFY(dpMenu->actions().contains(pane->justDidMenu()->menuAction()));

        // The About box is modal: read and close it from the event loop it runs.
        QString text, details;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            for (QWidget* widget : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(widget); box && box->isVisible()
                                                                    && box->objectName() == QLatin1String("aboutBox")) {
                    text = box->text();
                    details = box->detailedText();
                    box->accept();
                }
        });
        poll.start();
        about->trigger();
        poll.stop();
        const knowledge::DeviceKnowledge& knowledge = knowledge::DeviceKnowledge::bundled();
        QVERIFY(knowledge.isLoaded());
        const QString figures = QStringLiteral("%1 models, %2 dps, %3 product ids")
                                    .arg(knowledge.models().size())
                                    .arg(knowledge.dpCount())
                                    .arg(knowledge.productCount());
        QVERIFY2(text.contains(figures), qPrintable(text));
        QVERIFY2(details.contains(QStringLiteral("MIT")), qPrintable(details));
        QVERIFY(details.contains(knowledge::DeviceKnowledge::licenseNotice()));
    }
};

QTEST_MAIN(TestDpPaneKnowledge)
#include "tst_dp_pane_knowledge.moc"
