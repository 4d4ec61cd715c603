#pragma once
// Display filters: a small language over frames, parsed and validated here, evaluated per row.
//
//   dp.id == 20 && dir == mcu         cmd == 0x07          bad
//   proto == lan && version == "3.4"  dp[20].value > 300   diag == DP_OVERRUN
//   dp.value contains "on"            tuyalan.cmd matches "^0x0[ad]"   cmd in {0x06 0x07 0x10..0x1f}
//
// Grammar (keywords are case-insensitive):
//   expr    := and { ("||" | "or") and }           -- && binds tighter than ||
//   and     := unary { ("&&" | "and") unary }
//   unary   := ("!" | "not") unary | "(" expr ")" | test
//   test    := key [ op value | ["not"] "in" set ]   -- a bare key tests existence / truth
//   op      := == != < <= > >= contains matches ~    (also eq ne lt le gt ge)
//   set     := "{" item { [","] item } "}"          item := value | number ".." number
//   key     := synthetic key | field key | "dp[" id "]" [ "." (value|type|len|id) ]
//   value   := number (7, -3, 0x07, 3.4) | "quoted" / 'quoted' (\\ \" \' \n \r \t \0 \xHH \uHHHH) | bare word
//
// Keys: dir, proto, version, cmd, len, time, bad, warn, diag, severity (see FilterKeys.h), and
// every dissection field key (dp, dp.id, dp.value, dp.type, dp.len, tuyamcu.*, tuyalan.*,
// annotation). A key with several occurrences (dp.id in a frame with three DPs) matches when
// any occurrence matches; `a != b` is exactly `!(a == b)`, so it holds when no occurrence equals.
// dp[20] is the DP unit whose id is 20: `dp[20]` tests that it is present, `dp[20] > 300`
// compares its value, `dp[20].type == bool` a child - one unit, unlike `dp.id == 20 && dp.value > 300`
// which may match different units.
//
// Comparison: an unquoted number against a value that reads as a number compares numerically
// (`version == 3` matches "3", `cmd == 0x07` matches 7); ordering with a number holds only for
// numeric values. Anything else compares text; quoted literals always compare text (`version
// == "3.4"`). A field's displayed value may carry more than the value ("0x07 Heartbeat",
// "bool (0x01)", "CONTROL_NEW (0x0d)"): its first word and a final "(...)" match too, and a
// quoted display ("\"hello\"") also matches without its quotes. `contains` ignores case; `matches` is a
// QRegularExpression (checked when parsing). dir, proto and severity take only their own
// values, checked when parsing; severity is ordered (severity >= warning).
//
// Keys outside the light facts (bad, warn, diag, severity, fields, dp[..]) read
// FilterSubject::dissection; needsDissection() says so, and without a dissection they are absent.

#include "filter/FilterSubject.h"

#include <QString>

#include <memory>

namespace tuyascope::filter {

struct FilterNode;
struct FilterParseResult;
FilterParseResult parseFilter(const QString& text);

class Filter {
public:
    Filter() = default; // matches everything

    bool matches(const FilterSubject& subject) const;
    bool needsDissection() const { return m_needsDissection; }
    bool isEmpty() const { return !m_root; }
    const QString& text() const { return m_text; }

private:
    friend FilterParseResult parseFilter(const QString& text);
    std::shared_ptr<const FilterNode> m_root; // shared: filters are copied around, the tree never changes
    bool m_needsDissection = false;
    QString m_text;
};

struct FilterParseResult {
    bool ok = false;
    Filter filter;      // valid when ok
    QString error;      // e.g. "unknown field 'foo'"
    int position = -1;  // character index of the offending part (text length: at the end)
    int length = 0;     // characters to underline (0 at the end of the text)
};

// Empty or blank text is a valid filter that matches everything.
FilterParseResult parseFilter(const QString& text);

} // namespace tuyascope::filter
