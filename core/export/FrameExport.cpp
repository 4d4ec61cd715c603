#include "export/FrameExport.h"

namespace tuyascope {

bool FrameExporter::write(const FrameTable& table, const QVector<int>& rows, QIODevice& out, QString* error,
                          const ExportProgress& progress) const
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const int count = table.frameCount();
    for (int row : rows) {
        if (row < 0 || row >= count)
            return fail(QStringLiteral("frame %1 is not in the capture (it has %2 frames)").arg(row + 1).arg(count));
    }
    if (!out.isWritable())
        return fail(QStringLiteral("the output is not open for writing"));
    auto put = [&out](const QByteArray& bytes) { return bytes.isEmpty() || out.write(bytes) == bytes.size(); };
    if (!put(header()))
        return fail(QStringLiteral("write failed: %1").arg(out.errorString()));
    for (int i = 0; i < rows.size(); ++i) {
        if (!put(frame(table, rows.at(i))))
            return fail(QStringLiteral("write failed: %1").arg(out.errorString()));
        if (progress && !progress(i + 1, int(rows.size())))
            return fail(QStringLiteral("export cancelled after %1 of %2 frames").arg(i + 1).arg(rows.size()));
    }
    return true;
}

const FrameExporterRegistry& FrameExporterRegistry::instance()
{
    static const FrameExporterRegistry registry = [] {
        FrameExporterRegistry r;
        using Registration = void (*)(FrameExporterRegistry&);
        const Registration registrations[] = {registerCsvExporter, registerJsonlExporter, registerTextExporter};
        for (Registration reg : registrations)
            reg(r);
        return r;
    }();
    return registry;
}

void FrameExporterRegistry::add(std::unique_ptr<FrameExporter> exporter)
{
    m_exporters.push_back(std::move(exporter));
}

std::vector<const FrameExporter*> FrameExporterRegistry::exporters() const
{
    std::vector<const FrameExporter*> out;
    for (const auto& e : m_exporters)
        out.push_back(e.get());
    return out;
}

const FrameExporter* FrameExporterRegistry::find(const QString& id) const
{
    for (const auto& e : m_exporters) {
        if (e->id() == id)
            return e.get();
    }
    return nullptr;
}

QVector<int> allRows(const FrameTable& table)
{
    QVector<int> rows(table.frameCount());
    for (int i = 0; i < rows.size(); ++i)
        rows[i] = i;
    return rows;
}

} // namespace tuyascope
