// Help ▸ Examples: every bundled real capture in the index loads from the resources into frames
// with no bad checksum, the bundle stays small, and the menu has one action per example that asks
// for that example's files.
#include "support/TestSupport.h"

#include "frames/CaptureFrames.h"
#include "frames/FrameSummary.h"
#include "import/CaptureLoader.h"
#include "widgets/ExamplesMenu.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tuyascope;
using namespace tuyascope::ui;

class TestExamples : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void theIndexListsBundledFiles()
    {
        QString error;
        const QVector<ExampleCapture> examples = ExamplesMenu::readIndex(ExamplesMenu::defaultIndexPath(), &error);
        QVERIFY2(examples.size() >= 4, qPrintable(error));
        qint64 total = 0;
        for (const ExampleCapture& example : examples) {
            QVERIFY(!example.description.isEmpty());
            for (const QString& path : example.resourcePaths) {
                QVERIFY2(path.startsWith(QLatin1String(":/tuyascope/captures/examples/")), qPrintable(path));
                QFile f(path);
                QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
                total += f.size();
                // The bundled copy is the real capture, byte for byte.
                const QString original = test::sharedPath(QStringLiteral("captures/tuyamcu-real/") + QFileInfo(path).fileName());
                if (QFile::exists(original))
                    QCOMPARE(f.readAll(), test::readFile(original));
            }
        }
        QVERIFY2(total < 100 * 1024, qPrintable(QString::number(total)));
    }

    void everyExampleLoadsCleanly_data()
    {
        QTest::addColumn<QStringList>("paths");
        for (const ExampleCapture& example : ExamplesMenu::readIndex(ExamplesMenu::defaultIndexPath()))
            QTest::newRow(qPrintable(example.title)) << example.resourcePaths;
    }
    void everyExampleLoadsCleanly()
    {
        QFETCH(QStringList, paths);
        const LoadResult loaded = loadCaptureFiles(paths);
        QVERIFY2(loaded.ok, qPrintable(loaded.error));
        QCOMPARE(loaded.files.size(), paths.size());
        const CaptureFrames frames(loaded.capture, keys::KeyStore());
        QVERIFY(frames.frameCount() > 0);
        int good = 0;
        for (int row = 0; row < frames.frameCount(); ++row) {
            const Dissection d = frames.dissect(row);
            QVERIFY2(d.checksum != ChecksumStatus::Bad,
                     qPrintable(QStringLiteral("frame %1: %2").arg(row + 1).arg(summarizeFrame(frames.facts(row), d).status)));
            good += d.checksum == ChecksumStatus::Good ? 1 : 0;
        }
        QVERIFY(good > 0);
    }

    void theMenuHasOneActionPerExample()
    {
        const QVector<ExampleCapture> examples = ExamplesMenu::readIndex(ExamplesMenu::defaultIndexPath());
        ExamplesMenu menu;
        QCOMPARE(menu.actions().size(), examples.size());
        QSignalSpy spy(&menu, &ExamplesMenu::openRequested);
        for (int i = 0; i < examples.size(); ++i) {
            QAction* action = menu.actions().at(i);
            QCOMPARE(action->text(), examples.at(i).title);
            QCOMPARE(action->toolTip(), examples.at(i).description);
            action->trigger();
            QCOMPARE(spy.count(), i + 1);
            QCOMPARE(spy.last().at(0).toStringList(), examples.at(i).resourcePaths);
        }
    }

    void aBrokenIndexGivesAnEmptyMenu()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        QVERIFY(ExamplesMenu::readIndex(dir.filePath(QStringLiteral("missing.json")), &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("missing.json")));
        const QString broken = dir.filePath(QStringLiteral("index.json"));
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"examples": [{"title": "no files"}, {"files": ["a.bin"]}, {"title": "t", "files": ["../escape.bin"]}, )");
        }
        QVERIFY(ExamplesMenu::readIndex(broken, &error).isEmpty());
        QVERIFY(!error.isEmpty());
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"examples": [{"title": "no files"}, {"files": ["a.bin"]}, {"title": "ok", "files": ["a.bin", "../x.bin"]}]})");
        }
        const QVector<ExampleCapture> one = ExamplesMenu::readIndex(broken);
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.first().resourcePaths, QStringList{dir.filePath(QStringLiteral("a.bin"))});
        ExamplesMenu menu(nullptr, dir.filePath(QStringLiteral("missing.json")));
        QCOMPARE(menu.actions().size(), 1);
        QVERIFY(!menu.actions().first()->isEnabled());
    }
};

QTEST_MAIN(TestExamples)
#include "tst_examples.moc"
