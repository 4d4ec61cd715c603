// The window's item models over core data, each under QAbstractItemModelTester: the capture list
// (lazy columns, batched live inserts, sliced filtering) and the dissection tree.
#include "support/TestSupport.h"

#include "frames/CaptureFrames.h"
#include "frames/LiveFrames.h"
#include "import/CaptureLoader.h"
#include "models/FieldTreeModel.h"
#include "models/FrameListModel.h"
#include "tuyamcu/FrameEncoder.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tuyascope;
using namespace tuyascope::ui;

namespace {

CaptureFrames thermostatFrames()
{
    const LoadResult loaded = loadCaptureFiles({test::sourcePath(QStringLiteral("resources/captures/hy609-thermostat.txt"))});
    return CaptureFrames(loaded.capture, keys::KeyStore());
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT
private slots:
    void frameListShowsEveryFrameWithDerivedColumns()
    {
        const CaptureFrames frames = thermostatFrames();
        QVERIFY(frames.frameCount() > 10);
        FrameListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setTable(&frames);
        QCOMPARE(model.rowCount(), 0);       // published at the next event-loop turn
        QTRY_COMPARE(model.rowCount(), frames.frameCount());
        QCOMPARE(inserted.count(), 1);       // in one insert
        int withDps = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const FrameFacts facts = frames.facts(row);
            QCOMPARE(model.index(row, FrameListModel::Number).data().toInt(), row + 1);
            QCOMPARE(model.index(row, FrameListModel::Dir).data().toString(), directionKey(facts.direction));
            QCOMPARE(model.index(row, FrameListModel::Length).data().toInt(), facts.length);
            withDps += model.index(row, FrameListModel::Dps).data().toString().isEmpty() ? 0 : 1;
        }
        QVERIFY(withDps > 0);
        model.setTimeFormat(FrameListModel::TimeFormat::Relative);
        QCOMPARE(model.headerData(FrameListModel::Time, Qt::Horizontal).toString(), QStringLiteral("Time (rel.)"));
    }

    void filterPredicateShowsOnlyMatchingRows()
    {
        const CaptureFrames frames = thermostatFrames();
        FrameListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setTable(&frames);
        QTRY_COMPARE(model.rowCount(), frames.frameCount());
        int expected = 0;
        for (int row = 0; row < frames.frameCount(); ++row)
            expected += frames.facts(row).command == 0x07 ? 1 : 0;
        QVERIFY(expected > 0 && expected < frames.frameCount());
        QSignalSpy finished(&model, &FrameListModel::scanFinished);
        model.setPredicate([&frames](int source) { return frames.facts(source).command == 0x07; });
        QVERIFY(finished.wait(5000) || finished.count() > 0);
        QCOMPARE(model.rowCount(), expected);
        for (int row = 0; row < model.rowCount(); ++row) {
            const int source = model.sourceRow(row);
            QCOMPARE(frames.facts(source).command, qint64(0x07));
            QCOMPARE(model.rowOfSource(source), row);
        }
        model.setPredicate(nullptr);
        QTRY_COMPARE(model.rowCount(), frames.frameCount());
    }

    void liveFramesArriveInOneInsertPerTurn()
    {
        LiveCapture live;
        ChannelInfo channel;
        channel.direction = Direction::McuToModule;
        const int c = live.addChannel(channel);
        LiveFrames frames(live);
        FrameListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        connect(&frames, &LiveFrames::frameAppended, &model, &FrameListModel::noteFramesAppended);
        model.setTable(&frames);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const QByteArray heartbeat = mcu::encodeFrame(0x03, 0x00, QByteArray::fromHex("01"));
        for (int i = 0; i < 50; ++i)
            live.appendChunk(c, 1000 + i, heartbeat);
        QCOMPARE(frames.frameCount(), 50);
        QTRY_COMPARE(model.rowCount(), 50);
        QCOMPARE(inserted.count(), 1);
        live.appendChunk(c, 2000, heartbeat);
        QTRY_COMPARE(model.rowCount(), 51);
        QCOMPARE(inserted.count(), 2);
    }

    void fieldTreeMirrorsTheDissection()
    {
        const CaptureFrames frames = thermostatFrames();
        int row = 0;
        while (row < frames.frameCount() && dpUnitsOf(frames.dissect(row)).isEmpty())
            ++row;
        QVERIFY(row < frames.frameCount());
        const Dissection d = frames.dissect(row);
        FieldTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setDissection(d);
        QCOMPARE(model.rowCount(), int(d.topLevelFields().size()) + (d.diagnostics().isEmpty() ? 0 : 1));
        for (int f = 0; f < d.fields().size(); ++f) {
            const QModelIndex index = model.indexOfField(f);
            QVERIFY(index.isValid());
            QCOMPARE(model.fieldAt(index), f);
            QCOMPARE(index.data(FieldTreeModel::OffsetRole).toInt(), d.field(f).offset);
            QCOMPARE(index.data(FieldTreeModel::LengthRole).toInt(), d.field(f).length);
            QCOMPARE(index.data().toString(), d.field(f).name);
            const int parent = d.field(f).parent;
            QCOMPARE(model.fieldAt(index.parent()), parent);
        }
        // A byte inside a dp value selects the dp.value field, the deepest one covering it.
        const DpUnitView unit = dpUnitsOf(d).at(0);
        int valueField = -1;
        for (int child : d.field(unit.field).children)
            if (d.field(child).key == QLatin1String("dp.value"))
                valueField = child;
        QVERIFY(valueField >= 0);
        QCOMPARE(d.deepestFieldAt(0, d.field(valueField).offset), valueField);
        QCOMPARE(d.deepestFieldAt(0, 0), d.findField(QStringLiteral("tuyamcu.header")));
        QCOMPARE(d.deepestFieldAt(1, 0), -1);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
