#include "CliCommands.h"

#include "import/ImporterRegistry.h"

namespace tuyascope::cli {

// The bundled HY609 thermostat capture: decoded frames, then its dpId table.
int runDemo(const QStringList& args, Streams io)
{
    const QString capture = QStringLiteral(":/tuyascope/captures/hy609-thermostat.txt");
    io.out << QStringLiteral("TuyaScope demo: the bundled HY609 thermostat capture (MCU -> module line)\n\n");
    QStringList decodeArgs{args.value(0), QStringLiteral("--embedded"), capture};
    int rc = runDecode(decodeArgs, io);
    if (rc != Ok)
        return rc;
    io.out << QStringLiteral("\ndpId table\n");
    QStringList dpsArgs{args.value(0), QStringLiteral("--embedded"), capture};
    return runDps(dpsArgs, io);
}

int runFormats(const QStringList& args, Streams io)
{
    Q_UNUSED(args);
    io.out << QStringLiteral("Capture formats recognised by content (no need to name them):\n");
    for (const CaptureImporter* importer : ImporterRegistry::instance().importers())
        io.out << QStringLiteral("  %1  %2 (%3)\n").arg(importer->id(), -18).arg(importer->displayName(),
                                                                                    importer->extensions().join(QStringLiteral(", ")));
    return Ok;
}

} // namespace tuyascope::cli
