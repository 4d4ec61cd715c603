#include "live/Autosave.h"

#include "live/LiveCapture.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

namespace tuyascope {

Autosave::Autosave(LiveCapture* live, QObject* parent)
    : QObject(parent), m_live(live), m_timer(new QTimer(this))
{
    m_timer->setInterval(200);
    connect(m_timer, &QTimer::timeout, this, &Autosave::writePending);
}

Autosave::~Autosave()
{
    stop();
}

QString Autosave::defaultDirectory()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.tuyascope");
    return base + QStringLiteral("/autosave");
}

QString Autosave::newFilePath(const QString& directory, const QString& prefix)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QDir dir(directory);
    QString path = dir.filePath(QStringLiteral("%1-%2.pcapng").arg(prefix, stamp));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1-%2-%3.pcapng").arg(prefix, stamp).arg(n));
    return path;
}

void Autosave::setFlushInterval(int milliseconds)
{
    m_timer->setInterval(qMax(1, milliseconds));
}

bool Autosave::start(const QString& path, QString* error)
{
    stop();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create the folder %1").arg(info.absolutePath());
        return false;
    }
    m_file.setFileName(path);
    // Unbuffered: each flush is one write() of complete pcapng blocks.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_pending.setData(QByteArray());
    m_pending.open(QIODevice::WriteOnly);
    if (!m_writer.open(&m_pending) || !m_writer.writeCapture(m_live->capture())) {
        if (error)
            *error = m_writer.errorString();
        m_file.close();
        return false;
    }
    m_written = 0;
    connect(m_live, &LiveCapture::recordAppended, this, &Autosave::onRecord, Qt::UniqueConnection);
    writePending();
    m_timer->start();
    return true;
}

void Autosave::onRecord(int recordIndex)
{
    if (!m_file.isOpen())
        return;
    if (!m_writer.appendRecord(m_live->capture(), recordIndex)) {
        const QString message = QStringLiteral("autosave to %1 stopped: %2").arg(path(), m_writer.errorString());
        stop();
        emit failed(message);
    }
}

void Autosave::writePending()
{
    if (!m_file.isOpen() || m_pending.data().isEmpty())
        return;
    const QByteArray bytes = m_pending.data();
    const qint64 written = m_file.write(bytes);
    if (written != bytes.size()) {
        const QString message = QStringLiteral("autosave to %1 stopped: %2").arg(path(), m_file.errorString());
        m_timer->stop();
        m_file.close();
        emit failed(message);
        return;
    }
    m_written += written;
    m_pending.buffer().clear();
    m_pending.seek(0);
}

void Autosave::stop()
{
    if (!m_file.isOpen())
        return;
    m_timer->stop();
    writePending();
    m_file.close();
    m_pending.close();
    disconnect(m_live, &LiveCapture::recordAppended, this, &Autosave::onRecord);
}

} // namespace tuyascope
