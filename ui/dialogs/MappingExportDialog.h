#pragma once
// dp pane ▸ Export mapping…: the dp mapping written as the configuration a firmware or library
// needs (core's exporter registry: Tasmota, OpenBeken, ESPHome, tinytuya), with a read-only preview
// and Copy / Save… buttons. The mapping comes from DpTableModel::mappingForExport(), so the text is
// exactly what `tuyascope-cli export --to TARGET FILE` writes for the same capture and sidecar.
#include "dpmap/DpMapping.h"

#include <QDialog>

class QComboBox;
class QPlainTextEdit;
class QPushButton;

namespace tuyascope::ui {

class MappingExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit MappingExportDialog(const DpMapping& mapping, QWidget* parent = nullptr);

    QString target() const; // exporter name: "tasmota", "openbeken", "esphome", "tinytuya"
    void setTarget(const QString& name);
    int baudRate() const;   // 0 while the typed speed is not a positive number
    void setBaudRate(int baud);
    QString previewText() const; // empty while the baud rate is invalid
    // Where Save… starts (e.g. the capture's folder); the file name follows the target.
    void setSuggestedDirectory(const QString& directory) { m_directory = directory; }
    static QString suggestedFileName(const QString& target);
    bool saveTo(const QString& path, QString* error) const; // atomic

    QComboBox* targetBox() const { return m_target; }
    QComboBox* baudBox() const { return m_baud; }
    QPlainTextEdit* preview() const { return m_preview; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* saveButton() const { return m_save; }

private:
    void updatePreview();
    void copyToClipboard();
    void saveWithDialog();

    DpMapping m_mapping;
    QString m_text; // the exporter's output for the current choices
    QString m_directory;
    QComboBox* m_target;
    QComboBox* m_baud;
    QPlainTextEdit* m_preview;
    QPushButton* m_copy;
    QPushButton* m_save;
};

} // namespace tuyascope::ui
