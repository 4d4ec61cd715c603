#include "hexview/HexLayout.h"

#include <algorithm>
#include <cstdlib>

namespace tuyascope {

void HexLayout::setBytesPerLine(int bytesPerLine)
{
    m_bytesPerLine = std::max(1, bytesPerLine);
}

void HexLayout::setCharMetrics(int charWidth, int lineHeight)
{
    // A font without metrics (no fonts installed) must not turn every division into a crash.
    m_charWidth = std::max(1, charWidth);
    m_lineHeight = std::max(1, lineHeight);
}

void HexLayout::setDataSize(int size)
{
    m_dataSize = std::max(0, size);
}

int HexLayout::lineCount() const noexcept
{
    return (m_dataSize + m_bytesPerLine - 1) / m_bytesPerLine;
}

int HexLayout::hexColumnX() const noexcept
{
    return offsetColumnX() + offsetColumnWidth() + 2 * m_charWidth;
}

int HexLayout::hexColumnWidth() const noexcept
{
    const int chars = 3 * m_bytesPerLine - 1 + (m_bytesPerLine - 1) / BytesPerGroup;
    return chars * m_charWidth;
}

int HexLayout::hexX(int column) const noexcept
{
    return hexColumnX() + (3 * column + column / BytesPerGroup) * m_charWidth;
}

int HexLayout::hexGapAfter(int column) const noexcept
{
    if (column + 1 >= m_bytesPerLine)
        return 0;
    return hexX(column + 1) - hexX(column) - hexCellWidth();
}

int HexLayout::asciiColumnX() const noexcept
{
    return hexColumnX() + hexColumnWidth() + 2 * m_charWidth;
}

int HexLayout::asciiX(int column) const noexcept
{
    return asciiColumnX() + column * m_charWidth;
}

int HexLayout::totalWidth() const noexcept
{
    return asciiColumnX() + asciiColumnWidth() + margin();
}

int HexLayout::lineY(int line, int firstLine) const noexcept
{
    return (line - firstLine) * m_lineHeight;
}

QRect HexLayout::hexRect(int offset, int firstLine, int scrollX) const noexcept
{
    return QRect(hexX(columnOf(offset)) - scrollX, lineY(lineOf(offset), firstLine), hexCellWidth(),
                 m_lineHeight);
}

QRect HexLayout::asciiRect(int offset, int firstLine, int scrollX) const noexcept
{
    return QRect(asciiX(columnOf(offset)) - scrollX, lineY(lineOf(offset), firstLine), m_charWidth,
                 m_lineHeight);
}

HexHit HexLayout::hitTest(QPoint point, int firstLine, int scrollX) const noexcept
{
    if (point.y() < 0)
        return {};
    const int x = point.x() + scrollX;
    const int line = firstLine + point.y() / m_lineHeight;
    const int lineStart = line * m_bytesPerLine;

    auto onByte = [&](int column, HexColumn where) -> HexHit {
        const int offset = lineStart + column;
        if (offset >= m_dataSize)
            return {-1, where};
        return {offset, where};
    };

    if (x >= offsetColumnX() && x < offsetColumnX() + offsetColumnWidth())
        return {-1, HexColumn::Offset};
    if (x >= hexColumnX() && x < hexColumnX() + hexColumnWidth()) {
        for (int column = 0; column < m_bytesPerLine; ++column) {
            if (x >= hexX(column) && x < hexX(column) + hexCellWidth())
                return onByte(column, HexColumn::Hex);
        }
        return {-1, HexColumn::Hex};  // the space between two bytes
    }
    if (x >= asciiColumnX() && x < asciiColumnX() + asciiColumnWidth())
        return onByte((x - asciiColumnX()) / m_charWidth, HexColumn::Ascii);
    return {};
}

int HexLayout::nearestOffset(QPoint point, int firstLine, int scrollX) const noexcept
{
    if (m_dataSize == 0)
        return -1;
    const int x = point.x() + scrollX;
    const int yLine = point.y() < 0 ? -1 : point.y() / m_lineHeight;
    const int line = std::clamp(firstLine + yLine, 0, lineCount() - 1);

    int column = 0;
    const int hexEnd = hexColumnX() + hexColumnWidth();
    const int betweenColumns = hexEnd + (asciiColumnX() - hexEnd) / 2;
    if (x < betweenColumns) {
        // Nearest hex cell by centre distance.
        int bestDistance = -1;
        for (int candidate = 0; candidate < m_bytesPerLine; ++candidate) {
            const int distance = std::abs(hexX(candidate) + m_charWidth - x);
            if (bestDistance < 0 || distance < bestDistance) {
                bestDistance = distance;
                column = candidate;
            }
        }
    } else {
        column = std::clamp((x - asciiColumnX()) / m_charWidth, 0, m_bytesPerLine - 1);
    }
    return std::min(line * m_bytesPerLine + column, m_dataSize - 1);
}

int HexLayout::fullLinesFor(int height) const noexcept
{
    return std::max(1, height / m_lineHeight);
}

HexLineSpan HexLayout::visibleLines(int firstLine, int height) const noexcept
{
    const int lines = lineCount();
    if (height <= 0 || firstLine >= lines)
        return {std::max(0, firstLine), 0};
    const int first = std::max(0, firstLine);
    const int touched = (height + m_lineHeight - 1) / m_lineHeight;
    return {first, std::min(touched, lines - first)};
}

} // namespace tuyascope
