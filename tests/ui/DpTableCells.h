#pragma once
// Finding a dp's row and cells in the dp table the way a user does: by the text of its dpId
// column (not through the model's own lookup, which the tests check).
#include "models/DpTableModel.h"

namespace tuyascope::test {

inline int rowOfDp(const ui::DpTableModel& model, const QString& id)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, ui::DpTableModel::Id).data().toString() == id)
            return row;
    return -1;
}

inline QModelIndex cellOf(const ui::DpTableModel& model, const QString& id, int column)
{
    return model.index(rowOfDp(model, id), column);
}

} // namespace tuyascope::test
