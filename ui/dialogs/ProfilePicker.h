#pragma once
// Picks a device profile: a built-in one or "From file…", and shows its DPs so the user sees
// what the simulated device will offer.
#include "simulator/DeviceProfile.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace tuyascope::ui {

class ProfilePicker : public QWidget {
    Q_OBJECT
public:
    explicit ProfilePicker(QWidget* parent = nullptr);

    bool hasProfile() const { return m_loaded; }
    const DeviceProfile& profile() const { return m_profile; }
    QString source() const { return m_source; }       // built-in name or file path
    QString error() const { return m_error; }         // why the chosen profile cannot be used
    QComboBox* combo() const { return m_combo; }
    QString dpsText() const;                          // what the picker shows about the profile's DPs

    void selectBuiltin(const QString& name);
    bool loadFile(const QString& path);                // what "From file…" does after its file dialog

signals:
    void profileChanged();

private:
    void onActivated(int index);
    bool load(const QString& source);
    void showDps();

    QComboBox* m_combo;
    QLabel* m_dps;
    DeviceProfile m_profile;
    QString m_source;
    QString m_error;
    bool m_loaded = false;
};

} // namespace tuyascope::ui
