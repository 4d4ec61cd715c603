// Interactive dp mapping in the dpId pane: the Role column's inferred suggestions, accepting them
// (one, or every confident one without overwriting the user's roles), role and enum-label edits,
// importing mappings and the export dialog, which must write what `tuyascope-cli export` writes.
// Over the bundled HY609 thermostat capture; the model runs under QAbstractItemModelTester.
#include "DpTableCells.h"
#include "support/ScriptedSession.h"
#include "support/TestSupport.h"

#include "dialogs/MappingExportDialog.h"
#include "document/CaptureDocument.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/MappingExport.h"
#include "dpmap/MappingImport.h"
#include "dpmap/DpLabels.h"
#include "import/CaptureLoader.h"
#include "live/LiveWiring.h"
#include "models/DpTableModel.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/FrameEncoder.h"
#include "widgets/DpPane.h"
#include "widgets/DpRoleDelegate.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QPointer>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFont>
#include <QGuiApplication>
#include <QMenu>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace tuyascope;
using namespace tuyascope::ui;

namespace {

const QString kThermostat = QStringLiteral("resources/captures/hy609-thermostat.txt");

// The thermostat capture as the window opens it, under a path in `dir` (so its sidecar is there).
struct OpenedCapture {
    QString capturePath;
    QString sidecar;
    std::unique_ptr<CaptureFrames> cliFrames; // the same file as the CLI reads it
    std::unique_ptr<CaptureDocument> document;
};

OpenedCapture openThermostat(const QTemporaryDir& dir)
{
    OpenedCapture opened;
    opened.capturePath = dir.filePath(QStringLiteral("hy609-thermostat.txt"));
    QFile::copy(test::sourcePath(kThermostat), opened.capturePath);
    opened.sidecar = sidecarPathFor({opened.capturePath});
    const LoadResult loaded = loadCaptureFiles({opened.capturePath});
    if (!loaded.ok)
        return opened;
    opened.cliFrames = std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore());
    opened.document = std::make_unique<CaptureDocument>(std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()),
                                                        QStringLiteral("thermostat"), QStringList{opened.capturePath});
    return opened;
}

// The thermostat capture open in a dp pane whose model runs under QAbstractItemModelTester from
// before the document is set; `ok` is false when the capture did not load.
struct ThermostatPane {
    QTemporaryDir dir;
    OpenedCapture opened = openThermostat(dir);
    DpPane pane;
    QAbstractItemModelTester tester{pane.model(), QAbstractItemModelTester::FailureReportingMode::Fatal};
    bool ok = opened.document != nullptr;

    ThermostatPane()
    {
        if (!ok)
            return;
        pane.setDocument(opened.document.get());
        pane.setSidecarPath(opened.sidecar);
    }
    DpTableModel& model() { return *pane.model(); }
};

using test::cellOf;
using test::rowOfDp;

// Waits until the document is analysed, every dp has a row and the suggestions reflect it all.
void waitForDocument(const DpTableModel& model, const CaptureDocument& document)
{
    QTRY_VERIFY_WITH_TIMEOUT(!document.analysing(), 10000);
    QTRY_COMPARE(model.rowCount(), int(document.dps().series().size()));
    QTRY_COMPARE(model.inference().dps.size(), document.dps().engine().profiles().size());
}

#define WAIT_FOR_DOCUMENT(model, document) \
    do { \
        waitForDocument(model, document); \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)

// Declares `fixture` (a ThermostatPane) and waits for its document; returns from the test on failure.
#define OPEN_THERMOSTAT_PANE(fixture) \
    ThermostatPane fixture; \
    QVERIFY(fixture.ok); \
    WAIT_FOR_DOCUMENT(fixture.model(), *fixture.opened.document)

DpLabels labelsOnDisk(const QString& sidecar)
{
    QString error;
    const std::optional<DpLabels> labels = DpLabels::load(sidecar, &error);
    return labels.value_or(DpLabels());
}

const QByteArray kTasmota = "Backlog TuyaMCU 11,1; TuyaMCU 21,2\n";

const QByteArray kDevicesJson = R"([{"name": "Thermostat", "id": "bf00000000000000test", "key": "0123456789abcdef",
    "product_id": "wqkz8uswywmvt6fd",
    "mapping": {"1": {"code": "switch", "type": "Boolean", "values": {}},
                "2": {"code": "temp_set", "type": "Integer", "values": {"unit": "°C", "min": 50, "max": 350, "scale": 1, "step": 5}},
                "4": {"code": "mode", "type": "Enum", "values": {"range": ["auto", "manual", "holiday"]}}}}])";

// A capture of one dp nothing can name: a 5-byte raw dp 230 with changing bytes.
std::unique_ptr<CaptureDocument> unknowableDpDocument()
{
    QByteArray text;
    for (int i = 0; i < 5; ++i)
        text += mcu::encodeFrame(3, 0x07, mcu::encodeRawDp(230, QByteArray::fromHex("0102") + char(i) + QByteArray::fromHex("0907"))).toHex() + '\n';
    const LoadResult loaded = loadCaptureData(text, QStringLiteral("unknowable.txt"));
    if (!loaded.ok)
        return nullptr;
    return std::make_unique<CaptureDocument>(std::make_unique<CaptureFrames>(loaded.capture, keys::KeyStore()),
                                             QStringLiteral("unknowable"), QStringList());
}

} // namespace

class TestDpPaneMapping : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roleColumnSuggestsTheInferredRole()
    {
        QTemporaryDir dir;
        OpenedCapture opened = openThermostat(dir);
        QVERIFY(opened.document);
        DpTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(opened.document.get());
        QVERIFY(model.setSidecarPath(opened.sidecar));
        WAIT_FOR_DOCUMENT(model, *opened.document);

        QCOMPARE(model.headerData(DpTableModel::Role, Qt::Horizontal).toString(), QStringLiteral("Role"));
        QCOMPARE(model.headerData(DpTableModel::EnumLabels, Qt::Horizontal).toString(), QStringLiteral("Enum labels"));
        const QModelIndex role = cellOf(model, QStringLiteral("2"), DpTableModel::Role);
        QTRY_VERIFY2(role.data().toString().startsWith(QStringLiteral("temperature_target? ")), qPrintable(role.data().toString()));
        QVERIFY(role.data().toString().endsWith(QLatin1Char('%')));
        QVERIFY(role.data(DpTableModel::IsSuggestionRole).toBool());
        QVERIFY(role.data(Qt::FontRole).value<QFont>().italic());
        QCOMPARE(role.data(Qt::ForegroundRole).value<QBrush>(), QPalette().brush(QPalette::Disabled, QPalette::Text));
        QCOMPARE(role.data(Qt::EditRole).toString(), QString()); // the editor starts from the user's role: none
        QVERIFY(model.flags(role) & Qt::ItemIsEditable);
        QVERIFY(model.flags(role.siblingAtColumn(DpTableModel::EnumLabels)) & Qt::ItemIsEditable);

        // The tooltip ranks every hypothesis with confidence, reason, scale and unit.
        const QString tip = role.data(Qt::ToolTipRole).toString();
        const dpmap::DpRoles* roles = model.rolesOf(QStringLiteral("2"));
        QVERIFY(roles && roles->roles.size() >= 2);
        int previous = -1;
        for (const dpmap::RoleHypothesis& h : roles->roles) {
            QString scaleUnit = QStringLiteral("\u00D7") + QString::number(h.scale, 'g', 12);
            if (!h.unit.isEmpty())
                scaleUnit += QStringLiteral(", ") + h.unit;
            const QString line = QStringLiteral("%1  %2%  %3  (%4)").arg(h.role).arg(qRound(h.confidence * 100)).arg(h.reason, scaleUnit);
            const int at = int(tip.indexOf(line));
            QVERIFY2(at > previous, qPrintable(tip + QStringLiteral("\n--- missing or out of order: ") + line));
            previous = at;
        }
        QCOMPARE(DpRoleDelegate::roleChoices(role).mid(0, 3),
                 (QStringList{QString(), QStringLiteral("temperature_target"), QStringLiteral("temperature_current")}));
        QVERIFY(DpRoleDelegate::roleChoices(role).contains(QStringLiteral("voltage")));

        // A dp with no hypothesis shows nothing, and says so in its tooltip.
        std::unique_ptr<CaptureDocument> unknowable = unknowableDpDocument();
        QVERIFY(unknowable);
        DpTableModel unknowableModel;
        QAbstractItemModelTester unknowableTester(&unknowableModel, QAbstractItemModelTester::FailureReportingMode::Fatal);
        unknowableModel.setDocument(unknowable.get());
        WAIT_FOR_DOCUMENT(unknowableModel, *unknowable);
        const QModelIndex none = cellOf(unknowableModel, QStringLiteral("230"), DpTableModel::Role);
        QVERIFY(none.isValid());
        QCOMPARE(none.data().toString(), QString());
        QVERIFY(!none.data(DpTableModel::IsSuggestionRole).toBool());
        QVERIFY(none.data(Qt::ToolTipRole).toString().contains(QStringLiteral("No role inferred")));
    }

    void acceptingASuggestionIsSavedAndReapplied()
    {
        OPEN_THERMOSTAT_PANE(fixture);
        const QTemporaryDir& dir = fixture.dir;
        DpPane& pane = fixture.pane;
        const OpenedCapture& opened = fixture.opened;
        DpTableModel& model = fixture.model();

        std::unique_ptr<QMenu> menu(pane.contextMenuForRow(rowOfDp(model, QStringLiteral("2"))));
        QAction* acceptTarget = nullptr;
        QStringList texts;
        for (QAction* action : menu->actions()) {
            texts << action->text();
            if (action->data().toString() == QLatin1String("temperature_target"))
                acceptTarget = action;
        }
        QVERIFY2(acceptTarget, qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(acceptTarget->text().startsWith(QStringLiteral("Accept: temperature_target \u00D70.1 °C (")), qPrintable(acceptTarget->text()));
        QVERIFY(texts.contains(pane.acceptSuggestionsAction()->text()));
        QVERIFY(std::any_of(texts.cbegin(), texts.cend(), [](const QString& t) { return t.startsWith(QStringLiteral("Accept: temperature_current")); }));

        QSignalSpy labelsChanged(&model, &DpTableModel::labelsChanged);
        acceptTarget->trigger();
        QCOMPARE(labelsChanged.count(), 1);
        const DpLabel label = model.labels().label(QStringLiteral("2"));
        QCOMPARE(label.role, QStringLiteral("temperature_target"));
        QCOMPARE(label.scale, 0.1);
        QCOMPARE(label.unit, QStringLiteral("°C"));
        QCOMPARE(label.name, QStringLiteral("temperature_target")); // it had none
        QCOMPARE(labelsOnDisk(opened.sidecar).label(QStringLiteral("2")), label);
        const QModelIndex role = cellOf(model, QStringLiteral("2"), DpTableModel::Role);
        QCOMPARE(role.data().toString(), QStringLiteral("temperature_target"));
        QVERIFY(!role.data(DpTableModel::IsSuggestionRole).toBool());
        QVERIFY(!role.data(Qt::FontRole).isValid());
        QVERIFY(cellOf(model, QStringLiteral("2"), DpTableModel::Last).data().toString().endsWith(QStringLiteral(" °C")));

        // Once the user has a role, the menu can clear it (back to the suggestion).
        {
            std::unique_ptr<QMenu> again(pane.contextMenuForRow(rowOfDp(model, QStringLiteral("2"))));
            QAction* clear = nullptr;
            for (QAction* action : again->actions())
                if (action->text().startsWith(QStringLiteral("Clear Role")))
                    clear = action;
            QVERIFY(clear);
            clear->trigger();
            QCOMPARE(model.labels().label(QStringLiteral("2")).role, QString());
            QVERIFY(role.data(DpTableModel::IsSuggestionRole).toBool());
            QVERIFY(model.acceptSuggestion(QStringLiteral("2"), QStringLiteral("temperature_target")));
            QVERIFY(!model.acceptSuggestion(QStringLiteral("2"), QStringLiteral("voltage"))); // not a hypothesis of dp 2
            QCOMPARE(model.labels().label(QStringLiteral("2")), label);
        }

        // A dp without hypotheses: a disabled entry, no accept action.
        std::unique_ptr<CaptureDocument> unknowable = unknowableDpDocument();
        QVERIFY(unknowable);
        DpPane unknowablePane;
        unknowablePane.setDocument(unknowable.get());
        WAIT_FOR_DOCUMENT(*unknowablePane.model(), *unknowable);
        std::unique_ptr<QMenu> empty(unknowablePane.contextMenuForRow(rowOfDp(*unknowablePane.model(), QStringLiteral("230"))));
        QVERIFY(!empty->actions().isEmpty());
        QVERIFY(!empty->actions().first()->isEnabled());
        QVERIFY(empty->actions().first()->text().contains(QStringLiteral("No role inferred")));

        // The same capture opened again: the accepted role comes back from the sidecar.
        OpenedCapture reopened = openThermostat(dir);
        DpTableModel again;
        QAbstractItemModelTester againTester(&again, QAbstractItemModelTester::FailureReportingMode::Fatal);
        again.setDocument(reopened.document.get());
        QVERIFY(again.setSidecarPath(reopened.sidecar));
        WAIT_FOR_DOCUMENT(again, *reopened.document);
        QCOMPARE(cellOf(again, QStringLiteral("2"), DpTableModel::Role).data().toString(), QStringLiteral("temperature_target"));
        QCOMPARE(cellOf(again, QStringLiteral("2"), DpTableModel::Scale).data().toString(), QStringLiteral("0.1"));
        QCOMPARE(again.labels().label(QStringLiteral("2")), label);
    }

    void acceptingConfidentSuggestionsKeepsTheUsersRoles()
    {
        OPEN_THERMOSTAT_PANE(fixture);
        DpPane& pane = fixture.pane;
        const OpenedCapture& opened = fixture.opened;
        DpTableModel& model = fixture.model();

        // The user decided dp 1 (not the inferred "switch") and gave dp 3 a scale of their own.
        QVERIFY(model.setData(cellOf(model, QStringLiteral("1"), DpTableModel::Role), QStringLiteral("switch_inverted")));
        QVERIFY(model.setData(cellOf(model, QStringLiteral("3"), DpTableModel::Scale), QStringLiteral("0.5")));
        int expected = 0;
        for (const dpmap::DpRoles& dp : model.inference().dps)
            if (dp.id != 1 && dp.best() && dp.best()->confidence >= kMinConfidenceForMapping)
                ++expected;
        QVERIFY(expected >= 4); // 2, 3, 4, 12 at least

        QVERIFY(pane.acceptSuggestionsAction()->isEnabled());
        pane.acceptSuggestionsAction()->trigger();
        QVERIFY2(pane.statusText().contains(QStringLiteral("Accepted %1").arg(expected)), qPrintable(pane.statusText()));
        const DpLabels& labels = model.labels();
        QCOMPARE(labels.label(QStringLiteral("1")).role, QStringLiteral("switch_inverted"));
        QCOMPARE(labels.label(QStringLiteral("2")).role, QStringLiteral("temperature_target"));
        QCOMPARE(labels.label(QStringLiteral("2")).scale, 0.1);
        QCOMPARE(labels.label(QStringLiteral("3")).role, QStringLiteral("temperature_current"));
        QCOMPARE(labels.label(QStringLiteral("3")).scale, 0.5); // the user's scale stays
        QCOMPARE(labels.label(QStringLiteral("4")).role, QStringLiteral("mode"));
        QCOMPARE(labels.label(QStringLiteral("12")).role, QStringLiteral("fault"));
        // The knowledge base knows this thermostat family (Hysen): dp 6 is its child lock.
        QCOMPARE(labels.label(QStringLiteral("6")).role, QStringLiteral("child_lock"));
        QCOMPARE(labelsOnDisk(opened.sidecar), labels);

        // Nothing left to accept: a second run changes nothing and says so.
        QCOMPARE(model.acceptConfidentSuggestions(), 0);
        QCOMPARE(model.labels(), labelsOnDisk(opened.sidecar));
    }

    void roleAndEnumLabelEditsRoundTrip()
    {
        OPEN_THERMOSTAT_PANE(fixture);
        DpPane& pane = fixture.pane;
        const OpenedCapture& opened = fixture.opened;
        DpTableModel& model = fixture.model();

        const QModelIndex labelsCell = cellOf(model, QStringLiteral("4"), DpTableModel::EnumLabels);
        QVERIFY(model.setData(labelsCell, QStringLiteral(" auto,manual , holiday,")));
        QCOMPARE(model.labels().label(QStringLiteral("4")).enumLabels,
                 (QStringList{QStringLiteral("auto"), QStringLiteral("manual"), QStringLiteral("holiday")}));
        QCOMPARE(labelsCell.data().toString(), QStringLiteral("auto, manual, holiday"));
        QCOMPARE(labelsOnDisk(opened.sidecar).label(QStringLiteral("4")).enumLabels, model.labels().label(QStringLiteral("4")).enumLabels);
        QVERIFY(model.setData(labelsCell, QStringLiteral("off,,high"))); // value 1 unlabelled, keeps its place
        QCOMPARE(model.labels().label(QStringLiteral("4")).enumLabels, (QStringList{QStringLiteral("off"), QString(), QStringLiteral("high")}));
        QVERIFY(model.setData(labelsCell, QString()));
        QVERIFY(model.labels().label(QStringLiteral("4")).enumLabels.isEmpty());

        // The role editor: a combo box offering the inferred and known roles; empty clears.
        QTableView* table = pane.table();
        const QModelIndex roleCell = cellOf(model, QStringLiteral("4"), DpTableModel::Role);
        QAbstractItemDelegate* delegate = table->itemDelegateForColumn(DpTableModel::Role);
        QVERIFY(qobject_cast<DpRoleDelegate*>(delegate));
        std::unique_ptr<QWidget> editor(delegate->createEditor(table->viewport(), QStyleOptionViewItem(), roleCell));
        auto* combo = qobject_cast<QComboBox*>(editor.get());
        QVERIFY(combo && combo->isEditable());
        QCOMPARE(combo->itemText(0), QString());
        QCOMPARE(combo->itemText(1), QStringLiteral("mode")); // the inferred role first
        for (const QString& known : knownDpRoles())
            QVERIFY2(combo->findText(known) >= 0, qPrintable(known));
        delegate->setEditorData(combo, roleCell);
        QCOMPARE(combo->currentText(), QString());
        combo->setCurrentIndex(combo->findText(QStringLiteral("fan_speed")));
        delegate->setModelData(combo, &model, roleCell);
        QCOMPARE(model.labels().label(QStringLiteral("4")).role, QStringLiteral("fan_speed"));
        QCOMPARE(roleCell.data().toString(), QStringLiteral("fan_speed"));
        QCOMPARE(labelsOnDisk(opened.sidecar).label(QStringLiteral("4")).role, QStringLiteral("fan_speed"));
        delegate->setEditorData(combo, roleCell);
        QCOMPARE(combo->currentText(), QStringLiteral("fan_speed"));
        combo->setCurrentIndex(0);
        delegate->setModelData(combo, &model, roleCell);
        QCOMPARE(model.labels().label(QStringLiteral("4")).role, QString());
        QVERIFY(roleCell.data(DpTableModel::IsSuggestionRole).toBool()); // the suggestion is back
        QVERIFY(roleCell.data().toString().startsWith(QStringLiteral("mode? ")));
    }

    void importingMappingsAppliesRolesAndNames()
    {
        OPEN_THERMOSTAT_PANE(fixture);
        const QTemporaryDir& dir = fixture.dir;
        DpPane& pane = fixture.pane;
        const OpenedCapture& opened = fixture.opened;
        DpTableModel& model = fixture.model();
        QVERIFY(model.setData(cellOf(model, QStringLiteral("1"), DpTableModel::Name), QStringLiteral("power")));

        // Tasmota lines, from a file: roles; the user's name stays where the mapping has none.
        const QString tasmotaPath = dir.filePath(QStringLiteral("tasmota.txt"));
        {
            QFile file(tasmotaPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(kTasmota);
        }
        QVERIFY(pane.importMappingFile(tasmotaPath));
        QVERIFY2(pane.statusText().contains(QStringLiteral("tasmota")), qPrintable(pane.statusText()));
        QCOMPARE(model.labels().label(QStringLiteral("1")).role, QStringLiteral("switch"));
        QCOMPARE(model.labels().label(QStringLiteral("1")).name, QStringLiteral("power"));
        QCOMPARE(model.labels().label(QStringLiteral("2")).role, QStringLiteral("brightness"));
        QCOMPARE(cellOf(model, QStringLiteral("2"), DpTableModel::Role).data().toString(), QStringLiteral("brightness"));
        QCOMPARE(labelsOnDisk(opened.sidecar), model.labels());

        // A tinytuya devices.json: names (codes), scales, units and enum labels as core reads them.
        QString summary;
        QVERIFY(model.importMapping(kDevicesJson, &summary));
        QVERIFY2(summary.contains(QStringLiteral("tinytuya")), qPrintable(summary));
        QVERIFY(!summary.contains(QStringLiteral("0123456789abcdef"))); // never the local key
        const MappingImport expected = importTinytuyaMapping(kDevicesJson);
        QCOMPARE(int(expected.mapping.dps.size()), 3);
        for (const DpMapEntry& e : expected.mapping.dps) {
            const DpLabel label = model.labels().label(QString::number(e.id));
            QCOMPARE(label.name, e.name);
            QCOMPARE(label.enumLabels, e.enumLabels);
            if (!e.role.isEmpty())
                QCOMPARE(label.role, e.role);
        }
        QCOMPARE(model.labels().label(QStringLiteral("1")).name, QStringLiteral("switch"));
        QCOMPARE(model.labels().label(QStringLiteral("2")).name, QStringLiteral("temp_set"));
        QCOMPARE(model.labels().label(QStringLiteral("4")).enumLabels,
                 (QStringList{QStringLiteral("auto"), QStringLiteral("manual"), QStringLiteral("holiday")}));
        QCOMPARE(cellOf(model, QStringLiteral("4"), DpTableModel::EnumLabels).data().toString(), QStringLiteral("auto, manual, holiday"));
        QCOMPARE(labelsOnDisk(opened.sidecar), model.labels());
    }

    void importingSomethingElseIsAnErrorAndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("garbage") << QByteArray("\x01\x02 this is not a mapping at all \xff\n");
        QTest::newRow("an empty JSON object") << QByteArray("{}");
        QTest::newRow("bad Tasmota lines only") << QByteArray("TuyaMCU eleven,one\n");
        QTest::newRow("empty") << QByteArray();
    }

    void importingSomethingElseIsAnErrorAndChangesNothing()
    {
        QFETCH(QByteArray, text);
        OPEN_THERMOSTAT_PANE(fixture);
        const QTemporaryDir& dir = fixture.dir;
        DpPane& pane = fixture.pane;
        const OpenedCapture& opened = fixture.opened;
        DpTableModel& model = fixture.model();
        QVERIFY(model.setData(cellOf(model, QStringLiteral("2"), DpTableModel::Name), QStringLiteral("set-point")));
        const DpLabels before = model.labels();
        const QByteArray sidecarBefore = test::readFile(opened.sidecar);
        QVERIFY(!sidecarBefore.isEmpty());

        QSignalSpy labelsChanged(&model, &DpTableModel::labelsChanged);
        QString summary;
        QVERIFY(!model.importMapping(text, &summary));
        QVERIFY2(summary.contains(QStringLiteral("nothing was imported")), qPrintable(summary));
        QCOMPARE(model.labels(), before);
        QCOMPARE(labelsChanged.count(), 0);
        QCOMPARE(test::readFile(opened.sidecar), sidecarBefore);

        const QString path = dir.filePath(QStringLiteral("not-a-mapping.txt"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        QVERIFY(!pane.importMappingFile(path));
        QVERIFY(pane.statusText().contains(QStringLiteral("nothing was imported")));
        QVERIFY(!pane.importMappingFile(dir.filePath(QStringLiteral("missing.txt"))));
        QVERIFY(pane.statusText().contains(QStringLiteral("Could not read")));
        QCOMPARE(model.labels(), before);
    }

    void exportDialogWritesWhatTheCliWrites()
    {
        OPEN_THERMOSTAT_PANE(fixture);
        const QTemporaryDir& dir = fixture.dir;
        DpPane& pane = fixture.pane;
        const OpenedCapture& opened = fixture.opened;
        DpTableModel& model = fixture.model();
        QVERIFY(model.acceptSuggestion(QStringLiteral("2"), QStringLiteral("temperature_target")));
        QVERIFY(model.setData(cellOf(model, QStringLiteral("4"), DpTableModel::EnumLabels), QStringLiteral("auto, manual")));
        QVERIFY(model.setData(cellOf(model, QStringLiteral("101"), DpTableModel::Role), QStringLiteral("switch")));

        QVERIFY(pane.exportMappingAction()->isEnabled());
        QPointer<MappingExportDialog> dialog = pane.openExportDialog();
        QVERIFY(dialog && dialog->isVisible());
        // The CLI's route: the file's McuSession through DpEngine::fromSession, labels from the sidecar.
        const DpMapping cliMapping = mappingForCapture(dpmap::DpEngine::fromSession(opened.cliFrames->mcuSession()),
                                                       labelsOnDisk(opened.sidecar));
        QCOMPARE(model.mappingForExport(), cliMapping);
        QCOMPARE(dialog->target(), QStringLiteral("tasmota")); // the registry's first
        QCOMPARE(dialog->previewText(), exportTasmota(cliMapping, ExportOptions()));
        QVERIFY(dialog->previewText().contains(QStringLiteral("TuyaMCU 72,2")));
        QCOMPARE(dialog->preview()->toPlainText(), dialog->previewText());
        for (const int baud : {9600, 115200}) {
            dialog->setBaudRate(baud);
            ExportOptions options;
            options.baudRate = baud;
            for (const MappingExporter& exporter : mappingExporters()) {
                dialog->setTarget(exporter.name);
                QCOMPARE(dialog->target(), exporter.name);
                QCOMPARE(dialog->previewText(), exporter.write(cliMapping, options));
            }
        }
        dialog->setTarget(QStringLiteral("esphome"));
        QVERIFY(dialog->previewText().contains(QStringLiteral("tuya:")));
        QVERIFY(dialog->previewText().contains(QStringLiteral("115200")));

        QVERIFY(dialog->copyButton()->isEnabled());
        QTest::mouseClick(dialog->copyButton(), Qt::LeftButton);
        if (QGuiApplication::clipboard()->text() != dialog->previewText())
            qWarning("this platform's clipboard does not keep text; Copy not checked");
        const QString saved = dir.filePath(MappingExportDialog::suggestedFileName(dialog->target()));
        QString error;
        QVERIFY2(dialog->saveTo(saved, &error), qPrintable(error));
        QCOMPARE(QString::fromUtf8(test::readFile(saved)), dialog->previewText());

        // A baud rate that is no number: nothing to copy or save, and the preview says why.
        dialog->baudBox()->setCurrentText(QString());
        QVERIFY(dialog->previewText().isEmpty());
        QVERIFY(!dialog->copyButton()->isEnabled());
        QVERIFY(!dialog->saveButton()->isEnabled());
        QVERIFY(dialog->preview()->toPlainText().contains(QStringLiteral("baud")));
        QVERIFY(!dialog->saveTo(saved, &error));
        dialog->close();
        QTRY_VERIFY(dialog.isNull()); // deleted on close
    }

    void actionsNeedADocument()
    {
        DpPane pane;
        QVERIFY(!pane.acceptSuggestionsAction()->isEnabled());
        QVERIFY(!pane.importMappingAction()->isEnabled());
        QVERIFY(!pane.exportMappingAction()->isEnabled());
        std::unique_ptr<QMenu> menu(pane.contextMenuForRow(0));
        QVERIFY(menu->actions().isEmpty());
        QCOMPARE(pane.model()->acceptConfidentSuggestions(), 0);
        QVERIFY(!pane.model()->acceptSuggestion(QStringLiteral("1"), QStringLiteral("switch")));
    }

    void liveSuggestionsAreThrottled()
    {
        auto* session = new test::ScriptedSession;
        CaptureDocument document(session);
        DpTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDocument(&document);
        session->start();
        qint64 t = 1'700'000'000'000'000;
        QElapsedTimer elapsed;
        elapsed.start();
        const int runsBefore = model.inferenceRuns();
        constexpr int kBatches = 40;
        for (int i = 0; i < kBatches; ++i) {
            // One new dp per batch; every batch is shown (the Role column read) as a view would.
            session->feed(t += 100'000, mcu::encodeFrame(3, 0x07, mcu::encodeBoolDp(quint8(101 + i), i % 2 == 0)));
            QTRY_COMPARE(model.rowCount(), i + 1);
            for (int row = 0; row < model.rowCount(); ++row)
                model.index(row, DpTableModel::Role).data();
        }
        const int runs = model.inferenceRuns() - runsBefore;
        const int allowed = int(elapsed.elapsed() * DpTableModel::kInferencesPerSecond / 1000) + 2;
        QVERIFY2(runs <= allowed, qPrintable(QStringLiteral("%1 inferences for %2 batches in %3 ms").arg(runs).arg(kBatches).arg(elapsed.elapsed())));
        QVERIFY(runs < kBatches);
        // ... and the suggestions catch up with the last batch.
        QTRY_COMPARE(model.inference().dps.size(), qsizetype(kBatches));
        QTRY_VERIFY(!model.index(kBatches - 1, DpTableModel::Role).data().toString().isEmpty());
        session->stop();
    }
};

QTEST_MAIN(TestDpPaneMapping)
#include "tst_dp_pane_mapping.moc"
