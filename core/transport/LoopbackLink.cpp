#include "transport/LoopbackLink.h"

#include "common/Clock.h"

#include <QMetaObject>
#include <QPointer>

namespace tuyascope {

LoopbackEnd::LoopbackEnd(LoopbackLink* link, QString name)
    : Transport(link), m_link(link), m_name(std::move(name))
{
}

bool LoopbackEnd::open()
{
    setState(State::Open);
    return true;
}

void LoopbackEnd::close()
{
    setState(State::Closed);
}

qint64 LoopbackEnd::write(QByteArrayView bytes)
{
    if (!isOpen()) {
        setErrorString(QStringLiteral("%1 is not open").arg(m_name));
        return -1;
    }
    const QByteArray copy = bytes.toByteArray();
    const int maxChunk = m_link->maxChunk();
    // Queued delivery: a reply written from inside a receive handler must not re-enter it.
    for (qsizetype at = 0; at < copy.size();) {
        qsizetype size = copy.size() - at;
        if (maxChunk > 0)
            size = qMin<qsizetype>(size, 1 + qsizetype(m_link->nextRandom() % quint32(maxChunk)));
        const QByteArray piece = copy.mid(at, size);
        QPointer<LoopbackEnd> peer = m_peer;
        QMetaObject::invokeMethod(
            m_link, [peer, piece] { if (peer) peer->deliver(piece); }, Qt::QueuedConnection);
        at += size;
    }
    return copy.size();
}

void LoopbackEnd::deliver(const QByteArray& bytes)
{
    if (isOpen()) // a closed end drops bytes, like a UART nobody listens to
        emit chunkReceived(nowUs(), bytes);
}

LoopbackLink::LoopbackLink(QObject* parent)
    : QObject(parent),
      m_module(new LoopbackEnd(this, QStringLiteral("loopback:module"))),
      m_mcu(new LoopbackEnd(this, QStringLiteral("loopback:mcu")))
{
    m_module->m_peer = m_mcu;
    m_mcu->m_peer = m_module;
}

void LoopbackLink::setMaxChunk(int maxChunk, quint32 seed)
{
    m_maxChunk = qMax(0, maxChunk);
    m_random.seed(seed);
}

quint32 LoopbackLink::nextRandom()
{
    return m_random.next();
}

} // namespace tuyascope
