// Standard (Wi-Fi general) protocol, extended commands 0x0A-0x30 and the voice commands
// 0x60-0x64: TuyaMCU reference sections 6.2 and 7.6.

#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/commands/CommonDecoders.h"

#include "common/Hex.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::mcu {

namespace {

using namespace decoders;

// One byte from a table, nothing after it: the shape of most replies in this table.
void singleByte(PayloadContext& p, const QString& name, const QString& key, const ValueTable* table)
{
    if (!p.require(1, name))
        return;
    p.addU8(name, key, 0, table);
    const QString label = table ? table->label(p.u8(0)) : QString();
    p.appendSummary(label.isEmpty() ? QStringLiteral("%1 %2").arg(name.toLower(), hexByte(p.u8(0))) : label);
    p.expectEnd(1);
}

// --- 0x0A / 0x0B: MCU OTA -------------------------------------------------------------------

void otaStartReply(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("OTA packet-size code")))
        return;
    const quint8 code = p.u8(0);
    const int f = p.addU8(QStringLiteral("Packet size"), QStringLiteral("tuyamcu.ota.packetsize"), 0, &otaPacketSizeTable());
    if (code >= 0x03 && code <= 0x07) {
        // Tuya's Wi-Fi document stops at 0x02; only SniffUART knows the larger sizes.
        p.note(Severity::Note, diag::SourcesDisagree,
               QStringLiteral("packet-size code %1 is an extended code (SniffUART); Tuya's Wi-Fi document defines 0x00-0x02")
                   .arg(hexByte(code)),
               f);
    }
    const QString label = otaPacketSizeTable().label(code);
    p.appendSummary(label.isEmpty() ? QStringLiteral("packet size code %1").arg(hexByte(code))
                                    : QStringLiteral("packets of %1").arg(label));
    p.expectEnd(1);
}

// --- 0x0F: module free memory ---------------------------------------------------------------

void freeMemoryReply(PayloadContext& p)
{
    if (!p.require(4, QStringLiteral("Free memory")))
        return;
    p.addInt(QStringLiteral("Free memory"), QStringLiteral("tuyamcu.memory"), 0, 4, false, QStringLiteral("bytes"));
    p.appendSummary(QStringLiteral("%1 bytes free").arg(p.uBE(0, 4)));
    p.expectEnd(4);
}

// --- 0x20 / 0x21: weather -------------------------------------------------------------------

void weatherEnable(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("Weather parameter list")))
        return;
    QStringList names;
    int pos = 0;
    while (pos < p.size()) {
        const int len = p.u8(pos);
        if (!p.require(pos + 1 + len, QStringLiteral("Weather parameter %1").arg(names.size() + 1)))
            return;
        const QByteArrayView b = p.bytes(pos + 1, len);
        const QString name = QString::fromUtf8(b.data(), b.size());
        const int f = p.add(QStringLiteral("Parameter"), QStringLiteral("tuyamcu.weather.param"), name, pos, 1 + len);
        p.addInt(QStringLiteral("Length"), QStringLiteral("tuyamcu.weather.param.len"), pos, 1, false, QString(), f);
        p.addText(QStringLiteral("Name"), QStringLiteral("tuyamcu.weather.param.name"), pos + 1, len, f);
        names << name;
        pos += 1 + len;
    }
    p.appendSummary(names.join(QStringLiteral(", ")));
}

void weatherEnableReply(PayloadContext& p)
{
    if (!p.require(2, QStringLiteral("Weather service result")))
        return;
    p.addU8(QStringLiteral("Success"), QStringLiteral("tuyamcu.weather.success"), 0, &successFailureTable());
    p.addInt(QStringLiteral("Error code"), QStringLiteral("tuyamcu.weather.error"), 1, 1);
    p.appendSummary(p.u8(0) == 0x01 ? QStringLiteral("enabled") : QStringLiteral("failed, error %1").arg(p.u8(1)));
    p.expectEnd(2);
}

void weatherData(PayloadContext& p)
{
    static const ValueTable types{{0x00, "integer"}, {0x01, "string"}};
    static const ValueTable flags{{0x00, "not ok"}, {0x01, "ok"}};
    if (!p.require(1, QStringLiteral("Weather data flag")))
        return;
    p.addU8(QStringLiteral("Flag"), QStringLiteral("tuyamcu.weather.flag"), 0, &flags);
    QStringList parts;
    int pos = 1;
    int index = 0;
    while (pos < p.size()) {
        ++index;
        const QString what = QStringLiteral("Weather item %1").arg(index);
        const int keyLen = p.u8(pos);
        // keyLen key type valLen: the value length is only known after the 3 header parts.
        if (!p.require(pos + 1 + keyLen + 2, what))
            return;
        const int typeAt = pos + 1 + keyLen;
        const quint8 type = p.u8(typeAt);
        const int valLen = p.u8(typeAt + 1);
        if (!p.require(typeAt + 2 + valLen, what))
            return;
        const QByteArrayView keyBytes = p.bytes(pos + 1, keyLen);
        const QString key = QString::fromUtf8(keyBytes.data(), keyBytes.size());
        const int valueAt = typeAt + 2;
        QString valueText;
        if (type == 0x00 && valLen >= 1 && valLen <= 4) {
            const quint32 u = p.uBE(valueAt, valLen);
            const quint64 sign = quint64(1) << (valLen * 8 - 1);
            valueText = QString::number(qint64((quint64(u) ^ sign) - sign));
        } else if (type == 0x01) {
            const QByteArrayView v = p.bytes(valueAt, valLen);
            valueText = QLatin1Char('"') + QString::fromUtf8(v.data(), v.size()) + QLatin1Char('"');
        } else {
            valueText = toHex(p.bytes(valueAt, valLen), true);
        }
        const int item = p.add(key, QStringLiteral("tuyamcu.weather.item"), QStringLiteral("%1 = %2").arg(key, valueText),
                               pos, 1 + keyLen + 2 + valLen);
        p.addInt(QStringLiteral("Key length"), QStringLiteral("tuyamcu.weather.item.keylen"), pos, 1, false, QString(), item);
        p.add(QStringLiteral("Key"), QStringLiteral("tuyamcu.weather.key"), key, pos + 1, keyLen, item);
        const int typeField = p.addU8(QStringLiteral("Type"), QStringLiteral("tuyamcu.weather.type"), typeAt, &types, item);
        p.addInt(QStringLiteral("Value length"), QStringLiteral("tuyamcu.weather.item.vallen"), typeAt + 1, 1, false,
                 QString(), item);
        p.add(QStringLiteral("Value"), QStringLiteral("tuyamcu.weather.value"), valueText, valueAt, valLen, item);
        if (type == 0x00 && (valLen < 1 || valLen > 4))
            p.note(Severity::Warning, diag::UnknownValue,
                   QStringLiteral("%1: an integer weather value of %2 bytes").arg(key).arg(valLen), typeField);
        parts << QStringLiteral("%1=%2").arg(key, valueText);
        pos = valueAt + valLen;
    }
    p.appendSummary(parts.join(QStringLiteral(", ")));
}

// --- 0x22 / 0x23 / 0x24 ---------------------------------------------------------------------

void syncResult(PayloadContext& p)
{
    singleByte(p, QStringLiteral("Result"), QStringLiteral("tuyamcu.sync.result"), &successFailureTable());
}

void rssiReply(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("RSSI")))
        return;
    const auto dbm = qint8(p.u8(0));
    if (dbm == 0) {
        p.add(QStringLiteral("RSSI"), QStringLiteral("tuyamcu.rssi"), QStringLiteral("0 = failure"), 0, 1);
        p.appendSummary(QStringLiteral("failed"));
    } else {
        p.addInt(QStringLiteral("RSSI"), QStringLiteral("tuyamcu.rssi"), 0, 1, true, QStringLiteral("dBm"));
        p.appendSummary(QStringLiteral("%1 dBm").arg(int(dbm)));
    }
    p.expectEnd(1);
}

// --- 0x28 / 0x30: map streaming -------------------------------------------------------------

void mapStreamStatus(PayloadContext& p)
{
    singleByte(p, QStringLiteral("Status"), QStringLiteral("tuyamcu.map.status"), &mapStreamStatusTable());
}

void mapStream(PayloadContext& p)
{
    if (!p.require(6, QStringLiteral("Map streaming header")))
        return;
    p.addInt(QStringLiteral("Map id"), QStringLiteral("tuyamcu.map.id"), 0, 2);
    p.addInt(QStringLiteral("Offset"), QStringLiteral("tuyamcu.map.offset"), 2, 4);
    if (p.size() > 6)
        p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.map.data"), 6, p.size() - 6);
    p.appendSummary(QStringLiteral("map %1, offset %2, %3 bytes").arg(p.uBE(0, 2)).arg(p.uBE(2, 4)).arg(p.size() - 6));
}

void multiMapStream(PayloadContext& p)
{
    static const ValueTable methods{{0x00, "accumulate"}, {0x01, "clear"}};
    if (!p.require(9, QStringLiteral("Multiple-map streaming header")))
        return;
    p.addInt(QStringLiteral("Protocol"), QStringLiteral("tuyamcu.map.protocol"), 0, 1);
    if (p.u8(0) != 0x00)
        p.note(Severity::Warning, diag::UnknownValue,
               QStringLiteral("protocol byte %1; only 0x00 is documented").arg(hexByte(p.u8(0))));
    p.addInt(QStringLiteral("Map id"), QStringLiteral("tuyamcu.map.id"), 1, 2);
    p.addInt(QStringLiteral("Sub-map id"), QStringLiteral("tuyamcu.map.submap"), 3, 1);
    p.addU8(QStringLiteral("Method"), QStringLiteral("tuyamcu.map.method"), 4, &methods);
    p.addInt(QStringLiteral("Offset"), QStringLiteral("tuyamcu.map.offset"), 5, 4);
    if (p.size() > 9)
        p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.map.data"), 9, p.size() - 9);
    p.appendSummary(QStringLiteral("map %1/%2, %3, offset %4, %5 bytes")
                        .arg(p.uBE(1, 2))
                        .arg(p.u8(3))
                        .arg(methods.label(p.u8(4)).isEmpty() ? hexByte(p.u8(4)) : methods.label(p.u8(4)))
                        .arg(p.uBE(5, 4))
                        .arg(p.size() - 9));
}

// --- 0x2A / 0x2C: Wi-Fi credentials as JSON -------------------------------------------------

// JSON payload plus the SSID (under `ssidKey`) in the summary, because that is what a reader wants.
void credentialsJson(PayloadContext& p, const QString& what, const QString& key, const QString& ssidKey)
{
    if (!p.require(1, what))
        return;
    p.addJson(what, key, 0, p.size());
    const QJsonObject o = QJsonDocument::fromJson(p.bytes(0, p.size()).toByteArray()).object();
    if (o.contains(ssidKey))
        p.appendSummary(QStringLiteral("SSID \"%1\"").arg(o.value(ssidKey).toString()));
}

void serialPairing(PayloadContext& p)
{
    credentialsJson(p, QStringLiteral("Pairing data"), QStringLiteral("tuyamcu.pairing.json"), QStringLiteral("s"));
}

void serialPairingReply(PayloadContext& p)
{
    static const ValueTable t{{0x00, "data received"},
                              {0x01, "not waiting for pairing"},
                              {0x02, "invalid JSON"},
                              {0x03, "other error"}};
    singleByte(p, QStringLiteral("Result"), QStringLiteral("tuyamcu.pairing.result"), &t);
}

void connectionTest(PayloadContext& p)
{
    credentialsJson(p, QStringLiteral("Router"), QStringLiteral("tuyamcu.conntest.json"), QStringLiteral("ssid"));
}

void connectionTestReply(PayloadContext& p)
{
    singleByte(p, QStringLiteral("Result"), QStringLiteral("tuyamcu.conntest.result"), &successFailureTable());
}

// --- 0x2D: MAC ------------------------------------------------------------------------------

void macReply(PayloadContext& p)
{
    static const ValueTable flags{{0x00, "success"}, {0x01, "failure"}};
    if (!p.require(1, QStringLiteral("MAC reply")))
        return;
    p.addU8(QStringLiteral("Flag"), QStringLiteral("tuyamcu.mac.flag"), 0, &flags);
    if (p.u8(0) != 0x00 && p.size() == 1) {
        p.appendSummary(QStringLiteral("failed"));
        return;
    }
    if (!p.require(7, QStringLiteral("MAC address")))
        return;
    QStringList octets;
    for (int i = 1; i < 7; ++i)
        octets << toHex(p.bytes(i, 1));
    const QString mac = octets.join(QLatin1Char(':'));
    p.add(QStringLiteral("MAC address"), QStringLiteral("tuyamcu.mac"), mac, 1, 6);
    p.appendSummary(mac);
    p.expectEnd(7);
}

// --- 0x2E / 0x2F: infrared ------------------------------------------------------------------

void irStatus(PayloadContext& p)
{
    static const ValueTable t{{0x00, "sending IR code"}, {0x01, "IR code sent"}, {0x02, "IR learning"}, {0x03, "IR learned"}};
    singleByte(p, QStringLiteral("IR status"), QStringLiteral("tuyamcu.ir.status"), &t);
}

void irTestReply(PayloadContext& p)
{
    singleByte(p, QStringLiteral("Result"), QStringLiteral("tuyamcu.ir.result"), nullptr);
}

// --- 0x60-0x64: voice module ----------------------------------------------------------------

void voiceStatus(PayloadContext& p)
{
    static const ValueTable t{{0x00, "idle"},        {0x01, "mic muted"},        {0x02, "woken up"},
                              {0x03, "recording"},   {0x04, "recognising"},      {0x05, "recognised"},
                              {0x06, "recognition failed"}};
    singleByte(p, QStringLiteral("Voice status"), QStringLiteral("tuyamcu.voice.status"), &t);
}

void micControl(PayloadContext& p)
{
    static const ValueTable t{{0x00, "unmute"}, {0x01, "mute"}, {0xA0, "query"}};
    singleByte(p, QStringLiteral("Mic control"), QStringLiteral("tuyamcu.voice.mic"), &t);
}

void micState(PayloadContext& p)
{
    static const ValueTable t{{0x00, "unmuted"}, {0x01, "muted"}};
    singleByte(p, QStringLiteral("Mic state"), QStringLiteral("tuyamcu.voice.mic"), &t);
}

void volume(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("Volume")))
        return;
    p.addInt(QStringLiteral("Volume"), QStringLiteral("tuyamcu.voice.volume"), 0, 1);
    p.appendSummary(QStringLiteral("volume %1").arg(p.u8(0)));
    p.expectEnd(1);
}

const ValueTable& audioTestTable()
{
    static const ValueTable t{{0x00, "off"}, {0x01, "loop test, mic 1"}, {0x02, "loop test, mic 2"}, {0xA0, "query"}};
    return t;
}

void audioTest(PayloadContext& p)
{
    singleByte(p, QStringLiteral("Audio test"), QStringLiteral("tuyamcu.voice.audiotest"), &audioTestTable());
}

void wakeTestReply(PayloadContext& p)
{
    static const ValueTable t{{0x00, "wake-up failed"}, {0x01, "woken up"}};
    singleByte(p, QStringLiteral("Wake-up result"), QStringLiteral("tuyamcu.voice.wake"), &t);
}

// The common shape: the MCU asks with an empty frame, the module answers with `reply`.
CommandSpec mcuQuery(quint8 command, const QString& name, PayloadDecoder reply)
{
    CommandSpec s = makeCommand(Family::Standard, command, name);
    s.initiator = Sender::Mcu;
    s.mcuRole = Role::Request;
    s.moduleRole = Role::Reply;
    s.fromMcu = empty;
    s.fromModule = reply;
    return s;
}

// The MCU asks with a payload, the module answers.
CommandSpec mcuRequest(quint8 command, const QString& name, PayloadDecoder request, PayloadDecoder reply)
{
    CommandSpec s = mcuQuery(command, name, reply);
    s.fromMcu = request;
    return s;
}

} // namespace

void registerStandardExtendedCommands(CommandCatalogue& c)
{
    const Family f = Family::Standard;
    {
        CommandSpec s = makeCommand(f, 0x0A, QStringLiteral("Start MCU OTA"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Reply;
        s.fromModule = otaImageSize;
        s.fromMcu = otaStartReply;
        s.note = QStringLiteral("packet-size codes: Tuya's Wi-Fi document defines 0x00-0x02 (256-1024 bytes); "
                                "SniffUART also decodes 0x03-0x07 (2048-10240 bytes)");
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x0B, QStringLiteral("MCU OTA packet"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Request;
        s.mcuRole = Role::Ack;
        s.fromModule = otaPacket;
        s.fromMcu = empty;
        c.add(s);
    }
    c.add(mcuQuery(0x0C, QStringLiteral("Get GMT time"), gmtTimeReply));
    c.add(mcuQuery(0x0E, QStringLiteral("Wi-Fi function test"), wifiTestReply));
    c.add(mcuQuery(0x0F, QStringLiteral("Get module free memory"), freeMemoryReply));
    c.add(mcuQuery(0x1C, QStringLiteral("Get local time"), localTimeReply));
    c.add(mcuRequest(0x20, QStringLiteral("Enable weather service"), weatherEnable, weatherEnableReply));
    {
        CommandSpec s = makeCommand(f, 0x21, QStringLiteral("Weather data"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Notification;
        s.mcuRole = Role::Ack;
        s.fromModule = weatherData;
        s.fromMcu = empty;
        c.add(s);
    }
    {
        CommandSpec s = makeCommand(f, 0x22, QStringLiteral("Synchronous status report"));
        s.initiator = Sender::Mcu;
        s.mcuRole = Role::Report;
        s.fromMcu = dpUnits;
        s.answerCommand = 0x23;
        s.dpOffsetFromMcu = 0;
        c.add(s);
    }
    {
        // Only ever the answer to an MCU's 0x22, so the MCU starts the exchange.
        CommandSpec s = makeCommand(f, 0x23, QStringLiteral("Synchronous report result"));
        s.initiator = Sender::Mcu;
        s.moduleRole = Role::Reply;
        s.fromModule = syncResult;
        c.add(s);
    }
    c.add(mcuQuery(0x24, QStringLiteral("Get Wi-Fi signal strength"), rssiReply));
    {
        CommandSpec s = mcuQuery(0x25, QStringLiteral("Disable heartbeats"), empty);
        s.moduleRole = Role::Ack;
        c.add(s);
    }
    c.add(mcuRequest(0x28, QStringLiteral("Map streaming"), mapStream, mapStreamStatus));
    c.add(mcuRequest(0x2A, QStringLiteral("Pairing via serial port"), serialPairing, serialPairingReply));
    c.add(mcuQuery(0x2B, QStringLiteral("Get network status"), networkStatus));
    c.add(mcuRequest(0x2C, QStringLiteral("Wi-Fi connection test"), connectionTest, connectionTestReply));
    c.add(mcuQuery(0x2D, QStringLiteral("Get module MAC address"), macReply));
    {
        CommandSpec s = makeCommand(f, 0x2E, QStringLiteral("IR status notification"));
        s.initiator = Sender::Module;
        s.moduleRole = Role::Notification;
        s.mcuRole = Role::Ack;
        s.fromModule = irStatus;
        s.fromMcu = empty;
        c.add(s);
    }
    c.add(mcuQuery(0x2F, QStringLiteral("IR function test"), irTestReply));
    c.add(mcuRequest(0x30, QStringLiteral("Multiple-map streaming"), multiMapStream, mapStreamStatus));

    // Voice-module services (reference 7.6); 0x65 has sub-commands and lives with them.
    c.add(mcuQuery(0x60, QStringLiteral("Voice status"), voiceStatus));
    c.add(mcuRequest(0x61, QStringLiteral("Voice mic control"), micControl, micState));
    c.add(mcuRequest(0x62, QStringLiteral("Voice speaker volume"), volume, volume));
    c.add(mcuRequest(0x63, QStringLiteral("Voice audio test"), audioTest, audioTest));
    c.add(mcuQuery(0x64, QStringLiteral("Voice wake-up test"), wakeTestReply));
}

} // namespace tuyascope::mcu
