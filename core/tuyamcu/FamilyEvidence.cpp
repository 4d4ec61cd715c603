#include "tuyamcu/FamilyEvidence.h"

#include "common/Hex.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/DpUnit.h"
#include "tuyamcu/McuDissector.h"
#include "tuyamcu/McuFrame.h"

namespace tuyascope::mcu {

namespace {

bool plausibleDate(QByteArrayView f, int at)
{
    // flag YY MM DD hh mm ss; flag 0 means "time not valid" and any fields are accepted.
    const auto b = [&](int i) { return int(quint8(f[at + i])); };
    if (b(0) == 0)
        return true;
    if (b(0) != 1)
        return false;
    return b(2) >= 1 && b(2) <= 12 && b(3) >= 1 && b(3) <= 31 && b(4) <= 23 && b(5) <= 59 && b(6) <= 59;
}

FamilyVote vote(Family family, bool strong, const QString& reason)
{
    return FamilyVote{family, strong, reason};
}

} // namespace

FamilyVote familyEvidence(QByteArrayView frame, Direction direction)
{
    if (frame.size() < kMinFrameSize)
        return {};
    const quint8 version = quint8(frame[kVersionOffset]);
    const quint8 cmd = quint8(frame[kCommandOffset]);
    const int len = declaredDataLength(frame);
    if (frame.size() < kMinFrameSize + len)
        return {};
    const int start = kDataOffset;
    const int end = kDataOffset + len;
    const bool fromModule = direction == Direction::ModuleToMcu;
    const bool fromMcu = direction == Direction::McuToModule;

    if (cmd >= 0xE0)
        return vote(Family::Bluetooth, false, QStringLiteral("command %1 of the Bluetooth-module protocol").arg(hexByte(cmd)));
    if ((version == 0x01 || version == 0x03) && !(cmd == 0x09 && len == 0))
        return vote(Family::Standard, true, QStringLiteral("version %1 is only used by standard-protocol MCUs").arg(hexByte(version)));
    if (cmd == 0x00 && ((len == 0 && !fromMcu) || (len == 1 && !fromModule && quint8(frame[start]) <= 1)))
        return vote(Family::Standard, true, QStringLiteral("heartbeat (0x00) exists only in the standard protocol"));
    if (cmd >= 0x11 && cmd < 0xE0)
        return vote(Family::Standard, false, QStringLiteral("command %1 exists only in the standard protocol").arg(hexByte(cmd)));
    if (version != 0x00)
        return {};

    switch (cmd) {
    case 0x02:
        if (len == 1 && !fromMcu && quint8(frame[start]) <= 0x04)
            return vote(Family::LowPower, true, QStringLiteral("0x02 with a network status byte is the low-power status report"));
        break;
    case 0x05:
        if (!fromModule && parsesCompletelyAsDpUnits(frame, start, end))
            return vote(Family::LowPower, true, QStringLiteral("0x05 carrying DP units is the low-power real-time report"));
        break;
    case 0x06:
        if (len == 0 && !fromModule)
            return vote(Family::LowPower, false, QStringLiteral("empty 0x06 from the MCU is the low-power time request"));
        if (parsesCompletelyAsDpUnits(frame, start, end))
            return vote(Family::Standard, false, QStringLiteral("0x06 carrying DP units is the standard set-DP command"));
        if (len == 8 && plausibleDate(frame, start))
            return vote(Family::LowPower, false, QStringLiteral("0x06 with a date is the low-power local-time reply"));
        break;
    case 0x07:
        if (parsesCompletelyAsDpUnits(frame, start, end))
            return vote(Family::Standard, false, QStringLiteral("0x07 carrying DP units is the standard status report"));
        break;
    case 0x08:
        if (len == 0 && !fromMcu)
            return vote(Family::Standard, false, QStringLiteral("empty 0x08 from the module is the standard DP query"));
        if (len >= 7 && !fromModule && plausibleDate(frame, start)
            && (len == 7 || parsesCompletelyAsDpUnits(frame, start + 7, end)))
            return vote(Family::LowPower, true, QStringLiteral("0x08 with a time header and DP units is the low-power record report"));
        break;
    case 0x09:
        if (!fromMcu && parsesCompletelyAsDpUnits(frame, start, end))
            return vote(Family::LowPower, false, QStringLiteral("0x09 carrying DP units is the low-power module command"));
        break;
    case 0x10:
        return vote(Family::LowPower, true, QStringLiteral("0x10 (DP cache) exists only in the low-power protocol"));
    default:
        break;
    }
    return {};
}

Family familyFromCommandAlone(quint8 command, QString& why)
{
    if (command >= 0xE0) {
        why = QStringLiteral("command %1 belongs to the Bluetooth-module protocol").arg(hexByte(command));
        return Family::Bluetooth;
    }
    const CommandCatalogue& catalogue = CommandCatalogue::instance();
    const CommandSpec* std = catalogue.find(Family::Standard, command);
    const CommandSpec* lp = catalogue.find(Family::LowPower, command);
    if (std && !lp) {
        why = QStringLiteral("command %1 exists only in the standard protocol").arg(hexByte(command));
        return Family::Standard;
    }
    if (lp && !std) {
        why = QStringLiteral("command %1 exists only in the low-power protocol").arg(hexByte(command));
        return Family::LowPower;
    }
    if (std && lp && std->name == lp->name) {
        why = QStringLiteral("command %1 means the same in both protocols").arg(hexByte(command));
        return Family::Standard;
    }
    return Family::Unknown;
}

namespace {

// The frame decodes in `family` as that family defines its command, without a warning.
bool fitsLayout(QByteArrayView frame, Direction direction, Family family)
{
    if (frame.size() < kMinFrameSize || !CommandCatalogue::instance().find(family, quint8(frame[kCommandOffset])))
        return false;
    FrameContext context;
    context.direction = direction;
    context.family = family;
    const Dissection d = dissectFrame(frame, context);
    for (const Diagnostic& diagnostic : d.diagnostics())
        if (diagnostic.severity >= Severity::Warning)
            return false;
    return true;
}

} // namespace

Family familyFromLayout(QByteArrayView frame, Direction direction, QString& why)
{
    const bool standard = fitsLayout(frame, direction, Family::Standard);
    const bool lowPower = fitsLayout(frame, direction, Family::LowPower);
    if (standard == lowPower)
        return Family::Unknown;
    const quint8 command = quint8(frame[kCommandOffset]);
    const Family fits = standard ? Family::Standard : Family::LowPower;
    const Family other = standard ? Family::LowPower : Family::Standard;
    why = QStringLiteral("%1 bytes of command %2 fit the %3 layout (%4), not the %5 one (%6)")
              .arg(declaredDataLength(frame))
              .arg(hexByte(command), familyLabel(fits), commandName(fits, command), familyLabel(other), commandName(other, command));
    return fits;
}

DirectionGuess guessDirection(QByteArrayView frame, Family family)
{
    if (frame.size() < kMinFrameSize)
        return {};
    const quint8 version = quint8(frame[kVersionOffset]);
    if (version != 0x00)
        return {Direction::McuToModule, QStringLiteral("version %1 is only sent by an MCU").arg(hexByte(version))};
    if (family == Family::Unknown) {
        QString unused;
        family = familyFromCommandAlone(quint8(frame[kCommandOffset]), unused);
    }
    if (family != Family::Standard && family != Family::LowPower)
        return {};
    const CommandSpec* spec = CommandCatalogue::instance().find(family, quint8(frame[kCommandOffset]));
    if (!spec)
        return {};
    const bool module = spec->moduleRole != Role::None;
    const bool mcu = spec->mcuRole != Role::None;
    if (module != mcu)
        return {module ? Direction::ModuleToMcu : Direction::McuToModule,
                QStringLiteral("only the %1 sends %2").arg(module ? QStringLiteral("module") : QStringLiteral("MCU"), spec->name)};
    if (!module)
        return {};
    // Both sides send this command word: the side whose layout the payload fits.
    const auto problems = [&](Direction direction) {
        FrameContext context;
        context.direction = direction;
        context.family = family;
        const Dissection d = dissectFrame(frame, context);
        int count = 0;
        for (const Diagnostic& diagnostic : d.diagnostics()) {
            // An error (a layout that cannot hold) weighs more than a warning (a quirk).
            if (diagnostic.severity >= Severity::Warning && diagnostic.code != diag::BadChecksum)
                count += diagnostic.severity == Severity::Error ? 2 : 1;
        }
        return count;
    };
    const int asModule = problems(Direction::ModuleToMcu);
    const int asMcu = problems(Direction::McuToModule);
    if (asModule == asMcu)
        return {};
    const Direction winner = asModule < asMcu ? Direction::ModuleToMcu : Direction::McuToModule;
    return {winner, QStringLiteral("the payload fits the %1's layout of %2")
                        .arg(winner == Direction::ModuleToMcu ? QStringLiteral("module") : QStringLiteral("MCU"), spec->name)};
}

bool isMcuRestartMarker(QByteArrayView frame, Direction direction)
{
    return direction != Direction::ModuleToMcu && frame.size() == 8 && quint8(frame[kCommandOffset]) == 0x00
           && declaredDataLength(frame) == 1 && quint8(frame[kDataOffset]) == 0x00;
}

} // namespace tuyascope::mcu
