#pragma once
// A read-only hex view over one data source: offset, hex and ASCII columns, painting only the
// visible lines. It shows a "marking" (the selected field's bytes), optional coloured ranges with
// tooltips, a cursor byte and a selection. A click reports the byte (byteActivated); which field
// covers that byte is the window's business, not the view's.

#include "hexview/ByteRange.h"
#include "hexview/HexCopyFormats.h"
#include "hexview/HexLayout.h"

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QColor>
#include <QString>
#include <QVector>

class QAction;
class QPainter;

namespace tuyascope {

struct HexColouredRange {
    ByteRange range;
    QColor colour;
    QString toolTip;
};

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);

    void setData(const QByteArray& data);
    [[nodiscard]] const QByteArray& data() const noexcept { return m_data; }

    void setBytesPerLine(int bytesPerLine);
    [[nodiscard]] const HexLayout& layout() const noexcept { return m_layout; }

    // The selected field's bytes; clamped to the data and scrolled into view.
    void setMarking(int offset, int length);
    void clearMarking();
    [[nodiscard]] ByteRange marking() const noexcept { return m_marking; }

    void addRange(int offset, int length, const QColor& colour, const QString& toolTip = {});
    void clearRanges();
    [[nodiscard]] const QVector<HexColouredRange>& ranges() const noexcept { return m_ranges; }

    [[nodiscard]] int cursorOffset() const noexcept { return m_cursor; }
    void setCursorOffset(int offset, bool extendSelection = false);
    // Empty when nothing is selected (a plain click moves the cursor without selecting).
    [[nodiscard]] ByteRange selectedRange() const noexcept;
    // What the copy actions act on: the selection, else the marking, else nothing.
    [[nodiscard]] ByteRange copyRange() const noexcept;
    void copyToClipboard(HexCopyFormat format) const;
    [[nodiscard]] QAction* copyAction(HexCopyFormat format) const;

    [[nodiscard]] int firstVisibleLine() const;
    [[nodiscard]] HexLineSpan visibleLines() const;
    // The lines the last paint event drew; lets tests check that only visible lines are painted.
    [[nodiscard]] HexLineSpan lastPaintedLines() const noexcept { return m_lastPainted; }
    // Viewport rectangle of a byte in the hex column (empty when the offset is outside the data).
    [[nodiscard]] QRect hexCellRect(int offset) const;

    void ensureVisible(ByteRange range);

signals:
    void byteActivated(int offset);
    void selectionChanged(tuyascope::ByteRange range);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void updateMetrics();
    void updateScrollBars();
    void updateCopyActions();
    void moveCursorBy(int delta, bool extendSelection);
    void paintLine(QPainter& painter, int line, int firstLine, int scrollX);
    [[nodiscard]] const HexColouredRange* rangeAt(int offset) const;

    QByteArray m_data;
    HexLayout m_layout;
    ByteRange m_marking;
    QVector<HexColouredRange> m_ranges;
    int m_cursor = -1;
    int m_anchor = -1;        // the other end of the selection; -1 when nothing is selected
    int m_pressOffset = -1;   // byte under the last left press, for click vs. drag
    bool m_dragged = false;
    HexLineSpan m_lastPainted;
    QAction* m_copyActions[4] = {};
};

} // namespace tuyascope
