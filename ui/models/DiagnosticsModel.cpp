#include "models/DiagnosticsModel.h"

#include "document/CaptureDocument.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace tuyascope::ui {

namespace {

QString severityTitle(Severity severity)
{
    switch (severity) {
    case Severity::Error: return DiagnosticsModel::tr("Errors");
    case Severity::Warning: return DiagnosticsModel::tr("Warnings");
    case Severity::Note: return DiagnosticsModel::tr("Notes");
    case Severity::Chat: break;
    }
    return DiagnosticsModel::tr("Chat");
}

QIcon severityIcon(Severity severity)
{
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (!app)
        return {};
    switch (severity) {
    case Severity::Error: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    default: return QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
    }
}

} // namespace

DiagnosticsModel::DiagnosticsModel(QObject* parent) : QAbstractItemModel(parent) {}

CaptureDocument* DiagnosticsModel::document() const
{
    return m_document;
}

void DiagnosticsModel::setDocument(CaptureDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        connect(document, &CaptureDocument::diagnosticsAppended, this, &DiagnosticsModel::append);
        connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    rebuild();
}

void DiagnosticsModel::rebuild()
{
    beginResetModel();
    m_severities.clear();
    m_codes.clear();
    m_consumed = 0;
    endResetModel();
    append();
    emit countsChanged();
}

int DiagnosticsModel::count(Severity severity) const
{
    const int row = severityRow(severity);
    return row < 0 ? 0 : m_severities.at(row).count;
}

QModelIndex DiagnosticsModel::indexOfSeverity(Severity severity) const
{
    const int row = severityRow(severity);
    return row < 0 ? QModelIndex() : index(row, Text);
}

int DiagnosticsModel::severityRow(Severity severity) const
{
    for (int row = 0; row < m_severities.size(); ++row)
        if (m_severities.at(row).severity == severity)
            return row;
    return -1;
}

int DiagnosticsModel::ensureSeverityGroup(Severity severity)
{
    const int existing = severityRow(severity);
    if (existing >= 0)
        return existing;
    const auto at = std::find_if(m_severities.cbegin(), m_severities.cend(),
                                 [severity](const SeverityGroup& g) { return g.severity < severity; });
    const int row = int(at - m_severities.cbegin());
    beginInsertRows({}, row, row);
    m_severities.insert(row, SeverityGroup{severity, {}, 0});
    endInsertRows();
    return row;
}

int DiagnosticsModel::ensureCodeGroup(int sevRow, const QString& code)
{
    QVector<int>& codes = m_severities[sevRow].codes;
    const auto at = std::lower_bound(codes.cbegin(), codes.cend(), code,
                                     [this](int id, const QString& c) { return m_codes.at(id).code < c; });
    if (at != codes.cend() && m_codes.at(*at).code == code)
        return *at;
    const int row = int(at - codes.cbegin());
    const int id = int(m_codes.size());
    beginInsertRows(index(sevRow, Text), row, row);
    m_codes.push_back(CodeGroup{m_severities.at(sevRow).severity, code, {}});
    codes.insert(row, id);
    endInsertRows();
    return id;
}

int DiagnosticsModel::codeRow(int codeId) const
{
    const int sevRow = severityRow(m_codes.at(codeId).severity);
    return int(m_severities.at(sevRow).codes.indexOf(codeId));
}

QModelIndex DiagnosticsModel::codeIndex(int codeId, int column) const
{
    return createIndex(codeRow(codeId), column, kSeverityParent + quintptr(m_codes.at(codeId).severity));
}

void DiagnosticsModel::append()
{
    if (!m_document)
        return;
    const QVector<DiagnosticEntry>& all = m_document->diagnostics();
    if (m_consumed >= all.size())
        return;
    // Groups first (one insert each, few), then each group's new entries in one insert.
    QVector<int> touched;
    QVector<QVector<int>> pending;
    for (int i = m_consumed; i < all.size(); ++i) {
        const DiagnosticEntry& entry = all.at(i);
        const int codeId = ensureCodeGroup(ensureSeverityGroup(entry.severity), entry.code);
        const int slot = int(touched.indexOf(codeId));
        if (slot < 0) {
            touched.push_back(codeId);
            pending.push_back({i});
        } else {
            pending[slot].push_back(i);
        }
    }
    m_consumed = int(all.size());
    QVector<Severity> severities;
    for (int slot = 0; slot < touched.size(); ++slot) {
        const int codeId = touched.at(slot);
        CodeGroup& group = m_codes[codeId];
        const int first = int(group.entries.size());
        const int added = int(pending.at(slot).size());
        beginInsertRows(codeIndex(codeId, Text), first, first + added - 1);
        group.entries += pending.at(slot);
        endInsertRows();
        m_severities[severityRow(group.severity)].count += added;
        emit dataChanged(codeIndex(codeId, Count), codeIndex(codeId, Count));
        if (!severities.contains(group.severity))
            severities.push_back(group.severity);
    }
    for (Severity severity : severities) {
        const QModelIndex countIndex = index(severityRow(severity), Count);
        emit dataChanged(countIndex, countIndex);
    }
    emit countsChanged();
}

QModelIndex DiagnosticsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kRootParent);
    if (parent.internalId() == kRootParent)
        return createIndex(row, column, kSeverityParent + quintptr(m_severities.at(parent.row()).severity));
    const Severity severity = Severity(parent.internalId() - kSeverityParent);
    const int codeId = m_severities.at(severityRow(severity)).codes.at(parent.row());
    return createIndex(row, column, kCodeParent + quintptr(codeId));
}

QModelIndex DiagnosticsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kRootParent)
        return {};
    if (child.internalId() < kCodeParent)
        return createIndex(severityRow(Severity(child.internalId() - kSeverityParent)), Text, kRootParent);
    return codeIndex(int(child.internalId() - kCodeParent), Text);
}

int DiagnosticsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_severities.size());
    if (parent.column() != Text)
        return 0;
    if (parent.internalId() == kRootParent)
        return int(m_severities.at(parent.row()).codes.size());
    if (parent.internalId() < kCodeParent) {
        const SeverityGroup& group = m_severities.at(severityRow(Severity(parent.internalId() - kSeverityParent)));
        return int(m_codes.at(group.codes.at(parent.row())).entries.size());
    }
    return 0;
}

int DiagnosticsModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant DiagnosticsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const int column = index.column();
    if (index.internalId() == kRootParent) {
        const SeverityGroup& group = m_severities.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (column == Text)
                return severityTitle(group.severity);
            if (column == Count)
                return group.count;
            return {};
        case Qt::DecorationRole: return column == Text ? QVariant(severityIcon(group.severity)) : QVariant();
        case SourceRowRole: return -1;
        case SeverityRole: return int(group.severity);
        case KindRole: return int(Kind::SeverityGroup);
        default: return {};
        }
    }
    if (index.internalId() < kCodeParent) {
        const Severity severity = Severity(index.internalId() - kSeverityParent);
        const CodeGroup& group = m_codes.at(m_severities.at(severityRow(severity)).codes.at(index.row()));
        switch (role) {
        case Qt::DisplayRole:
            if (column == Text)
                return group.code;
            if (column == Count)
                return int(group.entries.size());
            return {};
        case Qt::ToolTipRole:
            if (m_document && !group.entries.isEmpty())
                return m_document->diagnostics().at(group.entries.first()).message;
            return {};
        case SourceRowRole: return -1;
        case SeverityRole: return int(severity);
        case CodeRole: return group.code;
        case KindRole: return int(Kind::CodeGroup);
        default: return {};
        }
    }
    const CodeGroup& group = m_codes.at(int(index.internalId() - kCodeParent));
    if (!m_document)
        return {};
    const DiagnosticEntry& entry = m_document->diagnostics().at(group.entries.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        if (column == Text)
            return entry.message;
        if (column == Frame)
            return entry.row + 1;
        return {};
    case Qt::ToolTipRole: return tr("Frame %1: %2").arg(entry.row + 1).arg(entry.message);
    case SourceRowRole: return entry.row;
    case FieldRole: return entry.field;
    case SeverityRole: return int(entry.severity);
    case CodeRole: return entry.code;
    case KindRole: return int(Kind::Entry);
    default: return {};
    }
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Text: return tr("Diagnostic");
    case Count: return tr("Count");
    case Frame: return tr("Frame");
    default: return {};
    }
}

} // namespace tuyascope::ui
