// OpenBeken autoexec.bat: driver, baud, dimmer range, then per dp a channel with its type and the
// link. Channels are numbered 1.. in dp order. `//` lines are comments.
#include "dpmap/MappingExport.h"

#include "dpmap/ExportTargetTables.h"

namespace tuyascope {

QString exportOpenBeken(const DpMapping& mapping, const ExportOptions& options)
{
    QStringList lines;
    QStringList comments;
    lines << QStringLiteral("// OpenBeken autoexec.bat written by TuyaScope%1")
                 .arg(mapping.productId.isEmpty() ? QString() : QStringLiteral(" for product ") + mapping.productId);
    lines << QStringLiteral("startDriver TuyaMCU") << QStringLiteral("tuyaMcu_setBaudRate %1").arg(options.baudRate);
    bool dimmerRangeWritten = false;
    int channel = 0;
    for (const DpMapEntry& e : mapping.dps) {
        const dpmap::ObkChannelType* type = dpmap::obkChannelTypeFor(e.role, e.scale);
        if (!type) {
            comments << QStringLiteral("// %1: %2").arg(describeDpForComment(e),
                                                         e.role.isEmpty() ? QStringLiteral("role unknown")
                                                                          : QStringLiteral("no OpenBeken channel type for this role with scale %1").arg(e.scale));
            continue;
        }
        ++channel;
        if (type->role == QLatin1String("brightness") && e.min && e.max) {
            if (!dimmerRangeWritten)
                lines << QStringLiteral("tuyaMcu_setDimmerRange %1 %2").arg(*e.min).arg(*e.max);
            else
                comments << QStringLiteral("// dp %1: OpenBeken has one dimmer range; the first dimmer's was used").arg(e.id);
            dimmerRangeWritten = true;
        }
        lines << QStringLiteral("setChannelType %1 %2").arg(channel).arg(type->channelType);
        if (!e.enumLabels.isEmpty()) {
            QStringList labels;
            for (int i = 0; i < e.enumLabels.size(); ++i)
                labels << QStringLiteral("%1:%2").arg(i).arg(QString(e.enumLabels.at(i)).replace(QLatin1Char(' '), QLatin1Char('_')));
            lines << QStringLiteral("SetChannelEnum %1 %2").arg(channel).arg(labels.join(QLatin1Char(' ')));
        }
        const keys::DpKind kind = e.kind == keys::DpKind::Unknown ? type->kind : e.kind;
        lines << QStringLiteral("linkTuyaMCUOutputToChannel %1 %2 %3").arg(e.id).arg(dpmap::obkVarType(kind)).arg(channel);
    }
    return (lines + comments).join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tuyascope
