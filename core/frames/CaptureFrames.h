#pragma once
// The frames of a finished capture (a file, or a live session's records): TuyaMCU items from the
// serial channels (McuSession) and Tuya LAN items from network channels and LAN logs
// (LanCaptureAnalysis), merged into one timeline. A capture with one protocol maps rows straight
// onto its items, so a million TuyaMCU frames cost the session's light items and nothing more.
#include "frames/FrameTable.h"
#include "keys/KeyStore.h"
#include "tuyalan/session/LanCaptureAnalysis.h"
#include "tuyamcu/McuSession.h"

#include <memory>

namespace tuyascope {

struct CaptureFramesOptions {
    mcu::McuSession::Options mcu;
    lan::LanAnalysisOptions lan;
};

class CaptureFrames : public FrameTable {
public:
    CaptureFrames(const Capture& capture, const keys::KeyStore& keys, const CaptureFramesOptions& options = {});

    int frameCount() const override;
    FrameFacts facts(int row) const override;
    QByteArray frameBytes(int row) const override;
    Dissection dissect(int row) const override;

    const Capture& capture() const { return m_session.capture(); }
    const mcu::McuSession& mcuSession() const { return m_session; }
    const lan::LanCaptureAnalysis& lanAnalysis() const { return m_lan; }
    // Row of a TuyaMCU item / LAN item, or -1 (e.g. items of network channels are not rows).
    int rowOfMcuItem(int item) const;
    // The TuyaMCU item a row shows, or -1 for a LAN row.
    int mcuItemOfRow(int row) const;

private:
    struct RowRef {
        quint32 index;
        bool lan;
    };
    RowRef ref(int row) const;

    mcu::McuSession m_session;
    lan::LanCaptureAnalysis m_lan;
    bool m_identity = true;     // rows are the McuSession items, one to one
    QVector<RowRef> m_rows;     // otherwise: the merged timeline
};

} // namespace tuyascope
