#pragma once
// The dp table engine behind role inference: per dp over a capture (or fed live) what types it
// carried, its values over time, who wrote it (module write vs device report), whether a report
// followed a write of it, and which dps changed together. Bounded: timelines and value sets are
// capped, and at most 256 dps exist.

#include "dissect/Diagnostic.h"
#include "tuyamcu/McuSession.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope::dpmap {

// One dp unit as seen on the wire.
struct DpObservation {
    qint64 timeUs = kUnknownTime;
    int item = -1;           // frame index in its session; units of one frame share it
    quint8 id = 0;
    quint8 type = 0;
    QByteArray value;
    bool written = false;    // sent by the module/app (0x06 write), not reported by the device
};

// A unit rebuilt from a field tree's display text ("dp.id", "dp.type", "dp.value"), for sources
// that keep only the tree (DpTracker). TuyaMCU type names as dpTypeName() prints them; an empty
// type is LAN JSON (true/false -> bool, integers -> value, "text" -> string). False when the id is
// not 0..255 or the text does not read back.
bool dpObservationFromText(const QString& id, const QString& typeName, const QString& valueText, DpObservation* out);
// The same observation for a TuyaMCU unit read from its bytes: exactly what
// dpObservationFromText gives for the unit's display text (dpValueText), without the round trip.
bool dpObservationFromUnit(quint8 id, quint8 type, QByteArrayView value, DpObservation* out);

struct DpValuePoint {
    qint64 timeUs = kUnknownTime;
    int item = -1;
    QByteArray value;
    bool written = false;
};

struct DpProfile {
    quint8 id = 0;
    quint8 type = 0;                 // type of the last unit
    QVector<quint8> typesSeen;       // in order of appearance
    int typeChanges = 0;
    int count = 0;
    int writes = 0;
    int reports = 0;
    int reportsAfterWrite = 0;       // reports of this dp within the echo window after a write of it
    int echoesOfWrittenValue = 0;    // ... that carried the written value
    QVector<QByteArray> distinctValues;
    bool distinctOverflow = false;
    bool numeric = false;            // min/max meaningful
    qint64 min = 0;
    qint64 max = 0;
    int minLength = 0;
    int maxLength = 0;
    QVector<DpValuePoint> timeline;  // first kMaxTimeline points
    bool timelineOverflow = false;
    QByteArray lastValue;
    qint64 firstTimeUs = kUnknownTime;
    qint64 lastTimeUs = kUnknownTime;
    int firstItem = -1;              // frame index of the first and the last unit
    int lastItem = -1;
    qint64 lastChangeUs = kUnknownTime; // the last report whose value differed from the report before it
    int lastChangeItem = -1;
    QByteArray valueBeforeChange;    // ... and the value it replaced
    QMap<quint8, int> coChanges;     // other dp -> reports in the same frame or co-change window
    QMap<quint8, int> changesAfterWriteOf; // written dp -> writes of it after which this dp reported a new value (echo window)

    bool writtenByModule() const { return writes > 0; }
    bool mixedTypes() const { return typesSeen.size() > 1; }
    bool changesAfterWrite() const { return reportsAfterWrite > 0; }
    qint64 lastNumber() const;       // of lastValue (0 when not numeric)
    QVector<qint64> numbers() const; // numeric values of the timeline, in order

    static constexpr int kMaxDistinct = 64;
    static constexpr int kMaxTimeline = 512;
};

// A finding of the engine about one dp at one frame (a type change), as diagnostics are: data.
struct DpFinding {
    quint8 dp = 0;
    int item = -1;                   // the frame that showed it
    Diagnostic diagnostic;           // field -1: the engine knows frames, not field trees
};

// One write and what changed after it: the dps whose reported value differed from their previous
// report within the echo window (the written dp itself when its state moved).
struct DpWriteEffect {
    int item = -1;                   // the write's frame
    qint64 timeUs = kUnknownTime;
    quint8 dp = 0;                   // the dp written
    QByteArray value;
    QVector<quint8> changed;         // in order of their reports
};

struct DpEngineOptions {
    qint64 echoWindowUs = 1'500'000;   // a report this soon after a write counts as its echo
    int echoWindowItems = 6;           // the same when times are unknown
    qint64 coChangeWindowUs = 200'000; // reports this close are "changed together"
};

class DpEngine {
public:
    explicit DpEngine(DpEngineOptions options = {}) : m_options(options) {}

    static DpEngine fromSession(const mcu::McuSession& session, DpEngineOptions options = {});

    void add(const DpObservation& unit);
    // A dp only named by a request (the low-power DP-cache request 0x10 asks for dp ids): no
    // value, so no profile; role inference gives such dps no measurement role.
    void addRequest(quint8 id);
    // Dps named by requests and never reported or written, by id.
    QVector<quint8> requestedOnly() const;
    void setProductId(const QString& productId) { m_productId = productId; }
    // The capture speaks the low-power protocol: a battery device (device matching weighs it).
    void setLowPower(bool lowPower) { m_lowPower = lowPower; }
    bool lowPower() const { return m_lowPower; }

    const QVector<DpProfile>& profiles() const { return m_profiles; } // sorted by id
    const DpProfile* find(quint8 id) const;
    QString productId() const { return m_productId; }
    // Bounded: at most kMaxFindingsPerDp per dp.
    const QVector<DpFinding>& findings() const { return m_findings; }
    QStringList findingMessages(quint8 id) const;
    // The first kMaxWriteEffects writes with the dps that changed after each.
    const QVector<DpWriteEffect>& writeEffects() const { return m_writeEffects; }
    // Dps that changed after the write(s) in frame `item` (empty: no such write kept, or nothing changed).
    QVector<quint8> changedAfterWrite(int item) const;
    static constexpr int kMaxWriteEffects = 4096;
    static constexpr int kMaxFindingsPerDp = 8;

private:
    DpProfile& profileFor(quint8 id);

    DpEngineOptions m_options;
    QVector<DpProfile> m_profiles;
    QString m_productId;
    bool m_lowPower = false;
    QVector<DpFinding> m_findings;
    QVector<DpWriteEffect> m_writeEffects;
    struct LastSeen {
        qint64 timeUs = kUnknownTime;
        int item = -1;
        QByteArray value;
        int effect = -1;          // writes: index into m_writeEffects, -1 when not kept
        QVector<quint8> changed;  // writes: dps that changed after it so far
    };
    QMap<quint8, LastSeen> m_lastWrite;
    QMap<quint8, LastSeen> m_lastReport;
    QMap<quint8, int> m_requests;
};

} // namespace tuyascope::dpmap
