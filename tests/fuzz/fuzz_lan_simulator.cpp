// libFuzzer target: the LAN device simulator's session logic (LanDeviceSession, no sockets) fed
// with arbitrary client bytes, for every protocol version. Two modes: raw bytes in input-chosen
// chunks (framing, integrity, handshake gate), and the input as the body of a well-formed,
// correctly keyed frame of an input-chosen command after a real handshake (JSON and DP write
// handling). Checked beyond "no crash": everything the device sends is whole frames that verify
// with the right key, and the DP values stay within the profile.

#include "lansim/LanDeviceSession.h"
#include "tuyalan/LanDissector.h"
#include "tuyalan/LanFrameEncoder.h"
#include "tuyalan/LanSessionKey.h"
#include "tuyalan/LanStreamSplitter.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace tuyascope;
using namespace tuyascope::lan;
using namespace tuyascope::lansim;

namespace {

const QByteArray kKey("0123456789abcdef");

const DeviceProfile& profile()
{
    static const DeviceProfile p = [] {
        DeviceProfile loaded;
        QString error;
        if (!loadDeviceProfile(QStringLiteral("hy609-thermostat"), loaded, &error))
            std::abort();
        return loaded;
    }();
    return p;
}

class Checker : public LanStreamSplitter::Sink {
public:
    void onEvent(const LanStreamSplitter::Event& e) override
    {
        if (e.kind != LanStreamSplitter::EventKind::Frame)
            std::abort(); // the device only writes whole frames
        frames.push_back(e.bytes.toByteArray());
    }
    QVector<QByteArray> frames;
};

// Splits and verifies what the device sent; returns the frames' infos.
QVector<LanFrameInfo> check(LanVersion version, const QByteArray& sent, const QByteArray& sessionKey)
{
    Checker checker;
    LanStreamSplitter splitter;
    splitter.feed(sent, 0, checker);
    if (splitter.pendingBytes() != 0)
        std::abort();
    LanContext context;
    context.version = version;
    context.sender = LanSender::Device;
    context.localKey = kKey;
    context.sessionKey = sessionKey;
    QVector<LanFrameInfo> infos;
    for (const QByteArray& frame : std::as_const(checker.frames)) {
        const LanFrameInfo info = dissectLanFrame(frame, context).info;
        if (info.integrity != ChecksumStatus::Good)
            std::abort();
        infos.push_back(info);
    }
    return infos;
}

QByteArray clientFrame(LanVersion version, quint32 seq, quint32 command, const QByteArray& body, const QByteArray& key)
{
    LanEncodeRequest r;
    r.version = version;
    r.sender = LanSender::Client;
    r.seq = seq;
    r.cmd = command;
    r.body = body;
    r.key = key;
    return encodeLanFrame(r).frame;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 3)
        return 0;
    const auto version = LanVersion(1 + data[0] % 5);
    const bool wrapped = (data[0] >> 3) & 1;
    const int chunk = 1 + data[1] % 32;
    const quint32 command = data[2];
    const QByteArray input(reinterpret_cast<const char*>(data) + 3, qsizetype(size - 3));

    LanDeviceConfig config;
    config.version = version;
    config.deviceId = QStringLiteral("eb0123456789abcdefghij");
    config.localKey = kKey;
    config.device22 = (data[0] >> 4) & 1;
    config.timestampToleranceS = (data[0] >> 5) & 1 ? 10 : 0;
    LanDpModel model(profile(), 1);
    LanDeviceSession session(config, model, QStringLiteral("fuzz"));
    const qint64 now = 1700000000LL * 1000000;
    QByteArray sessionKey;

    if (!wrapped) {
        for (qsizetype pos = 0; pos < input.size() && !session.shouldClose(); pos += chunk)
            check(version, session.feed(QByteArrayView(input).sliced(pos, qMin<qsizetype>(chunk, input.size() - pos)), now), {});
    } else {
        quint32 seq = 1;
        if (usesSessionKey(version)) {
            const QByteArray nc("fuzzclientnonce!");
            const QVector<LanFrameInfo> resp = check(version, session.feed(clientFrame(version, seq++, 3, nc, kKey), now), {});
            if (resp.size() != 1 || resp[0].handshakeHmac != handshakeHmac(kKey, nc))
                std::abort();
            session.feed(clientFrame(version, seq++, 5, handshakeHmac(kKey, resp[0].handshakeNonce), kKey), now);
            sessionKey = deriveSessionKey(version, kKey, nc, resp[0].handshakeNonce);
            if (!session.keyed())
                std::abort();
        }
        const QByteArray frame = clientFrame(version, seq++, command, input, usesSessionKey(version) ? sessionKey : kKey);
        for (qsizetype pos = 0; pos < frame.size() && !session.shouldClose(); pos += chunk)
            check(version, session.feed(QByteArrayView(frame).sliced(pos, qMin<qsizetype>(chunk, frame.size() - pos)), now),
                  sessionKey);
    }
    check(version, session.statusPush(model.allDps(), now), sessionKey);
    session.takeEvents();
    // Whatever was written, every DP still holds a value its profile accepts.
    for (const DpProfile& dp : profile().dps) {
        if (!dp.accepts(quint8(dp.type), model.state().value(dp.id)))
            std::abort();
    }
    return 0;
}
