#pragma once
// Importers that read a dp mapping someone already has into a DpMapping: tinytuya devices.json
// `mapping`, a Tuya Debugfile, OpenBeken autoexec lines, Tasmota `TuyaMCU fnId,dpId` lines and
// TuyaScope's own mapping JSON. A registry, so front ends list and pick them by name. Bad lines
// and entries become diagnostics (with line numbers for the console formats); nothing throws.

#include "dpmap/DpMapping.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tuyascope {

struct MappingImport {
    bool readable = false;          // the input is this format at all
    DpMapping mapping;
    QVector<Diagnostic> notes;
    bool hasErrors() const;
};

struct MappingImporter {
    QString name;                   // "tasmota", "openbeken", "tinytuya", "debugfile", "tuyascope"
    QString description;
    MappingImport (*read)(QByteArrayView text);
};

const QVector<MappingImporter>& mappingImporters();
const MappingImporter* mappingImporterNamed(const QString& name);

// The first importer (registry order: the stricter formats first) that reads `text`; *format
// receives its name.
MappingImport importMappingAnyFormat(QByteArrayView text, QString* format = nullptr);

MappingImport importTuyascopeMapping(QByteArrayView text);
MappingImport importTinytuyaMapping(QByteArrayView text); // devices.json, one device, or a bare mapping
MappingImport importDebugfileMapping(QByteArrayView text);
MappingImport importOpenBekenLines(QByteArrayView text);
MappingImport importTasmotaLines(QByteArrayView text);

// Console text as commands: one per line, `Backlog a; b` split into its parts, `//` and `#`
// comment lines and blank lines dropped. For the console-line importers.
struct ConsoleCommand {
    int line = 0;                   // 1-based
    QString name;                   // as written
    QString arguments;              // the rest of the command, trimmed
};
QVector<ConsoleCommand> consoleCommands(QByteArrayView text);

// Roles for well-known Tuya dp codes ("cur_voltage" -> "voltage"); empty when not known.
QString roleForTuyaCode(const QString& code);

} // namespace tuyascope
