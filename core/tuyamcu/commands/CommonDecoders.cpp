#include "tuyamcu/commands/CommonDecoders.h"

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
