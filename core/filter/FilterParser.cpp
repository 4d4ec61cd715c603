// Recursive-descent parser from tokens to the FilterNode tree. Every error names the token it
// is about, so the GUI can underline it.

#include "filter/Filter.h"
#include "filter/FilterAst.h"
#include "filter/FilterLexer.h"

namespace tuyascope::filter {

namespace {

const char16_t* const kReservedWords[] = {u"and", u"or", u"not", u"in", u"contains", u"matches",
                                          u"eq", u"ne", u"lt", u"le", u"gt", u"ge"};

bool isReserved(const QString& word)
{
    for (const char16_t* reserved : kReservedWords) {
        if (word.compare(QStringView(reserved), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString keyName(KeyKind kind)
{
    for (const KeyInfo& key : syntheticKeys()) {
        if (key.kind == kind)
            return key.name;
    }
    return QString();
}

int directionOrdinal(const QString& text)
{
    if (text.compare(u"unknown", Qt::CaseInsensitive) == 0)
        return int(Direction::Unknown);
    const Direction direction = directionFromKey(text);
    return direction == Direction::Unknown ? -1 : int(direction);
}

int protocolOrdinal(const QString& text)
{
    const QString t = text.toLower();
    if (t == u"mcu" || t == u"tuyamcu")
        return 0;
    if (t == u"lan" || t == u"tuyalan")
        return 1;
    return -1;
}

int severityOrdinal(const QString& text)
{
    const QString t = text.toLower();
    if (t == u"chat")
        return int(Severity::Chat);
    if (t == u"note")
        return int(Severity::Note);
    if (t == u"warning" || t == u"warn")
        return int(Severity::Warning);
    if (t == u"error")
        return int(Severity::Error);
    return -1;
}

struct ParseError {
    QString message;
    int position = -1;
    int length = 0;
};

class Parser {
public:
    Parser(QVector<FilterToken> tokens) : m_tokens(std::move(tokens)) {}

    std::unique_ptr<FilterNode> run()
    {
        auto root = parseOr();
        if (!root)
            return nullptr;
        const FilterToken& t = peek();
        if (t.kind == FilterToken::RParen)
            return fail(QStringLiteral("')' without a matching '('"), t);
        if (t.kind != FilterToken::End)
            return fail(QStringLiteral("expected '&&' or '||' before '%1'").arg(t.text), t);
        return root;
    }

    const ParseError& error() const { return m_error; }
    bool needsDissection() const { return m_needsDissection; }

private:
    const FilterToken& peek(int ahead = 0) const
    {
        return m_tokens.at(qMin(m_index + ahead, int(m_tokens.size()) - 1));
    }
    const FilterToken& take() { return m_tokens.at(qMin(m_index++, int(m_tokens.size()) - 1)); }

    static bool isWord(const FilterToken& t, const char16_t* word)
    {
        return t.kind == FilterToken::Word && t.text.compare(QStringView(word), Qt::CaseInsensitive) == 0;
    }

    std::nullptr_t fail(const QString& message, int position, int length)
    {
        if (m_error.position < 0)
            m_error = {message, position, length};
        return nullptr;
    }
    std::nullptr_t fail(const QString& message, const FilterToken& t) { return fail(message, t.position, t.length); }

    static std::unique_ptr<FilterNode> negation(std::unique_ptr<FilterNode> operand)
    {
        auto node = std::make_unique<FilterNode>();
        node->kind = FilterNode::Not;
        node->children.push_back(std::move(operand));
        return node;
    }

    // operand { separator operand }, gathered into one n-ary node.
    template<typename ParseOperand>
    std::unique_ptr<FilterNode> parseChain(FilterNode::Kind kind, FilterToken::Kind symbol, const char16_t* word,
                                           ParseOperand parseOperand)
    {
        auto first = parseOperand();
        if (!first || !(peek().kind == symbol || isWord(peek(), word)))
            return first;
        auto node = std::make_unique<FilterNode>();
        node->kind = kind;
        node->children.push_back(std::move(first));
        while (peek().kind == symbol || isWord(peek(), word)) {
            take();
            auto next = parseOperand();
            if (!next)
                return nullptr;
            node->children.push_back(std::move(next));
        }
        return node;
    }

    std::unique_ptr<FilterNode> parseOr()
    {
        return parseChain(FilterNode::Or, FilterToken::OrOr, u"or", [this] { return parseAnd(); });
    }

    std::unique_ptr<FilterNode> parseAnd()
    {
        return parseChain(FilterNode::And, FilterToken::AndAnd, u"and", [this] { return parseUnary(); });
    }

    std::unique_ptr<FilterNode> parseUnary()
    {
        // Depth guard: "((((..." or "!!!!..." must not exhaust the stack.
        if (++m_depth > kMaxDepth)
            return fail(QStringLiteral("expression nested too deeply"), peek());
        auto node = parseUnaryInner();
        --m_depth;
        return node;
    }

    std::unique_ptr<FilterNode> parseUnaryInner()
    {
        const FilterToken& t = peek();
        if (t.kind == FilterToken::Bang || isWord(t, u"not")) {
            take();
            auto operand = parseUnary();
            return operand ? negation(std::move(operand)) : nullptr;
        }
        if (t.kind == FilterToken::LParen) {
            const FilterToken& open = take();
            auto inner = parseOr();
            if (!inner)
                return nullptr;
            if (peek().kind == FilterToken::RParen) {
                take();
                return inner;
            }
            if (peek().kind == FilterToken::End)
                return fail(QStringLiteral("'(' is never closed"), open);
            return fail(QStringLiteral("expected ')', '&&' or '||' before '%1'").arg(peek().text), peek());
        }
        return parseTest();
    }

    std::unique_ptr<FilterNode> parseTest()
    {
        const FilterToken& t = peek();
        switch (t.kind) {
        case FilterToken::End:
            return fail(m_index == 0 ? QStringLiteral("expected a field name")
                                     : QStringLiteral("the filter ends early: expected a field name"),
                        t);
        case FilterToken::Number:
        case FilterToken::String:
            return fail(QStringLiteral("expected a field name before the value '%1'").arg(t.text), t);
        case FilterToken::Word:
            if (isReserved(t.text))
                return fail(QStringLiteral("expected a field name, found the keyword '%1'").arg(t.text), t);
            break;
        default:
            return fail(QStringLiteral("expected a field name, found '%1'").arg(t.text), t);
        }

        auto node = std::make_unique<FilterNode>();
        Test& test = node->test;
        const FilterToken& keyToken = take();
        const QString name = keyToken.text.toLower();
        if (name == u"dp" && peek().kind == FilterToken::LBracket) {
            if (!parseDpUnitKey(test))
                return nullptr;
        } else if (const auto kind = syntheticKey(name)) {
            test.key = *kind;
        } else if (isKnownFieldKey(name)) {
            test.key = KeyKind::Field;
            test.fieldKey = name;
        } else {
            return fail(QStringLiteral("unknown field '%1'").arg(keyToken.text), keyToken);
        }
        const QString keyText = keyToken.text + (test.key == KeyKind::DpUnit ? QStringLiteral("[..]") : QString());
        m_needsDissection = m_needsDissection || !isLightKey(test.key);

        bool negate = false;
        const FilterToken& opToken = peek();
        if (!parseOperator(test.op, negate)) {
            if (m_error.position >= 0)
                return nullptr;
            // No operator: a bare key. A value right after it is a missing operator.
            const FilterToken& next = peek();
            if (next.kind == FilterToken::Number || next.kind == FilterToken::String
                || (next.kind == FilterToken::Word && !isReserved(next.text)))
                return fail(QStringLiteral("expected an operator (==, !=, <, >, contains, matches, in) after '%1'")
                                .arg(keyToken.text),
                            next);
            test.op = CompareOp::Exists;
        } else if (test.op == CompareOp::In) {
            if (!parseSet(test.operands))
                return nullptr;
        } else {
            Operand operand;
            if (!parseValue(operand, opToken))
                return nullptr;
            test.operands.push_back(std::move(operand));
        }
        if (!resolve(test, keyText, opToken, negate))
            return nullptr;
        return negate ? negation(std::move(node)) : std::move(node);
    }

    // dp[ID] [. child]
    bool parseDpUnitKey(Test& test)
    {
        const FilterToken& open = take();
        const FilterToken& id = peek();
        if (id.kind != FilterToken::Number && id.kind != FilterToken::String && id.kind != FilterToken::Word) {
            fail(QStringLiteral("expected a DP id inside 'dp[ ]'"), id.kind == FilterToken::End ? open : id);
            return false;
        }
        if (!parseValue(test.dpId, open))
            return false;
        if (peek().kind != FilterToken::RBracket) {
            fail(QStringLiteral("expected ']' after the DP id"), peek());
            return false;
        }
        take();
        test.key = KeyKind::DpUnit;
        if (peek().kind != FilterToken::Dot)
            return true;
        const FilterToken& dot = take();
        const FilterToken& child = peek();
        if (child.kind != FilterToken::Word || !isDpUnitChild(child.text.toLower())) {
            fail(QStringLiteral("a DP unit has value, type, len and id"), child.kind == FilterToken::End ? dot : child);
            return false;
        }
        test.fieldKey = QStringLiteral("dp.") + take().text.toLower();
        return true;
    }

    // False with no error when the next token is not an operator.
    bool parseOperator(CompareOp& op, bool& negate)
    {
        const FilterToken& t = peek();
        negate = false;
        switch (t.kind) {
        case FilterToken::Eq: op = CompareOp::Eq; break;
        case FilterToken::Ne: op = CompareOp::Eq; negate = true; break;
        case FilterToken::Lt: op = CompareOp::Lt; break;
        case FilterToken::Le: op = CompareOp::Le; break;
        case FilterToken::Gt: op = CompareOp::Gt; break;
        case FilterToken::Ge: op = CompareOp::Ge; break;
        case FilterToken::Tilde: op = CompareOp::Matches; break;
        case FilterToken::Word: {
            struct WordOp {
                const char16_t* word;
                CompareOp op;
                bool negate;
            };
            static const WordOp wordOps[] = {
                {u"eq", CompareOp::Eq, false}, {u"ne", CompareOp::Eq, true},  {u"lt", CompareOp::Lt, false},
                {u"le", CompareOp::Le, false}, {u"gt", CompareOp::Gt, false}, {u"ge", CompareOp::Ge, false},
                {u"contains", CompareOp::Contains, false}, {u"matches", CompareOp::Matches, false},
                {u"in", CompareOp::In, false},
            };
            for (const WordOp& w : wordOps) {
                if (isWord(t, w.word)) {
                    op = w.op;
                    negate = w.negate;
                    take();
                    return true;
                }
            }
            if (isWord(t, u"not") && isWord(peek(1), u"in")) {
                op = CompareOp::In;
                negate = true;
                take();
                take();
                return true;
            }
            return false;
        }
        default:
            return false;
        }
        take();
        return true;
    }

    bool parseValue(Operand& operand, const FilterToken& after)
    {
        const FilterToken& t = peek();
        operand.position = t.position;
        operand.length = t.length;
        switch (t.kind) {
        case FilterToken::Number:
            operand.number = parseFilterNumber(t.text);
            if (!operand.number) {
                fail(QStringLiteral("'%1' is not a number (decimal, 0x hex or a decimal fraction)").arg(t.text), t);
                return false;
            }
            operand.text = take().text;
            return true;
        case FilterToken::String:
            operand.quoted = true;
            operand.text = take().text;
            return true;
        case FilterToken::Word:
            if (isReserved(t.text)) {
                fail(QStringLiteral("expected a value after '%1', found the keyword '%2'").arg(after.text, t.text), t);
                return false;
            }
            operand.text = take().text;
            return true;
        case FilterToken::End:
            fail(QStringLiteral("expected a value after '%1'").arg(after.text), t);
            return false;
        default:
            fail(QStringLiteral("expected a value after '%1', found '%2'").arg(after.text, t.text), t);
            return false;
        }
    }

    // { item [,] item ... } with item := value | number .. number
    bool parseSet(QVector<Operand>& items)
    {
        const FilterToken& open = peek();
        if (open.kind != FilterToken::LBrace) {
            fail(QStringLiteral("expected '{' after 'in', e.g. in {1 2 3}"), open);
            return false;
        }
        take();
        while (peek().kind != FilterToken::RBrace) {
            if (peek().kind == FilterToken::End) {
                fail(QStringLiteral("'{' is never closed"), open);
                return false;
            }
            if (peek().kind == FilterToken::Comma && !items.isEmpty()) {
                take();
                continue;
            }
            const FilterToken& itemToken = peek();
            Operand item;
            if (!parseValue(item, open))
                return false;
            if (peek().kind == FilterToken::DotDot) {
                const FilterToken& dots = take();
                Operand high;
                if (!parseValue(high, dots))
                    return false;
                const FilterToken& last = m_tokens.at(m_index - 1);
                if (!item.number || !high.number) {
                    fail(QStringLiteral("a range needs numbers on both sides"), itemToken.position,
                         last.position + last.length - itemToken.position);
                    return false;
                }
                item.high = high.number;
                item.length = last.position + last.length - item.position;
            }
            items.push_back(std::move(item));
        }
        take();
        if (items.isEmpty()) {
            fail(QStringLiteral("the set is empty"), open);
            return false;
        }
        return true;
    }

    // Per-key checks that need the key and its operands together.
    bool resolve(Test& test, const QString& keyText, const FilterToken& opToken, bool& negate)
    {
        const QString key = test.key == KeyKind::Field || test.key == KeyKind::DpUnit ? keyText : keyName(test.key);
        const bool ordering = test.op == CompareOp::Lt || test.op == CompareOp::Le || test.op == CompareOp::Gt
                              || test.op == CompareOp::Ge;
        const bool textOp = test.op == CompareOp::Contains || test.op == CompareOp::Matches;
        auto operandError = [&](const QString& message, const Operand& operand) {
            fail(message, operand.position, operand.length);
            return false;
        };
        auto badOperator = [&](const QString& allowed) {
            fail(QStringLiteral("'%1' takes %2, not '%3'").arg(key, allowed, opToken.text), opToken);
            return false;
        };

        switch (test.key) {
        case KeyKind::Direction:
        case KeyKind::Protocol:
        case KeyKind::Severity: {
            if (textOp || (ordering && test.key != KeyKind::Severity))
                return badOperator(test.key == KeyKind::Severity ? QStringLiteral("==, !=, <, <=, >, >= or in")
                                                                 : QStringLiteral("==, != or in"));
            for (Operand& operand : test.operands) {
                if (operand.high)
                    return operandError(QStringLiteral("'%1' takes names, not ranges").arg(key), operand);
                operand.ordinal = test.key == KeyKind::Direction  ? directionOrdinal(operand.text)
                                  : test.key == KeyKind::Protocol ? protocolOrdinal(operand.text)
                                                                  : severityOrdinal(operand.text);
                if (operand.ordinal < 0)
                    return operandError(
                        test.key == KeyKind::Direction
                            ? QStringLiteral("unknown direction '%1' (mcu, module, app, device, mcu->module, "
                                             "module->mcu, app->device, device->app, unknown)").arg(operand.text)
                        : test.key == KeyKind::Protocol
                            ? QStringLiteral("unknown protocol '%1' (mcu or lan)").arg(operand.text)
                            : QStringLiteral("unknown severity '%1' (chat, note, warning, error)").arg(operand.text),
                        operand);
            }
            return true;
        }
        case KeyKind::Command:
        case KeyKind::Length:
        case KeyKind::Time:
            if (textOp)
                return badOperator(QStringLiteral("numbers: ==, !=, <, <=, >, >= or in"));
            for (const Operand& operand : test.operands) {
                if (!operand.number)
                    return operandError(QStringLiteral("'%1' is a number; '%2' is not").arg(key, operand.text), operand);
            }
            return true;
        case KeyKind::Bad:
        case KeyKind::Warn:
            // A flag: bare, negated, or compared with true/false.
            if (test.op == CompareOp::Exists)
                return true;
            if (test.op == CompareOp::Eq) {
                const QString value = test.operands.front().text.toLower();
                if (value == u"true" || value == u"1") {
                    test.operands.clear();
                    test.op = CompareOp::Exists;
                    return true;
                }
                if (value == u"false" || value == u"0") {
                    test.operands.clear();
                    test.op = CompareOp::Exists;
                    negate = !negate;
                    return true;
                }
                return operandError(QStringLiteral("'%1' is true or false").arg(key), test.operands.front());
            }
            return badOperator(QStringLiteral("no operator (write '%1' or '!%1')").arg(key));
        case KeyKind::Version:
        case KeyKind::Diag:
        case KeyKind::Field:
        case KeyKind::DpUnit:
            break;
        }
        if (test.op == CompareOp::Matches) {
            const Operand& pattern = test.operands.front();
            test.regex.setPattern(pattern.text);
            if (!test.regex.isValid()) {
                const FilterToken& valueToken = m_tokens.at(m_index - 1);
                fail(QStringLiteral("invalid regular expression: %1").arg(test.regex.errorString()), valueToken);
                return false;
            }
            test.regex.optimize();
        }
        return true;
    }

    static constexpr int kMaxDepth = 200;
    QVector<FilterToken> m_tokens;
    int m_index = 0;
    int m_depth = 0;
    ParseError m_error;
    bool m_needsDissection = false;
};

} // namespace

FilterParseResult parseFilter(const QString& text)
{
    FilterParseResult result;
    if (text.trimmed().isEmpty()) {
        result.ok = true;
        result.filter.m_text = text;
        return result;
    }
    FilterLexResult lexed = lexFilter(text);
    if (lexed.errorPosition >= 0) {
        result.error = lexed.error;
        result.position = lexed.errorPosition;
        result.length = lexed.errorLength;
        return result;
    }
    Parser parser(std::move(lexed.tokens));
    std::unique_ptr<FilterNode> root = parser.run();
    if (!root) {
        result.error = parser.error().message;
        result.position = parser.error().position;
        result.length = parser.error().length;
        return result;
    }
    result.ok = true;
    result.filter.m_root = std::move(root);
    result.filter.m_needsDissection = parser.needsDissection();
    result.filter.m_text = text;
    return result;
}

} // namespace tuyascope::filter
