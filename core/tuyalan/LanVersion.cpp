#include "tuyalan/LanVersion.h"

namespace tuyascope::lan {

QString versionName(LanVersion version)
{
    switch (version) {
    case LanVersion::Unknown: return QStringLiteral("unknown");
    case LanVersion::V31: return QStringLiteral("3.1");
    case LanVersion::V32: return QStringLiteral("3.2");
    case LanVersion::V33: return QStringLiteral("3.3");
    case LanVersion::V34: return QStringLiteral("3.4");
    case LanVersion::V35: return QStringLiteral("3.5");
    }
    return QStringLiteral("unknown");
}

QByteArray versionTag(LanVersion version)
{
    return version == LanVersion::Unknown ? QByteArray() : versionName(version).toLatin1();
}

LanVersion versionFromName(QStringView name)
{
    QString n = name.trimmed().toString().toLower();
    if (n.startsWith(QLatin1Char('v')))
        n.remove(0, 1);
    n.remove(QLatin1Char('.'));
    if (n == QLatin1String("31")) return LanVersion::V31;
    if (n == QLatin1String("32")) return LanVersion::V32;
    if (n == QLatin1String("33")) return LanVersion::V33;
    if (n == QLatin1String("34")) return LanVersion::V34;
    if (n == QLatin1String("35")) return LanVersion::V35;
    return LanVersion::Unknown;
}

LanFrameKind frameKindFor(LanVersion version)
{
    return version == LanVersion::V35 ? LanFrameKind::Gcm6699 : LanFrameKind::Classic55AA;
}

bool usesSessionKey(LanVersion version)
{
    return version == LanVersion::V34 || version == LanVersion::V35;
}

QString senderName(LanSender sender)
{
    switch (sender) {
    case LanSender::Client: return QStringLiteral("client");
    case LanSender::Device: return QStringLiteral("device");
    case LanSender::Unknown: break;
    }
    return QStringLiteral("unknown");
}

} // namespace tuyascope::lan
