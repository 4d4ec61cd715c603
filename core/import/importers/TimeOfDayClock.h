#pragma once
// Console logs print only the time of day ("09:30:01" or "09:30:01.171"). With no date, times
// are placed on 1970-01-01 and kept monotonic: a time earlier than the previous one means the
// log crossed midnight, so a day is added.

#include <QtGlobal>

namespace tuyascope::importers {

class TimeOfDayClock {
public:
    // µs since the epoch for a time of day in ms (0 .. 86'399'999).
    qint64 place(qint64 msOfDay);

private:
    qint64 m_dayOffsetMs = 0;
    qint64 m_lastMs = -1;
};

} // namespace tuyascope::importers
