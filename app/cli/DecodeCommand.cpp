#include "CliCommands.h"
#include "CliSession.h"
#include "KeySources.h"

#include "common/Hex.h"
#include "export/LanJson.h"
#include "export/McuJson.h"
#include "keys/KeyAssignment.h"
#include "keys/KeyStore.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/session/LanCaptureAnalysis.h"
#include "tuyamcu/McuDissector.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QTimeZone>

namespace tuyascope::cli {

namespace {

QString timeColumn(qint64 timeUs)
{
    if (timeUs == kUnknownTime)
        return QStringLiteral("-");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeUs / 1000, QTimeZone::utc());
    return t.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(".%1").arg(timeUs % 1000000, 6, 10, QLatin1Char('0'));
}

void printItemText(const mcu::McuSession& session, int index, bool withHex, QTextStream& out)
{
    const mcu::McuItem& it = session.item(index);
    const Dissection d = session.dissect(index);
    QString status;
    if (d.checksum == ChecksumStatus::Good)
        status = QStringLiteral("[good]");
    else if (d.checksum == ChecksumStatus::Bad)
        status = QStringLiteral("[BAD checksum, expected %1]").arg(hexByte(quint8(d.checksumExpected)));
    const QString dir = directionKey(it.direction) + (it.directionInferred ? QStringLiteral("?") : QString());
    const QString cmd = it.kind == mcu::ItemKind::Garbage ? QStringLiteral("    ") : hexByte(it.command);
    out << QStringLiteral("#%1  %2  %3  %4  %5 %6 %7\n")
               .arg(index, -5)
               .arg(timeColumn(it.timeUs), -15)
               .arg(dir, -12)
               .arg(mcu::familyKey(it.family), -7)
               .arg(cmd, d.summary, status);
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity == Severity::Chat)
            continue;
        out << QStringLiteral("        %1 %2: %3\n").arg(severityName(diagnostic.severity), diagnostic.code, diagnostic.message);
    }
    const int annotation = d.findField(QStringLiteral("annotation"));
    if (annotation >= 0)
        out << QStringLiteral("        note: %1\n").arg(d.field(annotation).value.simplified());
    if (withHex)
        out << QStringLiteral("        %1\n").arg(toHex(session.itemBytes(index), true));
}

void printLanItemText(const lan::LanCaptureAnalysis& analysis, int index, bool withHex, QTextStream& out)
{
    const lan::LanItem& it = analysis.items.at(index);
    const Dissection& d = it.dissection.dissection;
    const bool isFrame = it.kind == lan::LanStreamSplitter::EventKind::Frame && it.dissection.info.isFrame;
    const QString where = it.udp ? QStringLiteral("udp") : QStringLiteral("flow %1").arg(it.flow);
    const QString cmd = isFrame ? lan::LanCommandCatalogue::instance().label(it.cmd) : QStringLiteral("-");
    out << QStringLiteral("#%1  %2  %3  %4  %5  seq %6  %7  [%8]  %9\n")
               .arg(index, -5)
               .arg(timeColumn(it.timeUs), -15)
               .arg(directionKey(it.direction), -12)
               .arg(where, -7)
               .arg(it.version == lan::LanVersion::Unknown ? QStringLiteral("?") : lan::versionName(it.version))
               .arg(isFrame ? QString::number(it.seq) : QStringLiteral("-"))
               .arg(cmd, it.crypto, d.summary);
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity == Severity::Chat)
            continue;
        out << QStringLiteral("        %1 %2: %3\n").arg(severityName(diagnostic.severity), diagnostic.code, diagnostic.message);
    }
    if (!it.dissection.info.dps.isEmpty())
        out << QStringLiteral("        dps: %1\n")
                   .arg(QString::fromUtf8(QJsonDocument(it.dissection.info.dps).toJson(QJsonDocument::Compact)));
    if (withHex)
        out << QStringLiteral("        %1\n").arg(toHex(it.bytes, true));
}

} // namespace

int runDecode(const QStringList& args, Streams io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Decode TuyaMCU captures and Tuya LAN captures (pcap/pcapng, LAN frame logs): one line (text) or one JSON object per frame."));
    parser.addOption({QStringLiteral("hex"), QStringLiteral("Text format: print the bytes of every item.")});
    addLanCaptureOptions(parser);
    mcu::McuSession session;
    QString format;
    Capture capture;
    const int early = openReadingCommand(parser, args, {QStringLiteral("text"), QStringLiteral("json")}, QStringLiteral("decode"), io.out, io.err, session, &format, &capture);
    if (early >= 0)
        return early;
    if (lan::captureMayHoldLan(capture)) {
        keys::KeyStore store;
        if (!loadKeys(parser, store, io.err))
            return BadInput;
        lan::LanAnalysisOptions lanOptions;
        if (!lanTcpPorts(parser, lanOptions.tcpPorts, io.err))
            return Usage;
        const lan::LanCaptureAnalysis analysis = lan::analyzeLanCapture(capture, store, lanOptions);
        if (analysis.hasLanTraffic()) {
            int frames = 0;
            int decrypted = 0;
            for (int i = 0; i < analysis.items.size(); ++i) {
                const lan::LanItem& it = analysis.items.at(i);
                frames += it.kind == lan::LanStreamSplitter::EventKind::Frame ? 1 : 0;
                decrypted += it.crypto == QLatin1String("decrypted") ? 1 : 0;
                if (format == QLatin1String("json"))
                    io.out << QJsonDocument(lanItemToJson(analysis, i, capture)).toJson(QJsonDocument::Compact) << '\n';
                else
                    printLanItemText(analysis, i, parser.isSet(QStringLiteral("hex")), io.out);
            }
            if (format == QLatin1String("text")) {
                for (const lan::LanFlowSummary& f : analysis.flows)
                    io.out << QStringLiteral("-- flow %1 %2: version %3 (%4), key %5%6, %7 handshake(s)\n")
                                  .arg(f.id)
                                  .arg(f.label,
                                       f.version == lan::LanVersion::Unknown ? QStringLiteral("?") : lan::versionName(f.version),
                                       lan::versionBasisName(f.versionBasis), f.keyMatch,
                                       f.deviceId.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(f.deviceId))
                                  .arg(f.handshakes);
                io.out << QStringLiteral("-- %1 LAN frame(s), %2 decrypted, %3 flow(s), %4 discovery device(s)\n")
                              .arg(frames).arg(decrypted).arg(analysis.flows.size()).arg(analysis.discovered.size());
            }
            return Ok;
        }
    }
    for (int i = 0; i < session.itemCount(); ++i) {
        if (format == QLatin1String("json"))
            io.out << QJsonDocument(itemToJson(session, i)).toJson(QJsonDocument::Compact) << '\n';
        else
            printItemText(session, i, parser.isSet(QStringLiteral("hex")), io.out);
    }
    if (format == QLatin1String("text"))
        io.out << QStringLiteral("-- %1 frame(s), %2 with a bad checksum, %3 garbage byte(s)\n")
                      .arg(session.frameCount()).arg(session.badChecksumCount()).arg(session.garbageBytes());
    return Ok;
}

} // namespace tuyascope::cli
