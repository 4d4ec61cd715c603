#pragma once
// The devices a discovery scan has heard, one row each (device id, IP, version, product key);
// a device announcing itself again updates its row.
#include "lanclient/LanDiscoveryScanner.h"

#include <QAbstractTableModel>
#include <QVector>

namespace tuyascope::ui {

class DiscoveredDeviceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { DeviceId, Ip, Version, ProductKey, ColumnCount };

    explicit DiscoveredDeviceModel(QObject* parent = nullptr);

    void addDevice(const lanclient::DiscoveredDevice& device);
    void clear();
    const lanclient::DiscoveredDevice& device(int row) const { return m_devices.at(row); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<lanclient::DiscoveredDevice> m_devices;
};

} // namespace tuyascope::ui
