#include "tuyamcu/FrameEncoder.h"

#include "tuyamcu/McuFrame.h"

namespace tuyascope::mcu {

QByteArray encodeFrame(quint8 version, quint8 command, QByteArrayView data)
{
    const qsizetype length = qMin<qsizetype>(data.size(), 0xFFFF);
    QByteArray frame;
    frame.reserve(length + kMinFrameSize);
    frame.append(char(kHeader0));
    frame.append(char(kHeader1));
    frame.append(char(version));
    frame.append(char(command));
    frame.append(char((length >> 8) & 0xFF));
    frame.append(char(length & 0xFF));
    frame.append(data.data(), length);
    frame.append(char(checksumOf(frame)));
    return frame;
}

} // namespace tuyascope::mcu
