#pragma once
// Error texts devices send as a body (reference 10), with what they mean for the user.

#include <QByteArrayView>
#include <QString>

namespace tuyascope::lan {

// The advice for a known device error text, or an empty string when the body is not one.
QString deviceErrorHint(QByteArrayView body);

} // namespace tuyascope::lan
