#include "dissect/Diagnostic.h"

namespace tuyascope {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Chat: return QStringLiteral("chat");
    case Severity::Note: return QStringLiteral("note");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return QStringLiteral("note");
}

} // namespace tuyascope
