#include "dissect/Dissection.h"

namespace tuyascope {

QString checksumStatusName(ChecksumStatus status)
{
    switch (status) {
    case ChecksumStatus::NotPresent: return QStringLiteral("not present");
    case ChecksumStatus::Unverified: return QStringLiteral("unverified");
    case ChecksumStatus::Good: return QStringLiteral("good");
    case ChecksumStatus::Bad: return QStringLiteral("bad");
    }
    return QString();
}

int Dissection::addSource(const QString& name, const QByteArray& bytes)
{
    m_sources.push_back({name, bytes});
    return int(m_sources.size() - 1);
}

int Dissection::addField(int parent, const QString& name, const QString& key, const QString& value,
                         int offset, int length, int source)
{
    Field f;
    f.name = name;
    f.key = key;
    f.value = value;
    f.source = source;
    f.offset = offset;
    f.length = length;
    f.parent = parent;
    m_fields.push_back(std::move(f));
    const int index = int(m_fields.size() - 1);
    if (parent < 0)
        m_topLevel.push_back(index);
    else
        m_fields[parent].children.push_back(index);
    return index;
}

int Dissection::addDiagnostic(Severity severity, const QString& code, const QString& message, int field,
                              int offset, int length, int source)
{
    Diagnostic d;
    d.severity = severity;
    d.code = code;
    d.message = message;
    d.field = field;
    d.source = source;
    if (offset < 0 && field >= 0) {
        d.offset = m_fields.at(field).offset;
        d.length = m_fields.at(field).length;
        d.source = m_fields.at(field).source;
    } else {
        d.offset = offset;
        d.length = length;
    }
    m_diagnostics.push_back(std::move(d));
    return int(m_diagnostics.size() - 1);
}

int Dissection::findField(const QString& key, int from) const
{
    for (int i = from; i < m_fields.size(); ++i) {
        if (m_fields.at(i).key == key)
            return i;
    }
    return -1;
}

bool Dissection::hasDiagnostic(const QString& code) const
{
    for (const Diagnostic& d : m_diagnostics) {
        if (d.code == code)
            return true;
    }
    return false;
}

Severity Dissection::worstSeverity() const
{
    Severity worst = Severity::Chat;
    for (const Diagnostic& d : m_diagnostics) {
        if (int(d.severity) > int(worst))
            worst = d.severity;
    }
    return worst;
}

int Dissection::depth(int field) const
{
    int depth = 0;
    for (int f = m_fields.at(field).parent; f >= 0; f = m_fields.at(f).parent)
        ++depth;
    return depth;
}

int Dissection::deepestFieldAt(int source, int offset) const
{
    int best = -1;
    int bestDepth = -1;
    for (int i = 0; i < m_fields.size(); ++i) {
        const Field& f = m_fields.at(i);
        if (f.source != source || f.length <= 0 || offset < f.offset || offset >= f.offset + f.length)
            continue;
        const int d = depth(i);
        // Deeper wins; at equal depth the narrower field says more about the byte.
        if (d > bestDepth || (d == bestDepth && f.length < m_fields.at(best).length)) {
            best = i;
            bestDepth = d;
        }
    }
    return best;
}

} // namespace tuyascope
