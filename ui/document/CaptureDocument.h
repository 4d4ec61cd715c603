#pragma once
// One open capture in the window: a file (its frame table) or a live session. Besides the frames
// it keeps what the panes summarise - the dp table and every diagnostic with its frame. A file
// gets two background passes in short slices, so the list is usable at once: the dp table first,
// straight from the frame bytes (a million frames in well under a second), then the diagnostics,
// which need every frame's field tree. A live session fills both frame by frame.
#include "dptable/DpTracker.h"
#include "frames/CaptureFrames.h"
#include "sessions/LiveSession.h"

#include <QObject>
#include <QStringList>
#include <QSet>
#include <QTimer>

#include <memory>

namespace tuyascope::ui {

struct DiagnosticEntry {
    int row;                  // frame (source row)
    int diagnostic;           // index in that frame's dissection; -1: a dp engine finding
    Severity severity;
    QString code;
    QString message;
    int field;
};

class CaptureDocument : public QObject {
    Q_OBJECT
public:
    // A file's frames (the document owns them).
    CaptureDocument(std::unique_ptr<CaptureFrames> frames, const QString& title, const QStringList& paths,
                    QObject* parent = nullptr);
    // A live session (the document owns it).
    CaptureDocument(LiveSession* session, QObject* parent = nullptr);
    ~CaptureDocument() override;

    QString title() const { return m_title; }
    QStringList paths() const { return m_paths; }
    bool isLive() const { return m_session != nullptr; }
    LiveSession* session() const { return m_session; }
    const FrameTable& frames() const;
    const Capture& capture() const;

    const DpTracker& dps() const { return m_dps; }
    const QVector<DiagnosticEntry>& diagnostics() const { return m_diagnostics; }
    bool analysing() const { return !m_cancelled && m_analysed < frames().frameCount(); } // diagnostics still coming
    bool fillingDps() const { return !m_cancelled && m_dpRows < frames().frameCount(); }  // the dp table still growing
    void cancelAnalysis();

signals:
    void framesAppended();                          // live: new rows in frames()
    void dpsChanged(const QVector<int>& series);    // indexes into dps().series()
    void diagnosticsAppended(int first, int count); // indexes into diagnostics()
    void analysisProgress(int done, int total);
    void dpsFilled(); // a file's dp table holds every frame (its diagnostics may still be coming)

private:
    void absorb(int row, const Dissection& dissection);
    void absorbDps(int row, const Dissection& dissection);
    void absorbDiagnostics(int row, const Dissection& dissection);
    void fillDpsSlice();
    void analyseSlice();
    void flush(); // one dpsChanged / diagnosticsAppended / framesAppended per event-loop turn

    QString m_title;
    QStringList m_paths;
    std::unique_ptr<CaptureFrames> m_fileFrames;
    LiveSession* m_session = nullptr;
    DpTracker m_dps;
    QVector<DiagnosticEntry> m_diagnostics;
    int m_analysed = 0;        // rows whose diagnostics are in
    int m_dpRows = 0;          // rows whose dps are in
    int m_findingsListed = 0;  // dp engine findings already turned into diagnostics
    bool m_cancelled = false;
    QTimer m_slice;
    QTimer m_flush;
    QVector<int> m_pendingDps;
    int m_pendingDiagnosticsFrom = -1;
    bool m_pendingFrames = false;
};

} // namespace tuyascope::ui
