#include "frames/FrameFilter.h"

#include "filter/FilterSubject.h"

namespace tuyascope {

bool frameMatches(const FrameTable& table, int row, const filter::Filter& filter)
{
    if (filter.isEmpty())
        return true;
    const FrameFacts facts = table.facts(row);
    filter::FilterSubject subject;
    subject.timeUs = facts.timeUs;
    subject.direction = facts.direction;
    subject.protocol = protocolKey(facts.protocol);
    subject.version = facts.version;
    subject.command = facts.command;
    subject.length = facts.length;
    if (!filter.needsDissection())
        return filter.matches(subject);
    const Dissection dissection = table.dissect(row);
    subject.dissection = &dissection;
    return filter.matches(subject);
}

} // namespace tuyascope
