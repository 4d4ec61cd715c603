#pragma once
// The LAN half of the send panel: one dp id and a JSON value, checked before a CONTROL goes out.
#include <QJsonObject>
#include <QString>

namespace tuyascope::lan {

struct LanDpWrite {
    bool ok = false;
    QJsonObject dps;          // {"<id>": value}, what LiveSession::setLanDps takes
    QString preview;          // the dps object as compact JSON text, e.g. {"1":true}
    QString error;
};

// dpId: a positive decimal number ("1", "101"); value: one JSON value (true, 235, "auto", {...}).
LanDpWrite buildLanDpWrite(const QString& dpId, const QString& jsonValue);

} // namespace tuyascope::lan
