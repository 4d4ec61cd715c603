#include "tuyamcu/CommandCatalogue.h"

#include "tuyamcu/McuFrame.h"

namespace tuyascope::mcu {

QString roleName(Role role)
{
    switch (role) {
    case Role::None: return QString();
    case Role::Request: return QStringLiteral("request");
    case Role::Reply: return QStringLiteral("reply");
    case Role::Report: return QStringLiteral("report");
    case Role::Ack: return QStringLiteral("ack");
    case Role::Notification: return QStringLiteral("notification");
    }
    return QString();
}

const CommandCatalogue& CommandCatalogue::instance()
{
    // The table of tables: each registration function owns one part of the protocol.
    static const CommandCatalogue catalogue = [] {
        CommandCatalogue c;
        using Registration = void (*)(CommandCatalogue&);
        const Registration registrations[] = {
            registerStandardBasicCommands,
            registerStandardExtendedCommands,
            registerStandardSubCommands,
            registerLowPowerCommands,
        };
        for (Registration r : registrations)
            r(c);
        return c;
    }();
    return catalogue;
}

void CommandCatalogue::add(const CommandSpec& spec)
{
    m_commands.push_back(spec);
    m_commandIndex.insert(key(spec.family, spec.command), int(m_commands.size() - 1));
}

void CommandCatalogue::addSub(const SubCommandSpec& spec)
{
    m_subs.push_back(spec);
    m_subIndex.insert(key(spec.family, spec.command, spec.sub), int(m_subs.size() - 1));
}

const CommandSpec* CommandCatalogue::find(Family family, quint8 command) const
{
    const auto it = m_commandIndex.constFind(key(family, command));
    return it == m_commandIndex.constEnd() ? nullptr : &m_commands.at(*it);
}

const SubCommandSpec* CommandCatalogue::findSub(Family family, quint8 command, quint8 sub) const
{
    const auto it = m_subIndex.constFind(key(family, command, sub));
    return it == m_subIndex.constEnd() ? nullptr : &m_subs.at(*it);
}

QVector<const CommandSpec*> CommandCatalogue::commands() const
{
    QVector<const CommandSpec*> out;
    for (const CommandSpec& c : m_commands)
        out.push_back(&c);
    return out;
}

QVector<const SubCommandSpec*> CommandCatalogue::subCommands(Family family, quint8 command) const
{
    QVector<const SubCommandSpec*> out;
    for (const SubCommandSpec& s : m_subs) {
        if (s.family == family && s.command == command)
            out.push_back(&s);
    }
    return out;
}

} // namespace tuyascope::mcu

namespace tuyascope::mcu {

int dpUnitsOffset(QByteArrayView frame, Family family, Direction direction)
{
    if (frame.size() < kMinFrameSize || direction == Direction::Unknown)
        return -1;
    const CommandCatalogue& catalogue = CommandCatalogue::instance();
    const CommandSpec* spec = catalogue.find(family, quint8(frame[kCommandOffset]));
    if (!spec)
        return -1;
    const bool fromModule = direction == Direction::ModuleToMcu;
    int rel = fromModule ? spec->dpOffsetFromModule : spec->dpOffsetFromMcu;
    if (spec->hasSubCommands && declaredDataLength(frame) >= 1) {
        const SubCommandSpec* sub = catalogue.findSub(family, spec->command, quint8(frame[kDataOffset]));
        rel = sub ? (fromModule ? sub->dpOffsetFromModule : sub->dpOffsetFromMcu) : -1;
    }
    if (rel < 0 || rel > declaredDataLength(frame))
        return -1;
    return kDataOffset + rel;
}

DpParseResult frameDpUnits(QByteArrayView frame, Family family, Direction direction)
{
    const int start = dpUnitsOffset(frame, family, direction);
    return start < 0 ? DpParseResult() : parseDpUnits(frame, start, kDataOffset + declaredDataLength(frame));
}

} // namespace tuyascope::mcu
