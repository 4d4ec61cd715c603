// libFuzzer target: every registered importer probes and imports the input (with each direction
// option), the loader sniffs and imports it, and the input cut at an input-chosen point into a
// module file and an MCU file goes through the request/reply order reconstruction.

#include "capture/Capture.h"
#include "import/CaptureImporter.h"
#include "import/CaptureLoader.h"
#include "import/ImporterRegistry.h"
#include "import/importers/RequestReplyOrder.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>

using namespace tuyascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    const ImporterRegistry& registry = ImporterRegistry::instance();
    for (const CaptureImporter* importer : registry.importers()) {
        (void)importer->probe(input, QStringLiteral("fuzz_rx.bin"));
        for (Direction direction : {Direction::Unknown, Direction::ModuleToMcu, Direction::McuToModule}) {
            Capture capture;
            ImportOptions options;
            options.fileName = QStringLiteral("fuzz_rx.bin");
            options.direction = direction;
            QString error;
            (void)importer->import(input, options, capture, &error);
            for (int i = 0; i < capture.recordCount(); ++i)
                (void)capture.record(i);
        }
    }

    const QByteArray bytes = input.toByteArray();
    (void)loadCaptureData(bytes, QStringLiteral("fuzz.txt"));
    if (size > 1) {
        // Two untimed "files", one per direction: the request/reply order reconstruction.
        const qsizetype cut = 1 + qsizetype(data[0]) * (bytes.size() - 1) / 255;
        const CaptureImporter* raw = registry.find(QStringLiteral("raw-binary"));
        if (raw) {
            Capture module;
            Capture mcuSide;
            ImportOptions options;
            QString error;
            options.fileName = QStringLiteral("a.bin");
            options.direction = Direction::ModuleToMcu;
            (void)raw->import(QByteArrayView(bytes).first(cut), options, module, &error);
            options.fileName = QStringLiteral("b.bin");
            options.direction = Direction::McuToModule;
            (void)raw->import(QByteArrayView(bytes).sliced(cut), options, mcuSide, &error);
            Capture merged;
            (void)importers::reconstructOrder({{&module, QStringLiteral("a.bin")}, {&mcuSide, QStringLiteral("b.bin")}},
                                              merged, true);
        }
    }
    return 0;
}
