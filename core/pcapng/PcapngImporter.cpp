// The pcapng / classic pcap importer: TuyaScope's native files and captures from Wireshark,
// tcpdump and friends. Probing is by magic only (pcapng section header with a valid byte-order
// magic, or one of the four pcap magics), so it is certain when it says yes.
#include "import/ImporterRegistry.h"
#include "pcapng/PcapngReader.h"

namespace tuyascope {

namespace {

class PcapngImporter : public CaptureImporter {
public:
    QString id() const override { return QStringLiteral("pcapng"); }
    QString displayName() const override
    {
        return QStringLiteral("pcapng / pcap capture (TuyaScope, Wireshark, tcpdump)");
    }
    QStringList extensions() const override
    {
        return {QStringLiteral("pcapng"), QStringLiteral("pcap"), QStringLiteral("cap"), QStringLiteral("ntar")};
    }
    int probe(QByteArrayView head, const QString& fileName) const override
    {
        Q_UNUSED(fileName);
        return PcapngReader::detect(head) == PcapngReader::Format::Unknown ? 0 : 100;
    }
    bool import(QByteArrayView data, const ImportOptions& options, Capture& out, QString* error) const override
    {
        PcapngReader reader;
        Capture capture;
        const bool ok = reader.read(data, capture, options.fileName);
        if (!ok && capture.recordCount() == 0) {
            // Nothing could be recovered: the file is not readable at all.
            if (error)
                *error = reader.errorString();
            return false;
        }
        // Damage after some records: they are kept, and a capture note names the offset.
        out.appendCapture(capture);
        return true;
    }
};

} // namespace

void registerPcapngImporter(ImporterRegistry& registry)
{
    registry.add(std::make_unique<PcapngImporter>());
}

} // namespace tuyascope
