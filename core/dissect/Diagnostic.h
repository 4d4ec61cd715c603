#pragma once
// Diagnostics are data: produced by decoders and importers, shown by every front end.

#include <QString>
#include <QVector>

namespace tuyascope {

enum class Severity : quint8 { Chat, Note, Warning, Error };

QString severityName(Severity severity);

struct Diagnostic {
    Severity severity = Severity::Note;
    QString code;     // stable machine-readable code, e.g. "BAD_CHECKSUM"
    QString message;  // human-readable, self-contained
    int field = -1;   // index of the field in the owning Dissection, -1 when none
    int source = 0;   // data source of the byte range below
    int offset = -1;  // byte range the diagnostic is about (-1: whole item)
    int length = 0;
};

// The codes every TuyaMCU decoder and importer uses. Kept in one place so filters, tests and
// documentation agree on spelling.
namespace diag {
inline const QString BadChecksum = QStringLiteral("BAD_CHECKSUM");
inline const QString LengthExceedsBuffer = QStringLiteral("LENGTH_EXCEEDS_BUFFER");
inline const QString DpOverrun = QStringLiteral("DP_OVERRUN");
inline const QString DpTrailingBytes = QStringLiteral("DP_TRAILING_BYTES");
inline const QString DpTypeLengthMismatch = QStringLiteral("DP_TYPE_LENGTH_MISMATCH");
inline const QString DpUnknownType = QStringLiteral("DP_UNKNOWN_TYPE");
inline const QString ShortPayload = QStringLiteral("SHORT_PAYLOAD");
inline const QString TrailingBytes = QStringLiteral("TRAILING_BYTES");
inline const QString Garbage = QStringLiteral("GARBAGE");
inline const QString TruncatedAtEof = QStringLiteral("TRUNCATED_AT_EOF");
inline const QString ImplausibleLength = QStringLiteral("IMPLAUSIBLE_LENGTH");
inline const QString OddHexDigits = QStringLiteral("ODD_HEX_DIGITS");
inline const QString UnknownCommand = QStringLiteral("UNKNOWN_COMMAND");
inline const QString UnknownSubCommand = QStringLiteral("UNKNOWN_SUBCOMMAND");
inline const QString UnknownVersion = QStringLiteral("UNKNOWN_VERSION");
inline const QString UnexpectedVersion = QStringLiteral("UNEXPECTED_VERSION");
inline const QString UnexpectedDirection = QStringLiteral("UNEXPECTED_DIRECTION");
inline const QString DirectionInferred = QStringLiteral("DIRECTION_INFERRED");
inline const QString FamilyUndecided = QStringLiteral("FAMILY_UNDECIDED");
inline const QString ForeignFamily = QStringLiteral("FOREIGN_FAMILY");
inline const QString InvalidJson = QStringLiteral("INVALID_JSON");
inline const QString UnknownValue = QStringLiteral("UNKNOWN_VALUE");
inline const QString SourcesDisagree = QStringLiteral("SOURCES_DISAGREE");
inline const QString ImportError = QStringLiteral("IMPORT_ERROR");
inline const QString ImportWarning = QStringLiteral("IMPORT_WARNING");
inline const QString RejectedByFirmware = QStringLiteral("REJECTED_BY_FIRMWARE");
inline const QString TimeUnknown = QStringLiteral("TIME_UNKNOWN");
inline const QString DpTypeChanged = QStringLiteral("DP_TYPE_CHANGED");
} // namespace diag

} // namespace tuyascope
