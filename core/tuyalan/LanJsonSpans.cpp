#include "tuyalan/LanJsonSpans.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

namespace tuyascope::lan {

namespace {

class Locator {
public:
    explicit Locator(QByteArrayView text) : m_t(text) {}

    bool wholeObject(QVector<JsonMember>& members)
    {
        skipSpace();
        if (!object(members, 0))
            return false;
        skipSpace();
        return m_p == m_t.size();
    }

private:
    bool atEnd() const { return m_p >= m_t.size(); }
    char peek() const { return atEnd() ? '\0' : m_t[m_p]; }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_p;
    }

    // At a quote: moves past the closing quote.
    bool string()
    {
        if (peek() != '"')
            return false;
        ++m_p;
        while (!atEnd()) {
            const char c = m_t[m_p++];
            if (c == '\\') {
                if (atEnd())
                    return false;
                ++m_p;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    // Numbers and true/false/null: everything up to a delimiter.
    bool scalar()
    {
        const qsizetype start = m_p;
        while (!atEnd()) {
            const char c = peek();
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                break;
            ++m_p;
        }
        return m_p > start;
    }

    bool value(JsonKind& kind, QVector<JsonMember>* members, int depth)
    {
        if (depth > kMaxJsonDepth)
            return false;
        const char c = peek();
        if (c == '{') {
            kind = JsonKind::Object;
            QVector<JsonMember> ignored;
            return object(members ? *members : ignored, depth + 1);
        }
        if (c == '[') {
            kind = JsonKind::Array;
            return array(depth + 1);
        }
        if (c == '"') {
            kind = JsonKind::String;
            return string();
        }
        kind = (c == '-' || (c >= '0' && c <= '9')) ? JsonKind::Number : JsonKind::Literal;
        return scalar();
    }

    bool array(int depth)
    {
        ++m_p; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_p;
            return true;
        }
        while (true) {
            skipSpace();
            JsonKind kind;
            if (!value(kind, nullptr, depth))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_p;
                continue;
            }
            if (peek() == ']') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    bool object(QVector<JsonMember>& members, int depth)
    {
        if (peek() != '{' || depth > kMaxJsonDepth)
            return false;
        ++m_p;
        skipSpace();
        if (peek() == '}') {
            ++m_p;
            return true;
        }
        while (true) {
            skipSpace();
            JsonMember m;
            m.offset = m.nameOffset = m_p;
            if (!string())
                return false;
            m.nameLength = m_p - m.nameOffset;
            m.name = decodeName(m_t.sliced(m.nameOffset, m.nameLength));
            skipSpace();
            if (peek() != ':')
                return false;
            ++m_p;
            skipSpace();
            m.valueOffset = m_p;
            if (!value(m.kind, &m.members, depth))
                return false;
            m.valueLength = m_p - m.valueOffset;
            m.length = m_p - m.offset;
            members.push_back(std::move(m));
            skipSpace();
            if (peek() == ',') {
                ++m_p;
                continue;
            }
            if (peek() == '}') {
                ++m_p;
                return true;
            }
            return false;
        }
    }

    // A quoted name; escapes are rare in Tuya JSON, so QJsonDocument decodes only those.
    static QString decodeName(QByteArrayView quoted)
    {
        const QByteArrayView inner = quoted.sliced(1, quoted.size() - 2);
        if (!inner.contains('\\'))
            return QString::fromUtf8(inner);
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + quoted.toByteArray() + "]");
        return doc.isArray() ? doc.array().at(0).toString() : QString::fromUtf8(inner);
    }

    QByteArrayView m_t;
    qsizetype m_p = 0;
};

} // namespace

bool locateJsonMembers(QByteArrayView text, QVector<JsonMember>& members)
{
    members.clear();
    Locator locator(text);
    return locator.wholeObject(members);
}

namespace {

// A structural JSON scanner over one object that keeps only the DP spans (see header). It runs
// once per frame on the fast path, so it walks raw pointers and never allocates.
class DpScanner {
public:
    DpScanner(QByteArrayView text, std::vector<JsonDpSpan>& dps)
        : m_p(text.data()), m_end(text.data() + text.size()), m_dps(dps)
    {
    }

    bool run()
    {
        skipSpace();
        if (peek() != '{' || !object(Role::Top, 1))
            return false;
        skipSpace();
        if (m_p != m_end)
            return false;
        const int chosen = m_topHasDps ? m_topDpsGroup : m_dataDpsGroup;
        size_t kept = 0;
        for (size_t i = 0; i < m_dps.size(); ++i) {
            if (chosen < 0 || m_dps[i].group != chosen || repeatedLater(i))
                continue;
            m_dps[kept++] = m_dps[i];
        }
        m_dps.resize(kept);
        return true;
    }

private:
    enum class Role : quint8 { Top, Data, Dps, Other };

    // A DP id given again later in the same object: the later one counts (QJsonObject).
    bool repeatedLater(size_t i) const
    {
        for (size_t j = i + 1; j < m_dps.size(); ++j) {
            if (m_dps[j].group == m_dps[i].group && sameBytes(m_dps[j].id, m_dps[i].id))
                return true;
        }
        return false;
    }

    static bool sameBytes(QByteArrayView a, QByteArrayView b) // DP ids are a few bytes: no libc call
    {
        if (a.size() != b.size())
            return false;
        for (qsizetype k = 0; k < a.size(); ++k) {
            if (a[k] != b[k])
                return false;
        }
        return true;
    }

    char peek() const { return m_p < m_end ? *m_p : '\0'; }

    // Hot loops work on a local pointer: a char read may alias m_p, which would force the
    // member to memory on every byte.
    void skipSpace()
    {
        const char* p = m_p;
        while (p < m_end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            ++p;
        m_p = p;
    }

    static bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    static bool named(const char* name, qsizetype size, const char (&word)[4]) // "dps"
    {
        return size == 3 && name[0] == word[0] && name[1] == word[1] && name[2] == word[2];
    }
    static bool named(const char* name, qsizetype size, const char (&word)[5]) // "data"
    {
        return size == 4 && name[0] == word[0] && name[1] == word[1] && name[2] == word[2] && name[3] == word[3];
    }

    // At a quote: moves past the closing quote. As lenient as QJsonDocument: raw control
    // characters and any escaped character pass, except a \u without four hex digits; bytes
    // above 0x7F must be well-formed UTF-8.
    bool string()
    {
        const char* p = m_p + 1; // after '"'
        const char* const end = m_end;
        while (p < end) {
            const auto c = quint8(*p++);
            if (c == '"') {
                m_p = p;
                return true;
            }
            if (c < 0x80 && c != '\\')
                continue;
            if (c >= 0x80) {
                if (!utf8Tail(c, p))
                    return false;
                continue;
            }
            if (p >= end)
                return false;
            if (*p++ == 'u') {
                if (end - p < 4 || !isHex(p[0]) || !isHex(p[1]) || !isHex(p[2]) || !isHex(p[3]))
                    return false;
                p += 4;
            }
        }
        return false;
    }

    // The continuation bytes of a UTF-8 sequence led by lead: no overlongs, no surrogates,
    // nothing above U+10FFFF.
    bool utf8Tail(quint8 lead, const char*& p) const
    {
        int more = 0;
        quint8 low = 0x80, high = 0xBF; // allowed range of the first continuation byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (m_end - p < more)
            return false;
        for (int i = 0; i < more; ++i) {
            const auto b = quint8(*p++);
            if (b < (i == 0 ? low : 0x80) || b > (i == 0 ? high : 0xBF))
                return false;
        }
        return true;
    }

    bool digits()
    {
        const char* p = m_p;
        while (p < m_end && isDigit(*p))
            ++p;
        const bool any = p > m_p;
        m_p = p;
        return any;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_p;
        if (peek() == '0')
            ++m_p;
        else if (!digits())
            return false;
        if (peek() == '.') {
            ++m_p;
            if (!digits())
                return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_p;
            if (peek() == '+' || peek() == '-')
                ++m_p;
            if (!digits())
                return false;
        }
        return true;
    }

    template <size_t N>
    bool literal(const char (&word)[N])
    {
        constexpr qsizetype size = qsizetype(N) - 1;
        if (m_end - m_p < size || std::memcmp(m_p, word, size_t(size)) != 0)
            return false;
        m_p += size;
        return true;
    }

    bool value(Role role, int depth)
    {
        switch (peek()) {
        case '{': return object(role, depth + 1);
        case '[': return array(depth + 1);
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }

    bool array(int depth)
    {
        if (depth > kMaxJsonDepth)
            return false;
        ++m_p; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_p;
            return true;
        }
        while (true) {
            skipSpace();
            if (!value(Role::Other, depth))
                return false;
            skipSpace();
            const char c = peek();
            if (m_p == m_end)
                return false;
            ++m_p;
            if (c == ']')
                return true;
            if (c != ',')
                return false;
        }
    }

    bool object(Role role, int depth)
    {
        if (depth > kMaxJsonDepth)
            return false;
        const int group = role == Role::Dps ? ++m_groups : -1;
        ++m_p; // '{'
        skipSpace();
        if (peek() == '}') {
            ++m_p;
            return true;
        }
        while (true) {
            skipSpace();
            if (peek() != '"')
                return false;
            const char* name = m_p + 1;
            if (!string())
                return false;
            const qsizetype nameSize = m_p - 1 - name;
            skipSpace();
            if (peek() != ':')
                return false;
            ++m_p;
            skipSpace();
            const char* valueStart = m_p;
            const bool isObject = peek() == '{';
            Role inner = Role::Other;
            if (role == Role::Top && named(name, nameSize, "dps")) {
                m_topHasDps = true;
                m_topDpsGroup = isObject ? m_groups + 1 : -1;
                inner = Role::Dps;
            } else if (role == Role::Top && named(name, nameSize, "data")) {
                m_dataDpsGroup = -1; // a later "data" replaces an earlier one
                inner = Role::Data;
            } else if (role == Role::Data && named(name, nameSize, "dps")) {
                m_dataDpsGroup = isObject ? m_groups + 1 : -1;
                inner = Role::Dps;
            }
            if (!value(isObject ? inner : Role::Other, depth))
                return false;
            if (role == Role::Dps) {
                JsonDpSpan& dp = m_dps.emplace_back(); // filled in place: no temporary to copy
                dp.id = QByteArrayView(name, nameSize);
                dp.value = QByteArrayView(valueStart, m_p - valueStart);
                dp.group = group;
            }
            skipSpace();
            const char c = peek();
            if (m_p == m_end)
                return false;
            ++m_p;
            if (c == '}')
                return true;
            if (c != ',')
                return false;
        }
    }

    const char* m_p;
    const char* m_end;
    std::vector<JsonDpSpan>& m_dps;
    int m_groups = 0;
    bool m_topHasDps = false;
    int m_topDpsGroup = -1;
    int m_dataDpsGroup = -1;
};

} // namespace

bool scanJsonDps(QByteArrayView text, std::vector<JsonDpSpan>& dps)
{
    dps.clear();
    DpScanner scanner(text, dps);
    if (scanner.run())
        return true;
    dps.clear();
    return false;
}

} // namespace tuyascope::lan
