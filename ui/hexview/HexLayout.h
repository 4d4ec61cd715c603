#pragma once
// Geometry of the hex view, free of widgets so it can be unit-tested with made-up font metrics:
//
//   [margin][offset: 8 digits][2 spaces][hex: "xx " per byte, one more space
//   after every 8 bytes][2 spaces][ASCII: 1 char per byte][margin]
//
// All x values are in content coordinates (before horizontal scrolling); y values are relative to
// the viewport top for a given first visible line.

#include "hexview/ByteRange.h"

#include <QPoint>
#include <QRect>

namespace tuyascope {

enum class HexColumn { None, Offset, Hex, Ascii };

struct HexHit {
    int offset = -1;  // -1 when the point is on no byte
    HexColumn column = HexColumn::None;
};

struct HexLineSpan {
    int first = 0;
    int count = 0;  // 0 when nothing is visible
};

class HexLayout {
public:
    static constexpr int DefaultBytesPerLine = 16;
    static constexpr int OffsetDigits = 8;
    static constexpr int BytesPerGroup = 8;  // an extra space separates groups in the hex column

    void setBytesPerLine(int bytesPerLine);
    [[nodiscard]] int bytesPerLine() const noexcept { return m_bytesPerLine; }
    void setCharMetrics(int charWidth, int lineHeight);
    [[nodiscard]] int charWidth() const noexcept { return m_charWidth; }
    [[nodiscard]] int lineHeight() const noexcept { return m_lineHeight; }
    void setDataSize(int size);
    [[nodiscard]] int dataSize() const noexcept { return m_dataSize; }

    // Lines needed for the whole data (0 for no data).
    [[nodiscard]] int lineCount() const noexcept;
    [[nodiscard]] int lineOf(int offset) const noexcept { return offset / m_bytesPerLine; }
    [[nodiscard]] int columnOf(int offset) const noexcept { return offset % m_bytesPerLine; }

    [[nodiscard]] int margin() const noexcept { return m_charWidth / 2; }
    [[nodiscard]] int offsetColumnX() const noexcept { return margin(); }
    [[nodiscard]] int offsetColumnWidth() const noexcept { return OffsetDigits * m_charWidth; }
    [[nodiscard]] int hexColumnX() const noexcept;
    [[nodiscard]] int hexColumnWidth() const noexcept;
    [[nodiscard]] int hexX(int column) const noexcept;       // left edge of a byte's two digits
    [[nodiscard]] int hexCellWidth() const noexcept { return 2 * m_charWidth; }
    // Blank space between a byte's digits and the next byte's (0 after the last column).
    [[nodiscard]] int hexGapAfter(int column) const noexcept;
    [[nodiscard]] int asciiColumnX() const noexcept;
    [[nodiscard]] int asciiX(int column) const noexcept;
    [[nodiscard]] int asciiColumnWidth() const noexcept { return m_bytesPerLine * m_charWidth; }
    [[nodiscard]] int totalWidth() const noexcept;

    // Top of a line in viewport coordinates when firstLine is the topmost visible line.
    [[nodiscard]] int lineY(int line, int firstLine) const noexcept;
    [[nodiscard]] QRect hexRect(int offset, int firstLine, int scrollX = 0) const noexcept;
    [[nodiscard]] QRect asciiRect(int offset, int firstLine, int scrollX = 0) const noexcept;

    // The byte under a viewport point, or offset -1 on gaps, the offset column and past the data.
    [[nodiscard]] HexHit hitTest(QPoint point, int firstLine, int scrollX = 0) const noexcept;
    [[nodiscard]] int offsetAt(QPoint point, int firstLine, int scrollX = 0) const noexcept
    {
        return hitTest(point, firstLine, scrollX).offset;
    }
    // The byte nearest to a point, clamped to the data (for drag selection); -1 only without data.
    [[nodiscard]] int nearestOffset(QPoint point, int firstLine, int scrollX = 0) const noexcept;

    // Lines entirely inside a viewport of this height (at least 1), and the lines touched by it.
    [[nodiscard]] int fullLinesFor(int height) const noexcept;
    [[nodiscard]] HexLineSpan visibleLines(int firstLine, int height) const noexcept;

private:
    int m_bytesPerLine = DefaultBytesPerLine;
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_dataSize = 0;
};

} // namespace tuyascope
