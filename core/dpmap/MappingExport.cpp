#include "dpmap/MappingExport.h"

namespace tuyascope {

const QVector<MappingExporter>& mappingExporters()
{
    static const QVector<MappingExporter> registry{
        {QStringLiteral("tasmota"), QStringLiteral("Tasmota console: Backlog TuyaMCU fnId,dpId; DimmerRange"), &exportTasmota},
        {QStringLiteral("openbeken"), QStringLiteral("OpenBeken autoexec.bat"), &exportOpenBeken},
        {QStringLiteral("esphome"), QStringLiteral("ESPHome YAML (uart, tuya and entities)"), &exportEsphome},
        {QStringLiteral("tinytuya"), QStringLiteral("tinytuya devices.json `mapping`"), &exportTinytuya},
    };
    return registry;
}

const MappingExporter* mappingExporterNamed(const QString& name)
{
    for (const MappingExporter& exporter : mappingExporters())
        if (exporter.name.compare(name, Qt::CaseInsensitive) == 0)
            return &exporter;
    return nullptr;
}

QString describeDpForComment(const DpMapEntry& e)
{
    QStringList parts;
    parts << (e.role.isEmpty() ? QStringLiteral("role unknown") : e.role);
    if (!e.name.isEmpty())
        parts << QLatin1Char('"') + e.name + QLatin1Char('"');
    if (e.kind != keys::DpKind::Unknown)
        parts << keys::dpKindName(e.kind);
    return QStringLiteral("dp %1 (%2)").arg(e.id).arg(parts.join(QStringLiteral(", ")));
}

} // namespace tuyascope
