// Tasmota console lines: `TuyaMCU fnId,dpId` (alone or inside `Backlog ...;`) and `DimmerRange`.
#include "dpmap/MappingImport.h"

#include "dpmap/ExportTargetTables.h"

#include <QRegularExpression>

namespace tuyascope {

namespace {

std::optional<int> tasmotaNumber(const QString& text)
{
    bool ok = false;
    const QString t = text.trimmed();
    const int n = t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) ? t.mid(2).toInt(&ok, 16) : t.toInt(&ok, 10);
    return ok ? std::optional<int>(n) : std::nullopt;
}

} // namespace

MappingImport importTasmotaLines(QByteArrayView text)
{
    MappingImport result;
    int dimmerDp = 0;
    std::optional<std::pair<int, int>> dimmerRange;
    int dimmerRangeLine = 0;
    for (const ConsoleCommand& c : consoleCommands(text)) {
        const QStringList args = c.arguments.split(QRegularExpression(QStringLiteral("\\s*[, ]\\s*")), Qt::SkipEmptyParts);
        if (c.name.compare(QLatin1String("TuyaMCU"), Qt::CaseInsensitive) == 0) {
            const std::optional<int> fnId = args.size() == 2 ? tasmotaNumber(args.at(0)) : std::nullopt;
            const std::optional<int> dpId = args.size() == 2 ? tasmotaNumber(args.at(1)) : std::nullopt;
            if (!fnId || !dpId || *dpId < 0 || *dpId > 255 || *fnId < 0) {
                result.notes << mappingNote(Severity::Warning, QStringLiteral("`TuyaMCU %1`: expected fnId,dpId; ignored").arg(c.arguments), c.line);
                continue;
            }
            result.readable = true;
            if (*fnId == 0 || *dpId == 0 || *fnId == 99)
                continue; // deletes a mapping / the dummy function: nothing to import
            const dpmap::TasmotaFunction* function = dpmap::tasmotaFunctionForFnId(*fnId);
            if (!function) {
                result.notes << mappingNote(Severity::Warning, QStringLiteral("TuyaMCU fnId %1 is not a known Tasmota function; dp %2 kept without a role")
                                                                   .arg(*fnId).arg(*dpId), c.line);
                result.mapping.entry(*dpId);
                continue;
            }
            DpMapEntry& e = result.mapping.entry(*dpId);
            e.role = function->role;
            if (function->kind != keys::DpKind::Unknown)
                e.kind = function->kind;
            if (function->scale != 0) {
                e.scale = function->scale;
                e.unit = function->unit;
            }
            if (function->role == QLatin1String("fan_speed")) {
                e.min = 0;
                e.max = *fnId - dpmap::kTasmotaFanFirstFnId + dpmap::kTasmotaFanFirstSpeeds - 1;
            }
            if (function->role.isEmpty())
                result.notes << mappingNote(Severity::Note, QStringLiteral("fnId %1 (%2): no TuyaScope role; dp %3 kept without one")
                                                                .arg(*fnId).arg(QLatin1String(function->component)).arg(*dpId), c.line);
            if (*fnId == 21)
                dimmerDp = *dpId;
        } else if (c.name.compare(QLatin1String("DimmerRange"), Qt::CaseInsensitive) == 0) {
            const std::optional<int> low = args.size() == 2 ? tasmotaNumber(args.at(0)) : std::nullopt;
            const std::optional<int> high = args.size() == 2 ? tasmotaNumber(args.at(1)) : std::nullopt;
            if (!low || !high || *low > *high) {
                result.notes << mappingNote(Severity::Warning, QStringLiteral("`DimmerRange %1`: expected min,max; ignored").arg(c.arguments), c.line);
                continue;
            }
            dimmerRange = std::make_pair(*low, *high);
            dimmerRangeLine = c.line;
        } else {
            result.notes << mappingNote(Severity::Note, QStringLiteral("`%1` does not map dps; ignored").arg(c.name), c.line);
        }
    }
    if (dimmerRange) {
        if (dimmerDp) {
            result.mapping.entry(dimmerDp).min = dimmerRange->first;
            result.mapping.entry(dimmerDp).max = dimmerRange->second;
        } else {
            result.notes << mappingNote(Severity::Warning, QStringLiteral("DimmerRange without a TuyaMCU 21,dpId dimmer; ignored"), dimmerRangeLine);
        }
    }
    if (!result.readable)
        result.notes << mappingNote(Severity::Error, QStringLiteral("no `TuyaMCU fnId,dpId` command found"));
    return result;
}

} // namespace tuyascope
