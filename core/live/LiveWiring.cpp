#include "live/LiveWiring.h"

#include "host/ModuleHost.h"
#include "live/LiveCapture.h"
#include "simulator/McuSimulator.h"
#include "transport/Transport.h"

namespace tuyascope {

int addLineChannel(LiveCapture& live, Direction direction, const QString& source, quint32 baudRate,
                   const QString& description)
{
    ChannelInfo info;
    info.name = direction == Direction::McuToModule ? QStringLiteral("mcu-tx")
                : direction == Direction::ModuleToMcu ? QStringLiteral("module-tx")
                                                      : QStringLiteral("line");
    info.direction = direction;
    info.source = source;
    info.description = description;
    info.baudRate = baudRate;
    return live.addChannel(info);
}

void recordHost(LiveCapture& live, ModuleHost& host, Transport& transport)
{
    const int received = addLineChannel(live, Direction::McuToModule, transport.name(), transport.baudRate(),
                                        QStringLiteral("received by TuyaScope as the Wi-Fi module"));
    const int sent = addLineChannel(live, Direction::ModuleToMcu, transport.name(), transport.baudRate(),
                                    QStringLiteral("sent by TuyaScope as the Wi-Fi module"));
    live.attach(&transport, received);
    QObject::connect(&host, &ModuleHost::frameSent, &live,
                     [&live, sent](qint64 timeUs, const QByteArray& frame, bool typed, const QString& note) {
                         live.appendChunk(sent, timeUs, frame, typed ? RecordTypedCommand : RecordNoFlags, note);
                     });
}

void recordSimulator(LiveCapture& live, McuSimulator& simulator, Transport& transport)
{
    const int received = addLineChannel(live, Direction::ModuleToMcu, transport.name(), transport.baudRate(),
                                        QStringLiteral("received by TuyaScope as the MCU"));
    const int sent = addLineChannel(live, Direction::McuToModule, transport.name(), transport.baudRate(),
                                    QStringLiteral("sent by TuyaScope as the MCU"));
    live.attach(&transport, received);
    QObject::connect(&simulator, &McuSimulator::frameSent, &live,
                     [&live, sent](qint64 timeUs, const QByteArray& frame, const QString& note) {
                         live.appendChunk(sent, timeUs, frame, RecordNoFlags, note);
                     });
}

} // namespace tuyascope
