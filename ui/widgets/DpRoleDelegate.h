#pragma once
// The editor of the dp table's Role column: an editable combo box with "" (no role) first, then
// the roles inferred for the dp (best first), then the other roles exporters know
// (knownDpRoles()). Any other text is kept as typed. Other columns edit as usual.
#include <QStyledItemDelegate>

namespace tuyascope::ui {

class DpRoleDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The combo's entries for a Role cell: "", the inferred roles, the remaining known roles.
    static QStringList roleChoices(const QModelIndex& index);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace tuyascope::ui
