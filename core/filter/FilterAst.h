#pragma once
// The compiled form of a filter: a small tree built once by the parser. Everything that can be
// decided at parse time is (numbers parsed, enumerations resolved, regular expressions
// compiled), so evaluating a node reads the subject and compares, nothing more.

#include "filter/FilterKeys.h"
#include "filter/FilterNumber.h"

#include <QRegularExpression>
#include <QString>
#include <QVector>

#include <memory>
#include <vector>
#include <optional>

namespace tuyascope::filter {

enum class CompareOp { Exists, Eq, Lt, Le, Gt, Ge, Contains, Matches, In };

struct Operand {
    QString text;                      // literal text (unescaped for quoted strings)
    bool quoted = false;               // quoted strings always compare as text
    std::optional<FilterNumber> number; // set for unquoted numeric literals
    std::optional<FilterNumber> high;  // set for a range item low..high in a set
    int ordinal = -1;                  // resolved enumeration (direction, protocol, severity)
    int position = -1;                 // where the literal is in the filter text, for errors
    int length = 0;
};

struct Test {
    KeyKind key = KeyKind::Field;
    QString fieldKey;                 // Field: the key; DpUnit: the child key ("dp.value"), empty for the unit
    Operand dpId;                     // DpUnit: the id between the brackets
    CompareOp op = CompareOp::Exists;
    QVector<Operand> operands;        // one, or the members of a set for In
    QRegularExpression regex;         // Matches
};

// And/Or are n-ary so a long flat chain (a || b || c ...) is one node, not a deep tree: only
// parentheses and '!' nest, and the parser bounds that depth.
struct FilterNode {
    enum Kind { And, Or, Not, Leaf } kind = Leaf;
    std::vector<std::unique_ptr<FilterNode>> children; // And/Or: two or more; Not: one
    Test test;                                         // Leaf
};

struct FilterSubject;
bool evaluateFilterNode(const FilterNode& node, const FilterSubject& subject);

} // namespace tuyascope::filter
