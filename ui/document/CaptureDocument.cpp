#include "document/CaptureDocument.h"

#include "frames/FrameSummary.h"

#include <QElapsedTimer>

#include <utility>

namespace tuyascope::ui {

CaptureDocument::CaptureDocument(std::unique_ptr<CaptureFrames> frames, const QString& title, const QStringList& paths,
                                 QObject* parent)
    : QObject(parent), m_title(title), m_paths(paths), m_fileFrames(std::move(frames))
{
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, [this] { fillingDps() ? fillDpsSlice() : analyseSlice(); });
    m_slice.start();
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &CaptureDocument::flush);
}

CaptureDocument::CaptureDocument(LiveSession* session, QObject* parent)
    : QObject(parent), m_title(session->title()), m_session(session)
{
    session->setParent(this);
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &CaptureDocument::flush);
    connect(&session->frames(), &LiveFrames::frameAppended, this, [this](int row, const Dissection& d) {
        absorb(row, d);
        m_analysed = row + 1;
        m_dpRows = row + 1;
        m_pendingFrames = true;
        if (!m_flush.isActive())
            m_flush.start();
    });
}

CaptureDocument::~CaptureDocument()
{
    if (m_session)
        m_session->stop();
}

const FrameTable& CaptureDocument::frames() const
{
    if (m_session)
        return m_session->frames();
    return *m_fileFrames;
}

const Capture& CaptureDocument::capture() const
{
    return m_session ? m_session->capture().capture() : m_fileFrames->capture();
}

void CaptureDocument::cancelAnalysis()
{
    m_cancelled = true;
    m_slice.stop();
}

void CaptureDocument::absorb(int row, const Dissection& dissection)
{
    absorbDps(row, dissection);
    absorbDiagnostics(row, dissection);
}

void CaptureDocument::absorbDps(int row, const Dissection& dissection)
{
    const FrameFacts facts = frames().facts(row);
    for (int index : m_dps.add(row, facts.timeUs, facts.direction, dissection))
        if (!m_pendingDps.contains(index))
            m_pendingDps.push_back(index);
}

void CaptureDocument::absorbDiagnostics(int row, const Dissection& dissection)
{
    // What the dp engine found at this frame (a dp changing type) is listed with the frame's own
    // diagnostics, pointing at that dp's unit. The dp pass runs ahead, so findings of later
    // frames wait for theirs.
    const QVector<dpmap::DpFinding>& findings = m_dps.engine().findings();
    for (; m_findingsListed < findings.size() && findings.at(m_findingsListed).item <= row; ++m_findingsListed) {
        const dpmap::DpFinding& finding = findings.at(m_findingsListed);
        const Diagnostic& d = finding.diagnostic;
        int field = -1;
        if (finding.item == row)
            for (const DpUnitView& unit : dpUnitsOf(dissection))
                if (unit.id == QString::number(finding.dp))
                    field = unit.field;
        if (m_pendingDiagnosticsFrom < 0)
            m_pendingDiagnosticsFrom = int(m_diagnostics.size());
        m_diagnostics.push_back({finding.item, -1, d.severity, d.code, d.message, field});
    }
    const QVector<Diagnostic>& list = dissection.diagnostics();
    for (int i = 0; i < list.size(); ++i) {
        const Diagnostic& d = list.at(i);
        if (d.severity <= Severity::Chat)
            continue;
        if (m_pendingDiagnosticsFrom < 0)
            m_pendingDiagnosticsFrom = int(m_diagnostics.size());
        m_diagnostics.push_back({row, i, d.severity, d.code, d.message, d.field});
    }
}

void CaptureDocument::flush()
{
    if (m_pendingFrames) {
        m_pendingFrames = false;
        emit framesAppended();
    }
    if (!m_pendingDps.isEmpty()) {
        const QVector<int> touched = std::exchange(m_pendingDps, {});
        emit dpsChanged(touched);
    }
    if (m_pendingDiagnosticsFrom >= 0) {
        const int first = std::exchange(m_pendingDiagnosticsFrom, -1);
        emit diagnosticsAppended(first, int(m_diagnostics.size()) - first);
    }
}

void CaptureDocument::fillDpsSlice()
{
    // TuyaMCU rows go straight from their bytes; LAN rows (decrypted JSON) and the rare TuyaMCU
    // frame that carries more than dp units take their field tree.
    const auto& file = *m_fileFrames;
    const mcu::McuSession& session = file.mcuSession();
    const int total = file.frameCount();
    QElapsedTimer clock;
    clock.start();
    constexpr int kRowsBetweenClockReads = 256;
    QByteArray scratch; // a frame split over records is assembled here
    while (m_dpRows < total && clock.elapsed() < 16) {
        for (int n = 0; n < kRowsBetweenClockReads && m_dpRows < total; ++n, ++m_dpRows) {
            const int row = m_dpRows;
            const int item = file.mcuItemOfRow(row);
            if (item >= 0) {
                if (const std::optional<QVector<int>> touched = m_dps.addMcuFrame(row, session.item(item), session.itemView(item, scratch))) {
                    for (int index : *touched)
                        if (!m_pendingDps.contains(index))
                            m_pendingDps.push_back(index);
                    continue;
                }
            }
            absorbDps(row, file.dissect(row));
        }
    }
    flush();
    if (m_dpRows >= total)
        emit dpsFilled();
}

void CaptureDocument::analyseSlice()
{
    const int total = frames().frameCount();
    QElapsedTimer clock;
    clock.start();
    while (m_analysed < total && clock.elapsed() < 8) {
        absorbDiagnostics(m_analysed, frames().dissect(m_analysed));
        ++m_analysed;
    }
    flush();
    emit analysisProgress(m_analysed, total);
    if (m_analysed >= total || m_cancelled)
        m_slice.stop();
}

} // namespace tuyascope::ui
