#include "models/DpTableModel.h"

#include "document/CaptureDocument.h"
#include "dptable/DpTracker.h"

#include <QFileInfo>

#include <limits>

namespace tuyascope::ui {

namespace {

QString numberText(double value)
{
    return QString::number(value, 'g', 12);
}

} // namespace

DpTableModel::DpTableModel(QObject* parent) : QAbstractTableModel(parent) {}

CaptureDocument* DpTableModel::document() const
{
    return m_document;
}

void DpTableModel::setDocument(CaptureDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    beginResetModel();
    m_document = document;
    m_rows = document ? int(document->dps().series().size()) : 0;
    m_labels = DpLabels();
    m_sidecarPath.clear();
    m_sidecarWritable = true;
    m_plotted.clear();
    endResetModel();
    if (document) {
        connect(document, &CaptureDocument::dpsChanged, this, &DpTableModel::dpsChanged);
        connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    emit plottedChanged();
    emit labelsChanged({});
}

bool DpTableModel::setSidecarPath(const QString& path)
{
    m_sidecarPath = path;
    m_sidecarWritable = true;
    if (path.isEmpty())
        return true;
    QString error;
    std::optional<DpLabels> loaded = DpLabels::load(path, &error);
    if (!loaded) {
        m_sidecarWritable = false;
        emit labelsError(tr("The dp labels file does not read, so it is left alone and edits are not saved: %1").arg(error));
        return false;
    }
    if (QFileInfo::exists(path)) {
        m_labels = *loaded;
    } else if (!m_labels.isEmpty() && !m_labels.save(path, &error)) {
        emit labelsError(tr("Could not save the dp labels: %1").arg(error));
    }
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
    emit labelsChanged({});
    return true;
}

const DpSeries* DpTableModel::seriesAt(int row) const
{
    if (!m_document || row < 0 || row >= m_rows)
        return nullptr;
    return &m_document->dps().series().at(row);
}

int DpTableModel::rowOfDp(const QString& dpId) const
{
    if (!m_document)
        return -1;
    const int row = m_document->dps().indexOf(dpId);
    return row < m_rows ? row : -1;
}

QStringList DpTableModel::plottedDps() const
{
    QStringList ids;
    for (int row = 0; row < m_rows; ++row)
        if (m_plotted.contains(seriesAt(row)->id))
            ids.push_back(seriesAt(row)->id);
    return ids;
}

void DpTableModel::setPlotted(const QString& dpId, bool plotted)
{
    if (m_plotted.contains(dpId) == plotted)
        return;
    if (plotted)
        m_plotted.insert(dpId);
    else
        m_plotted.remove(dpId);
    const int row = rowOfDp(dpId);
    if (row >= 0)
        emit dataChanged(index(row, Id), index(row, Id), {Qt::CheckStateRole});
    emit plottedChanged();
}

void DpTableModel::dpsChanged(const QVector<int>& series)
{
    if (!m_document)
        return;
    const int total = int(m_document->dps().series().size());
    const int published = m_rows;
    if (total > published) {
        beginInsertRows({}, published, total - 1);
        m_rows = total;
        endInsertRows();
    }
    for (int row : series)
        if (row >= 0 && row < published)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int DpTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int DpTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DpTableModel::display(const DpSeries& s, int column) const
{
    const DpLabel label = m_labels.label(s.id);
    const bool hasRange = s.numeric && s.count > 0;
    switch (column) {
    case Id: return s.id;
    case Name: return label.name;
    case Type: return s.mixedTypes ? tr("%1 (mixed)").arg(s.type) : s.type;
    case Count: return s.count;
    case Distinct: return s.distinctOverflow ? QStringLiteral("%1+").arg(s.distinct.size()) : QString::number(s.distinct.size());
    case Min: return hasRange ? scaledDpValueText(numberText(s.min), label.scale, {}) : QString();
    case Max: return hasRange ? scaledDpValueText(numberText(s.max), label.scale, {}) : QString();
    case Last: return scaledDpValueText(s.lastValue, label.scale, label.unit);
    case Writes: return s.fromController;
    case Reports: return s.fromDevice;
    case Scale: return numberText(label.scale);
    case Unit: return label.unit;
    default: return {};
    }
}

QVariant DpTableModel::data(const QModelIndex& index, int role) const
{
    const DpSeries* s = index.isValid() ? seriesAt(index.row()) : nullptr;
    if (!s || index.column() >= ColumnCount)
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(*s, column);
    case Qt::EditRole: return display(*s, column); // text, so the scale editor takes any precision
    case Qt::CheckStateRole:
        if (column == Id && s->numeric)
            return m_plotted.contains(s->id) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Id: return s->numeric ? tr("Check to plot dp %1 over time").arg(s->id) : tr("dp %1 is not numeric").arg(s->id);
        case Distinct: {
            QString text = s->distinct.join(QStringLiteral(", "));
            if (s->distinctOverflow)
                text += tr(", ... (more than %1)").arg(DpSeries::kMaxDistinct);
            return text;
        }
        case Last: return tr("%1 (raw), frame %2").arg(s->lastValue).arg(s->lastRow + 1);
        case Writes: return tr("Units sent by the module or app");
        case Reports: return tr("Units sent by the MCU or device");
        case Scale: return tr("Shown value = raw value x scale");
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (column == Id || column == Count || column == Distinct || column == Writes || column == Reports || column == Min || column == Max)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole: {
        switch (column) {
        case Id: {
            bool ok = false;
            const double id = s->id.toDouble(&ok);
            return ok ? id : std::numeric_limits<double>::max();
        }
        case Count: return s->count;
        case Distinct: return int(s->distinct.size());
        case Min: return s->numeric ? s->min * m_labels.label(s->id).scale : 0.0;
        case Max: return s->numeric ? s->max * m_labels.label(s->id).scale : 0.0;
        case Writes: return s->fromController;
        case Reports: return s->fromDevice;
        case Scale: return m_labels.label(s->id).scale;
        default: return display(*s, column);
        }
    }
    case DpIdRole: return s->id;
    default: return {};
    }
}

bool DpTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const DpSeries* s = index.isValid() ? seriesAt(index.row()) : nullptr;
    if (!s)
        return false;
    const QString id = s->id;
    if (role == Qt::CheckStateRole && index.column() == Id) {
        if (!s->numeric)
            return false;
        setPlotted(id, Qt::CheckState(value.toInt()) == Qt::Checked);
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    DpLabel label = m_labels.label(id);
    switch (index.column()) {
    case Name: label.name = value.toString().trimmed(); break;
    case Unit: label.unit = value.toString().trimmed(); break;
    case Scale: {
        bool ok = false;
        const QString text = value.toString().trimmed();
        const double scale = text.isEmpty() ? 1.0 : value.toDouble(&ok);
        if (!text.isEmpty() && (!ok || !isValidDpScale(scale))) {
            emit labelsError(tr("The scale of dp %1 must be a non-zero number, not \"%2\"").arg(id, text));
            return false;
        }
        label.scale = scale;
        break;
    }
    default: return false;
    }
    if (label == m_labels.label(id))
        return true;
    m_labels.setLabel(id, label);
    labelEdited(id);
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

void DpTableModel::labelEdited(const QString& dpId)
{
    emit labelsChanged(dpId);
    if (m_sidecarPath.isEmpty())
        return; // kept in memory until the window gives the document a sidecar path
    QString error;
    if (!m_sidecarWritable)
        emit labelsError(tr("Edits are not saved: the dp labels file %1 does not read").arg(m_sidecarPath));
    else if (!m_labels.save(m_sidecarPath, &error))
        emit labelsError(tr("Could not save the dp labels: %1").arg(error));
}

Qt::ItemFlags DpTableModel::flags(const QModelIndex& index) const
{
    const DpSeries* s = index.isValid() ? seriesAt(index.row()) : nullptr;
    if (!s)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == Id && s->numeric)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() == Name || index.column() == Scale || index.column() == Unit)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant DpTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == Name || section == Scale || section == Unit))
        return tr("Editable; saved in the capture's sidecar file");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("dpId");
    case Name: return tr("Name");
    case Type: return tr("Type");
    case Count: return tr("Count");
    case Distinct: return tr("Distinct");
    case Min: return tr("Min");
    case Max: return tr("Max");
    case Last: return tr("Last value");
    case Writes: return tr("Writes");
    case Reports: return tr("Reports");
    case Scale: return tr("Scale");
    case Unit: return tr("Unit");
    default: return {};
    }
}

} // namespace tuyascope::ui
