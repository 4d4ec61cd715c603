#include "import/importers/TimeOfDayClock.h"

namespace tuyascope::importers {

qint64 TimeOfDayClock::place(qint64 msOfDay)
{
    constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    qint64 t = m_dayOffsetMs + msOfDay;
    if (m_lastMs >= 0 && t < m_lastMs) {
        m_dayOffsetMs += kDayMs;
        t += kDayMs;
    }
    m_lastMs = t;
    return t * 1000;
}

} // namespace tuyascope::importers
