#include "import/importers/LenientDateTime.h"

#include <QDateTime>
#include <QRegularExpression>

namespace tuyascope::importers {

bool parseLenientDateTime(const QString& text, qint64* timeUs)
{
    static const QRegularExpression re(QStringLiteral(
        "(\\d{1,4})\\s*([./-])\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{1,4})\\.?\\s+"
        "(?:(AM|PM|A\\.M\\.|P\\.M\\.|上午|下午|午前|午後|오전|오후)\\s*)?"
        "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:[.,](\\d{1,7}))?"
        "(?:\\s*(AM|PM|A\\.M\\.|P\\.M\\.|上午|下午|午前|午後|오전|오후))?"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return false;
    const QString a = m.captured(1);
    const QString sep = m.captured(2);
    const int b = m.captured(3).toInt();
    const QString c = m.captured(4);
    QString marker = m.captured(5);
    if (marker.isEmpty())
        marker = m.captured(10);
    const QString upper = marker.toUpper();
    const bool hasMarker = !marker.isEmpty();
    const bool pm = upper == QLatin1String("PM") || upper == QLatin1String("P.M.") || marker == QStringLiteral("下午")
                    || marker == QStringLiteral("午後") || marker == QStringLiteral("오후");

    int year = 0;
    int month = 0;
    int day = 0;
    if (a.size() == 4) {
        year = a.toInt();
        month = b;
        day = c.toInt();
    } else {
        if (c.size() != 4 && c.size() != 2)
            return false;
        year = c.toInt();
        if (c.size() == 2)
            year += 2000;
        const int first = a.toInt();
        bool dayFirst = sep != QLatin1String("/") || !hasMarker;
        if (first > 12)
            dayFirst = true;
        else if (b > 12)
            dayFirst = false;
        day = dayFirst ? first : b;
        month = dayFirst ? b : first;
    }
    int hour = m.captured(6).toInt();
    const int minute = m.captured(7).toInt();
    const int second = m.captured(8).isEmpty() ? 0 : m.captured(8).toInt();
    int micro = 0;
    if (!m.captured(9).isEmpty()) {
        QString frac = m.captured(9).left(6);
        while (frac.size() < 6)
            frac += QLatin1Char('0');
        micro = frac.toInt();
    }
    if (hasMarker) {
        if (hour < 1 || hour > 12)
            return false;
        if (pm && hour < 12)
            hour += 12;
        else if (!pm && hour == 12)
            hour = 0;
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return false;
    const QDateTime dt(date, time, Qt::UTC);
    if (timeUs)
        *timeUs = dt.toMSecsSinceEpoch() * 1000 + micro;
    return true;
}

} // namespace tuyascope::importers
