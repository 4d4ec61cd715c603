#include "models/FieldTreeModel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace tuyascope::ui {

FieldTreeModel::FieldTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void FieldTreeModel::setDissection(const Dissection& dissection)
{
    beginResetModel();
    m_dissection = dissection;
    m_topLevel = m_dissection.topLevelFields();
    endResetModel();
}

int FieldTreeModel::rowInParent(int field) const
{
    const int parent = m_dissection.field(field).parent;
    const QVector<int>& siblings = parent < 0 ? m_topLevel : m_dissection.field(parent).children;
    return int(siblings.indexOf(field));
}

QModelIndex FieldTreeModel::indexOfField(int field, int column) const
{
    if (field < 0 || field >= m_dissection.fields().size())
        return {};
    return createIndex(rowInParent(field), column, quintptr(field + 1));
}

int FieldTreeModel::fieldAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() >= kDiagnosticsRoot)
        return -1;
    return int(index.internalId()) - 1;
}

int FieldTreeModel::diagnosticAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() < kDiagnosticBase)
        return -1;
    return int(index.internalId() - kDiagnosticBase);
}

QModelIndex FieldTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid()) {
        if (row < m_topLevel.size())
            return createIndex(row, column, quintptr(m_topLevel.at(row) + 1));
        return createIndex(row, column, kDiagnosticsRoot);
    }
    if (parent.internalId() == kDiagnosticsRoot)
        return createIndex(row, column, kDiagnosticBase + quintptr(row));
    const int field = fieldAt(parent);
    return createIndex(row, column, quintptr(m_dissection.field(field).children.at(row) + 1));
}

QModelIndex FieldTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kDiagnosticsRoot)
        return {};
    if (child.internalId() >= kDiagnosticBase)
        return createIndex(int(m_topLevel.size()), 0, kDiagnosticsRoot);
    const int parentField = m_dissection.field(fieldAt(child)).parent;
    return parentField < 0 ? QModelIndex() : indexOfField(parentField);
}

int FieldTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size()) + (hasDiagnosticsBranch() ? 1 : 0);
    if (parent.column() > 0)
        return 0;
    if (parent.internalId() == kDiagnosticsRoot)
        return int(m_dissection.diagnostics().size());
    if (parent.internalId() >= kDiagnosticBase)
        return 0;
    return int(m_dissection.field(fieldAt(parent)).children.size());
}

int FieldTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant FieldTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kDiagnosticsRoot) {
        if (role == Qt::DisplayRole)
            return index.column() == Name ? tr("Diagnostics") : QVariant(QString::number(m_dissection.diagnostics().size()));
        return {};
    }
    if (const int d = diagnosticAt(index); d >= 0) {
        const Diagnostic& diagnostic = m_dissection.diagnostics().at(d);
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == Name ? severityName(diagnostic.severity) + QLatin1Char(' ') + diagnostic.code
                                          : diagnostic.message;
        case Qt::ToolTipRole: return diagnostic.message;
        case DiagnosticRole: return d;
        case FieldRole: return diagnostic.field;
        case SourceRole: return diagnostic.source;
        case OffsetRole: return diagnostic.offset;
        case LengthRole: return diagnostic.length;
        case Qt::ForegroundRole:
            if (diagnostic.severity >= Severity::Error)
                return QBrush(QColor(0xd0, 0x30, 0x30));
            return {};
        default: return {};
        }
    }
    const Field& f = m_dissection.field(fieldAt(index));
    switch (role) {
    case Qt::DisplayRole: return index.column() == Name ? f.name : f.value;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2 byte(s) at %3 in \"%4\"")
            .arg(f.key)
            .arg(f.length)
            .arg(f.offset)
            .arg(m_dissection.sources().value(f.source).name);
    case FieldRole: return fieldAt(index);
    case SourceRole: return f.source;
    case OffsetRole: return f.offset;
    case LengthRole: return f.length;
    case KeyRole: return f.key;
    default: return {};
    }
}

QVariant FieldTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == Name ? tr("Field") : tr("Value");
    return {};
}

} // namespace tuyascope::ui
