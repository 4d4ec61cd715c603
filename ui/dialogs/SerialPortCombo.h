#pragma once
// An editable port chooser: the ports the system lists (path, description, VID:PID), kept up to
// date as adapters are plugged in and out, and any typed path (/dev/pts/7, a symlink, COM12).
#include <QComboBox>

namespace tuyascope {
class SerialPortWatcher;
}

namespace tuyascope::ui {

class SerialPortCombo : public QComboBox {
    Q_OBJECT
public:
    explicit SerialPortCombo(QWidget* parent = nullptr);

    // The path to open: a listed port's system location, or the typed text.
    QString portPath() const;
    void refresh(); // re-reads the list (the watcher does this every second)

private:
    void fill();

    SerialPortWatcher* m_watcher;
};

// Baud rates: the usual ones to pick, any other typed.
class BaudRateCombo : public QComboBox {
    Q_OBJECT
public:
    explicit BaudRateCombo(QWidget* parent = nullptr);
    qint32 baudRate() const; // 0 when the text is not a positive number
};

} // namespace tuyascope::ui
