#include "tuyalan/LanCommandCatalogue.h"

namespace tuyascope::lan {

QString headerRuleName(HeaderRule rule)
{
    switch (rule) {
    case HeaderRule::None: return QStringLiteral("no header");
    case HeaderRule::VersionHeader: return QStringLiteral("15-byte version header");
    case HeaderRule::Envelope31: return QStringLiteral("3.1 md5/base64 envelope");
    }
    return QString();
}

HeaderRule HeaderRules::forVersion(LanVersion version) const
{
    switch (version) {
    case LanVersion::V31: return v31;
    case LanVersion::V32:
    case LanVersion::V33: return v33;
    case LanVersion::V34:
    case LanVersion::V35: return v34;
    case LanVersion::Unknown: break;
    }
    return HeaderRule::None;
}

const LanCommandCatalogue& LanCommandCatalogue::instance()
{
    // The table of tables: each registration function owns one part of reference section 6.
    static const LanCommandCatalogue catalogue = [] {
        LanCommandCatalogue c;
        using Registration = void (*)(LanCommandCatalogue&);
        const Registration registrations[] = {
            registerLanCoreCommands,
            registerLanDiscoveryCommands,
            registerLanGatewayCommands,
        };
        for (Registration r : registrations)
            r(c);
        return c;
    }();
    return catalogue;
}

void LanCommandCatalogue::add(const LanCommandSpec& spec)
{
    const auto it = m_index.constFind(spec.number);
    if (it != m_index.constEnd()) {
        m_commands[*it] = spec; // a later registration refines an earlier one
        return;
    }
    m_commands.push_back(spec);
    m_index.insert(spec.number, int(m_commands.size() - 1));
}

const LanCommandSpec* LanCommandCatalogue::find(quint32 number) const
{
    const auto it = m_index.constFind(number);
    return it == m_index.constEnd() ? nullptr : &m_commands.at(*it);
}

QVector<const LanCommandSpec*> LanCommandCatalogue::commands() const
{
    QVector<const LanCommandSpec*> out;
    out.reserve(m_commands.size());
    for (const LanCommandSpec& c : m_commands)
        out.push_back(&c);
    return out;
}

HeaderRule LanCommandCatalogue::headerRule(quint32 number, LanVersion version, LanSender sender) const
{
    const LanCommandSpec* spec = find(number);
    if (!spec)
        return HeaderRules().forVersion(version);
    return (sender == LanSender::Device ? spec->fromDevice : spec->fromClient).forVersion(version);
}

QString LanCommandCatalogue::label(quint32 number) const
{
    const LanCommandSpec* spec = find(number);
    const QString hex = QStringLiteral("0x%1").arg(number, 2, 16, QLatin1Char('0'));
    return spec ? QStringLiteral("%1 (%2)").arg(spec->name, hex) : QStringLiteral("unknown (%1)").arg(hex);
}

} // namespace tuyascope::lan
