#include "lanclient/LanDiscoveryScanner.h"

#include "tuyalan/LanCommandCatalogue.h"
#include "tuyalan/LanCrypto.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanKeyCandidates.h"

#include <QJsonDocument>
#include <QNetworkInterface>
#include <QTimer>
#include <QUdpSocket>

namespace tuyascope::lanclient {

namespace {

QJsonObject parseObject(QByteArrayView bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.toByteArray().trimmed(), &error);
    return error.error == QJsonParseError::NoError && doc.isObject() ? doc.object() : QJsonObject();
}

QString firstIpv4()
{
    for (const QHostAddress& a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
            return a.toString();
    return QStringLiteral("127.0.0.1");
}

} // namespace

LanDiscoveryScanner::LanDiscoveryScanner(const LanScannerConfig& config, QObject* parent)
    : QObject(parent), m_config(config)
{
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &LanDiscoveryScanner::sendSolicitation);
}

LanDiscoveryScanner::~LanDiscoveryScanner() = default;

bool LanDiscoveryScanner::start(QString* error)
{
    stop();
    QStringList failures;
    for (const quint16 port : std::as_const(m_config.ports)) {
        auto* socket = new QUdpSocket(this);
        if (!socket->bind(QHostAddress::AnyIPv4, port, QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
            failures << QStringLiteral("UDP %1: %2").arg(port).arg(socket->errorString());
            emit warning(QStringLiteral("cannot listen on UDP %1: %2").arg(port).arg(socket->errorString()));
            delete socket;
            continue;
        }
        const quint16 bound = socket->localPort();
        connect(socket, &QUdpSocket::readyRead, this, [this, socket, bound] { readPending(socket, bound); });
        m_sockets.push_back(socket);
    }
    if (m_sockets.isEmpty()) {
        if (error)
            *error = QStringLiteral("no discovery port could be opened (%1)").arg(failures.join(QStringLiteral("; ")));
        return false;
    }
    if (m_config.solicit) {
        m_sender = new QUdpSocket(this);
        sendSolicitation();
        if (m_config.solicitIntervalMs > 0)
            m_timer->start(m_config.solicitIntervalMs);
    }
    return true;
}

void LanDiscoveryScanner::stop()
{
    m_timer->stop();
    qDeleteAll(m_sockets);
    m_sockets.clear();
    delete m_sender;
    m_sender = nullptr;
}

QVector<quint16> LanDiscoveryScanner::boundPorts() const
{
    QVector<quint16> out;
    for (const QUdpSocket* s : m_sockets)
        out.push_back(s->localPort());
    return out;
}

QByteArray LanDiscoveryScanner::solicitationDatagram(const QString& appIp)
{
    lan::LanEncodeRequest q;
    q.version = lan::LanVersion::V35;
    q.sender = lan::LanSender::Client;
    q.transport = lan::LanTransport::Udp;
    q.seq = 0;
    q.cmd = lan::cmd::ReqDevInfo;
    q.key = lan::lanUdpKey();
    q.header = lan::HeaderPolicy::Never;
    QJsonObject body;
    body.insert(QStringLiteral("from"), QStringLiteral("app"));
    body.insert(QStringLiteral("ip"), appIp);
    q.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return lan::encodeLanFrame(q).frame;
}

void LanDiscoveryScanner::sendSolicitation()
{
    if (!m_sender)
        return;
    const QString ip = m_config.appIp.isEmpty() ? firstIpv4() : m_config.appIp;
    const QByteArray datagram = solicitationDatagram(ip);
    if (datagram.isEmpty())
        return;
    if (m_sender->writeDatagram(datagram, m_config.solicitTarget, m_config.solicitPort) < 0)
        emit warning(QStringLiteral("cannot send the discovery solicitation to %1:%2: %3")
                         .arg(m_config.solicitTarget.toString())
                         .arg(m_config.solicitPort)
                         .arg(m_sender->errorString()));
}

bool LanDiscoveryScanner::decodeAnnouncement(const QByteArray& datagram, DiscoveredDevice* device)
{
    lan::LanContext ctx;
    ctx.sender = lan::LanSender::Device;
    ctx.localKey = lan::lanUdpKey();
    QJsonObject json;
    lan::LanVersion framingVersion = lan::LanVersion::Unknown;
    const lan::LanDissection d = lan::dissectLanFrame(datagram, ctx);
    if (d.info.isFrame && d.info.complete && d.info.integrity != ChecksumStatus::Bad) {
        json = d.info.bodyIsJson ? d.info.json : parseObject(d.info.body);
        framingVersion = d.info.version;
        if (json.isEmpty() && d.info.plaintext.size() > 4) {
            // 6699 UDP: tinytuya strips a 4-byte retcode when the JSON starts after it.
            const QByteArray& p = d.info.plaintext;
            json = parseObject(p.front() == '{' ? QByteArrayView(p) : QByteArrayView(p).sliced(4));
        }
    }
    if (json.isEmpty() && !datagram.isEmpty() && datagram.size() % lan::crypto::kAesBlockSize == 0) {
        // tinytuya also accepts a bare AES-ECB blob without framing.
        const lan::crypto::EcbDecryption plain = lan::crypto::aesEcbDecrypt(lan::lanUdpKey(), datagram);
        if (plain.ok())
            json = parseObject(plain.plaintext);
    }
    if (json.isEmpty() || json.value(QStringLiteral("from")).toString() == QLatin1String("app"))
        return false;
    const QString gwId = json.value(QStringLiteral("gwId")).toString(json.value(QStringLiteral("devId")).toString());
    if (gwId.isEmpty())
        return false;
    device->gwId = gwId;
    device->ip = json.value(QStringLiteral("ip")).toString();
    const QJsonValue version = json.value(QStringLiteral("version"));
    device->version = version.isString() ? version.toString()
                      : version.isDouble() ? QString::number(version.toDouble(), 'f', 1)
                                           : (framingVersion == lan::LanVersion::Unknown ? QString()
                                                                                         : lan::versionName(framingVersion));
    device->productKey = json.value(QStringLiteral("productKey")).toString();
    device->json = json;
    return true;
}

void LanDiscoveryScanner::readPending(QUdpSocket* socket, quint16 port)
{
    while (socket->hasPendingDatagrams()) {
        QByteArray datagram(int(qMax<qint64>(0, socket->pendingDatagramSize())), Qt::Uninitialized);
        QHostAddress sender;
        const qint64 n = socket->readDatagram(datagram.data(), datagram.size(), &sender);
        if (n < 0)
            continue;
        datagram.truncate(int(n));
        DiscoveredDevice device;
        if (!decodeAnnouncement(datagram, &device))
            continue;
        if (device.ip.isEmpty())
            device.ip = QHostAddress(sender.toIPv4Address()).toString();
        device.port = port;
        if (m_seen.contains(device.gwId))
            continue;
        m_seen.insert(device.gwId);
        m_devices.push_back(device);
        emit deviceFound(device);
    }
}

} // namespace tuyascope::lanclient
