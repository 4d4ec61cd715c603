#pragma once
// Wall-clock time in µs since the Unix epoch: the time base of every capture record.

#include <QtGlobal>

namespace tuyascope {

qint64 nowUs();

} // namespace tuyascope
