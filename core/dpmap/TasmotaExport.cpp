// Tasmota: `Backlog TuyaMCU fnId,dpId; ...` (at most 30 commands per Backlog), DimmerRange for the
// first dimmer when its range is known, SetOption97 for 115200 baud. `#` lines are comments.
#include "dpmap/MappingExport.h"

#include "dpmap/ExportTargetTables.h"

#include <QMap>

namespace tuyascope {

namespace {

constexpr int kBacklogMaxCommands = 30;

// The fnId for the n-th dp (0-based) of a role, or 0 with *why set.
int fnIdFor(const DpMapEntry& e, int index, QString* why)
{
    if (e.role == QLatin1String("fan_speed")) {
        const qint64 speeds = !e.enumLabels.isEmpty() ? e.enumLabels.size() : e.max ? *e.max + 1 : 0;
        if (speeds < dpmap::kTasmotaFanFirstSpeeds || speeds > dpmap::kTasmotaFanFirstSpeeds + 3) {
            *why = QStringLiteral("Tasmota fan functions need 3 to 6 speeds (enum labels or max)");
            return 0;
        }
        return dpmap::kTasmotaFanFirstFnId + int(speeds) - dpmap::kTasmotaFanFirstSpeeds;
    }
    for (const dpmap::TasmotaFunction& f : dpmap::tasmotaFunctions()) {
        if (f.role.isEmpty() || f.role != e.role)
            continue;
        if (f.firstFnId + index > f.lastFnId) {
            *why = QStringLiteral("Tasmota has only %1 %2 function(s)").arg(f.lastFnId - f.firstFnId + 1).arg(QLatin1String(f.component));
            return 0;
        }
        return f.firstFnId + index;
    }
    *why = e.role.isEmpty() ? QStringLiteral("role unknown") : QStringLiteral("no Tasmota TuyaMCU function");
    return 0;
}

} // namespace

QString exportTasmota(const DpMapping& mapping, const ExportOptions& options)
{
    QStringList commands;
    QStringList comments;
    QMap<QString, int> usedPerRole;
    bool relayOneUsed = false;
    for (const DpMapEntry& e : mapping.dps) {
        QString why;
        const int fnId = fnIdFor(e, usedPerRole.value(e.role), &why);
        if (!fnId) {
            comments << QStringLiteral("# %1: %2").arg(describeDpForComment(e), why);
            continue;
        }
        ++usedPerRole[e.role];
        relayOneUsed = relayOneUsed || fnId == 11;
        commands << QStringLiteral("TuyaMCU %1,%2").arg(fnId).arg(e.id);
        const dpmap::TasmotaFunction* f = dpmap::tasmotaFunctionForFnId(fnId);
        if (f && f->scale != 0 && !dpmap::sameScale(f->scale, e.scale))
            comments << QStringLiteral("# dp %1: Tasmota reads %2 with scale %3, the mapping says %4").arg(e.id)
                            .arg(QLatin1String(f->component)).arg(f->scale).arg(e.scale);
        if (fnId == 21 && e.min && e.max)
            commands << QStringLiteral("DimmerRange %1,%2").arg(*e.min).arg(*e.max);
    }
    // Tasmota maps dp 1 to Relay1 by default; without a relay that default must go.
    if (!relayOneUsed)
        commands.prepend(QStringLiteral("TuyaMCU 11,0"));
    if (options.baudRate == 115200)
        commands << QStringLiteral("SetOption97 1");
    QString text = QStringLiteral("# Tasmota TuyaMCU configuration written by TuyaScope%1\n")
                       .arg(mapping.productId.isEmpty() ? QString() : QStringLiteral(" for product ") + mapping.productId);
    if (options.baudRate != 9600 && options.baudRate != 115200)
        text += QStringLiteral("# %1 baud: Tasmota's TuyaMCU driver only runs at 9600 or 115200\n").arg(options.baudRate);
    for (int i = 0; i < commands.size(); i += kBacklogMaxCommands)
        text += QStringLiteral("Backlog ") + commands.mid(i, kBacklogMaxCommands).join(QStringLiteral("; ")) + QLatin1Char('\n');
    for (const QString& comment : comments)
        text += comment + QLatin1Char('\n');
    return text;
}

} // namespace tuyascope
