#include "platform/OwnerOnly.h"

#include <QFile>
#include <QFileInfo>

namespace tuyascope::platform {

namespace {

constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                                            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

} // namespace

bool restrictToOwner(const QString& path, QString* error)
{
    QFileDevice::Permissions wanted = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QFileInfo(path).isDir())
        wanted |= QFileDevice::ExeOwner;
    QFile file(path);
    if (file.setPermissions(wanted))
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

bool accessibleByOthers(const QString& path)
{
    return (QFile::permissions(path) & kOthers) != 0;
}

QString restrictHint()
{
    return QStringLiteral("chmod 600");
}

} // namespace tuyascope::platform
