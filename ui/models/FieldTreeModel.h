#pragma once
// The dissection tree of one frame: its fields as a tree (name, value), then a "Diagnostics"
// branch with every diagnostic of the frame. Each field row knows its bytes through roles, so the
// window can mark them in the hex view without knowing any protocol.
#include "dissect/Dissection.h"

#include <QAbstractItemModel>

namespace tuyascope::ui {

class FieldTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Value, ColumnCount };
    enum Role { FieldRole = Qt::UserRole + 1, SourceRole, OffsetRole, LengthRole, KeyRole, DiagnosticRole };

    explicit FieldTreeModel(QObject* parent = nullptr);

    void setDissection(const Dissection& dissection);
    const Dissection& dissection() const { return m_dissection; }
    QModelIndex indexOfField(int field, int column = Name) const;
    int fieldAt(const QModelIndex& index) const;       // -1: not a field (diagnostics rows)
    int diagnosticAt(const QModelIndex& index) const;  // -1: not a diagnostic row

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // internalId: field + 1; kDiagnosticsRoot; kDiagnosticBase + diagnostic.
    static constexpr quintptr kDiagnosticsRoot = quintptr(1) << 30;
    static constexpr quintptr kDiagnosticBase = (quintptr(1) << 30) + 1;
    bool hasDiagnosticsBranch() const { return !m_dissection.diagnostics().isEmpty(); }
    int rowInParent(int field) const;

    Dissection m_dissection;
    QVector<int> m_topLevel;
};

} // namespace tuyascope::ui
