#pragma once
// The frames of a live capture, in arrival order. Each frame is decoded once when it completes
// (TuyaMCU in the family the live decoder has decided by then, LAN with the keys the client or
// simulator holds at that moment) and announced with its field tree; afterwards only light
// entries stay, and field trees are rebuilt on demand from the bytes and the remembered context.
#include "frames/FrameTable.h"
#include "live/LiveCapture.h"
#include "live/LiveDecoder.h"
#include "tuyalan/LanContext.h"

#include <QCache>
#include <QObject>

#include <functional>

namespace tuyascope {

class LiveFrames : public QObject, public FrameTable {
    Q_OBJECT
public:
    explicit LiveFrames(LiveCapture& live, mcu::Family forcedFamily = mcu::Family::Unknown, QObject* parent = nullptr);

    using LanContextProvider = std::function<lan::LanContext(const LiveFrameEvent&)>;
    // LAN channels are dissected with the context this returns; without one, with the direction only.
    void setLanContextProvider(LanContextProvider provider) { m_lanContext = std::move(provider); }
    LiveDecoder& decoder() { return m_decoder; }
    const LiveCapture& live() const { return m_live; }

    int frameCount() const override { return int(m_entries.size()); }
    FrameFacts facts(int row) const override;
    QByteArray frameBytes(int row) const override;
    Dissection dissect(int row) const override;

signals:
    // One per frame; batching for views is the views' business.
    void frameAppended(int row, const tuyascope::Dissection& dissection);

private:
    void onFrame(const LiveFrameEvent& event);
    Dissection dissectEntry(int row, const QByteArray& bytes) const;

    struct Entry {
        qint64 timeUs;
        qint64 arenaOffset;
        int length;
        int channel;
        int lanContext;       // index into m_lanContexts, -1 for TuyaMCU
        Direction direction;
        FrameKind kind;
        mcu::Family family;   // TuyaMCU: the family decided when the frame arrived
        qint64 command;       // -1: none
        QString version;
    };
    LiveCapture& m_live;
    LiveDecoder m_decoder;
    LanContextProvider m_lanContext;
    QVector<Entry> m_entries;
    QVector<lan::LanContext> m_lanContexts;
    QByteArray m_arena;       // frame bytes back to back (frames may span several records)
    mutable QCache<int, Dissection> m_cache{512};
};

} // namespace tuyascope
