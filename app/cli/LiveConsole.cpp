#include "LiveConsole.h"

#include "common/Hex.h"
#include "export/LanJson.h"
#include "export/McuJson.h"
#include "live/Autosave.h"
#include "pcapng/PcapngWriter.h"
#include "platform/StopRequests.h"
#include "transport/Transport.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanDissector.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QTimer>

namespace tuyascope::cli {

namespace {

QString clockText(qint64 timeUs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeUs / 1000, QTimeZone::utc());
    return t.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(".%1").arg(timeUs % 1000000, 6, 10, QLatin1Char('0'));
}

} // namespace

void addLiveOptions(QCommandLineParser& parser, bool withFamily)
{
    parser.addOption({QStringLiteral("duration"), QStringLiteral("Stop after <seconds> (default: run until Ctrl-C)."), QStringLiteral("seconds")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Also write the whole session to <file> (pcapng) at the end."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("Output: text (default) or json (one object per line)."), QStringLiteral("format"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("hex"), QStringLiteral("Text output: print the bytes of every frame.")});
    parser.addOption({QStringLiteral("autosave-dir"), QStringLiteral("Folder of the autosave file (default: the user's data location)."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("no-autosave"), QStringLiteral("Do not autosave the session.")});
    if (withFamily)
        parser.addOption({QStringLiteral("family"), QStringLiteral("Protocol: auto (default), std or lp."), QStringLiteral("family"), QStringLiteral("auto")});
}

bool readLiveOptions(const QCommandLineParser& parser, LiveOptions& options, QTextStream& err, bool withFamily)
{
    options.format = parser.value(QStringLiteral("format"));
    if (options.format != QLatin1String("text") && options.format != QLatin1String("json")) {
        err << QStringLiteral("error: --format must be text or json, not '%1'\n").arg(options.format);
        return false;
    }
    options.hex = parser.isSet(QStringLiteral("hex"));
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        options.durationS = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || options.durationS < 0) {
            err << QStringLiteral("error: --duration needs a number of seconds, not '%1'\n").arg(parser.value(QStringLiteral("duration")));
            return false;
        }
    }
    options.output = parser.value(QStringLiteral("output"));
    options.autosave = !parser.isSet(QStringLiteral("no-autosave"));
    options.autosaveDir = parser.value(QStringLiteral("autosave-dir"));
    if (withFamily) {
        const QString family = parser.value(QStringLiteral("family"));
        if (family == QLatin1String("std") || family == QLatin1String("standard"))
            options.family = mcu::Family::Standard;
        else if (family == QLatin1String("lp") || family == QLatin1String("low-power"))
            options.family = mcu::Family::LowPower;
        else if (family == QLatin1String("auto") || family.isEmpty())
            options.family = mcu::Family::Unknown;
        else {
            err << QStringLiteral("error: --family must be auto, std or lp, not '%1'\n").arg(family);
            return false;
        }
    }
    return true;
}

bool readBaudOption(const QCommandLineParser& parser, qint32* baud, QTextStream& err)
{
    if (!parser.isSet(QStringLiteral("baud")))
        return true;
    bool ok = false;
    const int value = parser.value(QStringLiteral("baud")).toInt(&ok);
    if (!ok || value <= 0) {
        err << QStringLiteral("error: --baud needs a positive rate such as 9600 or 115200, not '%1'\n")
                   .arg(parser.value(QStringLiteral("baud")));
        return false;
    }
    *baud = value;
    return true;
}

LiveConsole::LiveConsole(LiveCapture& live, const LiveOptions& options, Streams io)
    : m_live(live), m_options(options), m_io(io), m_decoder(options.family)
{
    connect(&m_live, &LiveCapture::frameDecoded, this, &LiveConsole::printFrame);
    connect(&m_live, &LiveCapture::noteAdded, this, [this](const CaptureNote& note) {
        printEvent(QStringLiteral("link"), AgentEvent{0, note.severity, note.code, note.message});
    });
}

LiveConsole::~LiveConsole() = default;

void LiveConsole::printFrame(const LiveFrameEvent& event)
{
    if (event.isLan()) {
        printLanFrame(event);
        return;
    }
    const Dissection d = m_decoder.decode(event);
    const QString channel = m_live.capture().channels().value(event.channel).name;
    if (m_options.format == QLatin1String("json")) {
        m_io.out << QJsonDocument(liveFrameToJson(event, m_decoder.family(), m_decoder.familyEvidence(), d, channel))
                        .toJson(QJsonDocument::Compact)
                 << '\n';
        m_io.out.flush();
        return;
    }
    QString status;
    if (d.checksum == ChecksumStatus::Good)
        status = QStringLiteral("[good]");
    else if (d.checksum == ChecksumStatus::Bad)
        status = QStringLiteral("[BAD checksum, expected %1]").arg(hexByte(quint8(d.checksumExpected)));
    const bool isFrame = event.kind == LiveFrameEvent::Kind::Frame && event.bytes.size() > 3;
    const QString cmd = isFrame ? hexByte(quint8(event.bytes[3])) : QStringLiteral("  ");
    m_io.out << QStringLiteral("%1  %2  %3  %4 %5 %6\n")
                    .arg(clockText(event.timeUs), -15)
                    .arg(directionKey(event.direction), -12)
                    .arg(mcu::familyKey(m_decoder.family()), -7)
                    .arg(cmd, d.summary, status);
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity != Severity::Chat && diagnostic.severity != Severity::Note)
            m_io.out << QStringLiteral("        %1 %2: %3\n").arg(severityName(diagnostic.severity), diagnostic.code, diagnostic.message);
    }
    if (m_options.hex)
        m_io.out << QStringLiteral("        %1\n").arg(toHex(event.bytes, true));
    m_io.out.flush();
}

void LiveConsole::printLanFrame(const LiveFrameEvent& event)
{
    lan::LanContext context;
    if (m_lanContext)
        context = m_lanContext(event);
    else
        context.sender = event.direction == Direction::AppToDevice ? lan::LanSender::Client : lan::LanSender::Device;
    const bool isFrame = event.kind == LiveFrameEvent::Kind::Frame;
    lan::LanDissection lanDissection;
    if (isFrame)
        lanDissection = lan::dissectLanFrame(event.bytes, context);
    const lan::LanFrameInfo& info = lanDissection.info;
    const Dissection& d = lanDissection.dissection;
    const QString kind = event.kind == LiveFrameEvent::Kind::Garbage     ? QStringLiteral("garbage")
                         : event.kind == LiveFrameEvent::Kind::Truncated ? QStringLiteral("truncated")
                                                                         : QStringLiteral("frame");
    const QString summary = isFrame ? d.summary : QStringLiteral("%1 %2 byte(s)").arg(kind).arg(event.bytes.size());
    const QString channel = m_live.capture().channels().value(event.channel).name;
    const QString version = lan::versionName(isFrame ? info.version : context.version);
    if (m_options.format == QLatin1String("json")) {
        QJsonObject o;
        o.insert(QStringLiteral("type"), QStringLiteral("frame"));
        o.insert(QStringLiteral("kind"), kind);
        o.insert(QStringLiteral("time"), formatTime(event.timeUs));
        o.insert(QStringLiteral("time_us"), qint64(event.timeUs));
        o.insert(QStringLiteral("dir"), directionKey(event.direction));
        o.insert(QStringLiteral("channel"), channel);
        o.insert(QStringLiteral("offset"), qint64(event.streamOffset));
        o.insert(QStringLiteral("protocol"), QStringLiteral("tuya-lan"));
        o.insert(QStringLiteral("version"), version);
        o.insert(QStringLiteral("seq"), isFrame ? QJsonValue(qint64(info.seq)) : QJsonValue());
        o.insert(QStringLiteral("cmd"), isFrame ? QJsonValue(qint64(info.cmd)) : QJsonValue());
        o.insert(QStringLiteral("cmd_name"),
                 isFrame ? QJsonValue(lan::LanCommandCatalogue::instance().label(info.cmd)) : QJsonValue());
        o.insert(QStringLiteral("retcode"), info.retcode ? QJsonValue(qint64(*info.retcode)) : QJsonValue());
        o.insert(QStringLiteral("integrity"), isFrame ? checksumStatusName(info.integrity) : QString());
        o.insert(QStringLiteral("decrypted"), info.decrypted);
        o.insert(QStringLiteral("summary"), summary);
        o.insert(QStringLiteral("body"), info.bodyIsJson ? QJsonValue(info.json)
                                         : info.body.isEmpty() ? QJsonValue()
                                                               : QJsonValue(QString::fromUtf8(info.body.toHex())));
        o.insert(QStringLiteral("dps"), lanDpsToJson(info.dps)); // [{id, type, value}] as in decode
        o.insert(QStringLiteral("diagnostics"), diagnosticsToJson(d));
        o.insert(QStringLiteral("hex"), toHex(event.bytes));
        m_io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        m_io.out.flush();
        return;
    }
    QString status;
    if (isFrame && info.integrity == ChecksumStatus::Good)
        status = QStringLiteral("[good]");
    else if (isFrame && info.integrity == ChecksumStatus::Bad)
        status = QStringLiteral("[BAD %1]").arg(lan::integrityKindName(info.integrityKind));
    // The LAN summary already names version, command and seq.
    m_io.out << QStringLiteral("%1  %2  %3  %4 %5\n")
                    .arg(clockText(event.timeUs), -15)
                    .arg(directionKey(event.direction), -12)
                    .arg(QStringLiteral("lan-") + version, -7)
                    .arg(summary, status);
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity != Severity::Chat && diagnostic.severity != Severity::Note)
            m_io.out << QStringLiteral("        %1 %2: %3\n").arg(severityName(diagnostic.severity), diagnostic.code, diagnostic.message);
    }
    if (m_options.hex)
        m_io.out << QStringLiteral("        %1\n").arg(toHex(event.bytes, true));
    m_io.out.flush();
}

void LiveConsole::printDps(const QString& who, const QString& source, const QJsonObject& dps)
{
    const qint64 timeUs = nowUs();
    if (m_options.format == QLatin1String("json")) {
        QJsonObject o;
        o.insert(QStringLiteral("type"), QStringLiteral("dps"));
        o.insert(QStringLiteral("source"), source);
        o.insert(QStringLiteral("time"), formatTime(timeUs));
        o.insert(QStringLiteral("dps"), dps);
        m_io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        m_io.out << QStringLiteral("%1  * %2 DPS (%3): %4\n")
                        .arg(clockText(timeUs), -15)
                        .arg(who, source, QString::fromUtf8(QJsonDocument(dps).toJson(QJsonDocument::Compact)));
    }
    m_io.out.flush();
}

void LiveConsole::printJsonLine(const QJsonObject& object)
{
    if (m_options.format != QLatin1String("json"))
        return;
    m_io.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    m_io.out.flush();
}

void LiveConsole::printEvent(const QString& who, const AgentEvent& event)
{
    const qint64 timeUs = event.timeUs ? event.timeUs : 0;
    if (m_options.format == QLatin1String("json")) {
        QJsonObject o;
        o.insert(QStringLiteral("type"), QStringLiteral("event"));
        o.insert(QStringLiteral("source"), who);
        o.insert(QStringLiteral("time"), timeUs ? QJsonValue(formatTime(timeUs)) : QJsonValue());
        o.insert(QStringLiteral("severity"), severityName(event.severity));
        o.insert(QStringLiteral("code"), event.code);
        o.insert(QStringLiteral("message"), event.message);
        m_io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        m_io.out << QStringLiteral("%1  * %2 %3: %4\n")
                        .arg(timeUs ? clockText(timeUs) : QString(), -15)
                        .arg(who, event.code, event.message);
    }
    m_io.out.flush();
}

void LiveConsole::watchTransport(Transport* transport)
{
    connect(transport, &Transport::errorOccurred, this, [this](const QString& message) {
        printEvent(QStringLiteral("link"), AgentEvent::now(Severity::Warning, QStringLiteral("LINK_ERROR"), message));
    });
}

void LiveConsole::printInfo(const QString& line)
{
    if (m_options.format == QLatin1String("text")) {
        m_io.out << QStringLiteral("# ") << line << '\n';
        m_io.out.flush();
    }
}

bool LiveConsole::startAutosave(const QString& prefix)
{
    if (!m_options.autosave)
        return true;
    const QString dir = m_options.autosaveDir.isEmpty() ? Autosave::defaultDirectory() : m_options.autosaveDir;
    m_autosave = new Autosave(&m_live, this);
    QString error;
    if (!m_autosave->start(Autosave::newFilePath(dir, prefix), &error)) {
        m_io.err << QStringLiteral("error: autosave: %1 (use --no-autosave to run without it)\n").arg(error);
        return false;
    }
    connect(m_autosave, &Autosave::failed, this, [this](const QString& message) {
        m_io.err << QStringLiteral("warning: %1\n").arg(message);
        m_io.err.flush();
    });
    m_io.err << QStringLiteral("autosave: %1\n").arg(m_autosave->path());
    m_io.err.flush();
    return true;
}

void runUntilStopped(double durationS)
{
    // Ctrl-C, SIGTERM or a closed console end the session cleanly: files are completed first.
    QObject context;
    platform::installStopRequestHandler(&context, [] { QCoreApplication::quit(); });
    if (durationS > 0)
        QTimer::singleShot(qint64(durationS * 1000.0), QCoreApplication::instance(), &QCoreApplication::quit);
    QCoreApplication::exec();
}

int LiveConsole::run()
{
    runUntilStopped(m_options.durationS);

    m_live.finish();
    if (m_autosave)
        m_autosave->stop();
    int rc = Ok;
    if (!m_options.output.isEmpty()) {
        QString error;
        if (!writePcapngFile(m_live.capture(), m_options.output, &error)) {
            m_io.err << QStringLiteral("error: %1\n").arg(error);
            rc = BadInput;
        }
    }
    printInfo(QStringLiteral("%1 frame(s), %2 with a bad checksum, %3 garbage byte(s), %4 record(s)")
                  .arg(m_live.frameCount())
                  .arg(m_live.badChecksumCount())
                  .arg(m_live.garbageBytes())
                  .arg(m_live.capture().recordCount()));
    return rc;
}

} // namespace tuyascope::cli
