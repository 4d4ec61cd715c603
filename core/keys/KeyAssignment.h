#pragma once
// A key the user gives on the command line: "--key ID=KEY", where ID is a device id (gwId) or
// an IP address. Split at the first '=' (ids never hold one, keys may). Errors name the ID part
// only, never the key.

#include "keys/LocalKey.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace tuyascope::keys {

struct KeyAssignment {
    QString id;          // set for "devid=KEY"
    QHostAddress ip;     // set for "10.0.0.5=KEY"
    LocalKey key;
};

std::optional<KeyAssignment> parseKeyAssignment(const QString& text, QString* error = nullptr);

} // namespace tuyascope::keys
