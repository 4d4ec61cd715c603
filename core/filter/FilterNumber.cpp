#include "filter/FilterNumber.h"
#include "common/Hex.h"

#include <limits>

namespace tuyascope::filter {

namespace {


bool isDigit(QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; }

std::optional<FilterNumber> parseHex(QStringView digits, bool negative)
{
    if (digits.isEmpty() || digits.size() > 16)
        return std::nullopt;
    quint64 value = 0;
    for (QChar c : digits) {
        const int d = hexDigitValue(c);
        if (d < 0)
            return std::nullopt;
        value = value * 16 + quint64(d);
    }
    if (value > quint64(std::numeric_limits<qint64>::max()))
        return FilterNumber{false, 0, negative ? -double(value) : double(value)};
    const qint64 v = negative ? -qint64(value) : qint64(value);
    return FilterNumber::fromInteger(v);
}

} // namespace

int FilterNumber::compare(const FilterNumber& other) const
{
    if (isInteger && other.isInteger)
        return integer < other.integer ? -1 : integer > other.integer ? 1 : 0;
    return real < other.real ? -1 : real > other.real ? 1 : 0;
}

std::optional<FilterNumber> parseFilterNumber(QStringView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool negative = false;
    if (i < n && (text[i] == u'-' || text[i] == u'+')) {
        negative = text[i] == u'-';
        ++i;
    }
    if (n - i > 2 && text[i] == u'0' && (text[i + 1] == u'x' || text[i + 1] == u'X'))
        return parseHex(text.sliced(i + 2), negative);

    // Decimal: digits [. digits] [e [sign] digits]; checked by hand so toDouble never sees
    // "inf", "nan" or locale forms.
    const qsizetype intStart = i;
    while (i < n && isDigit(text[i]))
        ++i;
    const qsizetype intDigits = i - intStart;
    bool fraction = false;
    if (i < n && text[i] == u'.') {
        ++i;
        const qsizetype fracStart = i;
        while (i < n && isDigit(text[i]))
            ++i;
        if (i == fracStart || intDigits == 0)
            return std::nullopt;
        fraction = true;
    }
    if (intDigits == 0)
        return std::nullopt;
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < n && (text[i] == u'-' || text[i] == u'+'))
            ++i;
        const qsizetype expStart = i;
        while (i < n && isDigit(text[i]))
            ++i;
        if (i == expStart)
            return std::nullopt;
        fraction = true;
    }
    if (i != n)
        return std::nullopt;

    // Up to 18 digits always fit a qint64; longer integers go through double.
    if (!fraction && n - intStart <= 18) {
        qint64 value = 0;
        for (qsizetype k = intStart; k < n; ++k)
            value = value * 10 + (text[k].unicode() - u'0');
        return FilterNumber::fromInteger(negative ? -value : value);
    }
    bool ok = false;
    const double real = text.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return FilterNumber{false, 0, real};
}

} // namespace tuyascope::filter
