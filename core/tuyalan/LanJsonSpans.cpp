#include "tuyalan/LanJsonSpans.h"

#include <QJsonArray>
#include <QJsonDocument>

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

} // namespace tuyascope::lan
