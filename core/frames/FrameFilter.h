#pragma once
// Display filters over a frame table: the filter subject of a row, with its field tree built only
// when the filter needs one.
#include "filter/Filter.h"
#include "frames/FrameTable.h"

namespace tuyascope {

bool frameMatches(const FrameTable& table, int row, const filter::Filter& filter);

} // namespace tuyascope
