#pragma once
// Autosave: every record of a live capture goes into a pcapng file as it arrives. Blocks are
// collected in memory and appended to the file in one write at least every flushIntervalMs
// (default 200 ms), so a killed process (even SIGKILL) leaves a file of complete blocks that
// misses at most the last interval, readable by the importer and by tshark.

#include "pcapng/PcapngWriter.h"

#include <QBuffer>
#include <QFile>
#include <QObject>
#include <QString>

class QTimer;

namespace tuyascope {

class LiveCapture;

class Autosave : public QObject {
    Q_OBJECT
public:
    explicit Autosave(LiveCapture* live, QObject* parent = nullptr);
    ~Autosave() override;

    // <user data location>/autosave, e.g. ~/.local/share/TuyaScope/autosave on Linux.
    static QString defaultDirectory();
    // A fresh file name in `directory`: "<prefix>-YYYYMMDD-hhmmss[-n].pcapng".
    static QString newFilePath(const QString& directory, const QString& prefix);

    // Creates `path` (and its directory), writes what the capture holds so far and follows it.
    bool start(const QString& path, QString* error);
    void stop(); // writes what is pending and closes
    bool isActive() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    void setFlushInterval(int milliseconds);
    qint64 bytesWritten() const { return m_written; }

signals:
    void failed(const QString& message); // autosave stopped; the capture in memory is intact

private:
    void writePending();
    void onRecord(int recordIndex);

    LiveCapture* m_live;
    QFile m_file;
    QBuffer m_pending;
    PcapngWriter m_writer;
    QTimer* m_timer;
    qint64 m_written = 0;
};

} // namespace tuyascope
