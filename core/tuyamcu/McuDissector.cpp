#include "tuyamcu/McuDissector.h"

#include "common/Hex.h"
#include "tuyamcu/CommandCatalogue.h"
#include "tuyamcu/FamilyEvidence.h"
#include "tuyamcu/McuFrame.h"

namespace tuyascope::mcu {

namespace {

const QString kFrameKey = QStringLiteral("tuyamcu");

QString versionText(quint8 version)
{
    switch (version) {
    case 0x00: return QStringLiteral("0x00 (module, low-power protocol, or an MCU without a version)");
    case 0x01: return QStringLiteral("0x01 (MCU, older protocol version)");
    case 0x03: return QStringLiteral("0x03 (MCU, current protocol version)");
    default: break;
    }
    return QStringLiteral("%1 (not documented)").arg(hexByte(version));
}

} // namespace

QString commandName(Family family, quint8 command)
{
    const CommandCatalogue& catalogue = CommandCatalogue::instance();
    if (family == Family::Bluetooth || (family == Family::Unknown && command >= 0xE0))
        return QStringLiteral("Bluetooth-module command");
    if (family != Family::Unknown) {
        const CommandSpec* spec = catalogue.find(family, command);
        return spec ? spec->name : QStringLiteral("Unknown command");
    }
    const CommandSpec* std = catalogue.find(Family::Standard, command);
    const CommandSpec* lp = catalogue.find(Family::LowPower, command);
    if (std && lp)
        return std->name == lp->name ? std->name
                                     : QStringLiteral("std: %1 / lp: %2").arg(std->name, lp->name);
    if (std)
        return std->name;
    if (lp)
        return lp->name;
    return QStringLiteral("Unknown command");
}

Dissection dissectFrame(QByteArrayView frame, const FrameContext& context)
{
    Dissection d;
    d.addSource(QStringLiteral("frame"), frame.toByteArray());
    const int size = int(frame.size());

    if (size < 2 || quint8(frame[0]) != kHeader0 || quint8(frame[1]) != kHeader1) {
        const int f = d.addField(-1, QStringLiteral("Bytes"), QStringLiteral("tuyamcu.bytes"), toHex(frame, true), 0, size);
        d.addDiagnostic(Severity::Error, diag::Garbage, QStringLiteral("%1 byte(s) without a 55 AA header").arg(size), f);
        d.summary = QStringLiteral("Not a TuyaMCU frame");
        return d;
    }
    d.addField(-1, QStringLiteral("Header"), kFrameKey + QStringLiteral(".header"), QStringLiteral("55 AA"), 0, 2);
    if (size < kHeaderSize) {
        d.addDiagnostic(Severity::Error, diag::LengthExceedsBuffer,
                        QStringLiteral("only %1 byte(s) of the 6-byte header are present").arg(size), -1, 0, size);
        d.summary = QStringLiteral("Incomplete frame header");
        return d;
    }

    const quint8 version = quint8(frame[kVersionOffset]);
    const quint8 command = quint8(frame[kCommandOffset]);
    const int declared = declaredDataLength(frame);
    const int present = qMax(0, qMin(declared, size - kHeaderSize));
    const bool complete = size >= kMinFrameSize + declared;

    // Direction: from the capture when known, otherwise from content.
    Direction direction = context.direction;
    bool directionInferred = context.directionInferred;
    QString directionEvidence = context.directionEvidence;

    // Family: from the session; without a decision only what the command word proves.
    const CommandCatalogue& catalogue = CommandCatalogue::instance();
    Family family = context.family;
    QString familyWhy = context.familyEvidence;
    if (family == Family::Unknown)
        family = familyFromCommandAlone(command, familyWhy);

    if (direction == Direction::Unknown && complete) {
        const DirectionGuess guess = guessDirection(frame, family);
        direction = guess.direction;
        directionInferred = direction != Direction::Unknown;
        directionEvidence = guess.reason;
    }

    const int versionField = d.addField(-1, QStringLiteral("Version"), kFrameKey + QStringLiteral(".version"),
                                        versionText(version), kVersionOffset, 1);
    if (version != 0x00 && version != 0x01 && version != 0x03) {
        d.addDiagnostic(Severity::Warning, diag::UnknownVersion,
                        QStringLiteral("version byte %1 is not documented by any source").arg(hexByte(version)),
                        versionField);
    } else if (version != 0x00 && direction == Direction::ModuleToMcu && !directionInferred) {
        d.addDiagnostic(Severity::Warning, diag::UnexpectedVersion,
                        QStringLiteral("the Wi-Fi module always sends version 0x00, this frame has %1").arg(hexByte(version)),
                        versionField);
    }

    const CommandSpec* spec = (family == Family::Standard || family == Family::LowPower)
                                  ? catalogue.find(family, command) : nullptr;
    const QString name = commandName(family, command);
    const int commandField = d.addField(-1, QStringLiteral("Command"), kFrameKey + QStringLiteral(".cmd"),
                                        QStringLiteral("%1 %2").arg(hexByte(command), name), kCommandOffset, 1);
    d.addField(-1, QStringLiteral("Length"), kFrameKey + QStringLiteral(".len"), QString::number(declared),
               kLengthOffset, 2);

    // Generated fields: the session's decisions, so a reader sees why bytes were read this way.
    d.addField(-1, QStringLiteral("Family"), kFrameKey + QStringLiteral(".family"),
               familyWhy.isEmpty() ? familyLabel(family) : QStringLiteral("%1 (%2)").arg(familyLabel(family), familyWhy),
               0, 0);
    const int directionField = d.addField(-1, QStringLiteral("Direction"), kFrameKey + QStringLiteral(".dir"),
               directionInferred ? QStringLiteral("%1 (inferred: %2)").arg(directionLabel(direction), directionEvidence)
                                 : directionLabel(direction),
               0, 0);
    if (directionInferred)
        d.addDiagnostic(Severity::Chat, diag::DirectionInferred,
                        QStringLiteral("direction not recorded by the capture; inferred from content: %1").arg(directionEvidence),
                        directionField);

    const int payloadField = d.addField(-1, QStringLiteral("Payload"), kFrameKey + QStringLiteral(".data"),
                                        present == 0 ? QStringLiteral("(empty)") : QStringLiteral("%1 byte(s)").arg(present),
                                        kDataOffset, present);
    d.summary = name;

    if (!complete) {
        d.addDiagnostic(Severity::Error, diag::LengthExceedsBuffer,
                        QStringLiteral("the header declares %1 data byte(s), only %2 follow in this buffer")
                            .arg(declared).arg(qMax(0, size - kHeaderSize)),
                        payloadField);
        if (present > 0)
            d.addField(payloadField, QStringLiteral("Bytes present"), kFrameKey + QStringLiteral(".data.partial"),
                       toHex(frame.sliced(kDataOffset, present), true), kDataOffset, present);
        d.checksum = ChecksumStatus::NotPresent;
        d.summary += QStringLiteral(" (incomplete)");
        return d;
    }

    // Checksum: a field, good or bad with the expected value.
    const int checksumOffset = kHeaderSize + declared;
    const quint8 found = quint8(frame[checksumOffset]);
    const quint8 expected = checksumOf(frame.first(checksumOffset));
    const auto addChecksum = [&] {
        const bool good = found == expected;
        d.checksum = good ? ChecksumStatus::Good : ChecksumStatus::Bad;
        d.checksumExpected = expected;
        const int f = d.addField(-1, QStringLiteral("Checksum"), kFrameKey + QStringLiteral(".checksum"),
                                 good ? QStringLiteral("%1 [good]").arg(hexByte(found))
                                      : QStringLiteral("%1 [bad, expected %2]").arg(hexByte(found), hexByte(expected)),
                                 checksumOffset, 1);
        d.addField(f, QStringLiteral("Status"), kFrameKey + QStringLiteral(".checksum.status"),
                   good ? QStringLiteral("good") : QStringLiteral("bad"), checksumOffset, 1);
        if (!good) {
            d.addField(f, QStringLiteral("Expected"), kFrameKey + QStringLiteral(".checksum.expected"), hexByte(expected),
                       checksumOffset, 1);
            d.addDiagnostic(Severity::Error, diag::BadChecksum,
                            QStringLiteral("checksum is %1, the bytes sum to %2").arg(hexByte(found), hexByte(expected)), f);
        }
    };

    if (family == Family::Bluetooth) {
        d.addField(payloadField, QStringLiteral("Bytes"), kFrameKey + QStringLiteral(".data.raw"),
                   toHex(frame.sliced(kDataOffset, declared), true), kDataOffset, declared);
        d.addDiagnostic(Severity::Note, diag::ForeignFamily,
                        QStringLiteral("Bluetooth-module protocol frame: framing decoded, payload not"), commandField);
        addChecksum();
        return d;
    }

    if (!spec) {
        if (family == Family::Unknown) {
            d.addDiagnostic(Severity::Note, diag::FamilyUndecided,
                            QStringLiteral("command %1 means different things in the standard and the low-power protocol; "
                                           "the session has not decided which one this capture uses").arg(hexByte(command)),
                            commandField);
        } else {
            d.addDiagnostic(Severity::Warning, diag::UnknownCommand,
                            QStringLiteral("command %1 is not in the %2 protocol's command table")
                                .arg(hexByte(command), familyLabel(family)),
                            commandField);
        }
        if (declared > 0)
            d.addField(payloadField, QStringLiteral("Bytes"), kFrameKey + QStringLiteral(".data.raw"),
                       toHex(frame.sliced(kDataOffset, declared), true), kDataOffset, declared);
        addChecksum();
        return d;
    }

    // Which side's layout applies, and is that side supposed to send this command?
    const Role role = direction == Direction::ModuleToMcu ? spec->moduleRole
                      : direction == Direction::McuToModule ? spec->mcuRole : Role::None;
    PayloadDecoder decoder = direction == Direction::ModuleToMcu ? spec->fromModule
                             : direction == Direction::McuToModule ? spec->fromMcu : nullptr;
    if (direction != Direction::Unknown && role == Role::None) {
        d.addDiagnostic(Severity::Warning, diag::UnexpectedDirection,
                        QStringLiteral("%1 is not sent by the %2 in the %3 protocol")
                            .arg(spec->name, direction == Direction::ModuleToMcu ? QStringLiteral("module") : QStringLiteral("MCU"),
                                 familyLabel(family)),
                        commandField);
    }
    if (!decoder)
        decoder = spec->fromModule ? spec->fromModule : spec->fromMcu;
    if (role != Role::None)
        d.summary = QStringLiteral("%1 (%2)").arg(spec->name, roleName(role));
    if (!spec->note.isEmpty())
        d.addDiagnostic(Severity::Chat, diag::SourcesDisagree, spec->note, commandField);

    PayloadContext payload(d, frame, payloadField, declared, direction, family);
    if (spec->hasSubCommands) {
        if (payload.require(1, QStringLiteral("%1 (sub-command byte)").arg(spec->name))) {
            const quint8 sub = payload.u8(0);
            const SubCommandSpec* subSpec = catalogue.findSub(family, command, sub);
            payload.add(QStringLiteral("Sub-command"), kFrameKey + QStringLiteral(".sub"),
                        QStringLiteral("%1 %2").arg(hexByte(sub), subSpec ? subSpec->name : QStringLiteral("unknown")), 0, 1);
            if (!subSpec) {
                d.addDiagnostic(Severity::Warning, diag::UnknownSubCommand,
                                QStringLiteral("sub-command %1 of %2 is not in the table").arg(hexByte(sub), spec->name),
                                payloadField);
                if (declared > 1)
                    payload.addHex(QStringLiteral("Bytes"), kFrameKey + QStringLiteral(".data.raw"), 1, declared - 1);
                d.summary = QStringLiteral("%1 / sub %2").arg(spec->name, hexByte(sub));
            } else {
                const Role subRole = direction == Direction::ModuleToMcu ? subSpec->moduleRole
                                     : direction == Direction::McuToModule ? subSpec->mcuRole : Role::None;
                if (direction != Direction::Unknown && subRole == Role::None
                    && (subSpec->moduleRole != Role::None || subSpec->mcuRole != Role::None))
                    d.addDiagnostic(Severity::Warning, diag::UnexpectedDirection,
                                    QStringLiteral("%1 / %2 is not sent by the %3")
                                        .arg(spec->name, subSpec->name,
                                             direction == Direction::ModuleToMcu ? QStringLiteral("module") : QStringLiteral("MCU")),
                                    payloadField);
                d.summary = subRole == Role::None ? QStringLiteral("%1 / %2").arg(spec->name, subSpec->name)
                                                  : QStringLiteral("%1 / %2 (%3)").arg(spec->name, subSpec->name, roleName(subRole));
                if (!subSpec->note.isEmpty())
                    d.addDiagnostic(Severity::Chat, diag::SourcesDisagree, subSpec->note, payloadField);
                PayloadDecoder subDecoder = direction == Direction::ModuleToMcu ? subSpec->fromModule
                                            : direction == Direction::McuToModule ? subSpec->fromMcu : nullptr;
                if (!subDecoder)
                    subDecoder = subSpec->fromModule ? subSpec->fromModule : subSpec->fromMcu;
                if (subDecoder)
                    subDecoder(payload);
                else
                    payload.expectEnd(1);
            }
        }
    } else if (decoder) {
        decoder(payload);
    } else {
        payload.expectEnd(0);
    }

    addChecksum();
    if (size > checksumOffset + 1) {
        const int extra = size - checksumOffset - 1;
        const int f = d.addField(-1, QStringLiteral("Bytes after the frame"), kFrameKey + QStringLiteral(".after"),
                                 toHex(frame.sliced(checksumOffset + 1), true), checksumOffset + 1, extra);
        d.addDiagnostic(Severity::Warning, diag::TrailingBytes,
                        QStringLiteral("%1 byte(s) follow the checksum in this buffer").arg(extra), f);
    }
    return d;
}

} // namespace tuyascope::mcu
