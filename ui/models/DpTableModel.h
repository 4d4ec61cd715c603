#pragma once
// The dp table of one document (file or live session), one row per dp in order of first
// appearance, plus what the user says about each dp (name, scale, unit, role, enum labels:
// DpLabels, kept in the capture's sidecar file). Rows appear and update as the document's
// DpTracker grows. The dpId column is checkable for numeric dps: the checked dps are the ones the
// pane plots. Where the user has given no role, the Role column shows the best inferred role as a
// suggestion; the user accepts suggestions, applies the device model the capture matches,
// imports a mapping, or exports one (mappingForCapture). In a live session the suggestions go
// through a SuggestionTracker, so they do not flicker while the capture grows, and only settled
// ones are accepted in bulk. "I just did ..." (proposeFromAction) highlights the dps that changed
// and proposes a label for them.
#include "dpmap/DpMapping.h"
#include "dpmap/GuidedMapping.h"
#include "dpmap/InferredMapping.h"
#include "dpmap/RoleInference.h"
#include "dpmap/SuggestionTracker.h"
#include "dpmap/DpLabels.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
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
        HighlightRole,               // any column: true for the dps the last "I just did ..." pointed at
    };
    // Inference reruns at most this often while a document grows (a live session, a file being
    // analysed): one pass over the engine's bounded profiles, never one per batch of frames.
    static constexpr int kInferencesPerSecond = 4;
    // How long the dps an "I just did ..." pointed at stay highlighted.
    static constexpr int kHighlightMs = 30'000;

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
    // The suggestion of every dp without a user role, when at least minConfidence and settled; a
    // scale or unit the user set stays (as in mappingForCapture). Returns how many dps got a role.
    int acceptConfidentSuggestions(double minConfidence = kMinConfidenceForMapping);

    // The suggestion the Role column shows: in a live session the tracker's steady one, otherwise
    // the best hypothesis. Null when the dp has none.
    struct Suggestion {
        QString role;
        double confidence = 0;
        double scale = 1;
        QString unit;
    };
    std::optional<Suggestion> suggestionOf(const QString& dpId) const;
    // Whether the suggestion has held for its evidence window (always, for a saved capture).
    bool suggestionSettled(const QString& dpId) const;
    const dpmap::SuggestionTracker& suggestionTracker() const { return m_tracker; }
    int suggestionFlips() const { return m_tracker.flips(); } // live: suggestions that changed role
    // The document's clock: its newest frame's time, or a monotonic clock when frames carry none.
    qint64 nowUs() const;

    // Names, roles, units and scales from the device model inference().models[index] for every dp
    // of the capture the model knows; what the user set (role, name, scale or unit) stays. Returns
    // how many dps changed (0: no such match).
    int applyModelMatch(int index = 0);

    // "I just did ...": the dps that changed within [fromUs, toUs], best candidate first (see
    // dpmap::dpsChangedBy); they become the highlighted rows until the next call, clearHighlight
    // or kHighlightMs. Empty (and nothing highlighted) for an unknown action.
    QVector<dpmap::ActionCandidate> proposeFromAction(const QString& actionKey, qint64 fromUs, qint64 toUs);
    // Writes the candidate's name and (when it has one) role into the dp's labels; the user asked
    // for it, so they replace what was there. Clears the highlight.
    bool acceptActionCandidate(const dpmap::ActionCandidate& candidate);
    QSet<QString> highlightedDps() const { return m_highlighted; }
    void clearHighlight();
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
    void highlightChanged();                  // highlightedDps() changed (a proposal, or its timeout)

private:
    void dpsChanged(const QVector<int>& series);
    void labelEdited(const QString& dpId);
    void setLabels(const DpLabels& labels, const QString& changedDp); // saves, signals, repaints
    void inferenceDue();
    QVariant display(const DpSeries& series, int column) const;
    QString roleToolTip(const DpSeries& series) const;
    QStringList suggestionHistory(quint8 dp) const;
    void setHighlighted(const QSet<QString>& dpIds);

    QPointer<CaptureDocument> m_document;
    int m_rows = 0; // rows published (the tracker may hold more until dpsChanged arrives)
    DpLabels m_labels;
    QString m_sidecarPath;
    bool m_sidecarWritable = true;
    QSet<QString> m_plotted;
    mutable std::optional<dpmap::InferenceResult> m_inference; // nullopt: infer on next use
    QTimer m_inferenceThrottle;
    mutable int m_inferenceRuns = 0;
    // Live sessions only: updated whenever inference reruns, so it is as lazy as the inference.
    mutable dpmap::SuggestionTracker m_tracker;
    QElapsedTimer m_clock; // for frames without times
    QSet<QString> m_highlighted;
    QTimer m_highlightTimeout;
};

// "voltage ×0.1 V (92%)": a hypothesis as menus and tooltips name it.
QString describeHypothesis(const dpmap::RoleHypothesis& hypothesis);

} // namespace tuyascope::ui
