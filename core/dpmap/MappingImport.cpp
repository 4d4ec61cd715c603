#include "dpmap/MappingImport.h"

#include <QRegularExpression>

namespace tuyascope {

bool MappingImport::hasErrors() const
{
    for (const Diagnostic& d : notes)
        if (d.severity >= Severity::Error)
            return true;
    return false;
}

const QVector<MappingImporter>& mappingImporters()
{
    static const QVector<MappingImporter> registry{
        {QStringLiteral("tuyascope"), QStringLiteral("TuyaScope dp mapping JSON"), &importTuyascopeMapping},
        {QStringLiteral("debugfile"), QStringLiteral("Tuya Debugfile DP schema (Pro_Key, Dp_Data)"), &importDebugfileMapping},
        {QStringLiteral("tinytuya"), QStringLiteral("tinytuya devices.json `mapping`"), &importTinytuyaMapping},
        {QStringLiteral("openbeken"), QStringLiteral("OpenBeken autoexec (linkTuyaMCUOutputToChannel, setChannelType)"),
         &importOpenBekenLines},
        {QStringLiteral("tasmota"), QStringLiteral("Tasmota console (TuyaMCU fnId,dpId; Backlog; DimmerRange)"), &importTasmotaLines},
    };
    return registry;
}

const MappingImporter* mappingImporterNamed(const QString& name)
{
    for (const MappingImporter& importer : mappingImporters())
        if (importer.name.compare(name, Qt::CaseInsensitive) == 0)
            return &importer;
    return nullptr;
}

MappingImport importMappingAnyFormat(QByteArrayView text, QString* format)
{
    MappingImport first;
    for (const MappingImporter& importer : mappingImporters()) {
        MappingImport result = importer.read(text);
        if (result.readable) {
            if (format)
                *format = importer.name;
            return result;
        }
        if (first.notes.isEmpty())
            first = result;
    }
    first.notes.clear();
    first.notes << mappingNote(Severity::Error, QStringLiteral("not a dp mapping in any format read (%1)").arg([] {
        QStringList names;
        for (const MappingImporter& importer : mappingImporters())
            names << importer.name;
        return names.join(QStringLiteral(", "));
    }()));
    return first;
}

MappingImport importTuyascopeMapping(QByteArrayView text)
{
    MappingImport result;
    if (std::optional<DpMapping> mapping = DpMapping::fromJson(text.toByteArray(), result.notes)) {
        result.readable = true;
        result.mapping = *mapping;
    }
    return result;
}

QVector<ConsoleCommand> consoleCommands(QByteArrayView text)
{
    QVector<ConsoleCommand> commands;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    static const QRegularExpression nameAndRest(QStringLiteral("^(\\S+)\\s*(.*)$"));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1String("//")) || line.startsWith(QLatin1Char('#')))
            continue;
        QStringList parts{line};
        const QRegularExpressionMatch m = nameAndRest.match(line);
        if (m.captured(1).compare(QLatin1String("backlog"), Qt::CaseInsensitive) == 0
            || m.captured(1).compare(QLatin1String("backlog0"), Qt::CaseInsensitive) == 0)
            parts = m.captured(2).split(QLatin1Char(';'));
        for (const QString& part : parts) {
            const QRegularExpressionMatch c = nameAndRest.match(part.trimmed());
            if (!c.hasMatch())
                continue;
            commands.push_back({i + 1, c.captured(1), c.captured(2).trimmed()});
        }
    }
    return commands;
}

QString roleForTuyaCode(const QString& code)
{
    static const QVector<std::pair<QRegularExpression, QString>> table{
        {QRegularExpression(QStringLiteral("^(switch(_\\d+)?|switch_led|led_switch|power)$")), QStringLiteral("switch")},
        {QRegularExpression(QStringLiteral("^countdown(_\\d+)?$")), QStringLiteral("countdown")},
        {QRegularExpression(QStringLiteral("^bright_value(_v2|_\\d+)?$")), QStringLiteral("brightness")},
        {QRegularExpression(QStringLiteral("^temp_value(_v2)?$")), QStringLiteral("colour_temperature")},
        {QRegularExpression(QStringLiteral("^colour_data(_v2)?$")), QStringLiteral("colour_hsv")},
        {QRegularExpression(QStringLiteral("^(work_mode|mode)$")), QStringLiteral("mode")},
        {QRegularExpression(QStringLiteral("^fan_speed(_enum)?$")), QStringLiteral("fan_speed")},
        {QRegularExpression(QStringLiteral("^(temp_current|va_temperature)$")), QStringLiteral("temperature_current")},
        {QRegularExpression(QStringLiteral("^temp_set$")), QStringLiteral("temperature_target")},
        {QRegularExpression(QStringLiteral("^(humidity_value|va_humidity|humidity)$")), QStringLiteral("humidity")},
        {QRegularExpression(QStringLiteral("^battery_percentage$")), QStringLiteral("battery_level")},
        {QRegularExpression(QStringLiteral("^battery_state$")), QStringLiteral("battery_state")},
        {QRegularExpression(QStringLiteral("^doorcontact_state$")), QStringLiteral("contact")},
        {QRegularExpression(QStringLiteral("^pir(_state)?$")), QStringLiteral("motion")},
        {QRegularExpression(QStringLiteral("^fault$")), QStringLiteral("fault")},
        {QRegularExpression(QStringLiteral("^cur_voltage$")), QStringLiteral("voltage")},
        {QRegularExpression(QStringLiteral("^cur_current$")), QStringLiteral("current")},
        {QRegularExpression(QStringLiteral("^cur_power$")), QStringLiteral("power")},
        {QRegularExpression(QStringLiteral("^add_ele$")), QStringLiteral("energy")},
    };
    for (const auto& [pattern, role] : table)
        if (pattern.match(code).hasMatch())
            return role;
    return {};
}

} // namespace tuyascope
