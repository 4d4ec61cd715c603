#pragma once
// File ▸ Export…: choose a format (from the core's exporter registry), which frames (all, those
// the filter shows, those selected) and a file; then the frames are written in list order. The
// window calls runExportDialog with its table and the displayed and selected source rows.
#include "export/FrameExport.h"

#include <QDialog>
#include <QModelIndexList>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace tuyascope::ui {

class FrameListModel;

enum class ExportScope { All, Displayed, Selected };

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // The counts label the scope choices; a scope without frames cannot be chosen. The scope
    // starts at "displayed" when a filter hides frames, else at "all". `suggestedPath` may lack
    // an extension (the format's is added).
    ExportDialog(int allCount, int displayedCount, int selectedCount, const QString& suggestedPath,
                 QWidget* parent = nullptr);

    QString formatId() const;
    void setFormatId(const QString& id);
    ExportScope scope() const;
    void setScope(ExportScope scope);
    // The path as typed, with the format's extension added when it has none.
    QString fileName() const;
    void setFileName(const QString& path);

    QComboBox* formatBox() const { return m_format; }
    QRadioButton* scopeButton(ExportScope scope) const;
    QLineEdit* fileEdit() const { return m_file; }
    QPushButton* exportButton() const { return m_export; }

private:
    void formatChanged();
    void updateExportButton();
    void browse();
    QString currentExtension() const;

    QComboBox* m_format;
    QRadioButton* m_all;
    QRadioButton* m_displayed;
    QRadioButton* m_selected;
    QLineEdit* m_file;
    QPushButton* m_export;
    QString m_extension; // of the format chosen last, to swap it on a change
};

// The rows a scope means: all rows in order, or the given displayed / selected source rows.
QVector<int> rowsForScope(ExportScope scope, int allCount, const QVector<int>& displayed, const QVector<int>& selected);
// Source rows of what a FrameListModel shows, in list order; of selected view indexes (any
// column), ascending and without repeats.
QVector<int> displayedSourceRows(const FrameListModel& model);
QVector<int> selectedSourceRows(const FrameListModel& model, const QModelIndexList& selection);

// Writes rows to `path` with the exporter `formatId`, atomically (nothing is left on failure).
bool exportFramesToFile(const FrameTable& table, const QVector<int>& rows, const QString& formatId, const QString& path,
                        QString* error, const ExportProgress& progress = {});

// Shows the dialog, then writes the file with a cancellable progress dialog for long exports and
// reports failures in a message box. Returns the path written, or an empty string.
QString runExportDialog(QWidget* parent, const FrameTable& table, const QVector<int>& displayedRows,
                        const QVector<int>& selectedRows, const QString& suggestedPath);

} // namespace tuyascope::ui
