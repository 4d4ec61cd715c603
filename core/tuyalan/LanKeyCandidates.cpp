#include "tuyalan/LanKeyCandidates.h"

#include "tuyalan/LanCrypto.h"

namespace tuyascope::lan {

QString keyRoleName(KeyRole role)
{
    switch (role) {
    case KeyRole::Local: return QStringLiteral("local key");
    case KeyRole::Session: return QStringLiteral("session key");
    case KeyRole::Udp: return QStringLiteral("UDP key");
    case KeyRole::None: break;
    }
    return QStringLiteral("no key");
}

const QByteArray& lanUdpKey()
{
    static const QByteArray key = crypto::md5(QByteArrayView("yGAdlopoPVldABfn"));
    return key;
}

QVector<KeyCandidate> keyCandidates(const LanContext& context, const LanCommandSpec* spec, LanVersion version)
{
    QVector<KeyCandidate> out;
    const auto add = [&out](const QByteArray& key, KeyRole role) {
        if (key.size() != crypto::kAesKeySize)
            return;
        for (const KeyCandidate& c : out) {
            if (c.key == key)
                return;
        }
        out.push_back({key, role});
    };
    const bool handshake = spec && spec->handshake;
    if (usesSessionKey(version) && !handshake) {
        add(context.sessionKey, KeyRole::Session);
        add(context.localKey, KeyRole::Local);
    } else {
        add(context.localKey, KeyRole::Local);
        add(context.sessionKey, KeyRole::Session);
    }
    if (spec && spec->discovery)
        add(lanUdpKey(), KeyRole::Udp);
    return out;
}

} // namespace tuyascope::lan
