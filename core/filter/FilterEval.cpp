// Evaluation of the compiled tree. Reads the subject through views; no allocation except what
// QRegularExpression needs for a match.

#include "filter/Filter.h"
#include "filter/FilterAst.h"

namespace tuyascope::filter {

namespace {

// A field's display text and the shorter forms it also answers to: "0x07 Heartbeat" is also
// "0x07"; "CONTROL_NEW (0x0d)" is also "CONTROL_NEW" and "0x0d"; "\"hello\"" is also "hello".
struct ValueForms {
    QStringView full;
    QStringView unquoted; // null unless the text is quoted
    QStringView lead;     // empty unless the text has more after its first word
    QStringView trailer;  // empty unless the text ends in " (...)"

    explicit ValueForms(QStringView text) : full(text)
    {
        if (text.size() >= 2 && text.front() == u'"' && text.back() == u'"') {
            unquoted = text.sliced(1, text.size() - 2);
            return;
        }
        // Plain loops: values are short, and a library call per field costs more than the scan.
        qsizetype space = 0;
        while (space < text.size() && text[space] != u' ')
            ++space;
        if (space == text.size())
            return;
        if (space > 0)
            lead = text.first(space);
        if (text.back() == u')') {
            const qsizetype open = text.lastIndexOf(u" (");
            if (open > 0)
                trailer = text.sliced(open + 2, text.size() - open - 3);
        }
    }

    std::optional<FilterNumber> number() const
    {
        for (QStringView form : {full, lead, trailer}) {
            if (form.isEmpty())
                continue;
            if (auto n = parseFilterNumber(form))
                return n;
        }
        return std::nullopt; // a quoted value is text, even "\"300\""
    }

    bool textEquals(QStringView other, Qt::CaseSensitivity cs) const
    {
        return same(full, other, cs) || (!unquoted.isNull() && same(unquoted, other, cs))
               || (!lead.isEmpty() && same(lead, other, cs)) || (!trailer.isEmpty() && same(trailer, other, cs));
    }

    static bool same(QStringView a, QStringView b, Qt::CaseSensitivity cs)
    {
        return cs == Qt::CaseSensitive ? a == b : (a.size() == b.size() && a.compare(b, cs) == 0);
    }
};

bool valueEquals(const ValueForms& value, const Operand& operand, Qt::CaseSensitivity cs)
{
    if (operand.number) {
        // A plain number ("310") has no other forms: the numeric answer is the answer.
        if (const auto whole = parseFilterNumber(value.full))
            return whole->compare(*operand.number) == 0;
        if (const auto n = value.number(); n && n->compare(*operand.number) == 0)
            return true;
    }
    return value.textEquals(operand.text, cs);
}

bool orderHolds(CompareOp op, int order)
{
    switch (op) {
    case CompareOp::Lt: return order < 0;
    case CompareOp::Le: return order <= 0;
    case CompareOp::Gt: return order > 0;
    case CompareOp::Ge: return order >= 0;
    default: break;
    }
    return false;
}

bool inRange(const FilterNumber& value, const Operand& item)
{
    return item.number && item.high && value.compare(*item.number) >= 0 && value.compare(*item.high) <= 0;
}

// Text-valued keys: version, diag, field values.
bool compareText(const QString& text, const Test& test, Qt::CaseSensitivity cs)
{
    const ValueForms value(text);
    switch (test.op) {
    case CompareOp::Exists:
        return true;
    case CompareOp::Eq:
        return valueEquals(value, test.operands.front(), cs);
    case CompareOp::In:
        for (const Operand& item : test.operands) {
            if (item.high) {
                if (const auto n = value.number(); n && inRange(*n, item))
                    return true;
            } else if (valueEquals(value, item, cs)) {
                return true;
            }
        }
        return false;
    case CompareOp::Lt:
    case CompareOp::Le:
    case CompareOp::Gt:
    case CompareOp::Ge: {
        const Operand& operand = test.operands.front();
        if (operand.number) {
            const auto n = value.number();
            return n && orderHolds(test.op, n->compare(*operand.number));
        }
        const QStringView side = value.unquoted.isNull() ? value.full : value.unquoted;
        return orderHolds(test.op, side.compare(operand.text, cs));
    }
    case CompareOp::Contains:
        return text.contains(test.operands.front().text, Qt::CaseInsensitive);
    case CompareOp::Matches:
        return test.regex.match(text).hasMatch();
    }
    return false;
}

// Integer-valued keys: cmd, len, time (operands are numbers, checked by the parser).
bool compareNumber(const FilterNumber& value, const Test& test)
{
    switch (test.op) {
    case CompareOp::Exists:
        return true;
    case CompareOp::Eq:
        return value.compare(*test.operands.front().number) == 0;
    case CompareOp::In:
        for (const Operand& item : test.operands) {
            if (item.high ? inRange(value, item) : value.compare(*item.number) == 0)
                return true;
        }
        return false;
    case CompareOp::Lt:
    case CompareOp::Le:
    case CompareOp::Gt:
    case CompareOp::Ge:
        return orderHolds(test.op, value.compare(*test.operands.front().number));
    case CompareOp::Contains:
    case CompareOp::Matches:
        break;
    }
    return false;
}

// Enumerated keys: dir, proto, severity (operands carry their resolved ordinal).
bool compareOrdinal(int value, const Test& test)
{
    switch (test.op) {
    case CompareOp::Exists:
        return true;
    case CompareOp::Eq:
        return value == test.operands.front().ordinal;
    case CompareOp::In:
        for (const Operand& item : test.operands) {
            if (value == item.ordinal)
                return true;
        }
        return false;
    case CompareOp::Lt:
    case CompareOp::Le:
    case CompareOp::Gt:
    case CompareOp::Ge: {
        const int other = test.operands.front().ordinal;
        return orderHolds(test.op, value < other ? -1 : value > other ? 1 : 0);
    }
    case CompareOp::Contains:
    case CompareOp::Matches:
        break;
    }
    return false;
}

int protocolOrdinal(const QString& protocol)
{
    if (protocol == u"mcu" || protocol == u"tuyamcu")
        return 0;
    if (protocol == u"lan" || protocol == u"tuyalan")
        return 1;
    return -1;
}

bool isBad(const Dissection& d)
{
    if (d.checksum == ChecksumStatus::Bad)
        return true;
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (diagnostic.severity == Severity::Error)
            return true;
    }
    return false;
}

bool isWarn(const Dissection& d)
{
    if (d.checksum == ChecksumStatus::Bad)
        return true;
    for (const Diagnostic& diagnostic : d.diagnostics()) {
        if (int(diagnostic.severity) >= int(Severity::Warning))
            return true;
    }
    return false;
}

bool anyField(const Dissection& d, const QString& key, const Test& test)
{
    for (const Field& field : d.fields()) {
        if (field.key == key && compareText(field.value, test, Qt::CaseSensitive))
            return true;
    }
    return false;
}

bool childMatches(const Dissection& d, const Field& unit, const QString& key, const Test& test)
{
    for (int child : unit.children) {
        const Field& field = d.field(child);
        if (field.key == key && compareText(field.value, test, Qt::CaseSensitive))
            return true;
    }
    return false;
}

bool unitHasId(const Dissection& d, const Field& unit, const Operand& id)
{
    static const QString idKey = QStringLiteral("dp.id");
    for (int child : unit.children) {
        const Field& field = d.field(child);
        if (field.key == idKey && valueEquals(ValueForms(field.value), id, Qt::CaseSensitive))
            return true;
    }
    return false;
}

bool anyDpUnit(const Dissection& d, const Test& test)
{
    static const QString unitKey = QStringLiteral("dp");
    static const QString valueKey = QStringLiteral("dp.value");
    const QString& childKey = test.fieldKey.isEmpty() ? valueKey : test.fieldKey;
    for (const Field& unit : d.fields()) {
        if (unit.key != unitKey || !unitHasId(d, unit, test.dpId))
            continue;
        if (test.op == CompareOp::Exists && test.fieldKey.isEmpty())
            return true;
        if (childMatches(d, unit, childKey, test))
            return true;
    }
    return false;
}

bool evaluateTest(const Test& test, const FilterSubject& s)
{
    const Dissection* d = s.dissection;
    switch (test.key) {
    case KeyKind::Direction:
        return s.direction != Direction::Unknown || test.op != CompareOp::Exists
                   ? compareOrdinal(int(s.direction), test)
                   : false;
    case KeyKind::Protocol: {
        const int ordinal = protocolOrdinal(s.protocol);
        return ordinal >= 0 && compareOrdinal(ordinal, test);
    }
    case KeyKind::Version:
        return !s.version.isEmpty() && compareText(s.version, test, Qt::CaseSensitive);
    case KeyKind::Command:
        return s.command >= 0 && compareNumber(FilterNumber::fromInteger(s.command), test);
    case KeyKind::Length:
        return test.op == CompareOp::Exists ? s.length > 0 : compareNumber(FilterNumber::fromInteger(s.length), test);
    case KeyKind::Time:
        return s.timeUs != kUnknownTime && compareNumber(FilterNumber::fromInteger(s.timeUs), test);
    case KeyKind::Bad:
        return d && isBad(*d);
    case KeyKind::Warn:
        return d && isWarn(*d);
    case KeyKind::Diag:
        if (!d)
            return false;
        for (const Diagnostic& diagnostic : d->diagnostics()) {
            if (compareText(diagnostic.code, test, Qt::CaseInsensitive))
                return true;
        }
        return false;
    case KeyKind::Severity:
        if (!d || d->diagnostics().isEmpty())
            return false;
        return compareOrdinal(int(d->worstSeverity()), test);
    case KeyKind::Field:
        return d && anyField(*d, test.fieldKey, test);
    case KeyKind::DpUnit:
        return d && anyDpUnit(*d, test);
    }
    return false;
}

} // namespace

bool evaluateFilterNode(const FilterNode& node, const FilterSubject& subject)
{
    switch (node.kind) {
    case FilterNode::And:
        for (const auto& child : node.children) {
            if (!evaluateFilterNode(*child, subject))
                return false;
        }
        return true;
    case FilterNode::Or:
        for (const auto& child : node.children) {
            if (evaluateFilterNode(*child, subject))
                return true;
        }
        return false;
    case FilterNode::Not:
        return !evaluateFilterNode(*node.children.front(), subject);
    case FilterNode::Leaf:
        return evaluateTest(node.test, subject);
    }
    return false;
}

bool Filter::matches(const FilterSubject& subject) const
{
    return !m_root || evaluateFilterNode(*m_root, subject);
}

} // namespace tuyascope::filter
