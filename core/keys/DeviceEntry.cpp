#include "keys/DeviceEntry.h"

#include <algorithm>

namespace tuyascope::keys {

const DpSpec* DeviceEntry::dp(int dpId) const
{
    if (dpId == DpSpec::kNoId)
        return nullptr;
    const auto it = std::lower_bound(dps.cbegin(), dps.cend(), dpId,
                                     [](const DpSpec& s, int wanted) { return s.id < wanted; });
    return (it != dps.cend() && it->id == dpId) ? &*it : nullptr;
}

void DeviceEntry::setDp(const DpSpec& spec)
{
    for (DpSpec& existing : dps) {
        const bool same = spec.id == DpSpec::kNoId ? (existing.id == DpSpec::kNoId && existing.code == spec.code)
                                                   : existing.id == spec.id;
        if (same) {
            existing = spec;
            return;
        }
    }
    // Code-only entries (all kNoId) are ordered by code, so the order never depends on the source's.
    const auto at = std::upper_bound(dps.begin(), dps.end(), spec, [](const DpSpec& a, const DpSpec& b) {
        return a.id < b.id || (a.id == b.id && a.code < b.code);
    });
    dps.insert(at, spec);
}

bool DeviceEntry::operator==(const DeviceEntry& o) const
{
    return id == o.id && name == o.name && key == o.key && keyFromUser == o.keyFromUser && ip == o.ip
           && version == o.version && productKey == o.productKey && productName == o.productName
           && category == o.category && model == o.model && mac == o.mac && nodeId == o.nodeId
           && parentId == o.parentId && subDevice == o.subDevice && dps == o.dps;
}

bool isKnownProtocolVersion(const QString& version)
{
    return version == QLatin1String("3.1") || version == QLatin1String("3.2") || version == QLatin1String("3.3")
           || version == QLatin1String("3.4") || version == QLatin1String("3.5");
}

QDebug operator<<(QDebug debug, const DeviceEntry& entry)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "DeviceEntry(" << entry.id << ", name " << entry.name << ", key "
                    << (entry.hasKey() ? "****" : "none") << (entry.keyFromUser ? " (user)" : "")
                    << ", ip " << (entry.ip.isNull() ? QStringLiteral("?") : entry.ip.toString())
                    << ", version " << (entry.version.isEmpty() ? QStringLiteral("?") : entry.version)
                    << ", " << entry.dps.size() << " dps)";
    return debug;
}

} // namespace tuyascope::keys
