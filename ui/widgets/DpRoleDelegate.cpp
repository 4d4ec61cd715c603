#include "widgets/DpRoleDelegate.h"

#include "dpmap/DpMapping.h"
#include "models/DpTableModel.h"

#include <QComboBox>

namespace tuyascope::ui {

QStringList DpRoleDelegate::roleChoices(const QModelIndex& index)
{
    QStringList choices{QString()};
    for (const QString& role : index.data(DpTableModel::SuggestedRolesRole).toStringList() + knownDpRoles())
        if (!choices.contains(role))
            choices << role;
    return choices;
}

QWidget* DpRoleDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() != DpTableModel::Role)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("dpRoleEditor"));
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(roleChoices(index));
    combo->setToolTip(tr("Empty: no role. Inferred roles come first."));
    return combo;
}

void DpRoleDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    const QString role = index.data(Qt::EditRole).toString();
    const int found = combo->findText(role);
    if (found >= 0)
        combo->setCurrentIndex(found);
    else
        combo->setEditText(role);
}

void DpRoleDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    model->setData(index, combo->currentText().trimmed(), Qt::EditRole);
}

} // namespace tuyascope::ui
