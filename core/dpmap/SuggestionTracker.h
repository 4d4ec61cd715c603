#pragma once
// Keeps role suggestions steady while a live capture grows: a dp's suggestion changes only when
// a new role's evidence outweighs the current one's by a margin, and every change is kept with
// when and why. A suggestion counts as settled once it has held for its evidence window (a time
// and a number of the dp's reports), so nothing is accepted on the first frames' guesses. Within
// a dp's first window the suggestion is provisional: it follows the best guess as evidence
// arrives, and those changes are listed but are not flips.
#include "dpmap/RoleInference.h"

#include <QMap>
#include <QString>
#include <QVector>

namespace tuyascope::dpmap {

struct SuggestionChange {
    qint64 timeUs = 0;
    quint8 dp = 0;
    QString from;               // "" for the first suggestion
    QString to;
    double confidence = 0;      // of the new suggestion
    QString why;                // its strongest evidence
    bool provisional = false;   // within the dp's first evidence window: not a flip
};

struct StableSuggestion {
    QString role;
    double confidence = 0;      // in the latest inference
    double scale = 1;
    QString unit;
    qint64 sinceUs = 0;         // when it became the suggestion
    int reportsAtStart = 0;     // the dp's reports + writes then
};

struct SuggestionOptions {
    double margin = 0.1;                 // a challenger must lead by this much
    qint64 settleUs = 10'000'000;        // ... and a suggestion holds this long
    int settleReports = 3;               // ... and over this many of the dp's reports before it is settled
};

class SuggestionTracker {
public:
    explicit SuggestionTracker(SuggestionOptions options = {}) : m_options(options) {}

    // Takes a fresh inference at `nowUs`; returns the dps whose suggestion changed.
    QVector<quint8> update(const InferenceResult& fresh, const DpEngine& engine, qint64 nowUs);
    void clear();

    const StableSuggestion* current(quint8 dp) const;
    bool settled(quint8 dp, const DpEngine& engine, qint64 nowUs) const;
    const QVector<SuggestionChange>& changes() const { return m_changes; } // oldest first, bounded
    QVector<SuggestionChange> changesOf(quint8 dp) const;
    int flips() const { return m_flips; } // changes of a settled suggestion to another role

    static constexpr int kMaxChanges = 1024;

private:
    SuggestionOptions m_options;
    QMap<quint8, StableSuggestion> m_current;
    QVector<SuggestionChange> m_changes;
    int m_flips = 0;
};

} // namespace tuyascope::dpmap
