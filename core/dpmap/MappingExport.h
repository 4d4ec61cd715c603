#pragma once
// Exporters that write a DpMapping as the configuration a firmware or library needs: Tasmota
// console commands, an OpenBeken autoexec, ESPHome YAML and a tinytuya `mapping`. A registry, so
// front ends list and pick them by name. A dp whose role the target has no equivalent for (or
// whose role is unknown) is listed as a comment, never dropped silently.

#include "dpmap/DpMapping.h"

#include <QString>
#include <QVector>

namespace tuyascope {

struct ExportOptions {
    int baudRate = 9600;            // TuyaMCU UART speed (some MCUs use 115200)
};

struct MappingExporter {
    QString name;                   // "tasmota", "openbeken", "esphome", "tinytuya"
    QString description;
    QString (*write)(const DpMapping& mapping, const ExportOptions& options);
};

const QVector<MappingExporter>& mappingExporters();
const MappingExporter* mappingExporterNamed(const QString& name);

QString exportTasmota(const DpMapping& mapping, const ExportOptions& options);
QString exportOpenBeken(const DpMapping& mapping, const ExportOptions& options);
QString exportEsphome(const DpMapping& mapping, const ExportOptions& options);
QString exportTinytuya(const DpMapping& mapping, const ExportOptions& options);

// "dp 9 (countdown, \"countdown_1\")" for comments.
QString describeDpForComment(const DpMapEntry& e);

} // namespace tuyascope
