#pragma once
// Exports of a capture's frames (the rows of a FrameTable) as files: one exporter per format in a
// registry, so the window's format list, the file extension and the tests all come from one table.
// Adding a format = adding a registration. Exporters read only facts, bytes and field trees; keys
// never appear in those, so no export can leak a local or session key.
#include "frames/FrameTable.h"

#include <QIODevice>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>
#include <vector>

namespace tuyascope {

// Called after each exported frame; returning false cancels the export.
using ExportProgress = std::function<bool(int done, int total)>;

class FrameExporter {
public:
    virtual ~FrameExporter() = default;
    virtual QString id() const = 0;          // stable key: "csv", "jsonl", "text"
    virtual QString displayName() const = 0; // e.g. "CSV (comma-separated values)"
    virtual QString extension() const = 0;   // without the dot
    // Writes `rows` (source rows of `table`, in the order given) to `out`. Returns false with
    // `error` when a row is out of range (nothing is written then), the device fails or
    // `progress` cancels.
    bool write(const FrameTable& table, const QVector<int>& rows, QIODevice& out, QString* error = nullptr,
               const ExportProgress& progress = {}) const;

protected:
    // What comes before the first frame (a CSV header), and one frame's complete text.
    virtual QByteArray header() const { return {}; }
    virtual QByteArray frame(const FrameTable& table, int row) const = 0;
};

class FrameExporterRegistry {
public:
    static const FrameExporterRegistry& instance();

    void add(std::unique_ptr<FrameExporter> exporter);
    std::vector<const FrameExporter*> exporters() const; // registration order
    const FrameExporter* find(const QString& id) const;

private:
    std::vector<std::unique_ptr<FrameExporter>> m_exporters;
};

// Every row of the table, in order (the "all frames" scope).
QVector<int> allRows(const FrameTable& table);

// Registration, one per format (FrameExportCsv.cpp, FrameExportJsonl.cpp, FrameExportText.cpp).
void registerCsvExporter(FrameExporterRegistry& registry);
void registerJsonlExporter(FrameExporterRegistry& registry);
void registerTextExporter(FrameExporterRegistry& registry);

} // namespace tuyascope
