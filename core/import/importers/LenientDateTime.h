#pragma once
// Date-times written with a user's locale (.NET DateTime.Now.ToString() in TuyaMCUAnalyzer):
//   5/14/2024 9:30:00 AM   (en-US)       14.05.2024 09:30:00   (de-DE, ru-RU, pl-PL)
//   2024/5/14 9:30:00      (zh-CN, ja)   14/05/2024 09:30:00   (en-GB, fr-FR)
//   2024-05-14 09:30:00    (sv, ISO)     14-5-2024 09:30:00    (nl-NL)
//   2024. 05. 14. 9:30:00  (hu-HU)       2024/5/14 下午 9:30:00 (zh-TW, ko and ja markers too)
// Day-month order with "/" and no AM/PM marker is ambiguous; a part > 12 decides, otherwise
// day/month (most locales that write "/" without AM/PM put the day first). Interpreted as UTC.

#include <QString>

namespace tuyascope::importers {

// Finds a date-time in `text`; returns µs since the Unix epoch, or false when none parses.
bool parseLenientDateTime(const QString& text, qint64* timeUs);

} // namespace tuyascope::importers
