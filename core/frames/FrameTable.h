#pragma once
// The frames of a capture in display order, as every front end reads them: light facts per row
// (enough for the list's cheap columns and for light filters), the bytes, and the field tree on
// demand. Implementations keep the raw records as the truth and cache field trees with a bound.
#include "capture/Capture.h"
#include "dissect/Dissection.h"
#include <QByteArray>
#include <QString>

namespace tuyascope {

enum class FrameProtocol : quint8 { TuyaMcu, TuyaLan };
enum class FrameKind : quint8 { Frame, Garbage, Truncated };

QString protocolKey(FrameProtocol protocol); // "mcu", "lan" (the filter's spelling)

struct FrameFacts {
    qint64 timeUs = kUnknownTime;
    Direction direction = Direction::Unknown;
    FrameProtocol protocol = FrameProtocol::TuyaMcu;
    FrameKind kind = FrameKind::Frame;
    QString version;          // TuyaMCU: the version byte in decimal; LAN: "3.1".."3.5"; empty: unknown
    qint64 command = -1;      // -1: no command (garbage, truncated)
    int length = 0;
    int channel = -1;         // capture channel the first byte came from
};

class FrameTable {
public:
    virtual ~FrameTable() = default;
    virtual int frameCount() const = 0;
    virtual FrameFacts facts(int row) const = 0;
    virtual QByteArray frameBytes(int row) const = 0;
    // The field tree (data source 0 = the frame bytes; LAN adds the decrypted plaintext).
    virtual Dissection dissect(int row) const = 0;
};

} // namespace tuyascope
