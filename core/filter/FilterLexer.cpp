#include "filter/FilterLexer.h"
#include "common/Hex.h"

namespace tuyascope::filter {

namespace {

bool isWordStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-'; }
bool isAsciiDigit(QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; }


class Lexer {
public:
    explicit Lexer(const QString& text) : m_text(text) {}

    FilterLexResult run()
    {
        while (m_result.errorPosition < 0) {
            skipSpace();
            if (m_pos >= m_text.size()) {
                push(FilterToken::End, m_pos, 0);
                break;
            }
            next();
        }
        if (m_result.errorPosition >= 0)
            m_result.tokens.clear();
        return m_result;
    }

private:
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text.at(i) : QChar(); }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    void push(FilterToken::Kind kind, qsizetype start, qsizetype length, const QString& text = QString())
    {
        FilterToken t;
        t.kind = kind;
        t.position = int(start);
        t.length = int(length);
        t.text = text.isNull() ? m_text.mid(start, length) : text;
        m_result.tokens.push_back(std::move(t));
        m_pos = start + length;
    }

    void fail(const QString& message, qsizetype start, qsizetype length)
    {
        m_result.error = message;
        m_result.errorPosition = int(start);
        m_result.errorLength = int(qMax<qsizetype>(length, 0));
    }

    void next()
    {
        const qsizetype start = m_pos;
        const QChar c = at(start);
        const QChar c1 = at(start + 1);
        if (c == u'"' || c == u'\'')
            return string(c);
        if (isAsciiDigit(c) || ((c == u'-' || c == u'+') && (isAsciiDigit(c1))))
            return number();
        if (isWordStart(c))
            return word();
        switch (c.unicode()) {
        case u'(': return push(FilterToken::LParen, start, 1);
        case u')': return push(FilterToken::RParen, start, 1);
        case u'{': return push(FilterToken::LBrace, start, 1);
        case u'}': return push(FilterToken::RBrace, start, 1);
        case u'[': return push(FilterToken::LBracket, start, 1);
        case u']': return push(FilterToken::RBracket, start, 1);
        case u',': return push(FilterToken::Comma, start, 1);
        case u'~': return push(FilterToken::Tilde, start, 1);
        case u'.': return c1 == u'.' ? push(FilterToken::DotDot, start, 2) : push(FilterToken::Dot, start, 1);
        case u'=':
            if (c1 == u'=')
                return push(FilterToken::Eq, start, 2);
            return fail(QStringLiteral("'=' is not an operator; use '==' to compare"), start, 1);
        case u'!': return c1 == u'=' ? push(FilterToken::Ne, start, 2) : push(FilterToken::Bang, start, 1);
        case u'<': return c1 == u'=' ? push(FilterToken::Le, start, 2) : push(FilterToken::Lt, start, 1);
        case u'>': return c1 == u'=' ? push(FilterToken::Ge, start, 2) : push(FilterToken::Gt, start, 1);
        case u'&':
            if (c1 == u'&')
                return push(FilterToken::AndAnd, start, 2);
            return fail(QStringLiteral("'&' is not an operator; use '&&' or 'and'"), start, 1);
        case u'|':
            if (c1 == u'|')
                return push(FilterToken::OrOr, start, 2);
            return fail(QStringLiteral("'|' is not an operator; use '||' or 'or'"), start, 1);
        default:
            break;
        }
        fail(QStringLiteral("unexpected character '%1'").arg(c), start, 1);
    }

    // Words may carry dots (dp.id) and the arrow of a direction (mcu->module); ".." ends a word
    // so ranges read naturally.
    void word()
    {
        const qsizetype start = m_pos;
        qsizetype i = start + 1;
        while (i < m_text.size() && isWordChar(m_text.at(i))) {
            if (m_text.at(i) == u'.' && at(i + 1) == u'.')
                break;
            if (m_text.at(i) == u'-' && at(i + 1) == u'>')
                ++i;
            ++i;
        }
        push(FilterToken::Word, start, i - start);
    }

    // A number token runs over every character a number or a typo of one may hold, so "12ab"
    // is one bad number rather than a number followed by a word.
    void number()
    {
        const qsizetype start = m_pos;
        qsizetype i = start + 1;
        while (i < m_text.size()) {
            const QChar c = m_text.at(i);
            if (c == u'.' && at(i + 1) == u'.')
                break;
            if ((c == u'-' || c == u'+') && (at(i - 1) == u'e' || at(i - 1) == u'E')
                && !(at(start) == u'0' && (at(start + 1) == u'x' || at(start + 1) == u'X'))) {
                ++i;
                continue;
            }
            if (!(c.isLetterOrNumber() || c == u'_' || c == u'.'))
                break;
            ++i;
        }
        push(FilterToken::Number, start, i - start);
    }

    void string(QChar quote)
    {
        const qsizetype start = m_pos;
        QString value;
        qsizetype i = start + 1;
        while (i < m_text.size()) {
            const QChar c = m_text.at(i);
            if (c == quote) {
                push(FilterToken::String, start, i + 1 - start);
                m_result.tokens.last().text = value;
                return;
            }
            if (c != u'\\') {
                value += c;
                ++i;
                continue;
            }
            const QChar e = at(i + 1);
            switch (e.unicode()) {
            case u'\\': value += u'\\'; i += 2; continue;
            case u'"': value += u'"'; i += 2; continue;
            case u'\'': value += u'\''; i += 2; continue;
            case u'n': value += u'\n'; i += 2; continue;
            case u'r': value += u'\r'; i += 2; continue;
            case u't': value += u'\t'; i += 2; continue;
            case u'0': value += QChar(u'\0'); i += 2; continue;
            case u'x':
            case u'u': {
                const int digits = e == u'x' ? 2 : 4;
                int code = 0;
                for (int k = 0; k < digits; ++k) {
                    const int h = hexDigitValue(at(i + 2 + k));
                    if (h < 0)
                        return fail(QStringLiteral("'\\%1' needs %2 hex digits").arg(e).arg(digits), i,
                                    qMin<qsizetype>(2 + digits, m_text.size() - i));
                    code = code * 16 + h;
                }
                value += QChar(char16_t(code));
                i += 2 + digits;
                continue;
            }
            default:
                break;
            }
            if (i + 1 >= m_text.size())
                break; // a lone backslash at the end: unterminated
            return fail(QStringLiteral("unknown escape '\\%1' (use \\\\ \\\" \\' \\n \\r \\t \\0 \\xHH \\uHHHH)").arg(e),
                        i, 2);
        }
        fail(QStringLiteral("unterminated string: missing closing %1").arg(quote), start, m_text.size() - start);
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    FilterLexResult m_result;
};

} // namespace

FilterLexResult lexFilter(const QString& text)
{
    return Lexer(text).run();
}

} // namespace tuyascope::filter
