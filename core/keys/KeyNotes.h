#pragma once
// Notes the key store hands back. They are ordinary Diagnostics (shown by every front end) whose
// messages start with where the problem is ("devices[3].key: ..."). They never quote a key.

#include "dissect/Diagnostic.h"

#include <QString>

namespace tuyascope::keys {

namespace code {
inline const QString DuplicateDevice = QStringLiteral("DUPLICATE_DEVICE");
inline const QString DuplicateDp = QStringLiteral("DUPLICATE_DP");
inline const QString LoosePermissions = QStringLiteral("LOOSE_PERMISSIONS");
inline const QString DeviceUpdated = QStringLiteral("DEVICE_UPDATED");
} // namespace code

inline Diagnostic keyNote(Severity severity, const QString& code, const QString& where, const QString& message)
{
    Diagnostic d;
    d.severity = severity;
    d.code = code;
    d.message = where.isEmpty() ? message : where + QStringLiteral(": ") + message;
    return d;
}

inline Diagnostic keyError(const QString& where, const QString& message)
{
    return keyNote(Severity::Error, diag::ImportError, where, message);
}

inline Diagnostic keyWarning(const QString& where, const QString& message)
{
    return keyNote(Severity::Warning, diag::ImportWarning, where, message);
}

} // namespace tuyascope::keys
