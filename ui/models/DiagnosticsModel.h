#pragma once
// Every diagnostic of a capture as a tree: severity (Error, Warning, Note) -> code, each with its
// count -> one row per diagnostic (frame number and message). Grows with the document: groups
// appear in their sorted place and entries are appended, so views keep their expansion and
// selection while a file is analysed or a live session runs.
#include "dissect/Diagnostic.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QVector>

namespace tuyascope::ui {

class CaptureDocument;

class DiagnosticsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Text, Count, Frame, ColumnCount };
    enum Role {
        SourceRowRole = Qt::UserRole + 1, // entries: the frame's source row; groups: -1
        FieldRole,                        // entries: the field it points at (-1: the whole frame)
        SeverityRole,                     // int(Severity), every row
        CodeRole,                         // code and entry rows
        KindRole,                         // Kind
    };
    enum class Kind { SeverityGroup, CodeGroup, Entry };

    explicit DiagnosticsModel(QObject* parent = nullptr);

    void setDocument(CaptureDocument* document); // nullptr: empty
    CaptureDocument* document() const;
    int count(Severity severity) const;
    QModelIndex indexOfSeverity(Severity severity) const; // invalid while it has no diagnostics

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void countsChanged();

private:
    struct CodeGroup {
        Severity severity;
        QString code;
        QVector<int> entries; // indexes into the document's diagnostics(), in frame order
    };
    struct SeverityGroup {
        Severity severity;
        QVector<int> codes; // ids into m_codes, sorted by code
        int count = 0;
    };
    // internalId of an index names its parent: kRootParent, kSeverityParent + severity, or
    // kCodeParent + code id. Ids never change, so persistent indexes survive inserts.
    static constexpr quintptr kRootParent = 0;
    static constexpr quintptr kSeverityParent = 1;
    static constexpr quintptr kCodeParent = 16;

    void rebuild();
    void append();
    int severityRow(Severity severity) const;             // -1: no group
    int ensureSeverityGroup(Severity severity);           // row, inserting the group
    int ensureCodeGroup(int severityRow, const QString& code); // code id, inserting the group
    int codeRow(int codeId) const;
    QModelIndex codeIndex(int codeId, int column) const;

    QPointer<CaptureDocument> m_document;
    QVector<SeverityGroup> m_severities; // worst first
    QVector<CodeGroup> m_codes;          // in order of creation (ids)
    int m_consumed = 0;                  // diagnostics of the document already in the tree
};

} // namespace tuyascope::ui
