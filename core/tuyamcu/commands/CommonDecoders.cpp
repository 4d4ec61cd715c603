#include "tuyamcu/commands/CommonDecoders.h"

#include "common/Hex.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tuyascope::mcu::decoders {

const ValueTable& networkStatusTable()
{
    static const ValueTable t{{0x00, "pairing in EZ (smartconfig) mode"},
                              {0x01, "pairing in AP mode"},
                              {0x02, "Wi-Fi configured, not connected to the router"},
                              {0x03, "connected to the router"},
                              {0x04, "connected to the cloud"},
                              {0x05, "module in low-power mode"},
                              {0x06, "EZ and AP pairing coexist"}};
    return t;
}

const ValueTable& lowPowerUpgradeTable()
{
    static const ValueTable t{{0x00, "checking for firmware, do not power off"},
                              {0x01, "no firmware, power off allowed"},
                              {0x02, "upgrading, do not power off"},
                              {0x03, "upgraded, power off allowed"},
                              {0x04, "upgrade failed, power off allowed"}};
    return t;
}

const ValueTable& mapStreamStatusTable()
{
    static const ValueTable t{{0x00, "success"},
                              {0x01, "streaming service not enabled"},
                              {0x02, "cannot connect to the streaming server"},
                              {0x03, "transmission timeout"},
                              {0x04, "data length error"}};
    return t;
}

const ValueTable& dataSourceTable()
{
    static const ValueTable t{{0x00, "unknown"},  {0x01, "LAN"},         {0x02, "WAN"},
                              {0x03, "LAN schedule"}, {0x04, "WAN scene"}, {0x05, "reliable channel"},
                              {0x06, "Bluetooth"}, {0x07, "LAN scene"},   {0xF0, "offline voice module"}};
    return t;
}

const ValueTable& fileTransferStatusTable()
{
    static const ValueTable t{{0x00, "no task"},          {0x01, "starting"},        {0x02, "in progress"},
                              {0x03, "completed"},        {0x04, "upload succeeded"}, {0x05, "MCU timed out"},
                              {0x06, "no upload URL"},    {0x07, "upload failed"},   {0x08, "download failed"},
                              {0x09, "MCU did not respond"}};
    return t;
}

const ValueTable& fileTransferExceptionTable()
{
    static const ValueTable t{{0x00, "device shut down"}, {0x01, "timeout"},       {0x02, "low battery"},
                              {0x03, "overheating"},      {0x04, "file too large"}, {0x05, "memory insufficient"},
                              {0x06, "operation anomaly"}};
    return t;
}

void empty(PayloadContext& p)
{
    p.expectEnd(0);
}

void dpUnits(PayloadContext& p)
{
    if (p.isEmpty()) {
        p.note(Severity::Note, diag::ShortPayload, QStringLiteral("no DP units in this frame"));
        return;
    }
    p.addDpUnits(0);
}

void productInfo(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("Product information")))
        return;
    const int f = p.addJson(QStringLiteral("Product JSON"), QStringLiteral("tuyamcu.product"), 0, p.size());
    const QJsonObject o = QJsonDocument::fromJson(p.bytes(0, p.size()).toByteArray()).object();
    // Keys are case-insensitive in the wild ("P" in some low-power products).
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString k = it.key().toLower();
        const QString v = it.value().isString() ? it.value().toString() : QString::number(it.value().toDouble());
        if (k == QLatin1String("p")) {
            p.add(QStringLiteral("Product ID"), QStringLiteral("tuyamcu.product.pid"), v, 0, p.size(), f);
            p.appendSummary(QStringLiteral("pid %1").arg(v));
        } else if (k == QLatin1String("v")) {
            p.add(QStringLiteral("MCU version"), QStringLiteral("tuyamcu.product.version"), v, 0, p.size(), f);
            p.appendSummary(QStringLiteral("v%1").arg(v));
        } else if (k == QLatin1String("m")) {
            p.add(QStringLiteral("Mode (m)"), QStringLiteral("tuyamcu.product.m"), v, 0, p.size(), f);
        } else {
            p.add(QStringLiteral("Key \"%1\"").arg(it.key()), QStringLiteral("tuyamcu.product.") + k, v, 0, p.size(), f);
        }
    }
}

void networkStatus(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("Network status")))
        return;
    p.addU8(QStringLiteral("Network status"), QStringLiteral("tuyamcu.netstatus"), 0, &networkStatusTable());
    p.appendSummary(networkStatusTable().label(p.u8(0)));
    p.expectEnd(1);
}

void localTime(PayloadContext& p)
{
    if (!p.require(8, QStringLiteral("Local time")))
        return;
    p.addDateTime(QStringLiteral("Local time"), QStringLiteral("tuyamcu.time"), 0, true);
    p.expectEnd(8);
}

void gmtTime(PayloadContext& p)
{
    if (!p.require(7, QStringLiteral("GMT time")))
        return;
    p.addDateTime(QStringLiteral("GMT time"), QStringLiteral("tuyamcu.time"), 0, false);
    p.expectEnd(7);
}

void resultByte(PayloadContext& p)
{
    if (!p.require(1, QStringLiteral("Result")))
        return;
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.result"), 0);
    p.expectEnd(1);
}

void rawBytes(PayloadContext& p)
{
    if (!p.isEmpty())
        p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.data.raw"), 0, p.size());
}

} // namespace tuyascope::mcu::decoders

namespace tuyascope::mcu::decoders {

const ValueTable& otaPacketSizeTable()
{
    static const ValueTable t{{0x00, "256 bytes"},  {0x01, "512 bytes"},  {0x02, "1024 bytes"},
                              {0x03, "2048 bytes"}, {0x04, "3072 bytes"}, {0x05, "4096 bytes"},
                              {0x06, "5120 bytes"}, {0x07, "10240 bytes"}};
    return t;
}

const ValueTable& successFailureTable()
{
    static const ValueTable t{{0x00, "failure"}, {0x01, "success"}};
    return t;
}

int addDateFields(PayloadContext& p, const QString& name, const QString& key, int rel, bool withWeekday, int parent)
{
    const int len = withWeekday ? 7 : 6;
    QString text = QStringLiteral("20%1-%2-%3 %4:%5:%6")
                       .arg(p.u8(rel), 2, 10, QLatin1Char('0'))
                       .arg(p.u8(rel + 1), 2, 10, QLatin1Char('0'))
                       .arg(p.u8(rel + 2), 2, 10, QLatin1Char('0'))
                       .arg(p.u8(rel + 3), 2, 10, QLatin1Char('0'))
                       .arg(p.u8(rel + 4), 2, 10, QLatin1Char('0'))
                       .arg(p.u8(rel + 5), 2, 10, QLatin1Char('0'));
    if (withWeekday)
        text += QStringLiteral(" weekday %1").arg(p.u8(rel + 6));
    const int f = p.add(name, key, text, rel, len, parent);
    p.add(QStringLiteral("Year"), key + QStringLiteral(".year"), QString::number(2000 + p.u8(rel)), rel, 1, f);
    p.add(QStringLiteral("Month"), key + QStringLiteral(".month"), QString::number(p.u8(rel + 1)), rel + 1, 1, f);
    p.add(QStringLiteral("Day"), key + QStringLiteral(".day"), QString::number(p.u8(rel + 2)), rel + 2, 1, f);
    p.add(QStringLiteral("Hour"), key + QStringLiteral(".hour"), QString::number(p.u8(rel + 3)), rel + 3, 1, f);
    p.add(QStringLiteral("Minute"), key + QStringLiteral(".minute"), QString::number(p.u8(rel + 4)), rel + 4, 1, f);
    p.add(QStringLiteral("Second"), key + QStringLiteral(".second"), QString::number(p.u8(rel + 5)), rel + 5, 1, f);
    if (withWeekday)
        p.add(QStringLiteral("Weekday"), key + QStringLiteral(".weekday"),
              QStringLiteral("%1 (1 = Monday)").arg(p.u8(rel + 6)), rel + 6, 1, f);
    return f;
}

void addResultAndSignal(PayloadContext& p, int rel, const ValueTable* reasons)
{
    p.addU8(QStringLiteral("Result"), QStringLiteral("tuyamcu.test.result"), rel, &successFailureTable());
    if (p.u8(rel) == 0x01) {
        p.addInt(QStringLiteral("Signal strength"), QStringLiteral("tuyamcu.test.signal"), rel + 1, 1, false,
                 QStringLiteral("%"));
        if (p.u8(rel + 1) > 100)
            p.note(Severity::Warning, diag::UnknownValue,
                   QStringLiteral("signal strength %1 is outside 0..100").arg(p.u8(rel + 1)));
        p.appendSummary(QStringLiteral("success, signal %1 %").arg(p.u8(rel + 1)));
    } else {
        if (reasons)
            p.addU8(QStringLiteral("Failure reason"), QStringLiteral("tuyamcu.test.reason"), rel + 1, reasons);
        else
            p.addU8(QStringLiteral("Failure reason"), QStringLiteral("tuyamcu.test.reason"), rel + 1);
        const QString label = reasons ? reasons->label(p.u8(rel + 1)) : QString();
        p.appendSummary(label.isEmpty() ? QStringLiteral("failure, reason %1").arg(hexByte(p.u8(rel + 1)))
                                        : QStringLiteral("failure: %1").arg(label));
    }
}

void dpUnitsFrom(PayloadContext& p, int rel)
{
    if (p.size() <= rel) {
        p.note(Severity::Note, diag::ShortPayload, QStringLiteral("no DP units in this frame"));
        return;
    }
    p.addDpUnits(rel);
}

namespace {

// A flag of 0 is legal (the module has no time yet) but the fields then mean nothing.
void noteUnknownTime(PayloadContext& p)
{
    if (p.u8(0) == 0x00)
        p.note(Severity::Note, diag::TimeUnknown, QStringLiteral("the module reports that it has no valid time yet"));
}

QString timeSummary(PayloadContext& p, bool withWeekday)
{
    if (p.u8(0) == 0x00)
        return QStringLiteral("time not valid");
    QString s = QStringLiteral("20%1-%2-%3 %4:%5:%6")
                    .arg(p.u8(1), 2, 10, QLatin1Char('0'))
                    .arg(p.u8(2), 2, 10, QLatin1Char('0'))
                    .arg(p.u8(3), 2, 10, QLatin1Char('0'))
                    .arg(p.u8(4), 2, 10, QLatin1Char('0'))
                    .arg(p.u8(5), 2, 10, QLatin1Char('0'))
                    .arg(p.u8(6), 2, 10, QLatin1Char('0'));
    if (withWeekday)
        s += QStringLiteral(" weekday %1").arg(p.u8(7));
    return s;
}

} // namespace

void localTimeReply(PayloadContext& p)
{
    localTime(p);
    if (p.size() >= 8) {
        noteUnknownTime(p);
        p.appendSummary(timeSummary(p, true));
    }
}

void gmtTimeReply(PayloadContext& p)
{
    gmtTime(p);
    if (p.size() >= 7) {
        noteUnknownTime(p);
        p.appendSummary(timeSummary(p, false) + (p.u8(0) ? QStringLiteral(" UTC") : QString()));
    }
}

void otaImageSize(PayloadContext& p)
{
    if (!p.require(4, QStringLiteral("Firmware image size")))
        return;
    p.addInt(QStringLiteral("Image size"), QStringLiteral("tuyamcu.ota.size"), 0, 4, false, QStringLiteral("bytes"));
    p.appendSummary(QStringLiteral("%1 bytes").arg(p.uBE(0, 4)));
    p.expectEnd(4);
}

void otaPacket(PayloadContext& p)
{
    if (!p.require(4, QStringLiteral("OTA packet offset")))
        return;
    const quint32 offset = p.uBE(0, 4);
    p.addInt(QStringLiteral("Offset"), QStringLiteral("tuyamcu.ota.offset"), 0, 4);
    if (p.size() == 4) {
        // Tuya ends the transfer with a packet that carries the image size as offset and no data.
        p.add(QStringLiteral("End of transfer"), QStringLiteral("tuyamcu.ota.end"),
              QStringLiteral("offset only: the image is complete (offset = image size)"), 0, 4);
        p.appendSummary(QStringLiteral("end of transfer at offset %1").arg(offset));
        return;
    }
    p.addHex(QStringLiteral("Data"), QStringLiteral("tuyamcu.ota.data"), 4, p.size() - 4);
    p.appendSummary(QStringLiteral("offset %1, %2 bytes").arg(offset).arg(p.size() - 4));
}

void wifiTestReply(PayloadContext& p)
{
    static const ValueTable reasons{{0x00, "test SSID not found"}, {0x01, "no authorisation"}};
    if (!p.require(2, QStringLiteral("Wi-Fi test result")))
        return;
    addResultAndSignal(p, 0, &reasons);
    p.expectEnd(2);
}

} // namespace tuyascope::mcu::decoders
