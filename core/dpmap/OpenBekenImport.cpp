// OpenBeken autoexec lines: linkTuyaMCUOutputToChannel, setChannelType, SetChannelEnum and
// tuyaMcu_setDimmerRange. Channels tie them together, in any order.
#include "dpmap/MappingImport.h"

#include "dpmap/ExportTargetTables.h"

#include <QMap>
#include <QRegularExpression>

namespace tuyascope {

namespace {

bool is(const ConsoleCommand& c, const char* name)
{
    return c.name.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
}

struct ChannelInfo {
    QString type;
    int typeLine = 0;
    QStringList enumLabels;
};

} // namespace

MappingImport importOpenBekenLines(QByteArrayView text)
{
    MappingImport result;
    QMap<int, int> dpOfChannel;       // channel -> dpId
    QMap<int, ChannelInfo> channels;
    std::optional<std::pair<qint64, qint64>> dimmerRange;
    for (const ConsoleCommand& c : consoleCommands(text)) {
        const QStringList args = c.arguments.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        bool ok1 = false;
        bool ok2 = false;
        if (is(c, "linkTuyaMCUOutputToChannel")) {
            const int dpId = args.value(0).toInt(&ok1);
            if (!ok1 || dpId < 1 || dpId > 255 || args.size() < 2) {
                result.notes << mappingNote(Severity::Warning, QStringLiteral("`%1 %2`: expected dpId varType [channel]; ignored")
                                                                   .arg(c.name, c.arguments), c.line);
                continue;
            }
            result.readable = true;
            DpMapEntry& e = result.mapping.entry(dpId);
            if (const std::optional<keys::DpKind> kind = dpmap::obkKindFromVarType(args.at(1)))
                e.kind = *kind;
            else
                result.notes << mappingNote(Severity::Note, QStringLiteral("dp %1: varType %2 is an OpenBeken raw decoder or unknown; type left unknown")
                                                                .arg(dpId).arg(args.at(1)), c.line);
            if (args.size() >= 3) {
                const int channel = args.at(2).toInt(&ok2);
                if (ok2)
                    dpOfChannel.insert(channel, dpId);
                else
                    result.notes << mappingNote(Severity::Warning, QStringLiteral("dp %1: channel \"%2\" is not a number").arg(dpId).arg(args.at(2)), c.line);
            }
            if (args.size() > 3)
                result.notes << mappingNote(Severity::Note, QStringLiteral("dp %1: flags/multiplier/delta arguments not imported").arg(dpId), c.line);
        } else if (is(c, "setChannelType")) {
            const int channel = args.value(0).toInt(&ok1);
            if (!ok1 || args.size() != 2) {
                result.notes << mappingNote(Severity::Warning, QStringLiteral("`setChannelType %1`: expected channel type; ignored").arg(c.arguments), c.line);
                continue;
            }
            channels[channel].type = args.at(1);
            channels[channel].typeLine = c.line;
        } else if (is(c, "SetChannelEnum")) {
            const int channel = args.value(0).toInt(&ok1);
            QStringList labels;
            bool good = ok1 && args.size() >= 2;
            for (int i = 1; good && i < args.size(); ++i) {
                const qsizetype colon = args.at(i).indexOf(QLatin1Char(':'));
                good = colon > 0 && args.at(i).left(colon).toInt() == labels.size();
                labels << args.at(i).mid(colon + 1);
            }
            if (!good) {
                result.notes << mappingNote(Severity::Warning, QStringLiteral("`SetChannelEnum %1`: expected channel 0:label 1:label ...; ignored")
                                                                   .arg(c.arguments), c.line);
                continue;
            }
            channels[channel].enumLabels = labels;
        } else if (is(c, "tuyaMcu_setDimmerRange")) {
            const qint64 low = args.value(0).toLongLong(&ok1);
            const qint64 high = args.value(1).toLongLong(&ok2);
            if (!ok1 || !ok2 || low > high)
                result.notes << mappingNote(Severity::Warning, QStringLiteral("`tuyaMcu_setDimmerRange %1`: expected min max; ignored").arg(c.arguments), c.line);
            else
                dimmerRange = std::make_pair(low, high);
        } else if (!is(c, "startDriver") && !is(c, "tuyaMcu_setBaudRate") && !is(c, "tuyaMcu_defWiFiState")) {
            result.notes << mappingNote(Severity::Note, QStringLiteral("`%1` does not map dps; ignored").arg(c.name), c.line);
        }
    }
    for (auto it = channels.constBegin(); it != channels.constEnd(); ++it) {
        if (!dpOfChannel.contains(it.key())) {
            if (!it->type.isEmpty())
                result.notes << mappingNote(Severity::Note, QStringLiteral("channel %1 is not linked to a dp; its type is not imported").arg(it.key()),
                                            it->typeLine);
            continue;
        }
        DpMapEntry& e = result.mapping.entry(dpOfChannel.value(it.key()));
        e.enumLabels = it->enumLabels;
        if (it->type.isEmpty())
            continue;
        const dpmap::ObkChannelType* type = dpmap::obkChannelTypeNamed(it->type);
        if (!type) {
            result.notes << mappingNote(Severity::Note, QStringLiteral("dp %1: channel type %2 has no TuyaScope role").arg(e.id).arg(it->type),
                                        it->typeLine);
            continue;
        }
        e.role = type->role;
        e.scale = type->scale;
        e.unit = type->unit;
        if (e.kind == keys::DpKind::Unknown)
            e.kind = type->kind;
        if (type->role == QLatin1String("brightness") && dimmerRange) {
            e.min = dimmerRange->first;
            e.max = dimmerRange->second;
        }
    }
    if (!result.readable)
        result.notes << mappingNote(Severity::Error, QStringLiteral("no `linkTuyaMCUOutputToChannel` command found"));
    return result;
}

} // namespace tuyascope
