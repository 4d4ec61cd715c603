#include "import/CaptureLoader.h"

#include "dissect/Diagnostic.h"
#include "import/ImporterRegistry.h"
#include "import/importers/RequestReplyOrder.h"

#include <QFile>
#include <QFileInfo>

namespace tuyascope {

namespace {

constexpr qint64 kMaxFileBytes = qint64(1) << 30; // record offsets are 32-bit; stay far below

struct FileImport {
    LoadedFile file;
    Capture capture;
    bool empty = false;
    bool timed = false;
};

bool readFile(const QString& path, QByteArray* data, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    if (info.isDir()) {
        *error = QStringLiteral("%1: is a directory, not a capture file").arg(path);
        return false;
    }
    if (info.size() > kMaxFileBytes) {
        *error = QStringLiteral("%1: too large to open (%2 bytes; the limit is %3)").arg(path).arg(info.size()).arg(kMaxFileBytes);
        return false;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be opened: %2").arg(path, f.errorString());
        return false;
    }
    *data = f.readAll();
    if (f.error() != QFileDevice::NoError) {
        *error = QStringLiteral("%1: read error at byte offset %2: %3").arg(path).arg(data->size()).arg(f.errorString());
        return false;
    }
    return true;
}

// Notepad's "Unicode" text is UTF-16 with a byte order mark; every text importer reads UTF-8.
QByteArray utf8FromUtf16(const QByteArray& data, bool* converted)
{
    *converted = false;
    if (data.size() < 2)
        return data;
    const bool le = quint8(data[0]) == 0xFF && quint8(data[1]) == 0xFE;
    const bool be = quint8(data[0]) == 0xFE && quint8(data[1]) == 0xFF;
    if (!le && !be)
        return data;
    QString text;
    text.reserve((data.size() - 2) / 2);
    for (qsizetype i = 2; i + 1 < data.size(); i += 2) {
        const auto lo = quint8(data[le ? i : i + 1]);
        const auto hi = quint8(data[le ? i + 1 : i]);
        text.append(QChar(char16_t((hi << 8) | lo)));
    }
    // Text only: no control characters other than tab and line ends; anything else is binary
    // that happens to start with FF FE.
    for (QChar c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') && c != QLatin1Char('\r'))
            return data;
    }
    *converted = true;
    return text.toUtf8();
}

bool importOne(const QByteArray& original, const QString& fileName, const LoadOptions& options, FileImport* result,
               QString* error)
{
    result->file.path = fileName;
    bool utf16 = false;
    const QByteArray data = utf8FromUtf16(original, &utf16);
    if (utf16) {
        CaptureNote note;
        note.severity = Severity::Chat;
        note.code = QStringLiteral("TEXT_UTF16");
        note.message = QStringLiteral("%1: UTF-16 text, read as UTF-8").arg(fileName);
        note.file = fileName;
        result->capture.addNote(note);
    }
    if (data.isEmpty()) {
        result->empty = true;
        CaptureNote note;
        note.severity = Severity::Note;
        note.code = QStringLiteral("EMPTY_FILE");
        note.message = QStringLiteral("%1: empty (0 bytes), nothing to import").arg(fileName);
        note.file = fileName;
        result->capture.addNote(note);
        return true;
    }

    const ImporterRegistry& registry = ImporterRegistry::instance();
    const QByteArrayView head = QByteArrayView(data).first(qMin<qsizetype>(data.size(), ImporterRegistry::kProbeBytes));
    const CaptureImporter* importer = nullptr;
    int confidence = 0;
    if (!options.forcedImporterId.isEmpty()) {
        importer = registry.find(options.forcedImporterId);
        if (!importer) {
            *error = QStringLiteral("%1: there is no importer \"%2\"").arg(fileName, options.forcedImporterId);
            return false;
        }
        confidence = importer->probe(head, fileName);
    } else {
        const ProbeResult best = registry.sniff(head, fileName);
        if (!best.importer) {
            *error = QStringLiteral("%1: not a capture format TuyaScope knows (no importer recognised the first %2 bytes; "
                                    "no frames, hex lines or log lines were found)")
                         .arg(fileName)
                         .arg(head.size());
            return false;
        }
        importer = best.importer;
        confidence = best.confidence;
    }
    result->file.importerId = importer->id();
    result->file.confidence = confidence;

    ImportOptions io;
    io.fileName = fileName;
    io.direction = options.direction;
    QString importError;
    if (!importer->import(data, io, result->capture, &importError)) {
        *error = importError.isEmpty() ? QStringLiteral("%1: %2 could not read the file").arg(fileName, importer->displayName())
                                       : importError;
        if (!error->contains(fileName))
            *error = QStringLiteral("%1: %2").arg(fileName, *error);
        return false;
    }
    if (result->capture.recordCount() == 0) {
        CaptureNote none;
        none.severity = Severity::Warning;
        none.code = QStringLiteral("NO_DATA");
        none.message = QStringLiteral("%1: read as %2, but it holds no serial data").arg(fileName, importer->displayName());
        none.file = fileName;
        result->capture.addNote(none);
    }
    CaptureNote note;
    note.severity = Severity::Chat;
    note.code = QStringLiteral("IMPORTED_AS");
    note.message = QStringLiteral("%1: opened as %2 (%3, confidence %4), %5 records")
                       .arg(fileName, importer->displayName(), importer->id())
                       .arg(confidence)
                       .arg(result->capture.recordCount());
    note.file = fileName;
    result->capture.addNote(note);
    for (int i = 0; i < result->capture.recordCount() && !result->timed; ++i)
        result->timed = result->capture.recordTime(i) != kUnknownTime;
    return true;
}

CaptureNote timeNote(const QString& message)
{
    CaptureNote note;
    note.severity = Severity::Warning;
    note.code = diag::TimeUnknown;
    note.message = message;
    return note;
}

LoadResult merge(QVector<FileImport>& imports)
{
    LoadResult result;
    result.ok = true;
    for (const FileImport& fi : imports)
        result.files.push_back(fi.file);

    QVector<int> timed;
    QVector<int> untimed;
    for (int i = 0; i < imports.size(); ++i) {
        if (imports.at(i).empty || imports.at(i).capture.isEmpty())
            continue;
        (imports.at(i).timed ? timed : untimed).push_back(i);
    }
    // Notes of files that contributed no records (empty files, text without data).
    for (const FileImport& fi : imports) {
        if (fi.empty || fi.capture.isEmpty()) {
            for (const CaptureNote& n : fi.capture.notes())
                result.capture.addNote(n);
            for (const ChannelInfo& c : fi.capture.channels())
                result.capture.addChannel(c);
        }
    }

    // Timed files: merged by time (a single file keeps its own order).
    for (int i : timed)
        result.capture.appendCapture(imports.at(i).capture);
    if (timed.size() > 1)
        result.capture.sortByTime();

    if (untimed.isEmpty())
        return result;
    QStringList names;
    for (int i : untimed)
        names.push_back(imports.at(i).file.path);
    if (untimed.size() == 1) {
        result.capture.appendCapture(imports.at(untimed.first()).capture);
        if (!timed.isEmpty())
            result.capture.addNote(timeNote(QStringLiteral("%1 has no timestamps: its records follow the timed records; "
                                                           "their place in time is unknown")
                                                .arg(names.first())));
        return result;
    }

    QVector<importers::UntimedFile> files;
    for (int i : untimed)
        files.push_back({&imports.at(i).capture, imports.at(i).file.path});
    Capture ordered;
    const bool synthetic = timed.isEmpty();
    const importers::OrderResult order = importers::reconstructOrder(files, ordered, synthetic);
    if (order.ok) {
        result.capture.appendCapture(ordered);
        QString message = QStringLiteral("%1 carry no timestamps: the order between these files was reconstructed from "
                                         "%2 request/reply pairs (a module frame next to the MCU frame answering it "
                                         "with the same command), not measured")
                              .arg(names.join(QStringLiteral(", ")))
                              .arg(order.pairs);
        if (synthetic)
            message += QStringLiteral("; record times are order keys 1 ms apart starting at the epoch");
        else
            message += QStringLiteral("; they follow the timed records");
        if (!order.guessedDirections.isEmpty())
            message += QStringLiteral(". Directions decided from the content: %1").arg(order.guessedDirections.join(QStringLiteral("; ")));
        result.capture.addNote(timeNote(message));
    } else {
        for (int i : untimed)
            result.capture.appendCapture(imports.at(i).capture);
        result.capture.addNote(timeNote(QStringLiteral("%1 carry no timestamps and their order could not be reconstructed "
                                                       "(%2): the files follow one another; the order between them is "
                                                       "unknown")
                                            .arg(names.join(QStringLiteral(", ")), order.reason)));
    }
    return result;
}

} // namespace

LoadResult loadCaptureData(const QByteArray& data, const QString& fileName, const LoadOptions& options)
{
    QVector<FileImport> imports(1);
    QString error;
    if (!importOne(data, fileName, options, &imports[0], &error)) {
        LoadResult failed;
        failed.error = error;
        return failed;
    }
    LoadResult result = merge(imports);
    result.capture.squeeze();
    return result;
}

LoadResult loadCaptureFiles(const QStringList& paths, const LoadOptions& options)
{
    LoadResult failed;
    if (paths.isEmpty()) {
        failed.error = QStringLiteral("no file given");
        return failed;
    }
    QVector<FileImport> imports(paths.size());
    for (int i = 0; i < paths.size(); ++i) {
        QByteArray data;
        QString error;
        if (!readFile(paths.at(i), &data, &error) || !importOne(data, paths.at(i), options, &imports[i], &error)) {
            failed.error = error;
            return failed;
        }
    }
    LoadResult result = merge(imports);
    imports.clear(); // the merged capture now holds the only reference: squeezing copies no shared block
    result.capture.squeeze();
    return result;
}

} // namespace tuyascope
