// The hex view: its geometry (HexLayout, checked with made-up font metrics), the copy formats,
// and the widgets driven headlessly (offscreen): painting only visible lines, marking and
// scrolling, clicks, keyboard and drag selection, clipboard, and one tab per data source.

#include "hexview/HexCopyFormats.h"
#include "hexview/HexLayout.h"
#include "hexview/HexSourceTabs.h"
#include "hexview/HexView.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTabWidget>
#include <QToolTip>
#include <QtTest>

using namespace tuyascope;

Q_DECLARE_METATYPE(tuyascope::HexCopyFormat)

namespace {

constexpr int TestCharWidth = 10;
constexpr int TestLineHeight = 20;

HexLayout testLayout(int bytesPerLine, int dataSize)
{
    HexLayout layout;
    layout.setBytesPerLine(bytesPerLine);
    layout.setCharMetrics(TestCharWidth, TestLineHeight);
    layout.setDataSize(dataSize);
    return layout;
}

QByteArray countingBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(i & 0xff);
    return bytes;
}

void showAndWait(QWidget& widget, QSize size = {760, 320})
{
    widget.resize(size);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

void sendMouse(QWidget* target, QEvent::Type type, QPoint position, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(position), target->mapToGlobal(QPointF(position)), button, buttons,
                      Qt::NoModifier);
    QCoreApplication::sendEvent(target, &event);
}

} // namespace

class TestHexView : public QObject {
    Q_OBJECT

private slots:
    void layoutMapsOffsetsToCellsAndBack_data();
    void layoutMapsOffsetsToCellsAndBack();
    void layoutPointsOffBytesHitNothing_data();
    void layoutPointsOffBytesHitNothing();
    void layoutNearestOffsetClampsForDragging();
    void layoutCountsLinesForSizes();

    void copyFormatsProduceExactText_data();
    void copyFormatsProduceExactText();

    void viewPaintsOnlyVisibleLines();
    void markingScrollsItsLineIntoView();
    void markingIsClampedToTheData();
    void clickOnByteEmitsItsOffset_data();
    void clickOnByteEmitsItsOffset();
    void clickBetweenBytesEmitsNothing();
    void keyboardMovesCursorAndSelects();
    void dragSelectsWithoutActivating();
    void copyActionsPutFormatsOnClipboard_data();
    void copyActionsPutFormatsOnClipboard();
    void copyShortcutAndSelectionOverrideMarking();
    void colouredRangeShowsItsToolTip();
    void markedViewRendersToPng();

    void sourceTabsFollowMarking();
    void sourceTabsForwardByteActivatedWithSource();
    void sourceTabsReuseAndShrink();
};

// Expected x positions are written out by hand from the documented column plan
// (margin 5, 8 offset digits, 2 spaces, "xx " per byte plus a space per 8 bytes, 2 spaces, ASCII).
void TestHexView::layoutMapsOffsetsToCellsAndBack_data()
{
    QTest::addColumn<int>("bytesPerLine");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("hexX");
    QTest::addColumn<int>("asciiX");

    QTest::newRow("16/first byte") << 16 << 0 << 0 << 0 << 105 << 605;
    QTest::newRow("16/offset 15 (after the group gap)") << 16 << 15 << 0 << 15 << 565 << 755;
    QTest::newRow("16/offset 16 starts line 1") << 16 << 16 << 1 << 0 << 105 << 605;
    QTest::newRow("16/last byte") << 16 << 99 << 6 << 3 << 195 << 635;
    QTest::newRow("8/first byte") << 8 << 0 << 0 << 0 << 105 << 355;
    QTest::newRow("8/offset 15") << 8 << 15 << 1 << 7 << 315 << 425;
    QTest::newRow("8/offset 16") << 8 << 16 << 2 << 0 << 105 << 355;
    QTest::newRow("8/last byte") << 8 << 99 << 12 << 3 << 195 << 385;
}

void TestHexView::layoutMapsOffsetsToCellsAndBack()
{
    QFETCH(int, bytesPerLine);
    QFETCH(int, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(int, hexX);
    QFETCH(int, asciiX);
    const HexLayout layout = testLayout(bytesPerLine, 100);

    QCOMPARE(layout.lineOf(offset), line);
    QCOMPARE(layout.columnOf(offset), column);
    QCOMPARE(layout.hexRect(offset, 0), QRect(hexX, line * TestLineHeight, 2 * TestCharWidth, TestLineHeight));
    QCOMPARE(layout.asciiRect(offset, 0), QRect(asciiX, line * TestLineHeight, TestCharWidth, TestLineHeight));

    // Back again, from both columns, unscrolled and with the byte's line scrolled to the top.
    for (const int firstLine : {0, line}) {
        const QPoint hexCentre = layout.hexRect(offset, firstLine).center();
        const HexHit hexHit = layout.hitTest(hexCentre, firstLine);
        QCOMPARE(hexHit.offset, offset);
        QCOMPARE(hexHit.column, HexColumn::Hex);
        const HexHit asciiHit = layout.hitTest(layout.asciiRect(offset, firstLine).center(), firstLine);
        QCOMPARE(asciiHit.offset, offset);
        QCOMPARE(asciiHit.column, HexColumn::Ascii);
    }
    // Horizontal scrolling shifts the rectangles and the hit test alike.
    const QRect scrolled = layout.hexRect(offset, 0, 40);
    QCOMPARE(scrolled.x(), hexX - 40);
    QCOMPARE(layout.offsetAt(scrolled.center(), 0, 40), offset);
}

void TestHexView::layoutPointsOffBytesHitNothing_data()
{
    QTest::addColumn<int>("bytesPerLine");
    QTest::addColumn<QPoint>("point");

    for (const int perLine : {8, 16}) {
        const QByteArray prefix = QByteArray::number(perLine) + '/';
        QTest::newRow((prefix + "space between bytes 0 and 1").constData()) << perLine << QPoint(130, 5);
        QTest::newRow((prefix + "offset column").constData()) << perLine << QPoint(30, 5);
        QTest::newRow((prefix + "left margin").constData()) << perLine << QPoint(2, 5);
        QTest::newRow((prefix + "line 6 past the last byte").constData()) << perLine << QPoint(105 + 3 * 4 * 10 + 5, 6 * 20 + 5);
        QTest::newRow((prefix + "above the first line").constData()) << perLine << QPoint(110, -3);
    }
    QTest::newRow("16/group gap between bytes 7 and 8") << 16 << QPoint(345, 5);
    QTest::newRow("16/between hex and ASCII columns") << 16 << QPoint(595, 5);
    QTest::newRow("16/right of the ASCII column") << 16 << QPoint(605 + 160 + 2, 5);
    QTest::newRow("8/between hex and ASCII columns") << 8 << QPoint(345, 5);
    QTest::newRow("8/right of the ASCII column") << 8 << QPoint(355 + 80 + 2, 5);
}

void TestHexView::layoutPointsOffBytesHitNothing()
{
    QFETCH(int, bytesPerLine);
    QFETCH(QPoint, point);
    // 100 bytes: with 16 per line the last line (6) holds bytes 96..99, so column 4 is past the data.
    // With 8 per line, line 6 is full, so that row uses a fresh 52-byte layout instead.
    const int dataSize = bytesPerLine == 8 ? 52 : 100;
    const HexLayout layout = testLayout(bytesPerLine, dataSize);
    QCOMPARE(layout.offsetAt(point, 0), -1);
}

void TestHexView::layoutNearestOffsetClampsForDragging()
{
    const HexLayout layout = testLayout(16, 100);
    QCOMPARE(layout.nearestOffset(QPoint(128, 5), 0), 0);        // just right of byte 0's digits
    QCOMPARE(layout.nearestOffset(QPoint(140, 5), 0), 1);        // nearer byte 1
    QCOMPARE(layout.nearestOffset(QPoint(0, 5), 0), 0);          // left of everything
    QCOMPARE(layout.nearestOffset(QPoint(2000, 5), 0), 15);      // right of the ASCII column
    QCOMPARE(layout.nearestOffset(QPoint(110, -50), 2), 16);     // above the viewport: line 1
    QCOMPARE(layout.nearestOffset(QPoint(565, 5000), 0), 99);    // below the data: last byte
    QCOMPARE(testLayout(16, 0).nearestOffset(QPoint(110, 5), 0), -1);
}

void TestHexView::layoutCountsLinesForSizes()
{
    QCOMPARE(testLayout(16, 0).lineCount(), 0);
    QCOMPARE(testLayout(16, 1).lineCount(), 1);
    QCOMPARE(testLayout(16, 16).lineCount(), 1);
    QCOMPARE(testLayout(16, 17).lineCount(), 2);
    QCOMPARE(testLayout(8, 17).lineCount(), 3);

    const HexLayout layout = testLayout(16, 1000);  // 63 lines
    QCOMPARE(layout.fullLinesFor(100), 5);
    QCOMPARE(layout.fullLinesFor(5), 1);             // never zero, so paging always moves
    QCOMPARE(layout.visibleLines(0, 110).first, 0);
    QCOMPARE(layout.visibleLines(0, 110).count, 6);  // five full lines and a partial one
    QCOMPARE(layout.visibleLines(60, 200).count, 3); // clipped to the data
    QCOMPARE(layout.visibleLines(63, 200).count, 0);
    QCOMPARE(layout.totalWidth(), 605 + 160 + 5);
    QCOMPARE(layout.hexGapAfter(0), 10);
    QCOMPARE(layout.hexGapAfter(7), 20);   // the group gap
    QCOMPARE(layout.hexGapAfter(15), 0);   // end of the line
}

void TestHexView::copyFormatsProduceExactText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<HexCopyFormat>("format");
    QTest::addColumn<QString>("expected");

    const QByteArray frame = QByteArray::fromHex("55aa0307");
    QTest::newRow("hex") << frame << HexCopyFormat::Hex << QStringLiteral("55 aa 03 07");
    QTest::newRow("C array, one line")
        << frame << HexCopyFormat::CArray << QStringLiteral("const unsigned char data[4] = { 0x55, 0xaa, 0x03, 0x07 };");
    QTest::newRow("C array, exactly 12 stays on one line")
        << QByteArray(12, '\x01') << HexCopyFormat::CArray
        << QStringLiteral("const unsigned char data[12] = { 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, "
                          "0x01, 0x01, 0x01, 0x01 };");
    QTest::newRow("C array, wrapped at 12")
        << QByteArray::fromHex("000102030405060708090a0b0cff") << HexCopyFormat::CArray
        << QStringLiteral("const unsigned char data[14] = {\n"
                          "    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,\n"
                          "    0x0c, 0xff\n"
                          "};");
    QTest::newRow("base64") << frame << HexCopyFormat::Base64 << QStringLiteral("VaoDBw==");
    QTest::newRow("text, JSON plaintext")
        << QByteArray(R"({"dps":{"1":true}})") << HexCopyFormat::Text << QStringLiteral(R"({"dps":{"1":true}})");
    QTest::newRow("text, controls become dots")
        << QByteArray("a\0b\x1b" "c\td\n", 8) << HexCopyFormat::Text << QStringLiteral("a.b.c\td\n");
    QTest::newRow("text, UTF-8") << QByteArray("\xc2\xb0" "C") << HexCopyFormat::Text << QStringLiteral("\u00b0C");
    for (const HexCopyFormat format : {HexCopyFormat::Hex, HexCopyFormat::CArray, HexCopyFormat::Base64, HexCopyFormat::Text})
        QTest::addRow("empty/%d", static_cast<int>(format)) << QByteArray() << format << QString();
}

void TestHexView::copyFormatsProduceExactText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(HexCopyFormat, format);
    QFETCH(QString, expected);
    QCOMPARE(formatBytes(bytes, format), expected);
}

void TestHexView::viewPaintsOnlyVisibleLines()
{
    HexView view;
    view.setData(countingBytes(1024 * 1024));
    showAndWait(view);
    QCOMPARE(view.layout().lineCount(), 65536);

    const int lineHeight = view.layout().lineHeight();
    const int maxVisible = view.viewport()->height() / lineHeight + 1;
    view.viewport()->repaint();
    HexLineSpan painted = view.lastPaintedLines();
    QCOMPARE(painted.first, 0);
    QVERIFY2(painted.count > 0 && painted.count <= maxVisible,
             qPrintable(QStringLiteral("painted %1 lines, at most %2 fit").arg(painted.count).arg(maxVisible)));

    view.verticalScrollBar()->setValue(40000);
    view.viewport()->repaint();
    painted = view.lastPaintedLines();
    QCOMPARE(painted.first, 40000);
    QVERIFY(painted.count > 0 && painted.count <= maxVisible);

    // At the very end the last line of data is painted and nothing past it.
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    view.viewport()->repaint();
    painted = view.lastPaintedLines();
    QCOMPARE(painted.first + painted.count, 65536);
}

void TestHexView::markingScrollsItsLineIntoView()
{
    HexView view;
    view.setData(countingBytes(1024 * 1024));
    showAndWait(view);
    const int fullLines = view.layout().fullLinesFor(view.viewport()->height());

    view.setMarking(500000, 4);
    QCOMPARE(view.marking(), (ByteRange{500000, 4}));
    const int markedLine = 500000 / 16;
    int top = view.verticalScrollBar()->value();
    QVERIFY2(markedLine >= top && markedLine < top + fullLines,
             qPrintable(QStringLiteral("line %1 not within %2..%3").arg(markedLine).arg(top).arg(top + fullLines - 1)));
    QVERIFY(view.hexCellRect(500000).intersects(view.viewport()->rect()));

    // Back up near the start: the view scrolls up again.
    view.setMarking(40, 2);
    top = view.verticalScrollBar()->value();
    QVERIFY(2 >= top && 2 < top + fullLines);

    // A marking already visible does not move the view.
    view.verticalScrollBar()->setValue(0);
    view.setMarking(16, 1);
    QCOMPARE(view.verticalScrollBar()->value(), 0);
}

void TestHexView::markingIsClampedToTheData()
{
    HexView view;
    view.setData(countingBytes(10));
    view.setMarking(8, 10);
    QCOMPARE(view.marking(), (ByteRange{8, 2}));
    view.setMarking(-1, 3);
    QVERIFY(view.marking().isEmpty());
    view.setMarking(10, 1);
    QVERIFY(view.marking().isEmpty());
    view.setMarking(3, 1);
    view.setData(countingBytes(4));  // new data: old marking means nothing
    QVERIFY(view.marking().isEmpty());
}

void TestHexView::clickOnByteEmitsItsOffset_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<bool>("inAsciiColumn");
    QTest::newRow("first byte, hex") << 0 << false;
    QTest::newRow("byte 17, hex") << 17 << false;
    QTest::newRow("byte 17, ASCII") << 17 << true;
    QTest::newRow("last visible line, ASCII") << 16 * 9 + 15 << true;
}

void TestHexView::clickOnByteEmitsItsOffset()
{
    QFETCH(int, offset);
    QFETCH(bool, inAsciiColumn);
    HexView view;
    view.setData(countingBytes(4096));
    showAndWait(view);
    QSignalSpy activated(&view, &HexView::byteActivated);

    const HexLayout& layout = view.layout();
    const int scrollX = view.horizontalScrollBar()->value();
    const QRect cell = inAsciiColumn ? layout.asciiRect(offset, view.firstVisibleLine(), scrollX)
                                     : layout.hexRect(offset, view.firstVisibleLine(), scrollX);
    QVERIFY(view.viewport()->rect().contains(cell.center()));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());

    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toInt(), offset);
    QCOMPARE(view.cursorOffset(), offset);
    QVERIFY(view.selectedRange().isEmpty());  // a click names a byte; it selects nothing
}

void TestHexView::clickBetweenBytesEmitsNothing()
{
    HexView view;
    view.setData(countingBytes(64));
    showAndWait(view);
    QSignalSpy activated(&view, &HexView::byteActivated);
    const HexLayout& layout = view.layout();
    const QPoint gap(layout.hexX(0) + layout.hexCellWidth() + layout.charWidth() / 2, layout.lineHeight() / 2);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, gap);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(layout.offsetColumnX() + 2, 3));
    QCOMPARE(activated.count(), 0);
}

void TestHexView::keyboardMovesCursorAndSelects()
{
    HexView view;
    view.setData(countingBytes(4096));
    showAndWait(view);
    view.setFocus();
    QSignalSpy selectionChanged(&view, &HexView::selectionChanged);

    view.setCursorOffset(16);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(view.selectedRange(), (ByteRange{16, 4}));
    QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(view.cursorOffset(), 35);
    QCOMPARE(view.selectedRange(), (ByteRange{16, 20}));
    QVERIFY(selectionChanged.count() >= 4);

    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.cursorOffset(), 36);
    QVERIFY(view.selectedRange().isEmpty());
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.cursorOffset(), 32);
    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.cursorOffset(), 47);
    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.cursorOffset(), 31);
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.cursorOffset(), 4095);
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.cursorOffset(), 4095);  // clamped at the end
    QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view.selectedRange(), (ByteRange{0, 4096}));
    QTest::keyClick(&view, Qt::Key_PageDown);
    QCOMPARE(view.cursorOffset(), 16 * view.layout().fullLinesFor(view.viewport()->height()));
    QTest::keyClick(&view, Qt::Key_PageUp);
    QCOMPARE(view.cursorOffset(), 0);
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.cursorOffset(), 0);
}

void TestHexView::dragSelectsWithoutActivating()
{
    HexView view;
    view.setData(countingBytes(256));
    showAndWait(view);
    QSignalSpy activated(&view, &HexView::byteActivated);
    QWidget* viewport = view.viewport();
    const int top = view.firstVisibleLine();
    const QPoint from = view.layout().hexRect(2, top).center();
    const QPoint to = view.layout().hexRect(20, top).center();

    sendMouse(viewport, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);

    QCOMPARE(view.selectedRange(), (ByteRange{2, 19}));
    QCOMPARE(activated.count(), 0);

    // Shift+click extends from the cursor.
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::NoModifier, view.layout().hexRect(5, top).center());
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, view.layout().asciiRect(9, top).center());
    QCOMPARE(view.selectedRange(), (ByteRange{5, 5}));
    QCOMPARE(activated.count(), 1);  // only the plain click
}

void TestHexView::copyActionsPutFormatsOnClipboard_data()
{
    QTest::addColumn<HexCopyFormat>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("hex") << HexCopyFormat::Hex << QStringLiteral("55 aa 03 07");
    QTest::newRow("C array") << HexCopyFormat::CArray
                             << QStringLiteral("const unsigned char data[4] = { 0x55, 0xaa, 0x03, 0x07 };");
    QTest::newRow("base64") << HexCopyFormat::Base64 << QStringLiteral("VaoDBw==");
    QTest::newRow("text, invalid UTF-8 shows as U+FFFD") << HexCopyFormat::Text << QStringLiteral("U\ufffd..");
}

void TestHexView::copyActionsPutFormatsOnClipboard()
{
    QFETCH(HexCopyFormat, format);
    QFETCH(QString, expected);
    HexView view;
    view.setData(QByteArray::fromHex("55aa030700017e"));
    QAction* action = view.copyAction(format);
    QVERIFY(action);
    QCOMPARE(action->text(), copyActionText(format));
    QVERIFY(!action->isEnabled());  // nothing selected or marked yet

    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    view.setMarking(0, 4);
    QVERIFY(action->isEnabled());
    action->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
}

void TestHexView::copyShortcutAndSelectionOverrideMarking()
{
    HexView view;
    view.setData(QByteArray::fromHex("55aa030700017e"));
    showAndWait(view);
    view.setFocus();
    view.setMarking(0, 4);
    view.setCursorOffset(4);
    view.setCursorOffset(6, true);
    QCOMPARE(view.copyRange(), (ByteRange{4, 3}));

    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    QTest::keySequence(&view, QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("00 01 7e"));

    // Dropping the selection falls back to the marking.
    view.setCursorOffset(6);
    QTest::keySequence(&view, QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("55 aa 03 07"));
}

void TestHexView::colouredRangeShowsItsToolTip()
{
    HexView view;
    view.setData(countingBytes(64));
    view.addRange(4, 2, Qt::yellow, QStringLiteral("Version"));
    view.addRange(60, 100, Qt::cyan, QStringLiteral("Checksum"));
    view.addRange(70, 1, Qt::red, QStringLiteral("outside"));  // past the data: dropped
    QCOMPARE(view.ranges().size(), 2);
    QCOMPARE(view.ranges().at(1).range, (ByteRange{60, 4}));
    showAndWait(view);

    const QPoint inside = view.hexCellRect(5).center();
    QHelpEvent help(QEvent::ToolTip, inside, view.viewport()->mapToGlobal(inside));
    QCoreApplication::sendEvent(view.viewport(), &help);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("Version"));

    view.clearRanges();
    QVERIFY(view.ranges().isEmpty());
    QCoreApplication::sendEvent(view.viewport(), &help);
    QTRY_VERIFY(!QToolTip::isVisible());
}

void TestHexView::markedViewRendersToPng()
{
    // Not a pixel comparison: images for a human to look at (build/tests/hexview-marking*.png).
    HexView view;
    view.setData(QByteArray::fromHex("55aa000000010100337b226465764964223a22616263222c22647073223a7b2231223a747275657d7d00")
                 + countingBytes(200));
    view.addRange(0, 2, QColor(0x4c, 0xaf, 0x50), QStringLiteral("Header"));
    view.addRange(44, 1, QColor(0xff, 0x98, 0x00), QStringLiteral("Checksum"));
    showAndWait(view, {760, 260});
    view.setFocus();
    view.setMarking(8, 35);
    view.setCursorOffset(50);
    view.setCursorOffset(53, true);
    const QString path = QCoreApplication::applicationDirPath() + QStringLiteral("/hexview-marking.png");
    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY2(image.save(path), qPrintable(path));

    // The same with a dark palette: the view draws from the palette, so it must follow.
    QPalette dark = view.palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::PlaceholderText, QColor(0x88, 0x88, 0x88));
    dark.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    dark.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    view.setPalette(dark);
    const QString darkPath = QCoreApplication::applicationDirPath() + QStringLiteral("/hexview-marking-dark.png");
    QVERIFY2(view.grab().toImage().save(darkPath), qPrintable(darkPath));
}

void TestHexView::sourceTabsFollowMarking()
{
    HexSourceTabs tabs;
    tabs.setSources({{QStringLiteral("frame"), countingBytes(40)},
                     {QStringLiteral("decrypted payload"), countingBytes(20)}});
    QCOMPARE(tabs.sourceCount(), 2);
    auto* tabWidget = tabs.findChild<QTabWidget*>();
    QVERIFY(tabWidget);
    QCOMPARE(tabWidget->tabText(1), QStringLiteral("decrypted payload"));
    QCOMPARE(tabs.currentSource(), 0);

    tabs.setMarking(1, 5, 3);
    QCOMPARE(tabs.currentSource(), 1);
    QCOMPARE(tabWidget->currentWidget(), tabs.view(1));
    QCOMPARE(tabs.view(1)->marking(), (ByteRange{5, 3}));

    tabs.setMarking(0, 2, 1);
    QCOMPARE(tabs.currentSource(), 0);
    QCOMPARE(tabs.view(0)->marking(), (ByteRange{2, 1}));
    QVERIFY(tabs.view(1)->marking().isEmpty());

    tabs.setMarking(7, 0, 1);  // no such source: nothing stays marked
    QVERIFY(tabs.view(0)->marking().isEmpty());
    QCOMPARE(tabs.currentSource(), 0);
}

void TestHexView::sourceTabsForwardByteActivatedWithSource()
{
    HexSourceTabs tabs;
    tabs.setSources({{QStringLiteral("frame"), countingBytes(40)},
                     {QStringLiteral("decrypted payload"), countingBytes(20)}});
    showAndWait(tabs);
    tabs.setCurrentSource(1);
    QSignalSpy activated(&tabs, &HexSourceTabs::byteActivated);
    HexView* view = tabs.view(1);
    QTRY_VERIFY(view->isVisible());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, view->hexCellRect(7).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toInt(), 1);
    QCOMPARE(activated.at(0).at(1).toInt(), 7);
}

void TestHexView::sourceTabsReuseAndShrink()
{
    HexSourceTabs tabs;
    tabs.setSources({{QStringLiteral("frame"), countingBytes(40)},
                     {QStringLiteral("decrypted payload"), countingBytes(20)}});
    HexView* firstView = tabs.view(0);
    tabs.setSources({{QStringLiteral("frame"), countingBytes(8)},
                     {QStringLiteral("decrypted payload"), countingBytes(3)}});
    QCOMPARE(tabs.view(0), firstView);
    QCOMPARE(tabs.view(1)->data().size(), 3);

    tabs.setSources({{QStringLiteral("frame"), countingBytes(7)}});
    QCOMPARE(tabs.sourceCount(), 1);
    QCOMPARE(tabs.findChild<QTabWidget*>()->count(), 1);
    QCOMPARE(tabs.view(1), nullptr);
    QCOMPARE(tabs.view(0)->data().size(), 7);
}

QTEST_MAIN(TestHexView)
#include "tst_hexview.moc"
