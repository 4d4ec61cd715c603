#include "dialogs/DiscoveredDeviceModel.h"

namespace tuyascope::ui {

DiscoveredDeviceModel::DiscoveredDeviceModel(QObject* parent) : QAbstractTableModel(parent) {}

void DiscoveredDeviceModel::addDevice(const lanclient::DiscoveredDevice& device)
{
    for (int row = 0; row < m_devices.size(); ++row) {
        if (m_devices[row].gwId == device.gwId) {
            m_devices[row] = device;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    beginInsertRows(QModelIndex(), int(m_devices.size()), int(m_devices.size()));
    m_devices.push_back(device);
    endInsertRows();
}

void DiscoveredDeviceModel::clear()
{
    if (m_devices.isEmpty())
        return;
    beginResetModel();
    m_devices.clear();
    endResetModel();
}

int DiscoveredDeviceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_devices.size());
}

int DiscoveredDeviceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiscoveredDeviceModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_devices.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QVariant();
    const lanclient::DiscoveredDevice& device = m_devices.at(index.row());
    if (role == Qt::ToolTipRole)
        return QStringLiteral("announced on UDP %1").arg(device.port);
    switch (index.column()) {
    case DeviceId: return device.gwId;
    case Ip: return device.ip;
    case Version: return device.version;
    case ProductKey: return device.productKey;
    default: return QVariant();
    }
}

QVariant DiscoveredDeviceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case DeviceId: return tr("Device id");
    case Ip: return tr("IP");
    case Version: return tr("Version");
    case ProductKey: return tr("Product key");
    default: return QVariant();
    }
}

} // namespace tuyascope::ui
