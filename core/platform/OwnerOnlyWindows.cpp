#include "platform/OwnerOnly.h"

#include <QDir>

#include <memory>
#include <vector>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

namespace tuyascope::platform {

namespace {

QString lastErrorText(DWORD code)
{
    wchar_t* text = nullptr;
    ::FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                     nullptr, code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    const QString message = text ? QString::fromWCharArray(text).trimmed() : QStringLiteral("error %1").arg(code);
    ::LocalFree(text);
    return message;
}

// The current user's SID, copied out of the process token.
std::vector<BYTE> currentUserSid()
{
    HANDLE token = nullptr;
    if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
        return {};
    DWORD size = 0;
    ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector<BYTE> buffer(size);
    std::vector<BYTE> sid;
    if (size && ::GetTokenInformation(token, TokenUser, buffer.data(), size, &size)) {
        const PSID user = reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid;
        sid.resize(::GetLengthSid(user));
        ::CopySid(DWORD(sid.size()), sid.data(), user);
    }
    ::CloseHandle(token);
    return sid;
}

bool isWellKnown(PSID sid, WELL_KNOWN_SID_TYPE type)
{
    return ::IsWellKnownSid(sid, type) != FALSE;
}

} // namespace

bool restrictToOwner(const QString& path, QString* error)
{
    std::vector<BYTE> user = currentUserSid();
    if (user.empty()) {
        if (error)
            *error = QStringLiteral("cannot read the current user's identity");
        return false;
    }
    EXPLICIT_ACCESSW access{};
    access.grfAccessPermissions = GENERIC_ALL;
    access.grfAccessMode = SET_ACCESS;
    access.grfInheritance = SUB_CONTAINERS_AND_OBJECTS_INHERIT;
    access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
    access.Trustee.TrusteeType = TRUSTEE_IS_USER;
    access.Trustee.ptstrName = reinterpret_cast<LPWSTR>(user.data());
    PACL acl = nullptr;
    DWORD rc = ::SetEntriesInAclW(1, &access, nullptr, &acl);
    if (rc == ERROR_SUCCESS) {
        std::wstring native = QDir::toNativeSeparators(path).toStdWString();
        // PROTECTED: nothing inherited from the parent folder stays.
        rc = ::SetNamedSecurityInfoW(native.data(), SE_FILE_OBJECT,
                                     DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                     nullptr, nullptr, acl, nullptr);
        ::LocalFree(acl);
    }
    if (rc == ERROR_SUCCESS)
        return true;
    if (error)
        *error = lastErrorText(rc);
    return false;
}

bool accessibleByOthers(const QString& path)
{
    std::wstring native = QDir::toNativeSeparators(path).toStdWString();
    PACL acl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    PSID owner = nullptr;
    if (::GetNamedSecurityInfoW(native.data(), SE_FILE_OBJECT,
                                DACL_SECURITY_INFORMATION | OWNER_SECURITY_INFORMATION, &owner, nullptr,
                                &acl, nullptr, &descriptor)
        != ERROR_SUCCESS)
        return false; // unreadable security: nothing to report, the open itself will tell
    bool others = acl == nullptr; // no ACL: everyone has full access
    const std::vector<BYTE> user = currentUserSid();
    for (DWORD i = 0; acl && i < acl->AceCount && !others; ++i) {
        void* entry = nullptr;
        if (!::GetAce(acl, i, &entry))
            continue;
        const auto* header = static_cast<ACE_HEADER*>(entry);
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE)
            continue;
        auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(entry);
        const PSID sid = reinterpret_cast<PSID>(&allowed->SidStart);
        const bool mine = (!user.empty() && ::EqualSid(sid, const_cast<BYTE*>(user.data())))
                          || (owner && ::EqualSid(sid, owner));
        if (mine || isWellKnown(sid, WinLocalSystemSid) || isWellKnown(sid, WinBuiltinAdministratorsSid)
            || isWellKnown(sid, WinCreatorOwnerSid))
            continue;
        const ACCESS_MASK readOrWrite = FILE_READ_DATA | FILE_WRITE_DATA | GENERIC_READ | GENERIC_WRITE | GENERIC_ALL;
        others = (allowed->Mask & readOrWrite) != 0;
    }
    ::LocalFree(descriptor);
    return others;
}

QString restrictHint()
{
    return QStringLiteral("remove the other users from its Security settings");
}

} // namespace tuyascope::platform
