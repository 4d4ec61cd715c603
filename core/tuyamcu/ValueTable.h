#pragma once
// Named values of one-byte protocol fields (network status, upgrade status, ...).

#include <QString>

#include <initializer_list>
#include <utility>
#include <vector>

namespace tuyascope::mcu {

class ValueTable {
public:
    ValueTable(std::initializer_list<std::pair<int, const char*>> entries) : m_entries(entries) {}
    // The label, or an empty string when the value is not in the table.
    QString label(int value) const
    {
        for (const auto& e : m_entries) {
            if (e.first == value)
                return QString::fromUtf8(e.second);
        }
        return QString();
    }

private:
    std::vector<std::pair<int, const char*>> m_entries;
};

} // namespace tuyascope::mcu
