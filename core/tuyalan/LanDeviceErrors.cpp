#include "tuyalan/LanDeviceErrors.h"

namespace tuyascope::lan {

QString deviceErrorHint(QByteArrayView body)
{
    const QByteArrayView text = body.trimmed();
    if (text == QByteArrayView("json obj data unvalid"))
        return QStringLiteral("device22-type device: it cannot answer DP_QUERY; query it with CONTROL_NEW (0x0d) and "
                              "null-valued dps, e.g. {\"dps\":{\"1\":null}} (tinytuya error 908)");
    if (text == QByteArrayView("data format error"))
        return QStringLiteral("the device decrypted the command but rejected its JSON (malformed, or no \"dps\"): the "
                              "key is right, the payload format is wrong");
    if (text == QByteArrayView("parse data error"))
        return QStringLiteral("the device could not decrypt or parse the command: check the key and the version header");
    return QString();
}

} // namespace tuyascope::lan
