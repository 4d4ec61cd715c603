#pragma once
// Files that hold secrets (the LAN key store) are for their owner's eyes only.
#include <QString>

namespace tuyascope::platform {

// Restricts an existing file or folder to the current user: POSIX mode 0600 (0700 for a folder);
// Windows a protected ACL with one entry, full control for the current user, inherited by what
// is created inside a folder. Returns false with the reason in `error`.
bool restrictToOwner(const QString& path, QString* error = nullptr);

// True when someone other than the owner may read or write `path`: POSIX any group/other
// permission bit; Windows an ACL entry for anyone but the owner, SYSTEM and Administrators (or
// no ACL at all).
bool accessibleByOthers(const QString& path);

// How to fix what accessibleByOthers() found, in this system's words.
QString restrictHint();

} // namespace tuyascope::platform
