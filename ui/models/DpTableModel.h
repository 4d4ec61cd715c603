#pragma once
// The dp table of one document (file or live session), one row per dp in order of first
// appearance, plus what the user says about each dp (name, scale, unit, role, enum labels:
// DpLabels, kept in the capture's sidecar file). Rows appear and update as the document's
// DpTracker grows. The dpId column is checkable for numeric dps: the checked dps are the ones the
// pane plots. Where the user has given no role, the Role column shows the best inferred role as a
// suggestion; the user accepts suggestions, imports a mapping, or exports one (mappingForCapture).
#include "dpmap/DpMapping.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/RoleInference.h"
#include "dptable/DpLabels.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace tuyascope {
struct DpSeries;
}

namespace tuyascope::ui {

class CaptureDocument;

class DpTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Name, Role, Type, Count, Distinct, Min, Max, Last, Writes, Reports, Scale, Unit, EnumLabels, ColumnCount };
    enum ItemRole {
        SortRole = Qt::UserRole + 1, // numbers sort as numbers (dp ids too)
        DpIdRole,                    // the row's dp id, any column
        IsSuggestionRole,            // Role column: true when the cell shows an inferred role, not the user's
        SuggestedRolesRole,          // Role column: the inferred roles, best first (QStringList)
    };
    // Inference reruns at most this often while a document grows (a live session, a file being
    // analysed): one pass over the engine's bounded profiles, never one per batch of frames.
    static constexpr int kInferencesPerSecond = 4;

    explicit DpTableModel(QObject* parent = nullptr);

    void setDocument(CaptureDocument* document); // clears the labels and the sidecar path
    CaptureDocument* document() const;

    // Where the labels live. An existing sidecar replaces the labels; when there is none yet, the
    // labels edited so far are written there. Returns false (and emits labelsError) when the file
    // does not read; the labels are then kept in memory only, and the file is left alone.
    bool setSidecarPath(const QString& path);
    QString sidecarPath() const { return m_sidecarPath; }
    const DpLabels& labels() const { return m_labels; }

    const DpSeries* seriesAt(int row) const;
    int rowOfDp(const QString& dpId) const; // -1: not in the table (yet)
    QStringList plottedDps() const;         // checked dp ids, in row order
    void setPlotted(const QString& dpId, bool plotted);

    // Role inference over the document's dps (empty without a document); computed on first use
    // and cached until the document has grown and the throttle interval has passed.
    const dpmap::InferenceResult& inference() const;
    const dpmap::DpRoles* rolesOf(const QString& dpId) const; // nullptr: no such dp, or id not 0..255
    int inferenceRuns() const { return m_inferenceRuns; }      // how often inference ran (cost checks)
    // Sets the dp's role, scale and unit from the hypothesis `role` of its inference (and its name
    // to the role when it has none). False when the dp has no such hypothesis.
    bool acceptSuggestion(const QString& dpId, const QString& role);
    // The best hypothesis of every dp without a user role, when at least minConfidence; a scale or
    // unit the user set stays (as in mappingForCapture). Returns how many dps got a role.
    int acceptConfidentSuggestions(double minConfidence = kMinConfidenceForMapping);
    // Reads a mapping in any format importMappingAnyFormat knows and applies it to the labels (and
    // the sidecar). What the mapping leaves open for a dp (no name, no role, scale 1 without a unit,
    // no enum labels) keeps the user's label. False (labels untouched) when the text is no usable
    // mapping. *summary: the format, the dps applied and every note, one per line.
    bool importMapping(const QByteArray& text, QString* summary);
    // What an export writes for this document and these labels: the same as
    // `tuyascope-cli export` for the same capture and sidecar.
    DpMapping mappingForExport() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void labelsError(const QString& message); // a sidecar that does not read or cannot be written
    void plottedChanged();
    void labelsChanged(const QString& dpId);  // a label of this dp changed ("" = any dp may have)

private:
    void dpsChanged(const QVector<int>& series);
    void labelEdited(const QString& dpId);
    void setLabels(const DpLabels& labels, const QString& changedDp); // saves, signals, repaints
    void inferenceDue();
    QVariant display(const DpSeries& series, int column) const;
    QString roleToolTip(const DpSeries& series) const;

    QPointer<CaptureDocument> m_document;
    int m_rows = 0; // rows published (the tracker may hold more until dpsChanged arrives)
    DpLabels m_labels;
    QString m_sidecarPath;
    bool m_sidecarWritable = true;
    QSet<QString> m_plotted;
    mutable std::optional<dpmap::InferenceResult> m_inference; // nullopt: infer on next use
    QTimer m_inferenceThrottle;
    mutable int m_inferenceRuns = 0;
};

// "voltage ×0.1 V (92%)": a hypothesis as menus and tooltips name it.
QString describeHypothesis(const dpmap::RoleHypothesis& hypothesis);

} // namespace tuyascope::ui
