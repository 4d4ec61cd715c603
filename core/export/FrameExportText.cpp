// Plain text, like a "print details": per frame the list's line, then the field tree indented
// two spaces per level ("Name: value"), then the diagnostics, then a blank line.
#include "export/FrameExport.h"
#include "export/FrameExportRow.h"

namespace tuyascope {

namespace {

// Field values may hold line breaks (a decrypted JSON body); a line of the tree stays one line.
QString oneLine(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\\n"));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    return text;
}

void appendField(const Dissection& d, int index, int depth, QString& out)
{
    const Field& f = d.field(index);
    out += QString(2 * depth, QLatin1Char(' ')) + oneLine(f.name);
    if (!f.value.isEmpty())
        out += QStringLiteral(": ") + oneLine(f.value);
    out += QLatin1Char('\n');
    for (int child : f.children)
        appendField(d, child, depth + 1, out);
}

class TextExporter : public FrameExporter {
public:
    QString id() const override { return QStringLiteral("text"); }
    QString displayName() const override { return QStringLiteral("Text (list lines with field details)"); }
    QString extension() const override { return QStringLiteral("txt"); }

protected:
    QByteArray frame(const FrameTable& table, int row) const override
    {
        const FrameExportRow r = frameExportRow(table, row);
        QStringList line{QString::number(r.number), r.time.isEmpty() ? QStringLiteral("-") : r.time, r.direction,
                         r.protocol};
        if (!r.version.isEmpty())
            line << QStringLiteral("v") + r.version;
        if (!r.command.isEmpty())
            line << r.command;
        line << r.commandName << QStringLiteral("len=%1").arg(r.length);
        if (!r.summary.dps.isEmpty())
            line << QStringLiteral("dps: ") + r.summary.dps;
        if (!r.summary.info.isEmpty())
            line << r.summary.info;
        line << QStringLiteral("[%1]").arg(r.summary.status);
        QString out = oneLine(line.join(QStringLiteral("  "))) + QLatin1Char('\n');
        for (int top : r.dissection.topLevelFields())
            appendField(r.dissection, top, 1, out);
        for (const Diagnostic& diagnostic : r.dissection.diagnostics()) {
            if (diagnostic.severity > Severity::Chat)
                out += QStringLiteral("  ! %1 %2: %3\n").arg(severityName(diagnostic.severity), diagnostic.code,
                                                            oneLine(diagnostic.message));
        }
        out += QLatin1Char('\n');
        return out.toUtf8();
    }
};

} // namespace

void registerTextExporter(FrameExporterRegistry& registry)
{
    registry.add(std::make_unique<TextExporter>());
}

} // namespace tuyascope
