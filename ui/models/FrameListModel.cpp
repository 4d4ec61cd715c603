#include "models/FrameListModel.h"

#include "common/Hex.h"
#include "models/RowColours.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace tuyascope::ui {

namespace {

constexpr int kSliceMs = 8; // a filter slice; the event loop runs between slices
// Live rows are published at most this often: every insert makes the views repaint (and a view
// following the newest row scroll), which costs as much for one frame as for a thousand.
constexpr int kPublishIntervalMs = 50;

} // namespace

FrameListModel::FrameListModel(QObject* parent)
    : QAbstractTableModel(parent), m_firstTimeUs(kUnknownTime)
{
    m_scanTimer.setSingleShot(true);
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &FrameListModel::scan);
}

void FrameListModel::setTable(const FrameTable* table)
{
    beginResetModel();
    m_table = table;
    m_visible.clear();
    m_shown = 0;
    m_scanned = 0;
    m_firstTimeUs = kUnknownTime;
    m_summaries.clear();
    endResetModel();
    scheduleScan();
}

void FrameListModel::noteFramesAppended()
{
    if (m_scanTimer.isActive())
        return;
    const qint64 since = m_published.isValid() ? m_published.elapsed() : kPublishIntervalMs;
    m_scanTimer.start(int(qBound(qint64(0), qint64(kPublishIntervalMs) - since, qint64(kPublishIntervalMs))));
}

void FrameListModel::setPredicate(Predicate predicate)
{
    beginResetModel();
    m_predicate = std::move(predicate);
    m_visible.clear();
    m_shown = 0;
    m_scanned = 0;
    endResetModel();
    scheduleScan();
}

void FrameListModel::setTimeFormat(TimeFormat format)
{
    if (format == m_timeFormat)
        return;
    m_timeFormat = format;
    if (rowCount() > 0)
        emit dataChanged(index(0, Time), index(rowCount() - 1, Time), {Qt::DisplayRole});
    emit headerDataChanged(Qt::Horizontal, Time, Time);
}

void FrameListModel::scheduleScan()
{
    m_scanTimer.start(0); // also brings a waiting live publish forward
}

void FrameListModel::scan()
{
    m_published.start();
    const int total = sourceCount();
    if (m_firstTimeUs == kUnknownTime) {
        for (int r = 0; r < qMin(total, 1000) && m_firstTimeUs == kUnknownTime; ++r)
            m_firstTimeUs = m_table->facts(r).timeUs;
    }
    if (!m_predicate) {
        // Everything is shown: publish what arrived since the last turn in one insert.
        if (total > m_shown) {
            beginInsertRows({}, m_shown, total - 1);
            m_shown = m_scanned = total;
            endInsertRows();
        }
        emit scanFinished(m_shown, total);
        return;
    }
    QElapsedTimer clock;
    clock.start();
    QVector<int> accepted;
    while (m_scanned < total && clock.elapsed() < kSliceMs) {
        const int end = qMin(total, m_scanned + 256);
        for (; m_scanned < end; ++m_scanned)
            if (m_predicate(m_scanned))
                accepted.push_back(m_scanned);
    }
    if (!accepted.isEmpty()) {
        const int first = int(m_visible.size());
        beginInsertRows({}, first, first + int(accepted.size()) - 1);
        m_visible += accepted;
        endInsertRows();
    }
    if (m_scanned < total) {
        emit scanProgress(m_scanned, total);
        scheduleScan();
    } else {
        emit scanFinished(int(m_visible.size()), total);
    }
}

int FrameListModel::rowOfSource(int source) const
{
    if (!m_predicate)
        return source >= 0 && source < m_shown ? source : -1;
    const auto it = std::lower_bound(m_visible.begin(), m_visible.end(), source);
    return it != m_visible.end() && *it == source ? int(it - m_visible.begin()) : -1;
}

FrameSummary FrameListModel::summary(int source) const
{
    if (const FrameSummary* cached = m_summaries.object(source))
        return *cached;
    const FrameSummary s = summarizeFrame(m_table->facts(source), m_table->dissect(source));
    m_summaries.insert(source, new FrameSummary(s));
    return s;
}

int FrameListModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_predicate ? int(m_visible.size()) : m_shown;
}

int FrameListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FrameListModel::timeText(int source, const FrameFacts& facts) const
{
    if (facts.timeUs == kUnknownTime)
        return QStringLiteral("-");
    switch (m_timeFormat) {
    case TimeFormat::Absolute: {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(facts.timeUs / 1000);
        return t.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(".%1").arg(facts.timeUs % 1000000, 6, 10, QLatin1Char('0'));
    }
    case TimeFormat::Relative:
        return QString::number(double(facts.timeUs - m_firstTimeUs) / 1e6, 'f', 6);
    case TimeFormat::Delta: {
        const qint64 previous = source > 0 ? m_table->facts(source - 1).timeUs : kUnknownTime;
        return previous == kUnknownTime ? QStringLiteral("0.000000")
                                        : QString::number(double(facts.timeUs - previous) / 1e6, 'f', 6);
    }
    }
    return QString();
}

QVariant FrameListModel::data(const QModelIndex& index, int role) const
{
    if (!m_table || !index.isValid() || index.row() >= rowCount())
        return {};
    const int source = sourceRow(index.row());
    if (role == SourceRowRole)
        return source;
    const FrameFacts facts = m_table->facts(source);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number: return source + 1;
        case Time: return timeText(source, facts);
        case Dir: return directionKey(facts.direction);
        case Protocol: return facts.protocol == FrameProtocol::TuyaLan ? QStringLiteral("Tuya LAN") : QStringLiteral("TuyaMCU");
        case Version: return facts.version;
        case Command: return facts.command < 0 ? QString() : facts.protocol == FrameProtocol::TuyaLan
                                                                 ? QStringLiteral("0x%1 %2").arg(facts.command, 2, 16, QLatin1Char('0')).arg(summary(source).commandName)
                                                                 : hexByte(quint8(facts.command)) + QLatin1Char(' ') + summary(source).commandName;
        case Length: return facts.length;
        case Dps: return summary(source).dps;
        case Info: return summary(source).info;
        case Status: return summary(source).status;
        default: return {};
        }
    case Qt::BackgroundRole:
        return background(facts, summary(source));
    case Qt::ToolTipRole:
        if (index.column() == Status || index.column() == Info)
            return summary(source).info + QLatin1Char('\n') + summary(source).status;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Number || index.column() == Length)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case BadRole:
        return summary(source).bad;
    case SeverityRole:
        return int(summary(source).worst);
    default:
        return {};
    }
}

QVariant FrameListModel::background(const FrameFacts& facts, const FrameSummary& summary) const
{
    if (summary.bad)
        return rowColour(RowTint::Bad);
    if (summary.worst >= Severity::Warning)
        return rowColour(RowTint::Warning);
    switch (facts.direction) {
    case Direction::McuToModule:
    case Direction::DeviceToApp: return rowColour(RowTint::FromDevice);
    case Direction::ModuleToMcu:
    case Direction::AppToDevice: return rowColour(RowTint::FromController);
    case Direction::Unknown: break;
    }
    return {};
}

QVariant FrameListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number: return tr("No.");
    case Time:
        return m_timeFormat == TimeFormat::Absolute ? tr("Time") : m_timeFormat == TimeFormat::Relative ? tr("Time (rel.)") : tr("Time (Δ)");
    case Dir: return tr("Dir");
    case Protocol: return tr("Protocol");
    case Version: return tr("Ver");
    case Command: return tr("Command");
    case Length: return tr("Len");
    case Dps: return tr("DPs");
    case Info: return tr("Info");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace tuyascope::ui
