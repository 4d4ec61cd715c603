#include "lansim/LanDiscoveryBroadcaster.h"

#include "lansim/LanDeviceSession.h"
#include "common/Clock.h"
#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanKeyCandidates.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

namespace tuyascope::lansim {

using namespace tuyascope::lan;

LanDiscoveryBroadcaster::LanDiscoveryBroadcaster(const LanDiscoveryOptions& options, QObject* parent)
    : QObject(parent), m_options(options), m_sender(new QUdpSocket(this)), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &LanDiscoveryBroadcaster::announceNow);
}

LanDiscoveryBroadcaster::~LanDiscoveryBroadcaster() = default;

quint16 LanDiscoveryBroadcaster::defaultPort(LanVersion version)
{
    switch (version) {
    case LanVersion::V31: return 6666;
    case LanVersion::V35: return 7000;
    default: return 6667;
    }
}

quint16 LanDiscoveryBroadcaster::targetPort() const
{
    return m_options.port ? m_options.port : defaultPort(m_options.version);
}

QByteArray LanDiscoveryBroadcaster::announcement(const LanDiscoveryOptions& options, QString* error)
{
    QJsonObject o;
    o.insert(QStringLiteral("ip"), options.ip);
    o.insert(QStringLiteral("gwId"), options.deviceId);
    o.insert(QStringLiteral("active"), 2);
    o.insert(QStringLiteral("ablilty"), 0);
    o.insert(QStringLiteral("encrypt"), options.version != LanVersion::V31);
    o.insert(QStringLiteral("productKey"), options.productKey);
    o.insert(QStringLiteral("version"), versionName(options.version));
    LanEncodeRequest r;
    r.version = options.version;
    r.sender = LanSender::Device;
    r.transport = LanTransport::Udp;
    r.seq = 0;
    r.cmd = options.version == LanVersion::V31   ? cmd::Udp
            : options.version == LanVersion::V34 ? cmd::BoardcastLpv34
                                                 : cmd::UdpNew;
    r.retcode = 0;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    r.key = lanUdpKey();
    r.header = HeaderPolicy::Never;
    const LanEncodeResult result = encodeLanFrame(r);
    if (!result.ok() && error)
        *error = result.error;
    return result.ok() ? result.frame : QByteArray();
}

bool LanDiscoveryBroadcaster::start(QString* error)
{
    if (m_options.listenForSolicitations) {
        m_listener = new QUdpSocket(this);
        if (!m_listener->bind(m_options.listenAddress, m_options.listenPort)) {
            if (error)
                *error = QStringLiteral("cannot listen on UDP %1:%2: %3")
                             .arg(m_options.listenAddress.toString())
                             .arg(m_options.listenPort)
                             .arg(m_listener->errorString());
            delete m_listener;
            m_listener = nullptr;
            return false;
        }
        connect(m_listener, &QUdpSocket::readyRead, this, &LanDiscoveryBroadcaster::onSolicitation);
    }
    QString problem;
    if (announcement(m_options, &problem).isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    if (m_options.intervalMs > 0) {
        m_timer->start(m_options.intervalMs);
        QTimer::singleShot(0, this, &LanDiscoveryBroadcaster::announceNow);
    }
    return true;
}

void LanDiscoveryBroadcaster::stop()
{
    m_timer->stop();
    if (m_listener)
        m_listener->close();
}

quint16 LanDiscoveryBroadcaster::listenPort() const { return m_listener ? m_listener->localPort() : 0; }

void LanDiscoveryBroadcaster::announceNow()
{
    const QByteArray datagram = announcement(m_options);
    if (datagram.isEmpty())
        return;
    if (m_sender->writeDatagram(datagram, m_options.target, targetPort()) < 0) {
        emit event(AgentEvent::now(Severity::Warning, event::SimulatorError,
                                   QStringLiteral("discovery datagram not sent: %1").arg(m_sender->errorString())));
        return;
    }
    emit datagramSent(nowUs(), datagram);
    emit event(AgentEvent::now(Severity::Chat, event::Discovery,
                               QStringLiteral("announced %1 to %2:%3").arg(versionName(m_options.version), m_options.target.toString()).arg(targetPort())));
}

void LanDiscoveryBroadcaster::onSolicitation()
{
    while (m_listener && m_listener->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_listener->receiveDatagram();
        const QByteArray bytes = datagram.data();
        LanContext context;
        context.version = LanVersion::V35;
        context.sender = LanSender::Client;
        context.localKey = lanUdpKey();
        const LanDissection d = dissectLanFrame(bytes, context);
        if (!d.info.complete || d.info.cmd != cmd::ReqDevInfo || d.info.integrity != ChecksumStatus::Good)
            continue; // our own announcements, other devices, noise
        if (!d.info.json.contains(QStringLiteral("from")) || !d.info.json.contains(QStringLiteral("ip")))
            continue;
        LanDiscoveryOptions reply = m_options;
        reply.version = LanVersion::V35;
        const QByteArray answer = announcement(reply);
        if (answer.isEmpty())
            continue;
        m_listener->writeDatagram(answer, datagram.senderAddress(), quint16(datagram.senderPort()));
        emit datagramSent(nowUs(), answer);
        emit event(AgentEvent::now(Severity::Note, event::SolicitationAnswered,
                                   QStringLiteral("app solicitation from %1 answered").arg(d.info.json.value(QStringLiteral("ip")).toString())));
    }
}

} // namespace tuyascope::lansim
