#pragma once
// Numbers as the filter language reads them: decimal or 0x-hex integers and decimal fractions
// ("7", "-3", "0x07", "3.4", "1e3"). Integers compare exactly; a fraction on either side makes
// the comparison floating point. "inf", "nan" and trailing text are not numbers.

#include <QStringView>

#include <optional>

namespace tuyascope::filter {

struct FilterNumber {
    bool isInteger = true;
    qint64 integer = 0;
    double real = 0.0;

    static FilterNumber fromInteger(qint64 value) { return {true, value, double(value)}; }
    // <0, 0, >0 like strcmp.
    int compare(const FilterNumber& other) const;
};

std::optional<FilterNumber> parseFilterNumber(QStringView text);

} // namespace tuyascope::filter
