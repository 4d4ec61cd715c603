#pragma once
// "Discover LAN devices…": a live list of the devices announcing themselves on UDP 6666/6667/
// 7000 (the 3.5 solicitation is sent so 3.5 devices answer). "Connect…" opens the LAN device
// dialog prefilled from the chosen row; accepting it accepts this dialog, and createSession()
// then returns that connection.
#include "lanclient/LanDiscoveryScanner.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace tuyascope {
class LiveSession;
}

namespace tuyascope::ui {

class DiscoveredDeviceModel;
class LanDeviceDialog;

class DiscoveryDialog : public QDialog {
    Q_OBJECT
public:
    explicit DiscoveryDialog(QWidget* parent = nullptr, const lanclient::LanScannerConfig& config = {},
                             const QString& keyStorePath = QString());
    ~DiscoveryDialog() override;

    // The LAN client session configured by an accepted "Connect…", else nullptr.
    LiveSession* createSession() const;

    DiscoveredDeviceModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QPushButton* connectButton() const { return m_connect; }
    QString statusText() const;
    // The prefilled LAN device dialog "Connect…" shows for `row` (owned by this dialog).
    LanDeviceDialog* connectDialogFor(int row);

private:
    void connectClicked();
    void updateButtons();

    lanclient::LanDiscoveryScanner* m_scanner;
    DiscoveredDeviceModel* m_model;
    QTableView* m_table;
    QLabel* m_status;
    QPushButton* m_connect;
    QPushButton* m_solicit;
    QString m_keyStorePath;
    std::unique_ptr<LanDeviceDialog> m_connectDialog;
};

} // namespace tuyascope::ui
