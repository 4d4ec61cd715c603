#include "hexview/HexView.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <climits>

namespace tuyascope {

namespace {

constexpr HexCopyFormat AllCopyFormats[] = {HexCopyFormat::Hex, HexCopyFormat::CArray,
                                            HexCopyFormat::Base64, HexCopyFormat::Text};

QChar asciiFor(char byte)
{
    const auto value = static_cast<quint8>(byte);
    return value >= 0x20 && value < 0x7f ? QLatin1Char(byte) : QLatin1Char('.');
}

QString hexDigits(char byte)
{
    static const char digits[] = "0123456789abcdef";
    const auto value = static_cast<quint8>(byte);
    const QChar pair[2] = {QLatin1Char(digits[value >> 4]), QLatin1Char(digits[value & 0x0f])};
    return QString(pair, 2);
}

// A colour between two palette colours, so selection and ranges stay readable in light and dark themes.
QColor blend(const QColor& over, const QColor& under, qreal amount)
{
    return QColor::fromRgbF(static_cast<float>(over.redF() * amount + under.redF() * (1 - amount)),
                            static_cast<float>(over.greenF() * amount + under.greenF() * (1 - amount)),
                            static_cast<float>(over.blueF() * amount + under.blueF() * (1 - amount)));
}

} // namespace

HexView::HexView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false);

    for (const HexCopyFormat format : AllCopyFormats) {
        auto* action = new QAction(copyActionText(format), this);
        if (format == HexCopyFormat::Hex) {
            // Shown in the menu; the key itself is handled in keyPressEvent so it works without
            // registering a window-wide shortcut that would clash with other views.
            action->setShortcut(QKeySequence::Copy);
            action->setShortcutVisibleInContextMenu(true);
        }
        connect(action, &QAction::triggered, this, [this, format] { copyToClipboard(format); });
        m_copyActions[static_cast<int>(format)] = action;
    }
    updateMetrics();
    updateCopyActions();
}

void HexView::setData(const QByteArray& data)
{
    m_data = data;
    m_layout.setDataSize(static_cast<int>(std::min<qsizetype>(data.size(), INT_MAX)));
    m_marking = {};
    m_ranges.clear();
    m_cursor = data.isEmpty() ? -1 : 0;
    m_anchor = -1;
    m_pressOffset = -1;
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    updateCopyActions();
    viewport()->update();
    emit selectionChanged(selectedRange());
}

void HexView::setBytesPerLine(int bytesPerLine)
{
    m_layout.setBytesPerLine(bytesPerLine);
    updateScrollBars();
    viewport()->update();
}

void HexView::setMarking(int offset, int length)
{
    const int size = m_layout.dataSize();
    if (offset < 0 || length <= 0 || offset >= size) {
        clearMarking();
        return;
    }
    m_marking = {offset, std::min(length, size - offset)};
    ensureVisible(m_marking);
    updateCopyActions();
    viewport()->update();
}

void HexView::clearMarking()
{
    m_marking = {};
    updateCopyActions();
    viewport()->update();
}

void HexView::addRange(int offset, int length, const QColor& colour, const QString& toolTip)
{
    const int size = m_layout.dataSize();
    if (offset < 0 || length <= 0 || offset >= size)
        return;
    m_ranges.append({{offset, std::min(length, size - offset)}, colour, toolTip});
    viewport()->update();
}

void HexView::clearRanges()
{
    m_ranges.clear();
    viewport()->update();
}

void HexView::setCursorOffset(int offset, bool extendSelection)
{
    if (m_layout.dataSize() == 0)
        return;
    offset = std::clamp(offset, 0, m_layout.dataSize() - 1);
    const ByteRange before = selectedRange();
    if (extendSelection) {
        if (m_anchor < 0)
            m_anchor = std::max(0, m_cursor);
    } else {
        m_anchor = -1;
    }
    m_cursor = offset;
    ensureVisible({offset, 1});
    viewport()->update();
    if (selectedRange() != before) {
        updateCopyActions();
        emit selectionChanged(selectedRange());
    }
}

ByteRange HexView::selectedRange() const noexcept
{
    if (m_anchor < 0 || m_cursor < 0)
        return {};
    const int first = std::min(m_anchor, m_cursor);
    return {first, std::max(m_anchor, m_cursor) - first + 1};
}

ByteRange HexView::copyRange() const noexcept
{
    const ByteRange selection = selectedRange();
    return selection.isEmpty() ? m_marking : selection;
}

void HexView::copyToClipboard(HexCopyFormat format) const
{
    const ByteRange range = copyRange();
    if (range.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(formatBytes(m_data.mid(range.offset, range.length), format));
}

QAction* HexView::copyAction(HexCopyFormat format) const
{
    return m_copyActions[static_cast<int>(format)];
}

int HexView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

HexLineSpan HexView::visibleLines() const
{
    return m_layout.visibleLines(firstVisibleLine(), viewport()->height());
}

QRect HexView::hexCellRect(int offset) const
{
    if (offset < 0 || offset >= m_layout.dataSize())
        return {};
    return m_layout.hexRect(offset, firstVisibleLine(), horizontalScrollBar()->value());
}

void HexView::ensureVisible(ByteRange range)
{
    if (range.isEmpty())
        return;
    const int firstLine = m_layout.lineOf(range.offset);
    const int lastLine = m_layout.lineOf(range.end() - 1);
    const int fullLines = m_layout.fullLinesFor(viewport()->height());
    const int top = firstVisibleLine();
    QScrollBar* vertical = verticalScrollBar();
    if (firstLine < top)
        vertical->setValue(firstLine);
    else if (lastLine >= top + fullLines)
        // Show the end of the range, but never push its start off the top.
        vertical->setValue(std::min(firstLine, lastLine - fullLines + 1));

    // Bring the range's first hex cell into view horizontally.
    QScrollBar* horizontal = horizontalScrollBar();
    const int cellX = m_layout.hexX(m_layout.columnOf(range.offset));
    const int width = viewport()->width();
    if (cellX < horizontal->value())
        horizontal->setValue(cellX - m_layout.charWidth());
    else if (cellX + m_layout.hexCellWidth() > horizontal->value() + width)
        horizontal->setValue(cellX + m_layout.hexCellWidth() - width + m_layout.charWidth());
}

void HexView::updateMetrics()
{
    const QFontMetrics metrics(font());
    m_layout.setCharMetrics(metrics.horizontalAdvance(QLatin1Char('0')), metrics.height());
    updateScrollBars();
    viewport()->update();
}

void HexView::updateScrollBars()
{
    const int fullLines = m_layout.fullLinesFor(viewport()->height());
    QScrollBar* vertical = verticalScrollBar();
    vertical->setRange(0, std::max(0, m_layout.lineCount() - fullLines));
    vertical->setPageStep(fullLines);
    vertical->setSingleStep(1);

    QScrollBar* horizontal = horizontalScrollBar();
    horizontal->setRange(0, std::max(0, m_layout.totalWidth() - viewport()->width()));
    horizontal->setPageStep(viewport()->width());
    horizontal->setSingleStep(m_layout.charWidth());
}

void HexView::updateCopyActions()
{
    const bool enabled = !copyRange().isEmpty();
    for (QAction* action : m_copyActions)
        action->setEnabled(enabled);
}

void HexView::moveCursorBy(int delta, bool extendSelection)
{
    if (m_layout.dataSize() == 0)
        return;
    // 64-bit sum: PageDown on a huge buffer must not overflow.
    const qint64 target = static_cast<qint64>(std::max(0, m_cursor)) + delta;
    setCursorOffset(static_cast<int>(std::clamp<qint64>(target, 0, m_layout.dataSize() - 1)),
                    extendSelection);
}

const HexColouredRange* HexView::rangeAt(int offset) const
{
    // Later ranges are drawn on top, so they win.
    for (auto it = m_ranges.crbegin(); it != m_ranges.crend(); ++it) {
        if (it->range.contains(offset))
            return &*it;
    }
    return nullptr;
}

void HexView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(viewport());
    const QPalette& colours = palette();
    painter.fillRect(viewport()->rect(), colours.color(QPalette::Base));

    const int firstLine = firstVisibleLine();
    const int scrollX = horizontalScrollBar()->value();
    const HexLineSpan lines = m_layout.visibleLines(firstLine, viewport()->height());
    m_lastPainted = lines;

    // Thin separators between the three columns.
    painter.setPen(colours.color(QPalette::Midlight));
    const int separatorOffset = m_layout.charWidth();
    const int hexSeparatorX = m_layout.hexColumnX() - separatorOffset - scrollX;
    const int asciiSeparatorX = m_layout.asciiColumnX() - separatorOffset - scrollX;
    painter.drawLine(hexSeparatorX, 0, hexSeparatorX, viewport()->height());
    painter.drawLine(asciiSeparatorX, 0, asciiSeparatorX, viewport()->height());

    for (int line = lines.first; line < lines.first + lines.count; ++line)
        paintLine(painter, line, firstLine, scrollX);
}

void HexView::paintLine(QPainter& painter, int line, int firstLine, int scrollX)
{
    const QPalette& colours = palette();
    const QColor base = colours.color(QPalette::Base);
    const QColor text = colours.color(QPalette::Text);
    const QColor dimText = colours.color(QPalette::PlaceholderText);
    const QColor highlight = colours.color(QPalette::Highlight);
    const QColor highlightedText = colours.color(QPalette::HighlightedText);
    const int ascent = QFontMetrics(font()).ascent();
    const int y = m_layout.lineY(line, firstLine);
    const ByteRange selection = selectedRange();

    painter.setPen(dimText);
    const qint64 lineOffset = static_cast<qint64>(line) * m_layout.bytesPerLine();
    painter.drawText(m_layout.offsetColumnX() - scrollX, y + ascent,
                     QStringLiteral("%1").arg(lineOffset, HexLayout::OffsetDigits, 16, QLatin1Char('0')));

    const int lineStart = line * m_layout.bytesPerLine();
    const int lineEnd = std::min(lineStart + m_layout.bytesPerLine(), m_layout.dataSize());
    for (int offset = lineStart; offset < lineEnd; ++offset) {
        const QRect hexCell = m_layout.hexRect(offset, firstLine, scrollX);
        const QRect asciiCell = m_layout.asciiRect(offset, firstLine, scrollX);
        // Fill the space after a hex cell too when the next byte has the same background, so a
        // marked field reads as one block.
        const int gapWidth = m_layout.hexGapAfter(m_layout.columnOf(offset));

        QColor background;
        QColor foreground = text;
        bool sameAsNext = false;
        if (m_marking.contains(offset)) {
            background = highlight;
            foreground = highlightedText;
            sameAsNext = offset + 1 < lineEnd && m_marking.contains(offset + 1);
        } else if (selection.contains(offset)) {
            background = blend(highlight, base, 0.35);
            sameAsNext = offset + 1 < lineEnd && selection.contains(offset + 1) && !m_marking.contains(offset + 1);
        } else if (const HexColouredRange* range = rangeAt(offset)) {
            background = blend(range->colour, base, 0.45);
            sameAsNext = offset + 1 < lineEnd && rangeAt(offset + 1) == range && !m_marking.contains(offset + 1)
                && !selection.contains(offset + 1);
        }
        if (background.isValid()) {
            painter.fillRect(hexCell.adjusted(0, 0, sameAsNext ? gapWidth : 0, 0), background);
            painter.fillRect(asciiCell, background);
        }

        const char byte = m_data.at(offset);
        painter.setPen(foreground);
        painter.drawText(hexCell.x(), y + ascent, hexDigits(byte));
        painter.drawText(asciiCell.x(), y + ascent, QString(asciiFor(byte)));

        if (offset == m_cursor) {
            painter.setPen(hasFocus() ? text : dimText);
            painter.drawRect(hexCell.adjusted(0, 0, -1, -1));
            painter.drawRect(asciiCell.adjusted(0, 0, -1, -1));
        }
    }
}

void HexView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
}

bool HexView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int offset = m_layout.offsetAt(help->pos(), firstVisibleLine(), horizontalScrollBar()->value());
        const HexColouredRange* range = offset >= 0 ? rangeAt(offset) : nullptr;
        if (range && !range->toolTip.isEmpty())
            QToolTip::showText(help->globalPos(), range->toolTip, viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void HexView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyToClipboard(HexCopyFormat::Hex);
        return;
    }
    const bool extend = event->modifiers().testFlag(Qt::ShiftModifier);
    const bool toDataEdge = event->modifiers().testFlag(Qt::ControlModifier);
    const int perLine = m_layout.bytesPerLine();
    const int perPage = perLine * m_layout.fullLinesFor(viewport()->height());
    const int column = m_cursor < 0 ? 0 : m_layout.columnOf(m_cursor);
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursorBy(-1, extend);
        break;
    case Qt::Key_Right:
        moveCursorBy(1, extend);
        break;
    case Qt::Key_Up:
        moveCursorBy(-perLine, extend);
        break;
    case Qt::Key_Down:
        moveCursorBy(perLine, extend);
        break;
    case Qt::Key_PageUp:
        moveCursorBy(-perPage, extend);
        break;
    case Qt::Key_PageDown:
        moveCursorBy(perPage, extend);
        break;
    case Qt::Key_Home:
        if (toDataEdge)
            setCursorOffset(0, extend);
        else
            moveCursorBy(-column, extend);
        break;
    case Qt::Key_End:
        if (toDataEdge)
            setCursorOffset(m_layout.dataSize() - 1, extend);
        else
            moveCursorBy(perLine - 1 - column, extend);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void HexView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const int offset = m_layout.offsetAt(event->position().toPoint(), firstVisibleLine(),
                                         horizontalScrollBar()->value());
    m_dragged = false;
    m_pressOffset = offset;
    if (offset < 0)
        return;
    setCursorOffset(offset, event->modifiers().testFlag(Qt::ShiftModifier));
}

void HexView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_pressOffset < 0)
        return;
    const int offset = m_layout.nearestOffset(event->position().toPoint(), firstVisibleLine(),
                                              horizontalScrollBar()->value());
    if (offset < 0 || (!m_dragged && offset == m_pressOffset))
        return;
    if (!m_dragged) {
        m_dragged = true;
        m_anchor = m_pressOffset;
    }
    setCursorOffset(offset, true);
}

void HexView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // A click (not a drag, not a shift-extension) names one byte: let the window pick its field.
    const bool plainClick = !m_dragged && !(event->modifiers().testFlag(Qt::ShiftModifier));
    if (plainClick && m_pressOffset >= 0
        && m_layout.offsetAt(event->position().toPoint(), firstVisibleLine(), horizontalScrollBar()->value())
               == m_pressOffset)
        emit byteActivated(m_pressOffset);
    m_pressOffset = -1;
    m_dragged = false;
}

void HexView::contextMenuEvent(QContextMenuEvent* event)
{
    updateCopyActions();
    QMenu menu(this);
    for (QAction* action : m_copyActions)
        menu.addAction(action);
    menu.exec(event->globalPos());
}

} // namespace tuyascope
