#pragma once
// The LAN side of a whole capture: TCP flows (port 6668 and user ports) decoded as sessions,
// UDP discovery datagrams (6666 clear, 6667 ECB with the UDP key, 7000 GCM, app solicitations
// 0x25) decoded and used to learn gwId -> IP and versions, and LAN logs (records already TCP
// payload, directions app->device / device->app) decoded as one session per channel.
// Keys come from a KeyStore, matched by gwId (from discovery) or IP; a flow with no match is
// tried with every key the store has. Keys are never copied into the result.

#include "capture/Capture.h"
#include "keys/KeyStore.h"
#include "net/NetExtraction.h"
#include "net/TuyaPorts.h"
#include "tuyalan/session/LanSessionTracker.h"

#include <QHostAddress>
#include <QSet>
#include <QString>
#include <QVector>

namespace tuyascope::lan {

struct LanAnalysisOptions {
    QSet<quint16> tcpPorts = net::tuyaTcpPorts(); // followed TCP ports (device end)
    QSet<quint16> udpPorts = net::tuyaUdpPorts(); // discovery ports
    int maxKeyTrials = 32;                        // unmatched flows: keys of the store tried
};

struct LanItem {
    int index = 0;
    int flow = -1;                    // index in LanCaptureAnalysis::flows; -1: UDP datagram
    bool udp = false;
    qint64 timeUs = kUnknownTime;
    tuyascope::Direction direction = tuyascope::Direction::Unknown; // AppToDevice / DeviceToApp
    int channel = -1;                 // capture channel
    qint64 offset = 0;                // stream offset (UDP: offset in the datagram)
    LanStreamSplitter::EventKind kind = LanStreamSplitter::EventKind::Frame;
    QByteArray bytes;
    LanDissection dissection;
    LanVersion version = LanVersion::Unknown;
    QString crypto;                   // cryptoStatusKey()
    quint32 seq = 0;
    quint32 cmd = 0;
};

struct LanFlowSummary {
    int id = 0;
    QString label;                    // "192.168.1.10:50000 -> 192.168.1.50:6668", or the log channel name
    QString deviceId;                 // matched device (id only), empty when none
    QString keyMatch;                 // "user id", "gwId", "ip", "trial", "none"
    LanVersion version = LanVersion::Unknown;
    VersionBasis versionBasis = VersionBasis::None;
    int handshakes = 0;
    bool sessionKeyDerived = false;
};

struct LanDiscoveredDevice {
    QString gwId;
    QHostAddress ip;
    QString version;
    qint64 timeUs = kUnknownTime;
};

struct LanCaptureAnalysis {
    QVector<LanItem> items;           // flows in order, each flow's items in decoding order; then UDP
    QVector<LanFlowSummary> flows;
    QVector<LanDiscoveredDevice> discovered;
    QVector<net::NetNote> notes;
    bool hasLanTraffic() const { return !items.isEmpty(); }
};

// True when the capture has network channels or records with LAN directions.
bool captureMayHoldLan(const Capture& capture);

LanCaptureAnalysis analyzeLanCapture(const Capture& capture, const keys::KeyStore& keys,
                                     const LanAnalysisOptions& options = {});

} // namespace tuyascope::lan
