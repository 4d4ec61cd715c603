#pragma once
// The TuyaMCU command catalogue: a registry keyed by (family, command[, sub-command]).
// Each entry names the command, says who sends it and how it is answered, and carries one
// payload decoder per sending side. Adding a command never touches the dissector.

#include "capture/Direction.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/Family.h"
#include "tuyamcu/PayloadContext.h"

#include <QHash>
#include <QString>
#include <QVector>

namespace tuyascope::mcu {

enum class Sender : quint8 { Module, Mcu, Both };

// What a frame is within its exchange, per sending side.
enum class Role : quint8 { None, Request, Reply, Report, Ack, Notification };
QString roleName(Role role);

struct CommandSpec {
    Family family = Family::Standard;
    quint8 command = 0;
    QString name;                       // "Heartbeat"
    Sender initiator = Sender::Module;  // who starts the exchange
    Role moduleRole = Role::None;       // what a frame from the module is (None: never sent by it)
    Role mcuRole = Role::None;
    PayloadDecoder fromModule = nullptr; // payload decoder when the module sends it
    PayloadDecoder fromMcu = nullptr;
    int answerCommand = -1;             // command word of the answer when it differs (0x08 -> 0x07)
    bool hasSubCommands = false;        // first payload byte selects a SubCommandSpec
    int dpOffsetFromModule = -1;        // payload offset of DP units when the module sends it (-1: none)
    int dpOffsetFromMcu = -1;           // ... when the MCU sends it
    QString note;                       // caveat shown with the command (sources disagree, ...)
};

struct SubCommandSpec {
    Family family = Family::Standard;
    quint8 command = 0;
    quint8 sub = 0;
    QString name;
    Role moduleRole = Role::None;
    Role mcuRole = Role::None;
    PayloadDecoder fromModule = nullptr; // decoders see the whole payload, sub-command byte included
    PayloadDecoder fromMcu = nullptr;
    int dpOffsetFromModule = -1;         // payload offset (sub-command byte included) of DP units
    int dpOffsetFromMcu = -1;
    QString note;
};

inline CommandSpec makeCommand(Family family, quint8 command, const QString& name)
{
    CommandSpec s;
    s.family = family;
    s.command = command;
    s.name = name;
    return s;
}

inline SubCommandSpec makeSubCommand(Family family, quint8 command, quint8 sub, const QString& name)
{
    SubCommandSpec s;
    s.family = family;
    s.command = command;
    s.sub = sub;
    s.name = name;
    return s;
}

class CommandCatalogue {
public:
    static const CommandCatalogue& instance();

    void add(const CommandSpec& spec);
    void addSub(const SubCommandSpec& spec);

    const CommandSpec* find(Family family, quint8 command) const;
    const SubCommandSpec* findSub(Family family, quint8 command, quint8 sub) const;
    QVector<const CommandSpec*> commands() const;
    QVector<const SubCommandSpec*> subCommands(Family family, quint8 command) const;

private:
    static quint32 key(Family family, quint8 command, int sub = -1)
    {
        return (quint32(family) << 16) | (quint32(command) << 8) | quint32(sub < 0 ? 0 : sub) | (sub < 0 ? 0x1000000u : 0u);
    }
    QVector<CommandSpec> m_commands;
    QVector<SubCommandSpec> m_subs;
    QHash<quint32, int> m_commandIndex;
    QHash<quint32, int> m_subIndex;
};

// Where the DP units of a complete frame start (frame offset), or -1 when it carries none.
int dpUnitsOffset(QByteArrayView frame, Family family, Direction direction);
// The DP units of a complete frame where its command lays them out for that side (offsets are
// frame offsets); none when it carries none.
DpParseResult frameDpUnits(QByteArrayView frame, Family family, Direction direction);

// Registration functions, one per command table (see commands/).
void registerStandardBasicCommands(CommandCatalogue& catalogue);
void registerStandardExtendedCommands(CommandCatalogue& catalogue);
void registerStandardSubCommands(CommandCatalogue& catalogue);
void registerLowPowerCommands(CommandCatalogue& catalogue);

} // namespace tuyascope::mcu
