#pragma once
// One open capture in the window: a file (its frame table) or a live session. Besides the frames
// it keeps what the panes summarise - the dp table and every diagnostic with its frame - filled
// by one background pass over a file (in short slices, so the list is usable at once) and frame by
// frame for a live session.
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
    bool analysing() const { return !m_cancelled && m_analysed < frames().frameCount(); }
    void cancelAnalysis();

signals:
    void framesAppended();                          // live: new rows in frames()
    void dpsChanged(const QVector<int>& series);    // indexes into dps().series()
    void diagnosticsAppended(int first, int count); // indexes into diagnostics()
    void analysisProgress(int done, int total);

private:
    void absorb(int row, const Dissection& dissection);
    void analyseSlice();
    void flush(); // one dpsChanged / diagnosticsAppended / framesAppended per event-loop turn

    QString m_title;
    QStringList m_paths;
    std::unique_ptr<CaptureFrames> m_fileFrames;
    LiveSession* m_session = nullptr;
    DpTracker m_dps;
    QVector<DiagnosticEntry> m_diagnostics;
    int m_analysed = 0;
    bool m_cancelled = false;
    QTimer m_slice;
    QTimer m_flush;
    QVector<int> m_pendingDps;
    int m_pendingDiagnosticsFrom = -1;
    bool m_pendingFrames = false;
};

} // namespace tuyascope::ui
